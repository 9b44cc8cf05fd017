"""A demo client for Mijn Max-WW: login 'client', a person in Drechtsteden with an
invitation, a traject with a plan, and consents. Safe to run again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from maxww.demo.services import DEMO_PASSWORD
from maxww.organisations.models import Municipality, Organisation, User
from maxww.people.bsn import bsn_hash, encrypt_bsn
from maxww.people.constants import GrantBasis, HouseholdType
from maxww.people.models import Household, Person, WWClaim
from maxww.people.services import grant_access
from maxww.trajects.constants import ConsentPurpose, PlanActionKind, TrajectState
from maxww.trajects.models import Consent, PlanAction, Traject
from maxww.trajects.services import give_consent
from maxww.voorlichting.constants import InvitationStatus, SessionFormat
from maxww.voorlichting.models import Invitation, Session

from .services import link_portal_user

ORDER = 80

USERNAME = "client"
# A synthetic BSN (elfproef-valid, outside the ranges the other demo steps use).
DEMO_BSN = "999990019"
CLAIM_REF = "DEMO-PORTAAL-1"
SESSION_NOTE = "demo:portal"


def load(context) -> str:
    """The demo client: person, household and claim, the portal login, an
    invitation to an information session, a traject with a plan, consents."""
    on: dt.date = context.on
    uwv = Organisation.objects.filter(name="UWV Dordrecht").first()
    partner = Organisation.objects.filter(name="Randstad Drechtsteden").first()
    municipality = Municipality.objects.filter(code="GM0505").first()
    coordinator = User.objects.filter(username="coordinator").first()
    coach = User.objects.filter(username="coach").first()
    if not all((uwv, partner, municipality, coordinator, coach)):
        return ""
    person = _client(uwv, municipality, on=on)
    grant_access(person=person, organisation=uwv, basis=GrantBasis.CASELOAD)
    link_portal_user(person=person, username=USERNAME, password=DEMO_PASSWORD)
    _invitation(person, uwv, coordinator, on=on)
    _traject_with_plan(person, uwv, coach, on=on)
    _consents(person, partner, coordinator, on=on)
    return (
        f"Portaal: inwoner-login '{USERNAME}' (wachtwoord {DEMO_PASSWORD}) op /mijn/ "
        "met uitnodiging, traject met plan en toestemmingen."
    )


def _client(uwv: Organisation, municipality: Municipality, *, on: dt.date) -> Person:
    """The demo person with a household and a WW claim ending in 75 days."""
    person, _created = Person.objects.update_or_create(
        bsn_hash=bsn_hash(DEMO_BSN),
        defaults={
            "bsn_encrypted": encrypt_bsn(DEMO_BSN),
            "initials": "F.",
            "first_name": "Fatima",
            "last_name": "El Idrissi",
            "birth_date": dt.date(1974, 6, 12),
            "postcode": "3311AB",
            "house_number": "12",
            "municipality": municipality,
            "email": "fatima.el.idrissi@example.org",
            "owner": uwv,
        },
    )
    Household.objects.update_or_create(
        person=person,
        defaults={
            "household_type": HouseholdType.SINGLE,
            "co_residents_27_plus": 0,
            "assets": Decimal("3500"),
            "debts": Decimal("0"),
            "known_on": on,
        },
    )
    WWClaim.objects.update_or_create(
        claim_ref=CLAIM_REF,
        defaults={
            "person": person,
            "start_date": on - dt.timedelta(days=600),
            "max_end_date": on + dt.timedelta(days=75),
            "daily_wage": Decimal("118.40"),
            "hours_lost": Decimal("32.0"),
            "occupation": "Orderpicker",
            "sector": "Logistiek",
        },
    )
    return person


def _invitation(
    person: Person, uwv: Organisation, coordinator: User, *, on: dt.date
) -> None:
    """Two sessions (Tuesdays in 2 and 4 weeks), invited to the first."""
    sessions = []
    for weeks, place in ((2, "zaal 2"), (4, "zaal 3")):
        day = on + dt.timedelta(weeks=weeks, days=(1 - on.weekday()) % 7)
        starts = timezone.make_aware(dt.datetime.combine(day, dt.time(13, 30)))
        session, _ = Session.objects.update_or_create(
            region=uwv.region,
            organisation=uwv,
            notes=f"{SESSION_NOTE}:{weeks}",
            defaults={
                "title": "Max-WW in zicht",
                "format": SessionFormat.GROUP_INFO,
                "starts_at": starts,
                "place": f"UWV Dordrecht, {place}",
                "address": "Spuiboulevard 300, Dordrecht",
                "capacity": 20,
                "created_by": coordinator,
            },
        )
        sessions.append(session)
    Invitation.objects.filter(person=person, session__in=sessions).delete()
    Invitation.objects.create(
        session=sessions[0],
        person=person,
        status=InvitationStatus.INVITED,
        invited_by=coordinator,
        invited_date=on,
    )


def _traject_with_plan(
    person: Person, uwv: Organisation, coach: User, *, on: dt.date
) -> None:
    """A coaching traject at UWV with three plan actions (one done)."""
    traject, _ = Traject.objects.update_or_create(
        person=person,
        organisation=uwv,
        defaults={
            "coach": coach,
            "state": TrajectState.COACHING,
            "signalled_date": on - dt.timedelta(days=40),
            "state_date": on - dt.timedelta(days=14),
            "reason": "Einde WW binnen 3 maanden",
        },
    )
    traject.plan_actions.all().delete()
    for kind, text, target, done in (
        (PlanActionKind.APPLICATIONS, "Solliciteren op logistieke functies", 3, None),
        (PlanActionKind.CV, "Cv bijwerken met heftruckcertificaat", None, on),
        (
            PlanActionKind.BROADEN,
            "Ook kijken naar productiewerk in Zwijndrecht",
            None,
            None,
        ),
    ):
        PlanAction.objects.create(
            traject=traject,
            kind=kind,
            description=text,
            weekly_target=target,
            agreed_date=on - dt.timedelta(days=10),
            done_date=done,
            agreed_by=coach,
        )


def _consents(
    person: Person, partner: Organisation, coordinator: User, *, on: dt.date
) -> None:
    """Consent to share with the partner and the municipality, unless given."""
    if not Consent.objects.filter(
        person=person, recipient=partner, withdrawn_at__isnull=True
    ).exists():
        give_consent(
            person=person,
            purpose=ConsentPurpose.SHARE_WITH_PARTNER,
            recipient=partner,
            by=coordinator,
            on=on - dt.timedelta(days=14),
        )
    muni_org = Organisation.objects.filter(name="Sociale Dienst Drechtsteden").first()
    if (
        muni_org
        and not Consent.objects.filter(person=person, recipient=muni_org).exists()
    ):
        give_consent(
            person=person,
            purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
            recipient=muni_org,
            by=coordinator,
            on=on - dt.timedelta(days=14),
        )
