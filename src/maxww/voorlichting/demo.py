"""Demo: information sessions per region with invitations, attendance and nabellen.

Eight past weekly sessions and three upcoming ones per UWV office, and before
those a monthly session for the people whose WW has ended since (a share of
those screened, as in 's-Hertogenbosch: 340 of 1,392 invited). Attendance
follows the region's tone: about 20% with an open, voluntary invitation (000
§1.3, §2.1) and about 60% with a strict one (Drechtsteden: ~15 invited, 5–10
come, 001 §3.2). No-shows get call tasks; older ones have an outcome. The
Dordrecht coordinator owns the Drechtsteden sessions. Bulk inserts; a second
run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from maxww.organisations.constants import SessionTone
from maxww.organisations.models import Organisation, RegionalConfig, User
from maxww.people.constants import ClaimStatus
from maxww.people.models import WWClaim
from maxww.screening.constants import PreCheck
from maxww.trajects.constants import TrajectState
from maxww.trajects.services import add_months, bulk_move

from .constants import CallOutcome, InvitationStatus, SessionFormat
from .models import CallTask, Invitation, LetterTemplate, Session
from .services import DEFAULT_LETTERS

ORDER = 30
ATTENDANCE = {SessionTone.STRICT: 0.6, SessionTone.OPEN: 0.2}
INVITED_PER_SESSION = 15
WEEKS_BACK = 8  # weekly sessions; before those, monthly ones (``_history``)


def load(context) -> str:
    """Weekly sessions per UWV office, with invitations, attendance and call-backs."""
    on: dt.date = context.on
    rng = context.rng
    coordinator = User.objects.filter(username="coordinator").first()
    if coordinator is None:
        return ""
    if Session.objects.filter(created_by=coordinator).exists():
        return "Voorlichting: demo-bijeenkomsten bestonden al."
    hosts = list(
        User.objects.filter(username__in=["coordinator", "adviseur", "klantmanager"])
    )
    configs = {c.region_id: c for c in RegionalConfig.objects.all()}
    totals = [0, 0, 0]  # sessions, invited, attended
    for office in Organisation.objects.filter(kind="uwv").select_related("region"):
        _give_sender(office)
        counts = _office_sessions(
            office,
            configs.get(office.region_id),
            on=on,
            rng=rng,
            coordinator=coordinator,
            hosts=hosts,
        )
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
    sessions_made, invited_total, attended_total = totals
    rate = attended_total / max(invited_total, 1)
    return (
        f"Voorlichting: {sessions_made} bijeenkomsten, {invited_total} uitnodigingen, "
        f"{attended_total} aanwezig ({rate:.0%})."
    )


@dataclass
class _Office:
    """What every session of one office shares."""

    office: Organisation
    on: dt.date
    rng: object
    coordinator: User
    hosts: list
    rate: float
    caller: User | None
    inv_months: int
    coach_months: int
    used: set


def _office_sessions(office, config, *, on, rng, coordinator, hosts):
    """One office's letter templates, recent weekly sessions and older history.

    Returns (sessions, invited, attended).
    """
    tone = config.session_tone if config else SessionTone.OPEN
    for t in SessionTone:
        subject, body = DEFAULT_LETTERS[t]
        LetterTemplate.objects.get_or_create(
            region=office.region,
            tone=t,
            defaults={"subject": subject, "body": body, "signature": str(office)},
        )
    ctx = _Office(
        office=office,
        on=on,
        rng=rng,
        coordinator=coordinator,
        hosts=hosts,
        rate=ATTENDANCE[tone],
        caller=coordinator if office == coordinator.organisation else None,
        inv_months=config.invitation_months if config else 6,
        coach_months=config.coaching_months if config else 3,
        used=set(
            Invitation.objects.filter(session__organisation=office).values_list(
                "person_id", flat=True
            )
        ),
    )
    sessions = invited = attended = 0
    for week in range(-WEEKS_BACK, 3):
        n_invited, n_attended = _week_session(ctx, week)
        sessions += 1
        invited += n_invited
        attended += n_attended
    made, n_invited, came = _history(
        office, on, rng, ctx.rate, coordinator, ctx.inv_months
    )
    return sessions + made, invited + n_invited, attended + came


def _week_session(ctx: _Office, week: int) -> tuple[int, int]:
    """The Wednesday session ``week`` weeks from now; returns (invited, attended)."""
    office, coordinator = ctx.office, ctx.coordinator
    day = _wednesday(ctx.on + dt.timedelta(weeks=week))
    starts = _at(day)
    session = Session.objects.create(
        region=office.region,
        organisation=office,
        title="Max-WW in zicht",
        format=SessionFormat.GROUP_INFO if week % 3 else SessionFormat.WORKSHOP_CV,
        starts_at=starts,
        place=f"{office.name}, zaal 2",
        capacity=INVITED_PER_SESSION + 5,
        created_by=coordinator,
    )
    if office.region.code == "AM24":
        session.hosts.set(ctx.hosts)
    if week > 0:
        return 0, 0  # upcoming sessions: invite from the screening list
    chosen = _choose(ctx, day)
    past = day < ctx.on
    attended = _invite(ctx, session, chosen, day=day, past=past)
    bulk_move(
        person_ids=chosen,
        organisation=office,
        to=TrajectState.INVITED,
        by=coordinator,
        on=day - dt.timedelta(days=21),
        reason="Uitgenodigd voor voorlichting (demo)",
    )
    if attended:
        bulk_move(
            person_ids=attended,
            organisation=office,
            to=TrajectState.ATTENDED,
            by=coordinator,
            on=day,
        )
    if past:
        _close(ctx, session, day=day)
    return len(chosen), len(attended)


def _choose(ctx: _Office, day: dt.date) -> list[int]:
    """Up to INVITED_PER_SESSION people in the invitation window, not yet invited."""
    months = min(ctx.coach_months, ctx.inv_months - 1)
    candidates = [
        pid
        for pid in WWClaim.objects.filter(
            person__owner=ctx.office,
            status=ClaimStatus.ACTIVE,
            max_end_date__gt=add_months(day, months),
            max_end_date__lte=add_months(day, ctx.inv_months),
        )
        .exclude(person_id__in=ctx.used)
        .values_list("person_id", flat=True)[:200]
    ]
    ctx.rng.shuffle(candidates)
    chosen = candidates[:INVITED_PER_SESSION]
    ctx.used.update(chosen)
    return chosen


def _invite(ctx: _Office, session, chosen, *, day: dt.date, past: bool) -> list[int]:
    """The invitations, attended or not for a past session; returns who came."""
    starts = session.starts_at
    invitations, attended = [], []
    for pid in chosen:
        came = past and ctx.rng.random() < ctx.rate
        status = (
            InvitationStatus.ATTENDED
            if came
            else InvitationStatus.NO_SHOW
            if past
            else InvitationStatus.INVITED
        )
        invitations.append(
            Invitation(
                session=session,
                person_id=pid,
                status=status,
                invited_by=ctx.coordinator,
                invited_date=day - dt.timedelta(days=21),
                attended_at=starts if came else None,
                registered_by=ctx.coordinator if came else None,
                letter_printed_at=starts - dt.timedelta(days=21),
            )
        )
        if came:
            attended.append(pid)
    Invitation.objects.bulk_create(invitations)
    return attended


def _close(ctx: _Office, session, *, day: dt.date) -> None:
    """Attendance closed; a call task per no-show, done when it is two weeks old."""
    starts = session.starts_at
    session.attendance_closed_at = starts + dt.timedelta(hours=3)
    session.save(update_fields=["attendance_closed_at"])
    no_shows = session.invitations.filter(status=InvitationStatus.NO_SHOW)
    old = day < ctx.on - dt.timedelta(days=14)
    CallTask.objects.bulk_create(
        [
            CallTask(
                invitation=inv,
                assignee=ctx.caller,
                due_date=day + dt.timedelta(days=2),
                outcome=ctx.rng.choice(CallOutcome.values) if old else "",
                done_at=starts + dt.timedelta(days=2) if old else None,
                done_by=ctx.coordinator if old else None,
            )
            for inv in no_shows
        ]
    )


# Share of the screened invited: 's-Hertogenbosch 2015, 340 of 1,392 (seeds 000);
# the coordinator picks those likely to need bijstand more often.
INVITE_CHANCE = {PreCheck.LIKELY: 0.35, PreCheck.UNLIKELY: 0.1}


def _history(office, on, rng, rate, coordinator, inv_months) -> tuple[int, int, int]:
    """One session a month in the past for the claims that have ended since.

    The people whose WW ended were screened before it did (screening demo);
    some of them were invited in their invitation month, and came at the
    region's rate. Returns sessions, invitations and attendances made.
    """
    screened = WWClaim.objects.filter(
        person__owner=office,
        status=ClaimStatus.ENDED,
        screening__precheck__in=list(INVITE_CHANCE),
    ).values_list("person_id", "max_end_date", "actual_end_date", "screening__precheck")
    by_month: dict[dt.date, list[int]] = {}
    until = on - dt.timedelta(weeks=WEEKS_BACK)
    for person_id, end, left, precheck in screened:
        day = _wednesday(add_months(end, -inv_months).replace(day=1))
        if day >= until or (left is not None and day >= left):
            continue
        if rng.random() < INVITE_CHANCE[precheck]:
            by_month.setdefault(day, []).append(person_id)
    months = sorted(by_month.items())
    sessions = Session.objects.bulk_create(
        Session(
            region=office.region,
            organisation=office,
            title="Max-WW in zicht",
            format=SessionFormat.GROUP_INFO,
            starts_at=_at(day),
            place=f"{office.name}, zaal 2",
            capacity=max(INVITED_PER_SESSION, len(people)) + 5,
            created_by=coordinator,
            attendance_closed_at=_at(day) + dt.timedelta(hours=3),
        )
        for day, people in months
    )
    invitations = []
    for session, (day, people) in zip(sessions, months, strict=True):
        for person_id in people:
            came = rng.random() < rate
            invitations.append(
                Invitation(
                    session=session,
                    person_id=person_id,
                    status=InvitationStatus.ATTENDED
                    if came
                    else InvitationStatus.NO_SHOW,
                    invited_by=coordinator,
                    invited_date=day - dt.timedelta(days=21),
                    attended_at=session.starts_at if came else None,
                    registered_by=coordinator if came else None,
                    letter_printed_at=session.starts_at - dt.timedelta(days=21),
                )
            )
    Invitation.objects.bulk_create(invitations, batch_size=2000)
    came = sum(1 for i in invitations if i.status == InvitationStatus.ATTENDED)
    return len(sessions), len(invitations), came


def _wednesday(day: dt.date) -> dt.date:
    """The first Wednesday on or after ``day`` (the sessions' weekday)."""
    return day + dt.timedelta(days=(2 - day.weekday()) % 7)


def _at(day: dt.date) -> dt.datetime:
    """10:00 on ``day``, when the sessions start."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def _give_sender(office: Organisation) -> None:
    """Synthetic sender block and contact details for an office's letters."""
    if office.letter_sender:
        return
    town = office.name.removeprefix("UWV ").strip()
    Organisation.objects.filter(pk=office.pk).update(
        letter_sender=f"Team Max-WW\nPostbus {1000 + office.pk}\n{town}",
        letter_place=town,
        phone="0800 000 00 00",
        email=f"maxww-{office.region.code.lower()}@example.org",
        opening_hours="maandag t/m vrijdag van 9.00 tot 17.00 uur",
    )
    office.refresh_from_db()
