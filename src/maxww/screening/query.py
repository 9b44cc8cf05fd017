"""Screening records the user may see: always through Person.visible_to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)

from maxww.people.constants import ClaimStatus
from maxww.people.models import Person

from .constants import ACTIVE_WINDOWS, PreCheck, Window
from .models import ScreeningRecord, Selection

if TYPE_CHECKING:
    from maxww.organisations.models import User

PRECHECK_RANK = Case(
    When(precheck=PreCheck.LIKELY, then=Value(0)),
    When(precheck=PreCheck.UNKNOWN, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def visible_records(user: User) -> QuerySet[ScreeningRecord]:
    """Records of people the user may see, with joins and the selection status."""
    latest = Selection.objects.filter(
        person=OuterRef("person_id"), organisation_id=user.organisation_id
    ).order_by("-selected_at")
    return (
        _visible(user)
        .select_related("person", "person__municipality", "claim")
        .annotate(selection_status=Subquery(latest.values("status")[:1]))
    )


def _visible(user: User) -> QuerySet[ScreeningRecord]:
    return ScreeningRecord.objects.filter(person__in=Person.objects.visible_ids(user))


def window_counts(user: User) -> dict[str, int]:
    """How many visible records are in each active window (one grouped count)."""
    counts = dict(
        _visible(user)
        .filter(window__in=ACTIVE_WINDOWS)
        .order_by()
        .values("window")
        .annotate(n=Count("*"))
        .values_list("window", "n")
    )
    return {w.value: counts.get(w.value, 0) for w in ACTIVE_WINDOWS}


def apply_filters(
    qs: QuerySet[ScreeningRecord], data: dict
) -> QuerySet[ScreeningRecord]:
    """Filters from CohortFilterForm.cleaned_data (empty window = in a window).

    Only a running claim is in a window (``compute_windows`` puts ended claims
    in ``ended``). Saying so in the query lets PostgreSQL read the running
    claims in end-date order from their index and stop after a page; without
    it, the planner walks every claim from three years back first, because it
    cannot know that the ended ones are never in a window (0.3 s at 100,000).
    """
    window = data.get("window") or ""
    if window == "":
        qs = qs.filter(window__in=ACTIVE_WINDOWS, claim__status=ClaimStatus.ACTIVE)
    elif window in ACTIVE_WINDOWS or window == Window.BEFORE:
        qs = qs.filter(window=window, claim__status=ClaimStatus.ACTIVE)
    elif window != "all":
        qs = qs.filter(window=window)
    if data.get("municipality"):
        qs = qs.filter(person__municipality=data["municipality"])
    if data.get("target_group"):
        qs = qs.filter(target_groups__contains=f",{data['target_group']},")
    if data.get("precheck"):
        qs = qs.filter(precheck=data["precheck"])
    status = data.get("status")
    if status == "none":
        qs = qs.filter(selection_status__isnull=True)
    elif status:
        qs = qs.filter(selection_status=status)
    return qs
