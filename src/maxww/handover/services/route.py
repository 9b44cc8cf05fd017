"""The route after the gate: suggest one, choose one, the least loaded case manager."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext as _

import structlog

from maxww.handover.constants import (
    OPEN_APPLICATION_STATUSES,
    ApplicationStatus,
    Barrier,
    Motivation,
    Route,
    TimeToWork,
)
from maxww.handover.models import BijstandApplication
from maxww.organisations.constants import Role
from maxww.organisations.models import Organisation, User

logger = structlog.stdlib.get_logger(__name__)


def suggest_route(answers: dict[str, Any]) -> tuple[str, str]:
    """The route the conversation points to, with its reason (Dutch).

    Care needs come first; then expected time to work decides between the
    labour market (within a year, with some motivation) and participation.
    """
    barriers = [Barrier(b).label for b in answers.get("barriers", [])]
    expected = answers.get("expected_time_to_work")
    motivation = answers.get("motivation")
    if answers.get("care_needs"):
        return Route.CARE, _(
            "Er zijn zorgvragen die eerst aandacht nodig hebben%(b)s; werk of "
            "activering volgt daarna."
        ) % {"b": f" (belemmeringen: {', '.join(barriers)})" if barriers else ""}
    if expected in (TimeToWork.WITHIN_3_MONTHS, TimeToWork.WITHIN_1_YEAR) and (
        motivation != Motivation.LOW
    ):
        return Route.WORK, _(
            "Verwacht %(t)s aan het werk te zijn en gemotiveerd: route arbeidsmarkt."
        ) % {"t": TimeToWork(expected).label.lower()}
    return Route.PARTICIPATION, _(
        "Werk is naar verwachting niet binnen een jaar haalbaar%(b)s: eerst "
        "participatie en activering."
    ) % {"b": f" (belemmeringen: {', '.join(barriers)})" if barriers else ""}


def least_loaded_case_manager(organisation: Organisation) -> User | None:
    """The case manager of the organisation with the fewest open applications."""
    return (
        User.objects.filter(
            organisation=organisation, role=Role.CASE_MANAGER, is_active=True
        )
        .annotate(
            load=Count(
                "bijstand_caseload",
                filter=Q(bijstand_caseload__status__in=OPEN_APPLICATION_STATUSES),
            )
        )
        .order_by("load", "id")
        .first()
    )


def choose_route(
    *,
    application: BijstandApplication,
    answers: dict[str, Any],
    by: User,
    now: datetime,
    route: str = "",
    reason: str = "",
    case_manager: User | None = None,
) -> BijstandApplication:
    """Record the route conversation, the route with its reason and the case manager.

    Without ``route`` the suggested route is taken; a different route needs a reason.
    """
    suggested, suggested_reason = suggest_route(answers)
    route = route or suggested
    if route not in Route.values:
        raise ValidationError({"route": _("Kies een bestaande route.")})
    if route != suggested and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "U kiest een andere route dan de voorgestelde: geef de reden."
                )
            }
        )
    if application.status in (ApplicationStatus.DECIDED, ApplicationStatus.WITHDRAWN):
        raise ValidationError(_("Deze aanvraag is al afgehandeld."))
    if case_manager is not None and (
        case_manager.organisation_id != application.organisation_id
        or case_manager.role != Role.CASE_MANAGER
    ):
        raise ValidationError(
            {"case_manager": _("Kies een klantmanager van deze organisatie.")}
        )
    case_manager = case_manager or least_loaded_case_manager(application.organisation)
    application.route = route
    application.route_reason = reason.strip() or suggested_reason
    application.route_answers = {**answers, "suggested_route": suggested}
    application.route_chosen_at = now
    application.route_chosen_by = by
    application.case_manager = case_manager
    application.status = ApplicationStatus.ROUTE_CHOSEN
    application.save()
    logger.info(
        "route_chosen",
        application=str(application.uuid),
        route=route,
        case_manager=case_manager.pk if case_manager else None,
    )
    return application
