"""Attendance after a session, and the call-backs of those who did not come."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

import structlog

from maxww.core.formatting import nl_datetime
from maxww.organisations.constants import Role
from maxww.organisations.models import RegionalConfig
from maxww.people.models import Person
from maxww.policy import Perm, can
from maxww.trajects.constants import Outcome, TrajectState
from maxww.trajects.models import Traject
from maxww.trajects.services import bulk_move, transition
from maxww.voorlichting.constants import CallOutcome, InvitationStatus
from maxww.voorlichting.models import CallTask, Invitation, Session

from .invitations import invite_people

if TYPE_CHECKING:
    from maxww.organisations.models import User

logger = structlog.stdlib.get_logger(__name__)


class AttendanceError(ValidationError):
    """Attendance cannot be registered (e.g. already closed)."""


def _ensure_started(session: Session, now: datetime | None) -> None:
    """Attendance exists only from the session's start."""
    if (now or timezone.now()) < session.starts_at:
        raise AttendanceError(
            _(
                "De bijeenkomst is nog niet begonnen. Aanwezigheid registreren "
                "kan vanaf %(start)s."
            )
            % {"start": nl_datetime(session.starts_at)}
        )


@dataclass(frozen=True)
class AttendanceResult:
    invitation: Invitation
    already: bool
    message: str


@transaction.atomic
def register_attendance(
    *, invitation: Invitation, by: User, on: date, now: datetime | None = None
) -> AttendanceResult:
    """Register that the person came; a second registration changes nothing.

    Refused (``AttendanceError``) before the session has started.
    """
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("session", "person")
        .get(pk=invitation.pk)
    )
    _ensure_started(invitation.session, now)
    name = invitation.person.full_name
    if invitation.status == InvitationStatus.ATTENDED:
        at = timezone.localtime(invitation.attended_at)
        return AttendanceResult(
            invitation,
            True,
            _("%(name)s was al als aanwezig geregistreerd (om %(t)s).")
            % {"name": name, "t": f"{at:%H:%M}"},
        )
    invitation.status = InvitationStatus.ATTENDED
    invitation.attended_at = timezone.now()
    invitation.registered_by = by
    invitation.save(update_fields=["status", "attended_at", "registered_by"])
    # A late-registered no-show no longer needs a call.
    CallTask.objects.filter(invitation=invitation, done_at__isnull=True).delete()
    bulk_move(
        person_ids=[invitation.person_id],
        organisation=invitation.session.organisation,
        to=TrajectState.ATTENDED,
        by=by,
        on=on,
    )
    return AttendanceResult(
        invitation, False, _("%(name)s is aanwezig.") % {"name": name}
    )


@transaction.atomic
def unregister_attendance(
    *, invitation: Invitation, by: User, on: date
) -> AttendanceResult:
    """Undo a mistaken registration while attendance is still open."""
    invitation = Invitation.objects.select_related("session", "person").get(
        pk=invitation.pk
    )
    if invitation.session.attendance_closed_at is not None:
        raise AttendanceError(
            _("De aanwezigheid van deze bijeenkomst is al afgesloten.")
        )
    if invitation.status != InvitationStatus.ATTENDED:
        return AttendanceResult(invitation, True, _("Niet als aanwezig geregistreerd."))
    invitation.status = (
        InvitationStatus.ACCEPTED
        if invitation.responded_date
        else InvitationStatus.INVITED
    )
    invitation.attended_at = None
    invitation.save(update_fields=["status", "attended_at"])
    return AttendanceResult(
        invitation,
        False,
        _("%(name)s is niet meer als aanwezig geregistreerd.")
        % {"name": invitation.person.full_name},
    )


@transaction.atomic
def close_attendance(
    *, session: Session, by: User, on: date, now: datetime | None = None
) -> int:
    """After the session: the rest are no-shows, each with a call task.

    Escalation: when a person has not shown up ``no_show_escalation_after``
    times (regional setting), the call task is flagged as escalated.
    Call tasks are due two days after the later of ``on`` and the session day.
    Returns the number of call tasks created.
    """
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.attendance_closed_at is not None:
        raise AttendanceError(_("De aanwezigheid is al afgesloten."))
    _ensure_started(session, now)
    due = max(on, timezone.localdate(session.starts_at)) + timedelta(days=2)
    missing = session.invitations.filter(
        status__in=(InvitationStatus.INVITED, InvitationStatus.ACCEPTED)
    )
    rows = list(missing.values_list("id", "person_id"))
    missing.update(status=InvitationStatus.NO_SHOW)
    counts = dict(
        Invitation.objects.filter(
            person_id__in=[p for _, p in rows], status=InvitationStatus.NO_SHOW
        )
        .values("person_id")
        .annotate(n=Count("id"))
        .values_list("person_id", "n")
    )
    config = RegionalConfig.objects.filter(region_id=session.region_id).first()
    limit = config.no_show_escalation_after if config else 2
    caller = session.created_by if session.created_by.role == Role.COORDINATOR else by
    CallTask.objects.bulk_create(
        [
            CallTask(
                invitation_id=iid,
                assignee=caller,
                due_date=due,
                no_show_count=counts.get(pid, 1),
                escalated=counts.get(pid, 1) >= limit,
            )
            for iid, pid in rows
        ]
    )
    session.attendance_closed_at = timezone.now()
    session.save(update_fields=["attendance_closed_at"])
    logger.info("attendance_closed", session=str(session.uuid), no_shows=len(rows))
    return len(rows)


@transaction.atomic
def record_call_outcome(
    *,
    task: CallTask,
    outcome: str,
    by: User,
    on: date,
    note: str = "",
    new_session: Session | None = None,
) -> CallTask:
    """Record the result of a call-back; a new date re-invites, a no ends it."""
    if outcome not in CallOutcome.values:
        raise ValidationError({"outcome": _("Kies de uitkomst van het gesprek.")})
    if outcome == CallOutcome.NEW_DATE:
        if new_session is None:
            raise ValidationError({"new_session": _("Kies de nieuwe bijeenkomst.")})
        invite_people(
            session=new_session, people=[task.invitation.person_id], by=by, on=on
        )
    task.outcome = outcome
    task.outcome_note = note
    task.new_session = new_session
    task.done_at = timezone.now()
    task.done_by = by
    task.save()
    if outcome == CallOutcome.DECLINED:
        traject = (
            Traject.objects.filter(
                person_id=task.invitation.person_id,
                organisation_id=task.invitation.session.organisation_id,
            )
            .exclude(state=TrajectState.ENDED)
            .first()
        )
        if traject:
            transition(
                traject=traject,
                to=TrajectState.ENDED,
                by=by,
                on=on,
                outcome=Outcome.DECLINED,
                outcome_note=note,
            )
    return task


def open_call_tasks(*, user: User) -> QuerySet[CallTask]:
    """Open call tasks of people this user may see: their own, or for a
    coordinator the whole team's (everyone in their organisation)."""
    mine = (
        Q(assignee__organisation_id=user.organisation_id)
        if can(user, Perm.CALLS_OF_TEAM) and user.organisation_id
        else Q(assignee=user)
    )
    return (
        CallTask.objects.filter(mine, done_at__isnull=True)
        .filter(invitation__person__in=Person.objects.visible_to(user))
        .select_related("invitation__person", "invitation__session", "assignee")
        .order_by("-escalated", "due_date")
    )
