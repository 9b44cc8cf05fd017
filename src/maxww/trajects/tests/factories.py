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


def coached_traject(make_user, *, uwv, partner, person) -> Traject:
    """A traject as the coordinator starts it: WW ending in 60 days, consent to
    share with ``partner``, signalled by UWV and assigned to coach "kees"."""
    from django.utils import timezone

    from maxww.organisations.constants import Role
    from maxww.people.constants import GrantBasis
    from maxww.people.services import grant_access
    from maxww.people.tests.factories import WWClaimFactory
    from maxww.trajects import services

    coordinator = make_user(role=Role.COORDINATOR, organisation=uwv)
    coach = make_user(role=Role.COACH, organisation=partner, username="kees")
    on = timezone.localdate()
    WWClaimFactory(person=person, max_end_date=on + dt.timedelta(days=60))
    grant_access(person=person, organisation=uwv, basis=GrantBasis.CASELOAD)
    services.give_consent(
        person=person,
        purpose=ConsentPurpose.SHARE_WITH_PARTNER,
        recipient=partner,
        by=coordinator,
        on=on,
    )
    traject = services.signal(person=person, organisation=uwv, by=coordinator, on=on)
    services.assign_coach(traject=traject, coach=coach, by=coordinator, on=on)
    return traject
