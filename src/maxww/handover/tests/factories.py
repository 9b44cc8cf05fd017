"""Test and demo helpers: a traject ready for handover, applications."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

import factory

from maxww.handover.models import BijstandApplication
from maxww.organisations.constants import OrganisationKind, Role
from maxww.organisations.models import Organisation, User
from maxww.organisations.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)
from maxww.people.constants import HouseholdType
from maxww.people.tests.factories import PersonFactory, WWClaimFactory
from maxww.trajects.constants import (
    ConsentPurpose,
    ContactChannel,
    PlanActionKind,
    TrajectState,
)
from maxww.trajects.services import (
    add_plan_action,
    give_consent,
    log_contact,
    record_jobready_check,
)
from maxww.trajects.tests.factories import TrajectFactory

ON = dt.date(2026, 3, 2)
# The household part of the new-application form, as a browser posts it.
APPLICATION_FACTS_FORM = {
    "household_type": "single",
    "co_residents_27_plus": "0",
    "net_monthly_income": "0",
    "assets": "0",
    "debts": "0",
    "home_equity": "0",
}


@dataclass
class Setup:
    coach: User
    partner: Organisation
    municipality_org: Organisation
    gatekeeper: User
    case_manager: User
    traject: object


def traject_ready_for_handover(*, consent: bool = True, on: dt.date = ON) -> Setup:
    """A coached traject in a municipality's area, with check, plan and contacts."""
    region = RegionFactory()
    municipality = MunicipalityFactory(region=region)
    partner = OrganisationFactory(kind=OrganisationKind.PARTNER, region=region)
    sdd = OrganisationFactory(kind=OrganisationKind.SHARED_SERVICE, region=region)
    sdd.municipalities.add(municipality)
    coach = UserFactory(role=Role.COACH, organisation=partner)
    gatekeeper = UserFactory(role=Role.GATEKEEPER, organisation=sdd)
    case_manager = UserFactory(role=Role.CASE_MANAGER, organisation=sdd)
    person = PersonFactory(municipality=municipality, birth_date=dt.date(1980, 5, 17))
    person.household.household_type = HouseholdType.SINGLE
    person.household.assets = Decimal("1200.00")
    person.household.save()
    WWClaimFactory(
        person=person,
        start_date=dt.date(2025, 3, 1),
        max_end_date=dt.date(2026, 3, 31),
        daily_wage=Decimal("112.50"),
    )
    traject = TrajectFactory(
        person=person,
        organisation=partner,
        coach=coach,
        state=TrajectState.COACHING,
        signalled_date=dt.date(2025, 12, 1),
        state_date=dt.date(2026, 1, 5),
    )
    from maxww.people.services import grant_access

    grant_access(person=person, organisation=partner, basis="caseload", source="test")
    record_jobready_check(
        traject=traject, by=coach, on=dt.date(2026, 1, 6), hours_available=32
    )
    add_plan_action(
        traject=traject,
        kind=PlanActionKind.APPLICATIONS,
        description="10 sollicitaties per week",
        weekly_target=10,
        by=coach,
        on=dt.date(2026, 1, 6),
    )
    log_contact(
        traject=traject,
        channel=ContactChannel.PHONE,
        summary="Cv besproken",
        by=coach,
        on=dt.date(2026, 1, 13),
    )
    if consent:
        give_consent(
            person=person,
            purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
            recipient=sdd,
            by=coach,
            on=dt.date(2026, 2, 1),
        )
    return Setup(coach, partner, sdd, gatekeeper, case_manager, traject)


def received(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class BijstandApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BijstandApplication

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, kind=OrganisationKind.SHARED_SERVICE
    )
    source = "fresh"
    application_date = ON
    received_at = factory.LazyAttribute(lambda a: received(a.application_date))
    household_type = HouseholdType.SINGLE
