"""factory-boy factories for trajects and consent."""

import datetime as dt

import factory

from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.tests.factories import PersonFactory
from maxww.trajects.constants import ConsentKind, ConsentPurpose, TrajectState
from maxww.trajects.models import Consent, Traject


class TrajectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Traject

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    state = TrajectState.SIGNALLED
    signalled_date = factory.LazyFunction(dt.date.today)
    state_date = factory.LazyFunction(dt.date.today)

    class Params:
        coaching = factory.Trait(state=TrajectState.COACHING)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    purpose = ConsentPurpose.SHARE_WITH_PARTNER
    recipient = factory.SubFactory(OrganisationFactory, partner=True)
    kind = ConsentKind.VERBAL
    given_at = factory.Faker("date_time_this_year", tzinfo=dt.UTC)
    recorded_by = factory.SubFactory("maxww.organisations.tests.factories.UserFactory")
