"""Demo: Drechtsteden handovers and applications at Sociale Dienst Drechtsteden.

Creates signing keys for the demo organisations, a few coached trajects with
consent, handovers from Randstad Drechtsteden, and applications with checks in
various states (some overdue), so that 'poortwachter' and 'klantmanager' have
work. Idempotent: demo people are found again by their BSN.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from maxww.organisations.models import Municipality, Organisation, User
from maxww.people.bsn import bsn_hash, encrypt_bsn
from maxww.people.constants import GrantBasis
from maxww.people.models import Household, Person, WWClaim
from maxww.people.services import grant_access

from . import services
from .constants import CheckStatus
from .models import BijstandApplication, Handover, OrganisationKey

ORDER = 50

# (bsn, first, last, birth date, household, municipality code, stage)
PEOPLE = [
    (
        "111222333",
        "Sandra",
        "Verbeek",
        dt.date(1979, 6, 3),
        "single",
        "GM0505",
        "ready",
    ),
    (
        "123456782",
        "Youssef",
        "Amrani",
        dt.date(2001, 2, 14),
        "single",
        "GM0505",
        "handover",
    ),
    (
        "100000009",
        "Ingrid",
        "Kok",
        dt.date(1968, 11, 20),
        "couple",
        "GM0590",
        "overdue",
    ),
    (
        "100000010",
        "Piet",
        "de Graaf",
        dt.date(1985, 4, 9),
        "single_parent",
        "GM0642",
        "checked",
    ),
    (
        "100000022",
        "Linda",
        "Hoekstra",
        dt.date(1990, 8, 30),
        "single",
        "GM0505",
        "routed",
    ),
]


def _person(row, uwv: Organisation, on: dt.date) -> Person:
    bsn, first, last, birth, household, code, _stage = row
    person = Person.objects.filter(bsn_hash=bsn_hash(bsn)).first()
    if person is None:
        person = Person.objects.create(
            bsn_hash=bsn_hash(bsn),
            bsn_encrypted=encrypt_bsn(bsn),
            first_name=first,
            initials=first[0] + ".",
            last_name=last,
            birth_date=birth,
            postcode="3311AB",
            house_number="12",
            municipality=Municipality.objects.get(code=code),
            owner=uwv,
        )
        Household.objects.create(
            person=person,
            household_type=household,
            partner_birth_date=dt.date(1966, 1, 1) if household == "couple" else None,
            assets=Decimal("2500.00"),
            debts=Decimal("400.00"),
            children=1 if household == "single_parent" else 0,
            known_on=on,
        )
        WWClaim.objects.create(
            person=person,
            claim_ref=f"DEMO-HO-{bsn[-4:]}",
            start_date=on - dt.timedelta(days=330),
            max_end_date=on + dt.timedelta(days=20),
            daily_wage=Decimal("118.40"),
            hours_lost=Decimal("36.0"),
            occupation="Orderpicker",
            sector="Logistiek",
        )
    return person


@dataclass(frozen=True)
class _Actors:
    """The demo organisations and users a handover passes between."""

    uwv: Organisation
    partner: Organisation
    sdd: Organisation
    coach: User
    gatekeeper: User
    case_manager: User


def load(context) -> str:
    """Signing keys; per demo person a coached traject, consent to share with
    the municipality and, by stage, a handover, an application, its checks and
    a route; and one application that came in without a handover."""
    on = context.on
    now = timezone.make_aware(dt.datetime.combine(on, dt.time(9, 30)))
    actors = _actors()
    if actors is None:
        return "Overdracht: demo-organisaties ontbreken, overgeslagen."
    for org in (actors.uwv, actors.partner, actors.sdd):
        if not OrganisationKey.objects.filter(organisation=org).exists():
            services.generate_key(organisation=org, now=now)
    made = 0
    for i, row in enumerate(PEOPLE):
        person = _person(row, actors.uwv, on)
        grant_access(
            person=person,
            organisation=actors.partner,
            basis=GrantBasis.CASELOAD,
            source="demo",
        )
        traject = _coached_traject(person, actors, i, on=on)
        _consent_for_municipality(person, actors, on=on)
        stage = row[-1]
        if stage == "ready" or Handover.objects.filter(traject=traject).exists():
            continue
        handover = services.hand_over(
            traject=traject,
            to_organisation=actors.sdd,
            by=actors.coach,
            on=on,
            planned_talk_at=now + dt.timedelta(days=2, hours=1),
            notes="Klant is gemotiveerd; graag samen het overdrachtsgesprek voeren.",
        )
        made += 1
        if stage != "handover":
            _application(person, handover, stage, actors, now=now)
    _fresh_application(actors, on=on, now=now)
    return (
        f"Overdracht: {made} nieuwe warme overdrachten, "
        f"{BijstandApplication.objects.filter(organisation=actors.sdd).count()} aanvragen bij SDD."
    )


def _actors() -> _Actors | None:
    """The demo organisations and users, or None when one is missing."""
    try:
        return _Actors(
            uwv=Organisation.objects.get(name="UWV Dordrecht"),
            partner=Organisation.objects.get(name="Randstad Drechtsteden"),
            sdd=Organisation.objects.get(name="Sociale Dienst Drechtsteden"),
            coach=User.objects.get(username="coach"),
            gatekeeper=User.objects.get(username="poortwachter"),
            case_manager=User.objects.get(username="klantmanager"),
        )
    except (Organisation.DoesNotExist, User.DoesNotExist):
        return None


def _coached_traject(person: Person, actors: _Actors, i: int, *, on: dt.date):
    """The person's traject at the partner; a new one gets a jobready check, a
    plan action and a contact."""
    from maxww.trajects.constants import ContactChannel, TrajectState
    from maxww.trajects.models import Traject
    from maxww.trajects.services import (
        add_plan_action,
        log_contact,
        record_jobready_check,
    )

    coach = actors.coach
    traject = Traject.objects.filter(person=person, organisation=actors.partner).first()
    if traject is not None:
        return traject
    traject = Traject.objects.create(
        person=person,
        organisation=actors.partner,
        coach=coach,
        state=TrajectState.COACHING,
        signalled_date=on - dt.timedelta(days=90),
        state_date=on - dt.timedelta(days=60),
        reason="Max-WW: einde WW in zicht",
    )
    record_jobready_check(
        traject=traject,
        by=coach,
        on=on - dt.timedelta(days=55),
        hours_available=32 if i % 2 else 20,
        own_transport=bool(i % 2),
    )
    add_plan_action(
        traject=traject,
        kind="applications",
        description="10 sollicitaties per week",
        weekly_target=10,
        by=coach,
        on=on - dt.timedelta(days=55),
    )
    log_contact(
        traject=traject,
        channel=ContactChannel.PHONE,
        summary="Cv en zoekprofiel besproken",
        by=coach,
        on=on - dt.timedelta(days=40),
    )
    return traject


def _consent_for_municipality(person: Person, actors: _Actors, *, on: dt.date) -> None:
    """Consent to share the dossier with the municipality, unless given."""
    from maxww.trajects.constants import ConsentPurpose
    from maxww.trajects.services import give_consent, has_consent

    purpose = ConsentPurpose.SHARE_WITH_MUNICIPALITY
    if not has_consent(person, purpose, actors.sdd):
        give_consent(
            person=person,
            purpose=purpose,
            recipient=actors.sdd,
            by=actors.coach,
            on=on - dt.timedelta(days=10),
            scope="Dossier warme overdracht bij bijstandsaanvraag",
        )


def _application(
    person: Person, handover: Handover, stage: str, actors: _Actors, *, now: dt.datetime
) -> None:
    """The application after a handover; checked (one problem) or routed."""
    received_at = {
        "overdue": now - dt.timedelta(days=6),
        "checked": now - dt.timedelta(days=1),
        "routed": now - dt.timedelta(days=3),
    }[stage]
    gatekeeper = actors.gatekeeper
    application = services.register_application(
        person=person,
        organisation=actors.sdd,
        by=gatekeeper,
        application_date=timezone.localtime(received_at).date(),
        received_at=received_at,
        handover=handover,
        **services.facts_from_handover(handover),
    )
    if stage in ("checked", "routed"):
        for check in application.checks.all():
            status = (
                CheckStatus.PROBLEM
                if stage == "checked" and check.kind == "assets"
                else CheckStatus.OK
            )
            services.record_check(
                check=check,
                status=status,
                note="Spaarrekening partner nog opvragen"
                if status == "problem"
                else "",
                by=gatekeeper,
                now=received_at + dt.timedelta(hours=20),
            )
    if stage == "routed":
        services.choose_route(
            application=application,
            answers={
                "work_experience": "Administratief medewerker, 10 jaar",
                "barriers": [],
                "motivation": "high",
                "expected_time_to_work": "within_3_months",
                "care_needs": False,
            },
            case_manager=actors.case_manager,
            by=gatekeeper,
            now=received_at + dt.timedelta(days=1),
        )


def _fresh_application(actors: _Actors, *, on: dt.date, now: dt.datetime) -> None:
    """One application that came in without a handover (once)."""
    if BijstandApplication.objects.filter(
        source="fresh", organisation=actors.sdd
    ).exists():
        return
    services.register_fresh_application(
        bsn="100000034",
        last_name="Jansen",
        birth_date=dt.date(1995, 3, 3),
        municipality=Municipality.objects.get(code="GM0505"),
        organisation=actors.sdd,
        by=actors.gatekeeper,
        application_date=on,
        received_at=now,
        person_fields={"first_name": "Tom", "initials": "T."},
        household_type="single",
        net_monthly_income=Decimal("250.00"),
    )
