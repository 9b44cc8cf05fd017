"""factory-boy factories for sessions and invitations."""

import datetime as dt

from django.utils import timezone

import factory

from maxww.organisations.tests.factories import OrganisationFactory, UserFactory
from maxww.voorlichting.constants import SessionFormat
from maxww.voorlichting.models import Session


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    organisation = factory.SubFactory(OrganisationFactory, uwv=True)
    region = factory.LazyAttribute(lambda s: s.organisation.region)
    format = SessionFormat.GROUP_INFO
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    place = "UWV Dordrecht, zaal 2"
    capacity = 15
    created_by = factory.SubFactory(UserFactory)
