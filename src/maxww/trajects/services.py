"""Trajects: consent, the state machine, coach assignment, plan, contacts, tasks.

Public surface for other apps: ``give_consent``, ``withdraw_consent``,
``has_consent``, ``signal``, ``ensure_traject``, ``transition``, ``assign_coach``,
``suggest_coach``, ``closing_report``, ``visible_trajects``. Every function takes
``on`` (a date) where time matters; none reads today's date itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import (
    CharField,
    Count,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

import structlog

from maxww.organisations.constants import Role
from maxww.organisations.models import Organisation, Region, RegionalConfig
from maxww.people.constants import GrantBasis
from maxww.people.models import Person, WWClaim
from maxww.people.services import grant_access, revoke_access
from maxww.policy import CLIENT, Perm, can, holders, subject_of
from maxww.policy.objects import consent_recipients, person_region_id, require_withdraw
from maxww.rules.dates import add_months

from .constants import (
    DURABILITY_MONTHS,
    OPEN_STATES,
    TRANSITIONS,
    Childcare,
    ConsentKind,
    ConsentPurpose,
    LanguageLevel,
    Outcome,
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

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from maxww.organisations.models import User

logger = structlog.stdlib.get_logger(__name__)


class TransitionError(ValidationError):
    """A state change the traject's state machine does not allow."""


class ConsentRequiredError(ValidationError):
    """An organisation would see a person without a recorded legal basis."""


def _at(on: date) -> datetime:
    """A timezone-aware moment on the given day (now if it is today)."""
    now = timezone.localtime()
    if now.date() == on:
        return now
    return timezone.make_aware(datetime.combine(on, time(9, 0)))


# ---------------------------------------------------------------- consent


def _validate_consent_file(form_file: UploadedFile | None, kind: str) -> None:
    if kind == ConsentKind.SIGNED_FORM and not form_file:
        raise ValidationError(
            {"form_file": _("Voeg het ondertekende formulier toe (pdf of foto).")}
        )
    if form_file:
        field = Consent._meta.get_field("form_file")
        for validator in field.validators:
            validator(form_file)


@transaction.atomic
def give_consent(
    *,
    person: Person,
    purpose: ConsentPurpose | str,
    recipient: Organisation,
    by: User,
    on: date,
    kind: ConsentKind | str = ConsentKind.VERBAL,
    scope: str = "",
    form_file: UploadedFile | None = None,
) -> Consent:
    """Record consent and give the recipient a legal basis to see the person.

    The policy's consent rules hold for every caller: only a caseworker who
    may record consent (or the client for themself), only to a recipient the
    person's region names, and one active consent per purpose and recipient.
    """
    _check_consent_recorder(by, person)
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Onbekend doel van de toestemming.")})
    region_id = person_region_id(person)
    if not consent_recipients(region_id).filter(pk=recipient.pk).exists():
        raise ValidationError(
            {
                "recipient": _(
                    "%(org)s is geen organisatie waaraan in deze regio toestemming "
                    "kan worden gegeven."
                )
                % {"org": recipient}
            }
        )
    if Consent.objects.filter(
        person=person, purpose=purpose, recipient=recipient, withdrawn_at__isnull=True
    ).exists():
        raise ValidationError(
            _("Deze toestemming (doel en ontvanger) is al vastgelegd en loopt nog.")
        )
    _validate_consent_file(form_file, kind)
    consent = Consent(
        person=person,
        purpose=purpose,
        recipient=recipient,
        kind=kind,
        scope=scope,
        given_at=_at(on),
        recorded_by=by,
    )
    if form_file:
        consent.form_file = form_file
    consent.save()
    grant_access(
        person=person,
        organisation=recipient,
        basis=GrantBasis.CONSENT,
        source=consent.grant_source,
    )
    logger.info(
        "consent_given",
        consent=str(consent.uuid),
        purpose=str(purpose),
        recipient=recipient.pk,
    )
    return consent


def _check_consent_recorder(by: User, person: Person) -> None:
    """The client for themself, or a caseworker who may see the person."""
    if subject_of(by) == CLIENT:
        if getattr(by, "person", None) != person:
            raise PermissionDenied(_("U kunt alleen voor uzelf toestemming geven."))
        return
    if not can(by, Perm.CONSENT_RECORD):
        raise PermissionDenied(_("Uw rol kan geen toestemming vastleggen."))
    if not Person.objects.visible_to(by).filter(pk=person.pk).exists():
        raise PermissionDenied(_("U heeft geen grondslag om deze persoon te zien."))


@transaction.atomic
def withdraw_consent(*, consent: Consent, by: User, on: date) -> Consent:
    """Withdraw consent; the recipient loses access with the next request.

    Only the client, the organisation that recorded it or the recipient may.
    """
    require_withdraw(by, consent)
    if consent.withdrawn_at is not None:
        raise ValidationError(_("Deze toestemming is al ingetrokken."))
    consent.withdrawn_at = _at(on)
    consent.save(update_fields=["withdrawn_at"])
    revoke_access(
        person=consent.person,
        organisation=consent.recipient,
        basis=GrantBasis.CONSENT,
        source=consent.grant_source,
    )
    logger.info("consent_withdrawn", consent=str(consent.uuid), by=by.pk)
    return consent


def has_consent(
    person: Person, purpose: ConsentPurpose | str, organisation: Organisation
) -> bool:
    """Whether an active consent covers this purpose for this organisation."""
    return Consent.objects.filter(
        person=person,
        purpose=purpose,
        recipient=organisation,
        withdrawn_at__isnull=True,
    ).exists()


# ---------------------------------------------------------------- trajects


def visible_trajects(user: User) -> QuerySet[Traject]:
    """The trajects of people this user may see (the central privacy rule)."""
    return Traject.objects.filter(person__in=Person.objects.visible_ids(user))


def _event(
    traject: Traject,
    *,
    event: str,
    by: User | None,
    on: date,
    from_state: str = "",
    to_state: str = "",
    **detail: Any,
) -> TrajectEvent:
    return TrajectEvent.objects.create(
        traject=traject,
        event=event,
        from_state=from_state,
        to_state=to_state,
        by=by,
        on=on,
        detail={k: str(v) for k, v in detail.items() if v not in (None, "")},
    )


@transaction.atomic
def signal(
    *,
    person: Person,
    organisation: Organisation,
    by: User | None,
    on: date,
    reason: str = "",
) -> Traject:
    """Open a traject for a person; refused when one is already open here."""
    if Traject.objects.filter(
        person=person, organisation=organisation, state__in=OPEN_STATES
    ).exists():
        raise ValidationError(
            _("Voor deze persoon loopt al een traject bij %(org)s.")
            % {"org": organisation}
        )
    traject = Traject.objects.create(
        person=person,
        organisation=organisation,
        reason=reason,
        signalled_date=on,
        state_date=on,
    )
    _event(
        traject,
        event="traject_signalled",
        by=by,
        on=on,
        to_state=TrajectState.SIGNALLED,
        reason=reason,
    )
    return traject


def ensure_traject(
    *,
    person: Person,
    organisation: Organisation,
    by: User | None,
    on: date,
    reason: str = "",
) -> Traject:
    """The open traject of this person at this organisation, signalled if needed."""
    traject = Traject.objects.filter(
        person=person, organisation=organisation, state__in=OPEN_STATES
    ).first()
    return traject or signal(
        person=person, organisation=organisation, by=by, on=on, reason=reason
    )


_OUTCOME_FIELDS = (
    "employer_name",
    "hours_per_week",
    "work_start_date",
    "contract_type",
    "outcome_note",
)


def _validate_outcome(outcome: str, fields: dict[str, Any]) -> None:
    if outcome not in Outcome.values:
        raise TransitionError(
            {"outcome": _("Kies een uitkomst om het traject af te sluiten.")}
        )
    if outcome == Outcome.WORK:
        errors = {}
        if not fields.get("employer_name"):
            errors["employer_name"] = _("Vul de werkgever in.")
        hours = fields.get("hours_per_week")
        if hours in (None, "") or Decimal(str(hours)) <= 0:
            errors["hours_per_week"] = _("Vul het aantal uren per week in.")
        if not fields.get("work_start_date"):
            errors["work_start_date"] = _("Vul de startdatum van het werk in.")
        if errors:
            raise TransitionError(errors)


@transaction.atomic
def transition(
    *,
    traject: Traject,
    to: TrajectState | str,
    by: User | None,
    on: date,
    outcome: Outcome | str = "",
    note: str = "",
    **outcome_fields: Any,
) -> Traject:
    """Move a traject to another state; invalid moves raise ``TransitionError``.

    Ending needs an outcome; outcome ``work`` needs employer, hours and start
    date and creates the +3 and +6 month durability checks.
    """
    unknown = set(outcome_fields) - set(_OUTCOME_FIELDS)
    if unknown:
        raise TypeError(f"unknown outcome fields: {sorted(unknown)}")
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    current = TrajectState(traject.state)
    try:
        target = TrajectState(to)
    except ValueError:
        raise TransitionError(_("Onbekende fase: %(to)s.") % {"to": to}) from None
    if target not in TRANSITIONS[current]:
        raise TransitionError(
            _("Een traject in fase ‘%(from)s’ kan niet naar ‘%(to)s’.")
            % {"from": current.label, "to": target.label}
        )
    if target == TrajectState.ENDED:
        _validate_outcome(str(outcome), outcome_fields)
        traject.outcome = outcome
        traject.ended_date = on
        for name in _OUTCOME_FIELDS:
            value = outcome_fields.get(name)
            if value in (None, ""):
                value = None if Traject._meta.get_field(name).null else ""
            setattr(traject, name, value)
    traject.state = target
    traject.state_date = on
    traject.save()
    _event(
        traject,
        event="traject_state_changed",
        by=by,
        on=on,
        from_state=current,
        to_state=target,
        outcome=outcome,
        note=note,
        employer=outcome_fields.get("employer_name"),
        hours=outcome_fields.get("hours_per_week"),
    )
    if target == TrajectState.ENDED:
        traject.tasks.filter(done_at__isnull=True, kind=TaskKind.GENERAL).update(
            done_at=_at(on)
        )
        if outcome == Outcome.WORK:
            _plan_durability_checks(traject, by=by)
    return traject


def _plan_durability_checks(traject: Traject, *, by: User | None) -> None:
    start = traject.work_start_date
    assignee = traject.coach or by
    for months in DURABILITY_MONTHS:
        due = add_months(start, months)
        task = Task.objects.create(
            traject=traject,
            kind=TaskKind.DURABILITY,
            title=_("Controleer of de persoon na %(m)s maanden nog werkt")
            % {"m": months},
            due_date=due,
            assignee=assignee,
        )
        DurabilityCheck.objects.create(
            traject=traject, months=months, due_date=due, task=task
        )


@transaction.atomic
def record_durability(
    *, check: DurabilityCheck, still_working: bool, by: User, on: date
) -> DurabilityCheck:
    """Record whether the person still works at a durability check."""
    check.still_working = still_working
    check.checked_date = on
    check.checked_by = by
    check.save(update_fields=["still_working", "checked_date", "checked_by"])
    if check.task_id:
        Task.objects.filter(pk=check.task_id).update(done_at=_at(on))
    _event(
        check.traject,
        event="durability_checked",
        by=by,
        on=on,
        months=check.months,
        still_working=still_working,
    )
    return check


def _coach_may_see(traject: Traject, coach: User) -> bool:
    return Person.objects.visible_to(coach).filter(pk=traject.person_id).exists()


@transaction.atomic
def assign_coach(*, traject: Traject, coach: User, by: User, on: date) -> Traject:
    """Make ``coach`` the fixed contact person.

    A coach of another organisation needs a legal basis first: the traject's
    organisation grants caseload to its own people; others need consent.
    """
    if coach.role not in holders(Perm.BE_COACH):
        raise ValidationError(_("Alleen een werkcoach of adviseur kan begeleiden."))
    if coach.organisation_id == traject.organisation_id:
        grant_access(
            person=traject.person,
            organisation=traject.organisation,
            basis=GrantBasis.CASELOAD,
            source=f"traject:{traject.uuid}",
        )
    if not _coach_may_see(traject, coach):
        raise ConsentRequiredError(
            _(
                "%(org)s mag deze persoon niet begeleiden: er is geen toestemming "
                "van de persoon om gegevens met %(org)s te delen. Leg eerst de "
                "toestemming vast."
            )
            % {"org": coach.organisation}
        )
    previous = traject.coach
    traject.coach = coach
    traject.save(update_fields=["coach", "updated_at"])
    _event(
        traject,
        event="coach_assigned",
        by=by,
        on=on,
        previous=previous.get_full_name() if previous else "",
        coach=coach.get_full_name() or coach.username,
    )
    return traject


def _claim_sector(person_id: int) -> str:
    claim = (
        WWClaim.objects.filter(person_id=person_id)
        .order_by("-max_end_date")
        .values("sector", "occupation")
        .first()
    )
    return " ".join((claim or {}).values()).lower()


def sector_specialisation_for(traject: Traject) -> str:
    """The region's coach specialisation that matches the person's WW sector."""
    config = RegionalConfig.objects.filter(
        region_id=traject.organisation.region_id
    ).first()
    specialisations = (config.sector_specialisations if config else []) or []
    text = _claim_sector(traject.person_id)
    tokens = text.split()
    for spec in specialisations:
        words = [w for w in spec.lower().replace(",", " ").split() if len(w) > 3]
        if any(
            t.startswith(w[:5]) or w.startswith(t[:5])
            for w in words
            for t in tokens
            if len(t) > 3
        ):
            return spec
    return ""


def suggest_coach(
    traject: Traject, *, candidates: Iterable[User] | None = None
) -> User | None:
    """The coach with the matching sector and the lowest open caseload.

    Candidates default to active coaches in the traject's region who may see
    the person; a specialist in the person's sector goes before a generalist.
    """
    from maxww.organisations.models import User as UserModel

    if candidates is None:
        pool = UserModel.objects.filter(
            is_active=True,
            role=Role.COACH,
            organisation__region_id=traject.organisation.region_id,
        )
    else:
        pool = UserModel.objects.filter(pk__in=[c.pk for c in candidates])
    pool = pool.annotate(
        open_trajects=Count(
            "coached_trajects",
            filter=Q(coached_trajects__state__in=OPEN_STATES),
        )
    ).select_related("organisation")
    spec = sector_specialisation_for(traject)
    ranked = sorted(
        pool,
        key=lambda u: (
            0 if spec and u.sector_specialisation.lower() == spec.lower() else 1,
            u.open_trajects,
            u.pk,
        ),
    )
    for user in ranked:
        if user.organisation_id == traject.organisation_id or _coach_may_see(
            traject, user
        ):
            return user
    return None


# ---------------------------------------------------------------- caseload


def ww_end_date_subquery() -> Subquery:
    """Annotation: the last WW day of the traject's person (latest claim end)."""
    return Subquery(
        WWClaim.objects.filter(person=OuterRef("person_id"))
        .order_by("-max_end_date")
        .values("max_end_date")[:1]
    )


def access_basis_subquery(user: User) -> Subquery | Value:
    """Annotation: the strongest active legal basis of the user's organisation for
    the traject's person (what ``people.services.basis_for`` returns), so the
    traject page reads it with the traject instead of in a query of its own.
    A user without an organisation has no grants (and sees no traject)."""
    if not user.organisation_id:
        return Value(None, output_field=CharField())
    return Subquery(
        Person.objects.with_basis(user)
        .filter(pk=OuterRef("person_id"))
        .values("basis")[:1]
    )


def caseload_annotations(on: date) -> dict[str, Any]:
    """WW end date, next due date and overdue count as subqueries (no N+1)."""
    open_tasks = Task.objects.filter(traject=OuterRef("pk"), done_at__isnull=True)
    return {
        "ww_end_date": ww_end_date_subquery(),
        "next_due_date": Subquery(
            open_tasks.order_by("due_date").values("due_date")[:1]
        ),
        "overdue_count": Coalesce(
            Subquery(
                open_tasks.filter(due_date__lt=on)
                .order_by()
                .values("traject")
                .annotate(n=Count("id"))
                .values("n")[:1]
            ),
            0,
        ),
    }


def caseload(*, user: User, on: date) -> QuerySet[Traject]:
    """The user's open trajects with WW end, next task and overdue count."""
    return (
        visible_trajects(user)
        .filter(coach=user, state__in=OPEN_STATES)
        .select_related("person", "organisation")
        .annotate(**caseload_annotations(on))
        .order_by("ww_end_date", "id")
    )


def next_task_titles(traject_ids: list[int]) -> dict[int, str]:
    """The first open task's title per traject, in one query."""
    titles: dict[int, str] = {}
    for tid, title in (
        Task.objects.filter(traject_id__in=traject_ids, done_at__isnull=True)
        .order_by("traject_id", "due_date", "id")
        .values_list("traject_id", "title")
    ):
        titles.setdefault(tid, title)
    return titles


def overdue_tasks(*, user: User, on: date) -> QuerySet[Task]:
    """Open tasks assigned to this user that are past their due date."""
    return (
        Task.objects.filter(assignee=user, done_at__isnull=True, due_date__lt=on)
        .filter(traject__person__in=Person.objects.visible_to(user))
        .select_related("traject", "traject__person")
        .order_by("due_date")
    )


# ---------------------------------------------------------------- jobready & plan

MIN_HOURS_JOBREADY = 12


@dataclass(frozen=True)
class JobreadyResult:
    is_jobready: bool
    gaps: list[str]


def evaluate_jobready(
    *,
    own_transport: bool,
    hours_available: int,
    childcare: str,
    recent_experience: bool,
    language: str,
    health_limits: str,
    qualifications: str = "",
) -> JobreadyResult:
    """Ready for work unless a gap blocks it; lists the gaps to work on."""
    gaps: list[str] = []
    blocking = False
    if hours_available < MIN_HOURS_JOBREADY:
        gaps.append(
            _("Weinig uren beschikbaar (%(h)s per week).") % {"h": hours_available}
        )
        blocking = True
    if childcare == Childcare.NOT_ARRANGED:
        gaps.append(_("Kinderopvang is niet geregeld."))
        blocking = True
    if language == LanguageLevel.INSUFFICIENT:
        gaps.append(_("Nederlandse taal onvoldoende voor het werk."))
        blocking = True
    if not own_transport:
        gaps.append(_("Geen eigen vervoer: zoek werk bereikbaar met OV of fiets."))
    if not recent_experience:
        gaps.append(_("Geen recente werkervaring: overweeg proefplaatsing of stage."))
    if health_limits.strip():
        gaps.append(_("Gezondheidsbeperkingen: houd rekening met belastbaarheid."))
    if not qualifications.strip():
        gaps.append(_("Geen diploma's of certificaten vastgelegd."))
    return JobreadyResult(is_jobready=not blocking, gaps=gaps)


def record_jobready_check(
    *, traject: Traject, by: User, on: date, **answers: Any
) -> JobreadyCheck:
    """Store a jobready check with its computed verdict and gaps."""
    result = evaluate_jobready(
        own_transport=answers.get("own_transport", False),
        hours_available=answers["hours_available"],
        childcare=answers.get("childcare", Childcare.NOT_NEEDED),
        recent_experience=answers.get("recent_experience", True),
        language=answers.get("language", LanguageLevel.GOOD),
        health_limits=answers.get("health_limits", ""),
        qualifications=answers.get("qualifications", ""),
    )
    check = JobreadyCheck.objects.create(
        traject=traject,
        checked_date=on,
        checked_by=by,
        is_jobready=result.is_jobready,
        gaps=result.gaps,
        **answers,
    )
    _event(traject, event="jobready_checked", by=by, on=on, jobready=result.is_jobready)
    return check


def add_plan_action(
    *,
    traject: Traject,
    kind: str,
    description: str,
    by: User,
    on: date,
    weekly_target: int | None = None,
) -> PlanAction:
    """Agree one action in the work plan."""
    action = PlanAction.objects.create(
        traject=traject,
        kind=kind,
        description=description,
        weekly_target=weekly_target,
        agreed_date=on,
        agreed_by=by,
    )
    _event(traject, event="plan_action_agreed", by=by, on=on, kind=kind)
    return action


def complete_plan_action(*, action: PlanAction, by: User, on: date) -> PlanAction:
    action.done_date = on
    action.save(update_fields=["done_date"])
    _event(action.traject, event="plan_action_done", by=by, on=on, kind=action.kind)
    return action


def add_review(
    *,
    traject: Traject,
    by: User,
    on: date,
    applications: int,
    notes: str = "",
    on_track: bool | None = None,
) -> PlanReview:
    """The weekly review; on track when the applications target is met."""
    if on_track is None:
        target = (
            traject.plan_actions.filter(
                weekly_target__isnull=False, done_date__isnull=True
            )
            .order_by("-weekly_target")
            .values_list("weekly_target", flat=True)
            .first()
        )
        on_track = target is None or applications >= target
    review = PlanReview.objects.create(
        traject=traject,
        review_date=on,
        applications=applications,
        on_track=on_track,
        notes=notes,
        reviewed_by=by,
    )
    _event(traject, event="plan_reviewed", by=by, on=on, on_track=on_track)
    return review


# ---------------------------------------------------------------- contacts & tasks


def log_contact(
    *,
    traject: Traject,
    channel: str,
    summary: str,
    by: User,
    on: date,
    next_step: str = "",
    contact_date: date | None = None,
) -> Contact:
    """Log a contact with the person."""
    contact = Contact.objects.create(
        traject=traject,
        channel=channel,
        contact_date=contact_date or on,
        summary=summary,
        next_step=next_step,
        by=by,
    )
    _event(traject, event="contact_logged", by=by, on=on, channel=channel)
    return contact


def add_task(
    *,
    traject: Traject,
    title: str,
    due_date: date,
    by: User,
    on: date,
    assignee: User | None = None,
    kind: str = TaskKind.GENERAL,
) -> Task:
    """A task for the traject, by default for its coach."""
    task = Task.objects.create(
        traject=traject,
        title=title,
        due_date=due_date,
        assignee=assignee or traject.coach or by,
        kind=kind,
    )
    _event(traject, event="task_added", by=by, on=on, title=title)
    return task


def complete_task(*, task: Task, by: User, on: date) -> Task:
    """Mark a task done (idempotent)."""
    if task.done_at is None:
        task.done_at = _at(on)
        task.save(update_fields=["done_at"])
        _event(task.traject, event="task_done", by=by, on=on, title=task.title)
    return task


def send_reminders(*, on: date) -> int:
    """E-mail each assignee once a day about their due and overdue tasks.

    Tasks get ``reminded_date`` so the list shows they were flagged; one mail
    per assignee with counts only (no names: mail is not a safe channel).
    """
    due = Task.objects.filter(done_at__isnull=True, due_date__lte=on).exclude(
        reminded_date=on
    )
    per_user = (
        due.filter(assignee__isnull=False)
        .values("assignee_id", "assignee__email")
        .annotate(total=Count("id"), overdue=Count("id", filter=Q(due_date__lt=on)))
    )
    sent = 0
    for row in per_user:
        if row["assignee__email"]:
            send_mail(
                subject=_("maxww: %(n)s taken vragen uw aandacht")
                % {"n": row["total"]},
                message=_(
                    "U heeft %(n)s openstaande taken met een vervaldatum tot en met "
                    "%(on)s, waarvan %(o)s te laat. Bekijk ze in maxww onder "
                    "Trajecten."
                )
                % {
                    "n": row["total"],
                    "on": on.strftime("%d-%m-%Y"),
                    "o": row["overdue"],
                },
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[row["assignee__email"]],
            )
            sent += 1
    flagged = due.update(reminded_date=on)
    logger.info("task_reminders_sent", mails=sent, tasks=flagged)
    return sent


# ---------------------------------------------------------------- closing report


def ww_end_date(traject: Traject) -> date | None:
    """The person's last WW day (latest claim end), or None without a claim.

    Read from the ``ww_end_date`` annotation when the traject was fetched with
    one (``caseload_annotations``, the traject page), so a page asks once.
    """
    if "ww_end_date" in traject.__dict__:
        return traject.ww_end_date
    return (
        WWClaim.objects.filter(person_id=traject.person_id)
        .order_by("-max_end_date")
        .values_list("max_end_date", flat=True)
        .first()
    )


def _regional_config(traject: Traject) -> RegionalConfig | None:
    """The traject's regional config; from ``organisation__region__config`` when
    the traject was fetched with it (the traject page), else one query."""
    organisation = traject.organisation
    if Organisation.region.is_cached(organisation):
        region = organisation.region
        if Region.config.is_cached(region):
            return getattr(region, "config", None)  # None: the region has none
    return RegionalConfig.objects.filter(region_id=organisation.region_id).first()


def _open_task_titles(traject: Traject) -> list[str]:
    """Titles of the open tasks, earliest due first (prefetched tasks if any)."""
    if "tasks" in getattr(traject, "_prefetched_objects_cache", {}):
        open_tasks = [t for t in traject.tasks.all() if t.done_at is None]
        return [t.title for t in sorted(open_tasks, key=lambda t: (t.due_date, t.pk))]
    return list(
        traject.tasks.filter(done_at__isnull=True).values_list("title", flat=True)
    )


def in_documentation_window(traject: Traject, *, on: date) -> bool:
    """Whether the traject is in the region's last month(s) before WW ends."""
    end = ww_end_date(traject)
    if end is None:
        return False
    config = _regional_config(traject)
    months = config.documentation_months if config else 1
    return add_months(end, -months) <= on <= end


def closing_report(traject: Traject) -> dict[str, Any]:
    """What was done and with what result: the summary the handover carries over.

    Plain data (strings, numbers, ISO dates) so it can be stored or sent as JSON.
    Uses the traject's prefetched sections when there are any (``DETAIL_PREFETCH``).
    """
    reviews = traject.reviews.all()
    last_check = traject.jobready_checks.first()
    end = ww_end_date(traject)
    return {
        "traject": str(traject.uuid),
        "organisation": str(traject.organisation),
        "coach": traject.coach.get_full_name() if traject.coach else "",
        "state": traject.get_state_display(),
        "signalled_date": traject.signalled_date.isoformat(),
        "ww_end_date": end.isoformat() if end else None,
        "jobready": None
        if last_check is None
        else {
            "date": last_check.checked_date.isoformat(),
            "is_jobready": last_check.is_jobready,
            "gaps": list(last_check.gaps),
        },
        "plan": [
            {
                "action": a.description,
                "weekly_target": a.weekly_target,
                "done": a.done_date.isoformat() if a.done_date else None,
            }
            for a in traject.plan_actions.all()
        ],
        "reviews": len(reviews),
        "applications": sum(r.applications for r in reviews),
        "contacts": [
            {
                "date": c.contact_date.isoformat(),
                "channel": c.get_channel_display(),
                "summary": c.summary,
                "next_step": c.next_step,
            }
            for c in traject.contacts.all()[:20]
        ],
        "open_tasks": _open_task_titles(traject),
        "outcome": traject.get_outcome_display() if traject.outcome else "",
        "outcome_code": traject.outcome,
        "employer_name": traject.employer_name,
        "hours_per_week": str(traject.hours_per_week)
        if traject.hours_per_week is not None
        else None,
        "work_start_date": traject.work_start_date.isoformat()
        if traject.work_start_date
        else None,
        "ended_date": traject.ended_date.isoformat() if traject.ended_date else None,
    }


# The sections of the traject page, fetched in one query each; closing_report
# reads the same lists. Use with prefetch_related_objects([traject], ...).
# The page shows who recorded a contact and who a task is assigned to; not who
# did a jobready check or a weekly review, so those are read without a join.
DETAIL_PREFETCH = (
    "jobready_checks",
    "plan_actions",
    "reviews",
    Prefetch("contacts", queryset=Contact.objects.select_related("by")),
    Prefetch(
        "tasks",
        queryset=Task.objects.select_related("assignee").order_by(
            "done_at", "due_date"
        ),
    ),
)


def days_left(end: date | None, on: date) -> int | None:
    return None if end is None else (end - on).days


__all__ = [
    "ConsentRequiredError",
    "TransitionError",
    "add_months",
    "add_plan_action",
    "add_review",
    "add_task",
    "assign_coach",
    "caseload",
    "closing_report",
    "complete_task",
    "ensure_traject",
    "give_consent",
    "has_consent",
    "log_contact",
    "overdue_tasks",
    "record_durability",
    "record_jobready_check",
    "send_reminders",
    "signal",
    "suggest_coach",
    "transition",
    "visible_trajects",
    "withdraw_consent",
]


# ---------------------------------------------------------------- bulk, for voorlichting


@transaction.atomic
def bulk_move(
    *,
    person_ids: Iterable[int],
    organisation: Organisation,
    to: TrajectState | str,
    by: User | None,
    on: date,
    reason: str = "",
) -> int:
    """Set-based: open trajects where missing and move those allowed to ``to``.

    Used by invitations (→ invited) and attendance (→ attended); trajects that
    are already further along stay where they are. Returns the number moved.
    """
    ids = set(person_ids)
    existing = dict(
        Traject.objects.filter(
            person_id__in=ids, organisation=organisation, state__in=OPEN_STATES
        ).values_list("person_id", "id")
    )
    new = [
        Traject(
            person_id=pid,
            organisation=organisation,
            reason=reason,
            signalled_date=on,
            state_date=on,
        )
        for pid in ids - set(existing)
    ]
    Traject.objects.bulk_create(new, batch_size=2000)
    created = Traject.objects.filter(
        person_id__in=ids - set(existing),
        organisation=organisation,
        state=TrajectState.SIGNALLED,
    ).values_list("id", flat=True)
    TrajectEvent.objects.bulk_create(
        [
            TrajectEvent(
                traject_id=tid,
                event="traject_signalled",
                to_state=TrajectState.SIGNALLED,
                by=by,
                on=on,
                detail={"reason": reason} if reason else {},
            )
            for tid in created
        ]
    )
    target = TrajectState(to)
    sources = [s for s, targets in TRANSITIONS.items() if target in targets]
    movable = list(
        Traject.objects.filter(
            person_id__in=ids, organisation=organisation, state__in=sources
        ).values_list("id", "state")
    )
    if not movable:
        return 0
    Traject.objects.filter(id__in=[m[0] for m in movable]).update(
        state=target, state_date=on
    )
    TrajectEvent.objects.bulk_create(
        [
            TrajectEvent(
                traject_id=tid,
                event="traject_state_changed",
                from_state=state,
                to_state=target,
                by=by,
                on=on,
            )
            for tid, state in movable
        ]
    )
    return len(movable)
