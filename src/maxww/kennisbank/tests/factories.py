"""factory-boy factories for the kennisbank."""

from decimal import Decimal

import factory

from maxww.kennisbank.constants import CostUnit, Funder, Phase
from maxww.kennisbank.models import Instrument


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Instrument {n}")
    description = "Een instrument om aan het werk te helpen."
    amount = Decimal("100.00")
    cost_unit = CostUnit.ONCE
    funder = Funder.MUNICIPALITY
    phase = Phase.BOTH
    target_groups = ",all,"

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)
