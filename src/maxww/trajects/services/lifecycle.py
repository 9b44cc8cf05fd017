"""The traject's life: visibility, signals, the state machine, durability, coach choice."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from maxww.organisations.constants import Role
from maxww.organisations.models import Organisation, RegionalConfig
from maxww.people.constants import GrantBasis
from maxww.people.models import Person, WWClaim
from maxww.people.services import grant_access
from maxww.policy import Perm, holders
from maxww.rules.dates import add_months
from maxww.trajects.constants import (
    DURABILITY_MONTHS,
    OPEN_STATES,
    TRANSITIONS,
    Outcome,
    TaskKind,
    TrajectState,
)
from maxww.trajects.models import DurabilityCheck, Task, Traject, TrajectEvent

from ._common import ConsentRequiredError, TransitionError, _at

if TYPE_CHECKING:
    from maxww.organisations.models import User


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
