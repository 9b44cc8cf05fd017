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


def load(context) -> str:
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
    trajects: list[Traject] = []
    meta: dict[str, dict] = {}
    for code, office in offices.items():
        config = configs.get(code)
        months = config.coaching_months if config else 3
        claims = list(
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
        seen: set[int] = set()
        for claim in claims:
            pid = claim["person_id"]
            if pid in seen:
                continue
            seen.add(pid)
            past = claim["max_end_date"] <= on
            if rng.random() > (0.18 if past else 0.45):
                continue
            end = claim["max_end_date"]
            start = max(add_months(end, -months), on - dt.timedelta(days=400))
            if not past:
                start = min(start, on - dt.timedelta(days=rng.randint(3, 40)))
            t = Traject(
                uuid=uuid.uuid4(),
                person_id=pid,
                organisation=office,
                reason=REASON,
                signalled_date=start,
                state_date=start,
            )
            info = {"past": past, "end": end, "region": code}
            if past:
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
            else:
                t.state = rng.choices(
                    [
                        TrajectState.COACHING,
                        TrajectState.FOLLOW_UP,
                        TrajectState.ATTENDED,
                    ],
                    weights=[70, 15, 15],
                )[0]
                t.state_date = start + dt.timedelta(days=7)
            if code == "AM24" and coaches and partner is not None:
                t.coach = coaches[len(trajects) % len(coaches)]
            trajects.append(t)
            meta[str(t.uuid)] = info
    Traject.objects.bulk_create(trajects, batch_size=2000)
    ids = dict(Traject.objects.filter(reason=REASON).values_list("uuid", "id"))
    consents, grants, events, checks = [], [], [], []
    contacts, tasks, actions, reviews, durability = [], [], [], [], []
    for t in trajects:
        tid = ids[t.uuid]
        info = meta[str(t.uuid)]
        events.append(
            TrajectEvent(
                traject_id=tid,
                event="traject_signalled",
                to_state=TrajectState.SIGNALLED,
                by=coordinator,
                on=t.signalled_date,
                detail={"reason": REASON},
            )
        )
        events.append(
            TrajectEvent(
                traject_id=tid,
                event="traject_state_changed",
                from_state=TrajectState.SIGNALLED,
                to_state=TrajectState.COACHING
                if t.state != TrajectState.ATTENDED
                else TrajectState.ATTENDED,
                by=t.coach or coordinator,
                on=t.signalled_date + dt.timedelta(days=7),
            )
        )
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
        if t.coach is not None:
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
            consents.append(c)
            grants.append(
                AccessGrant(
                    person_id=t.person_id,
                    organisation=partner,
                    basis=GrantBasis.CONSENT,
                    source=f"consent:{c.uuid}",
                )
            )
        by = t.coach or coordinator
        start = t.signalled_date
        checks.append(
            JobreadyCheck(
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
        )
        actions.append(
            PlanAction(
                traject_id=tid,
                kind=PlanActionKind.APPLICATIONS,
                description="10 sollicitaties per week",
                weekly_target=10,
                agreed_date=start + dt.timedelta(days=7),
                agreed_by=by,
            )
        )
        actions.append(
            PlanAction(
                traject_id=tid,
                kind=PlanActionKind.BROADEN,
                description="Van droombaan naar broodbaan: ook logistiek en zorg",
                agreed_date=start + dt.timedelta(days=7),
                agreed_by=by,
                done_date=start + dt.timedelta(days=21) if info["past"] else None,
            )
        )
        last = t.ended_date or on
        n_contacts = rng.randint(2, 5)
        for i in range(n_contacts):
            day = start + dt.timedelta(days=7 * i + rng.randint(0, 3))
            if day > last:
                break
            text, step = CONTACT_TEXTS[i % len(CONTACT_TEXTS)]
            contacts.append(
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
                reviews.append(
                    PlanReview(
                        traject_id=tid,
                        review_date=day,
                        applications=(a := rng.randint(4, 14)),
                        on_track=a >= 10,
                        reviewed_by=by,
                    )
                )
        if t.state != TrajectState.ENDED:
            for title, delta in (
                ("Cv controleren en versturen naar werkgever", rng.randint(-6, 3)),
                ("Weekgesprek voeren", rng.randint(1, 7)),
            ):
                tasks.append(
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
                tasks.append(task)
                durability.append(
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
    Consent.objects.bulk_create(consents, batch_size=2000)
    AccessGrant.objects.bulk_create(grants, batch_size=2000, ignore_conflicts=True)
    TrajectEvent.objects.bulk_create(events, batch_size=2000)
    JobreadyCheck.objects.bulk_create(checks, batch_size=2000)
    PlanAction.objects.bulk_create(actions, batch_size=2000)
    PlanReview.objects.bulk_create(reviews, batch_size=2000)
    Contact.objects.bulk_create(contacts, batch_size=2000)
    Task.objects.bulk_create(tasks, batch_size=2000)
    for task, check in durability:
        check.task_id = task.pk
    DurabilityCheck.objects.bulk_create([c for _, c in durability], batch_size=2000)
    ended = [t for t in trajects if t.state == TrajectState.ENDED]
    placed = sum(1 for t in ended if t.outcome == Outcome.WORK)
    return (
        f"Trajecten: {len(trajects)} ({len(trajects) - len(ended)} lopend, "
        f"{len(ended)} afgesloten, {placed / max(len(ended), 1):.0%} naar werk), "
        f"{len(consents)} toestemmingen."
    )


def _aware(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
