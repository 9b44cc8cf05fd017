"""Voorlichting: plan sessions, invite, letters and e-mail, attendance, nabellen.

Public surface: ``plan_session``, ``invite_people``, ``invite_from_selection``,
``respond``, ``register_attendance``, ``unregister_attendance``,
``close_attendance``, ``record_call_outcome``, ``letters_pdf``,
``send_invitation_emails``, ``with_counts``, ``open_selections``. Letters for a
whole session are made in the background: see ``letters.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Cast, NullIf
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

import structlog

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.core.formatting import nl_datetime
from maxww.organisations.constants import Role, SessionTone
from maxww.organisations.models import RegionalConfig
from maxww.people.models import Person
from maxww.policy import Perm, can
from maxww.trajects.constants import Outcome, TrajectState
from maxww.trajects.models import Traject
from maxww.trajects.services import bulk_move, transition

from .constants import SEAT_STATUSES, CallOutcome, Channel, InvitationStatus
from .models import CallTask, Invitation, LetterTemplate, Session

if TYPE_CHECKING:
    from maxww.organisations.models import Organisation, Region, User

logger = structlog.stdlib.get_logger(__name__)


class CapacityError(ValidationError):
    """More invitations than seats."""


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


# ---------------------------------------------------------------- sessions


@transaction.atomic
def plan_session(
    *,
    region: Region,
    organisation: Organisation,
    by: User,
    starts_at: datetime,
    place: str,
    capacity: int,
    format: str,
    hosts: Iterable[User] = (),
    title: str = "",
    address: str = "",
    duration_minutes: int = 90,
    notes: str = "",
) -> Session:
    """Plan a session; hosts come from UWV and the municipality."""
    session = Session(
        region=region,
        organisation=organisation,
        created_by=by,
        starts_at=starts_at,
        place=place,
        address=address,
        capacity=capacity,
        format=format,
        duration_minutes=duration_minutes,
        notes=notes,
    )
    if title:
        session.title = title
    session.full_clean()
    session.save()
    session.hosts.set(hosts)
    logger.info("session_planned", session=str(session.uuid), capacity=capacity)
    return session


def with_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Annotate invited, accepted, attended, no_shows and attendance rate (0–1).

    Ordered by start unless the caller chose an order: Django drops
    ``Meta.ordering`` from GROUP BY queries, which listed 23 Dec before 22 Dec.
    """
    if not sessions.query.order_by:
        sessions = sessions.order_by("starts_at", "id")
    attended = Count(
        "invitations", filter=Q(invitations__status=InvitationStatus.ATTENDED)
    )
    return sessions.annotate(
        invited_count=Count("invitations"),
        seats_taken=Count(
            "invitations", filter=Q(invitations__status__in=SEAT_STATUSES)
        ),
        attended_count=attended,
        no_show_count=Count(
            "invitations", filter=Q(invitations__status=InvitationStatus.NO_SHOW)
        ),
        declined_count=Count(
            "invitations", filter=Q(invitations__status=InvitationStatus.DECLINED)
        ),
    ).annotate(
        attendance_rate=Cast(F("attended_count"), FloatField())
        / NullIf(Cast(F("invited_count"), FloatField()), 0.0)
    )


def sessions_for(user: User) -> QuerySet[Session]:
    """Sessions of the user's region."""
    if not user.organisation_id:
        return Session.objects.none()
    return Session.objects.filter(region_id=user.organisation.region_id)


def seats_left(session: Session) -> int:
    taken = session.invitations.filter(status__in=SEAT_STATUSES).count()
    return session.capacity - taken


# ---------------------------------------------------------------- invitations


@dataclass(frozen=True)
class InviteResult:
    invited: int
    already_invited: int
    not_visible: int


@transaction.atomic
def invite_people(
    *,
    session: Session,
    people: Iterable[Person] | Iterable[int],
    by: User,
    on: date,
    channel: str = Channel.LETTER,
) -> InviteResult:
    """Invite people to a session; all or nothing when seats run out.

    Only people the inviting user may see are invited; their trajects move to
    ``invited`` (opened where needed).
    """
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.attendance_closed_at is not None:
        raise ValidationError(
            _("Deze bijeenkomst is al geweest; nodig uit voor een nieuwe.")
        )
    ids = {getattr(p, "pk", p) for p in people}
    visible = set(
        Person.objects.visible_to(by).filter(pk__in=ids).values_list("pk", flat=True)
    )
    already = set(
        session.invitations.filter(person_id__in=visible).values_list(
            "person_id", flat=True
        )
    )
    new_ids = visible - already
    left = seats_left(session)
    if len(new_ids) > left:
        raise CapacityError(
            _(
                "Er zijn nog %(left)s plaatsen vrij; u probeert %(n)s personen uit "
                "te nodigen. Kies minder personen of verhoog het aantal plaatsen."
            )
            % {"left": left, "n": len(new_ids)}
        )
    Invitation.objects.bulk_create(
        [
            Invitation(
                session=session,
                person_id=pid,
                channel=channel,
                invited_by=by,
                invited_date=on,
            )
            for pid in sorted(new_ids)
        ]
    )
    bulk_move(
        person_ids=new_ids,
        organisation=session.organisation,
        to=TrajectState.INVITED,
        by=by,
        on=on,
        reason=_("Uitgenodigd voor voorlichting"),
    )
    _mark_selections_invited(new_ids)
    logger.info("people_invited", session=str(session.uuid), count=len(new_ids))
    return InviteResult(
        invited=len(new_ids),
        already_invited=len(already),
        not_visible=len(ids - visible),
    )


def _selection_model():
    """screening.Selection when the screening app provides it, else None."""
    if not apps.is_installed("maxww.screening"):
        return None
    try:
        from maxww.screening import models as screening_models
    except ImportError:
        return None
    return getattr(screening_models, "Selection", None)


def selections_available() -> bool:
    return _selection_model() is not None


def open_selections(*, user: User) -> QuerySet:
    """Open screening selections of people this user may see (empty if none)."""
    model = _selection_model()
    if model is None:
        return Person.objects.none()
    try:
        from maxww.screening import services as screening_services

        if hasattr(screening_services, "open_selections"):
            qs = screening_services.open_selections(organisation=user.organisation)
            return qs.filter(person__in=Person.objects.visible_to(user))
    except (ImportError, TypeError):
        pass
    return model.objects.filter(
        status="open", person__in=Person.objects.visible_to(user)
    ).select_related("person")


def _mark_selections_invited(person_ids: set[int]) -> None:
    model = _selection_model()
    if model is None or not person_ids:
        return
    field_names = {f.name for f in model._meta.get_fields()}
    if "status" in field_names:
        changes: dict = {"status": "invited"}
        if "status_changed_at" in field_names:
            changes["status_changed_at"] = timezone.now()
        model.objects.filter(person_id__in=person_ids, status="open").update(**changes)


def invite_from_selection(
    *, session: Session, by: User, on: date, limit: int | None = None
) -> InviteResult:
    """Invite the open screening selections (up to the seats left)."""
    person_ids = list(
        open_selections(user=by).values_list("person_id", flat=True)[
            : limit or seats_left(session)
        ]
    )
    return invite_people(session=session, people=person_ids, by=by, on=on)


@transaction.atomic
def respond(*, invitation: Invitation, accepted: bool, on: date) -> Invitation:
    """RSVP: the person says they come or not."""
    if invitation.status in (InvitationStatus.ATTENDED, InvitationStatus.NO_SHOW):
        raise ValidationError(_("Deze bijeenkomst is al geweest."))
    if (
        accepted
        and invitation.status == InvitationStatus.DECLINED
        and seats_left(invitation.session) < 1
    ):
        raise CapacityError(_("De bijeenkomst is vol."))
    invitation.status = (
        InvitationStatus.ACCEPTED if accepted else InvitationStatus.DECLINED
    )
    invitation.responded_date = on
    invitation.save(update_fields=["status", "responded_date"])
    return invitation


# ---------------------------------------------------------------- attendance


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


# ---------------------------------------------------------------- letters and e-mail

DEFAULT_LETTERS: dict[str, tuple[str, str]] = {
    SessionTone.STRICT: (
        "Uitnodiging voorlichting ‘{{ session.title }}’ – uw aanwezigheid is verplicht",
        "Uw WW-uitkering stopt binnenkort. Daarom nodigen wij u uit voor de "
        "bijeenkomst ‘{{ session.title }}’ op {{ session.starts_at|date:'l j F Y' }} "
        "om {{ session.starts_at|time:'H:i' }} uur in {{ session.place }}"
        "{% if session.address %}, {{ session.address }}{% endif %}.\n\n"
        "Uw aanwezigheid is verplicht. Wij vertellen u wat er gebeurt als uw WW "
        "stopt, welke hulp u krijgt bij het vinden van werk en wanneer u "
        "eventueel bijstand kunt aanvragen.\n\n"
        "Kunt u echt niet komen? Neem dan vóór de bijeenkomst contact met ons op. "
        "Als u zonder bericht niet komt, bellen wij u en kan dit gevolgen hebben.",
    ),
    SessionTone.OPEN: (
        "Uitnodiging: ‘{{ session.title }}’",
        "Uw WW-uitkering stopt binnenkort. Wij helpen u graag op weg naar werk. "
        "Daarom nodigen wij u van harte uit voor de bijeenkomst "
        "‘{{ session.title }}’ op {{ session.starts_at|date:'l j F Y' }} om "
        "{{ session.starts_at|time:'H:i' }} uur in {{ session.place }}"
        "{% if session.address %}, {{ session.address }}{% endif %}.\n\n"
        "U hoort wat er gebeurt als uw WW stopt, hoe wij u kunnen helpen bij het "
        "vinden van werk en wat u kunt verwachten als u bijstand nodig heeft. "
        "Deelname is vrijwillig, maar het is zeker de moeite waard.",
    ),
}


def letter_template(region: Region) -> tuple[str, str, str, str]:
    """(tone, subject, body, signature) for the region, with a built-in fallback."""
    config = RegionalConfig.objects.filter(region=region).first()
    tone = config.session_tone if config else SessionTone.OPEN
    template = LetterTemplate.objects.filter(region=region, tone=tone).first()
    if template:
        return tone, template.subject, template.body, template.signature
    subject, body = DEFAULT_LETTERS[tone]
    return tone, subject, body, ""


def letter_sections(
    session: Session, invitations: Sequence[Invitation], on: date
) -> list[str]:
    """Each invitation's letter as an HTML section (regional template and tone)."""
    tone, subject, body, signature = letter_template(session.region)
    subject_t, body_t = Template(subject), Template(body)
    signature = signature or str(session.organisation)
    sections = []
    for invitation in invitations:
        ctx = Context(
            {
                "person": invitation.person,
                "session": session,
                "organisation": session.organisation,
                "on": on,
                "tone": tone,
            }
        )
        letter = {
            "person": invitation.person,
            "address": invitation.person.address_lines,
            "subject": subject_t.render(ctx),
            "paragraphs": [p for p in body_t.render(ctx).split("\n\n") if p.strip()],
        }
        sections.append(
            render_to_string(
                "voorlichting/_letter.html",
                {
                    "letter": letter,
                    "session": session,
                    "organisation": session.organisation,
                    "place": session.organisation.letter_place,
                    "on": on,
                    "signature": signature,
                },
            )
        )
    return sections


def letters_html(session: Session, sections: Sequence[str]) -> str:
    """One printable document of letter sections, a page break between each."""
    # Sections come from _letter.html, which escaped every value already.
    safe = [mark_safe(s) for s in sections]
    return render_to_string(
        "voorlichting/letters_pdf.html", {"sections": safe, "session": session}
    )


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def printable_invitations(*, session: Session, by: User) -> QuerySet[Invitation]:
    """The invitations that get a letter: visible to ``by``, not declined."""
    return (
        session.invitations.filter(person__in=Person.objects.visible_to(by))
        .exclude(status=InvitationStatus.DECLINED)
        .order_by("person__last_name", "id")
    )


# A letter can be posted only with all four parts of the address.
_NO_ADDRESS = (
    Q(person__street="")
    | Q(person__house_number="")
    | Q(person__postcode="")
    | Q(person__town="")
)


def without_address(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    """The invitations whose person has no complete postal address (no letter)."""
    return invitations.filter(_NO_ADDRESS)


def with_address(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    """The invitations a letter can be posted to."""
    return invitations.exclude(_NO_ADDRESS)


def incomplete_addresses(*, session: Session, by: User) -> QuerySet[Invitation]:
    """Invitations that get no letter for want of an address: the follow-up list."""
    return without_address(printable_invitations(session=session, by=by)).filter(
        letter_printed_at__isnull=True
    )


def letters_pdf(
    *,
    session: Session,
    by: User,
    on: date,
    invitations: Iterable[Invitation] | None = None,
    request=None,
) -> bytes:
    """One PDF with a letter per invited person (WeasyPrint); printing is logged."""
    qs = printable_invitations(session=session, by=by).select_related(
        "person", "person__municipality"
    )
    if invitations is not None:
        qs = qs.filter(pk__in=[i.pk for i in invitations])
    if qs.exists() and not with_address(qs).exists():
        raise ValidationError(
            _("Geen brief gemaakt: het adres is onvolledig. Vul het adres eerst aan.")
        )
    rows = list(with_address(qs))
    if not rows:
        raise ValidationError(_("Er zijn geen uitnodigingen om af te drukken."))
    pdf = html_to_pdf(letters_html(session, letter_sections(session, rows, on)))
    Invitation.objects.filter(pk__in=[i.pk for i in rows]).update(
        letter_printed_at=timezone.now()
    )
    for invitation in rows:
        log_access(
            user=by,
            action=Action.PRINTED,
            obj=invitation,
            person_ref=str(invitation.person.uuid),
            legal_basis=LegalBasis.CASELOAD,
            purpose="uitnodigingsbrief voorlichting",
            request=request,
            event="invitation_letter_printed",
        )
    return pdf


def send_invitation_emails(*, session: Session, by: User, on: date) -> int:
    """E-mail the invitation to everyone invited who has an address; returns sent."""
    tone, subject, body, signature = letter_template(session.region)
    rows = list(
        session.invitations.filter(
            person__in=Person.objects.visible_to(by),
            emailed_at__isnull=True,
            status__in=(InvitationStatus.INVITED, InvitationStatus.ACCEPTED),
        )
        .exclude(person__email="")
        .select_related("person")
    )
    subject_t, body_t = Template(subject), Template(body)
    messages = []
    for invitation in rows:
        ctx = Context(
            {"person": invitation.person, "session": session, "on": on, "tone": tone}
        )
        text = (
            _("Beste %(name)s,") % {"name": invitation.person.full_name}
            + "\n\n"
            + body_t.render(ctx)
            + "\n\n"
            + _("Met vriendelijke groet,")
            + "\n"
            + (signature or str(session.organisation))
        )
        messages.append(
            EmailMessage(
                subject=subject_t.render(ctx).replace("\n", " "),
                body=text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[invitation.person.email],
            )
        )
    if not messages:
        return 0
    sent = get_connection().send_messages(messages) or 0
    Invitation.objects.filter(pk__in=[i.pk for i in rows]).update(
        emailed_at=timezone.now()
    )
    for invitation in rows:
        log_access(
            user=by,
            action=Action.SENT,
            obj=invitation,
            person_ref=str(invitation.person.uuid),
            legal_basis=LegalBasis.CASELOAD,
            purpose="uitnodiging voorlichting per e-mail",
            event="invitation_emailed",
        )
    return sent
