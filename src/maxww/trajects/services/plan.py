"""Job-readiness and the plan: the jobready check, plan actions, reviews."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from maxww.trajects.constants import Childcare, LanguageLevel
from maxww.trajects.models import JobreadyCheck, PlanAction, PlanReview, Traject

from .lifecycle import _event

if TYPE_CHECKING:
    from maxww.organisations.models import User


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
