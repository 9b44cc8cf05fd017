"""Demo: trajects for people in the coaching window and in the past year.

Coached people in the Drechtsteden get consent for Randstad Drechtsteden (so the
demo ``coach`` has a caseload), a jobready check, a plan, contacts and tasks.
Past trajects end with outcomes in the ranges of domain.md: Team Max WW placed
58% of those in mediation (000 §2.1); elsewhere about 36% went to work
(Rotterdam, 000 §1.3); about 80% still work after 3 and 6 months (Q3 figures).
Bulk inserts; a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

import structlog

from maxww.organisations.constants import Role
from maxww.organisations.models import Organisation, RegionalConfig, User
from maxww.people.constants import ClaimStatus, GrantBasis
from maxww.people.models import AccessGrant, WWClaim

from .constants import (
    DURABILITY_MONTHS,
    ConsentKind,
    ConsentPurpose,
    ContactChannel,
    ContractType,
    Outcome,
    PlanActionKind,
    TaskKind,
    TrajectState,
)
from .models import (
    Consent,
    Contact,
    DurabilityCheck,
    JobreadyCheck,
    PlanAction,
    PlanReview,
    Task,
    Traject,
    TrajectEvent,
)
from .services import add_months

logger = structlog.stdlib.get_logger(__name__)

ORDER = 20
REASON = "Max-WW: intensieve begeleiding (demo)"
DEMO_COACHES = [
    # username, organisation, first, last, sector
    ("coach2", "Randstad Drechtsteden", "Fatima", "Ouali", "administratief"),
    ("coach3", "Randstad Drechtsteden", "Joost", "van Leeuwen", "zorg"),
]
# Share placed in work among ended trajects, per region (000 §1.3, §2.1).
WORK_SHARE = {"AM24": 0.58, "AM22": 0.36}
DEFAULT_WORK_SHARE = 0.40
EMPLOYERS = [
    "Zorggroep Drechtsteden",
    "Logistiek Centrum Zwijndrecht",
    "Gemeente Dordrecht",
    "Bouwbedrijf Van Wijk",
    "Albert Heijn distributiecentrum",
    "Thuiszorg De Linde",
    "Installatietechniek Rijnmond",
    "Schoonmaakbedrijf Helder",
]
CONTACT_TEXTS = [
    ("Intakegesprek: wensen, mogelijkheden en werkplan besproken.", "Cv aanpassen"),
    ("Cv samen doorgenomen; breder zoeken besproken.", "Vijf vacatures bekijken"),
    ("Vacature in de logistiek besproken, wil solliciteren.", "Sollicitatie versturen"),
    ("Terugkoppeling sollicitatiegesprek; nog geen uitslag.", "Nabellen werkgever"),
    ("Weekgesprek: acht sollicitaties verstuurd.", "Volgende week weer"),
]


def _coaches(region_code: str) -> list[User]:
    users = []
    orgs = {o.name: o for o in Organisation.objects.filter(region__code=region_code)}
    for username, org_name, first, last, sector in DEMO_COACHES:
        if org_name not in orgs:
            continue
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": Role.COACH,
                "organisation": orgs[org_name],
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.maxww.invalid",
                "sector_specialisation": sector,
            },
        )
        if created:
            from maxww.demo.services import DEMO_PASSWORD

            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users.append(user)
    main = User.objects.filter(username="coach").first()
    if main is not None:
        if not main.sector_specialisation:
            main.sector_specialisation = "techniek en logistiek"
            main.save(update_fields=["sector_specialisation"])
        users.insert(0, main)
    return users


@dataclass
class _Rows:
    """The rows of one demo run, written in bulk at the end."""

    consents: list[Consent] = field(default_factory=list)
    grants: list[AccessGrant] = field(default_factory=list)
    events: list[TrajectEvent] = field(default_factory=list)
    checks: list[JobreadyCheck] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    actions: list[PlanAction] = field(default_factory=list)
    reviews: list[PlanReview] = field(default_factory=list)
    durability: list[tuple[Task, DurabilityCheck]] = field(default_factory=list)


def load(context) -> str:
    """Trajects per UWV office, then per traject its events, consent, jobready
    check, plan, contacts and tasks; all rows are written in bulk."""
    on: dt.date = context.on
    rng = context.rng
    if Traject.objects.filter(reason=REASON).exists():
        return "Trajecten: demo-trajecten bestonden al."
    coordinator = User.objects.filter(username="coordinator").first()
    if coordinator is None:
        return ""
    configs = {
        c.region.code: c for c in RegionalConfig.objects.select_related("region")
    }
    offices = {
        o.region.code: o
        for o in Organisation.objects.filter(kind="uwv").select_related("region")
    }
    partner = Organisation.objects.filter(name="Randstad Drechtsteden").first()
    coaches = _coaches("AM24")
    trajects, past = _new_trajects(configs, offices, partner, coaches, on=on, rng=rng)
    Traject.objects.bulk_create(trajects, batch_size=2000)
    ids = dict(Traject.objects.filter(reason=REASON).values_list("uuid", "id"))
    rows = _Rows()
    for t in trajects:
        tid = ids[t.uuid]
        by = t.coach or coordinator
        rows.events += _events(t, tid, coordinator)
        if t.coach is not None:
            _add_consent(rows, t, partner, coordinator)
        rows.checks.append(_jobready_check(tid, t.signalled_date, by, rng))
        rows.actions += _plan_actions(tid, t.signalled_date, by, past=past[t.uuid])
        _add_contacts(rows, t, tid, by, on=on, rng=rng)
        _add_tasks(rows, t, tid, by, on=on, rng=rng)
    _save(rows)
    return _summary(trajects, rows)


def _new_trajects(
    configs: dict, offices: dict, partner, coaches: list[User], *, on: dt.date, rng
) -> tuple[list[Traject], dict[uuid.UUID, bool]]:
    """Unsaved trajects for a share of each office's people in the coaching
    window or with a claim ended in the past year; and which are past."""
    trajects: list[Traject] = []
    past: dict[uuid.UUID, bool] = {}
    for code, office in offices.items():
        config = configs.get(code)
        months = config.coaching_months if config else 3
        seen: set[int] = set()
        for claim in _claims(office, months, on=on):
            pid = claim["person_id"]
            if pid in seen:
                continue
            seen.add(pid)
            is_past = claim["max_end_date"] <= on
            if rng.random() > (0.18 if is_past else 0.45):
                continue
            t = _traject(pid, office, claim["max_end_date"], months, on=on, rng=rng)
            if is_past:
                _end(t, claim["max_end_date"], code, on=on, rng=rng)
            else:
                t.state = rng.choices(
                    [
                        TrajectState.COACHING,
                        TrajectState.FOLLOW_UP,
                        TrajectState.ATTENDED,
                    ],
                    weights=[70, 15, 15],
                )[0]
                t.state_date = t.signalled_date + dt.timedelta(days=7)
            if code == "AM24" and coaches and partner is not None:
                t.coach = coaches[len(trajects) % len(coaches)]
            trajects.append(t)
            past[t.uuid] = is_past
    return trajects, past


def _claims(office: Organisation, months: int, *, on: dt.date) -> list[dict]:
    """The office's claims ending in the coaching window or in the past year,
    newest first per person."""
    return list(
        WWClaim.objects.filter(person__owner=office)
        .filter(
            Q(
                status=ClaimStatus.ACTIVE,
                max_end_date__gt=on,
                max_end_date__lte=add_months(on, months),
            )
            | Q(max_end_date__gt=on - dt.timedelta(days=365), max_end_date__lte=on)
        )
        .order_by("person_id", "-max_end_date")
        .values("person_id", "max_end_date", "sector")
    )


def _traject(
    pid: int, office: Organisation, end: dt.date, months: int, *, on: dt.date, rng
) -> Traject:
    """A traject signalled ``months`` before the claim ends (at most 400 days
    back; a running one at least a few days ago)."""
    start = max(add_months(end, -months), on - dt.timedelta(days=400))
    if end > on:
        start = min(start, on - dt.timedelta(days=rng.randint(3, 40)))
    return Traject(
        uuid=uuid.uuid4(),
        person_id=pid,
        organisation=office,
        reason=REASON,
        signalled_date=start,
        state_date=start,
    )


def _end(t: Traject, end: dt.date, code: str, *, on: dt.date, rng) -> None:
    """End a past traject with an outcome in the region's proportions."""
    share = WORK_SHARE.get(code, DEFAULT_WORK_SHARE)
    r = rng.random()
    if r < share:
        outcome = Outcome.WORK
    else:
        outcome = rng.choices(
            [
                Outcome.BIJSTAND_APPLICATION,
                Outcome.OTHER_INCOME,
                Outcome.MOVED,
                Outcome.STOPPED,
                Outcome.DECLINED,
            ],
            weights=[60, 12, 5, 13, 10],
        )[0]
    ended = min(end, on)
    t.state, t.state_date, t.ended_date, t.outcome = (
        TrajectState.ENDED,
        ended,
        ended,
        outcome,
    )
    if outcome == Outcome.WORK:
        t.employer_name = rng.choice(EMPLOYERS)
        t.hours_per_week = Decimal(rng.choice([20, 24, 28, 32, 36, 38, 40]))
        t.work_start_date = ended - dt.timedelta(days=rng.randint(0, 30))
        t.contract_type = rng.choice(ContractType.values)


def _events(t: Traject, tid: int, coordinator: User) -> list[TrajectEvent]:
    """Signalled, coaching (or attended) and, for an ended traject, ended."""
    events = [
        TrajectEvent(
            traject_id=tid,
            event="traject_signalled",
            to_state=TrajectState.SIGNALLED,
            by=coordinator,
            on=t.signalled_date,
            detail={"reason": REASON},
        ),
        TrajectEvent(
            traject_id=tid,
            event="traject_state_changed",
            from_state=TrajectState.SIGNALLED,
            to_state=TrajectState.COACHING
            if t.state != TrajectState.ATTENDED
            else TrajectState.ATTENDED,
            by=t.coach or coordinator,
            on=t.signalled_date + dt.timedelta(days=7),
        ),
    ]
    if t.state == TrajectState.ENDED:
        events.append(
            TrajectEvent(
                traject_id=tid,
                event="traject_state_changed",
                from_state=TrajectState.COACHING,
                to_state=TrajectState.ENDED,
                by=t.coach or coordinator,
                on=t.ended_date,
                detail={"outcome": t.outcome},
            )
        )
    return events


def _add_consent(rows: _Rows, t: Traject, partner, coordinator: User) -> None:
    """Verbal consent to share with the partner, and the grant it gives."""
    c = Consent(
        uuid=uuid.uuid4(),
        person_id=t.person_id,
        purpose=ConsentPurpose.SHARE_WITH_PARTNER,
        recipient=partner,
        scope="Werkzoekprofiel, cv en contactgegevens voor bemiddeling.",
        kind=ConsentKind.VERBAL,
        given_at=_aware(t.signalled_date),
        recorded_by=coordinator,
    )
    rows.consents.append(c)
    rows.grants.append(
        AccessGrant(
            person_id=t.person_id,
            organisation=partner,
            basis=GrantBasis.CONSENT,
            source=f"consent:{c.uuid}",
        )
    )


def _jobready_check(tid: int, start: dt.date, by: User, rng) -> JobreadyCheck:
    """The jobready check a week after the start."""
    return JobreadyCheck(
        traject_id=tid,
        checked_date=start + dt.timedelta(days=7),
        checked_by=by,
        own_transport=rng.random() < 0.7,
        hours_available=rng.choice([16, 24, 32, 36, 40]),
        qualifications=rng.choice(["Mbo 2 logistiek", "Vca", "Havo", ""]),
        is_jobready=rng.random() < 0.75,
        gaps=[]
        if rng.random() < 0.5
        else ["Geen eigen vervoer: zoek werk bereikbaar met OV of fiets."],
    )


def _plan_actions(
    tid: int, start: dt.date, by: User, *, past: bool
) -> list[PlanAction]:
    """Applications per week, and broadening the search (done if past)."""
    return [
        PlanAction(
            traject_id=tid,
            kind=PlanActionKind.APPLICATIONS,
            description="10 sollicitaties per week",
            weekly_target=10,
            agreed_date=start + dt.timedelta(days=7),
            agreed_by=by,
        ),
        PlanAction(
            traject_id=tid,
            kind=PlanActionKind.BROADEN,
            description="Van droombaan naar broodbaan: ook logistiek en zorg",
            agreed_date=start + dt.timedelta(days=7),
            agreed_by=by,
            done_date=start + dt.timedelta(days=21) if past else None,
        ),
    ]


def _add_contacts(
    rows: _Rows, t: Traject, tid: int, by: User, *, on: dt.date, rng
) -> None:
    """Weekly contacts until the end, each after the first with a plan review."""
    start = t.signalled_date
    last = t.ended_date or on
    n_contacts = rng.randint(2, 5)
    for i in range(n_contacts):
        day = start + dt.timedelta(days=7 * i + rng.randint(0, 3))
        if day > last:
            break
        text, step = CONTACT_TEXTS[i % len(CONTACT_TEXTS)]
        rows.contacts.append(
            Contact(
                traject_id=tid,
                channel=rng.choice(ContactChannel.values),
                contact_date=day,
                summary=text,
                next_step=step,
                by=by,
            )
        )
        if i:
            rows.reviews.append(
                PlanReview(
                    traject_id=tid,
                    review_date=day,
                    applications=(a := rng.randint(4, 14)),
                    on_track=a >= 10,
                    reviewed_by=by,
                )
            )


def _add_tasks(
    rows: _Rows, t: Traject, tid: int, by: User, *, on: dt.date, rng
) -> None:
    """Open tasks for a running traject; durability checks after work."""
    if t.state != TrajectState.ENDED:
        for title, delta in (
            ("Cv controleren en versturen naar werkgever", rng.randint(-6, 3)),
            ("Weekgesprek voeren", rng.randint(1, 7)),
        ):
            rows.tasks.append(
                Task(
                    traject_id=tid,
                    title=title,
                    due_date=on + dt.timedelta(days=delta),
                    assignee=by,
                )
            )
    elif t.outcome == Outcome.WORK:
        for months in DURABILITY_MONTHS:
            due = add_months(t.work_start_date, months)
            done = due <= on
            still = rng.random() < 0.8 if done else None
            task = Task(
                traject_id=tid,
                kind=TaskKind.DURABILITY,
                title=f"Controleer of de persoon na {months} maanden nog werkt",
                due_date=due,
                assignee=by,
                done_at=_aware(due) if done else None,
            )
            rows.tasks.append(task)
            rows.durability.append(
                (
                    task,
                    DurabilityCheck(
                        traject_id=tid,
                        months=months,
                        due_date=due,
                        still_working=still,
                        checked_date=due if done else None,
                        checked_by=by if done else None,
                    ),
                )
            )


def _save(rows: _Rows) -> None:
    """Write the rows in bulk; durability checks after their tasks."""
    Consent.objects.bulk_create(rows.consents, batch_size=2000)
    AccessGrant.objects.bulk_create(rows.grants, batch_size=2000, ignore_conflicts=True)
    TrajectEvent.objects.bulk_create(rows.events, batch_size=2000)
    JobreadyCheck.objects.bulk_create(rows.checks, batch_size=2000)
    PlanAction.objects.bulk_create(rows.actions, batch_size=2000)
    PlanReview.objects.bulk_create(rows.reviews, batch_size=2000)
    Contact.objects.bulk_create(rows.contacts, batch_size=2000)
    Task.objects.bulk_create(rows.tasks, batch_size=2000)
    for task, check in rows.durability:
        check.task_id = task.pk
    DurabilityCheck.objects.bulk_create(
        [c for _, c in rows.durability], batch_size=2000
    )


def _summary(trajects: list[Traject], rows: _Rows) -> str:
    ended = [t for t in trajects if t.state == TrajectState.ENDED]
    placed = sum(1 for t in ended if t.outcome == Outcome.WORK)
    return (
        f"Trajecten: {len(trajects)} ({len(trajects) - len(ended)} lopend, "
        f"{len(ended)} afgesloten, {placed / max(len(ended), 1):.0%} naar werk), "
        f"{len(rows.consents)} toestemmingen."
    )


def _aware(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
