"""Screening records the user may see: always through Person.visible_to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)

from maxww.people.models import Person

from .constants import ACTIVE_WINDOWS, PreCheck
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
        ScreeningRecord.objects.filter(
            person__in=Person.objects.visible_to(user).values("pk")
        )
        .select_related("person", "person__municipality", "claim")
        .annotate(selection_status=Subquery(latest.values("status")[:1]))
    )


def apply_filters(
    qs: QuerySet[ScreeningRecord], data: dict
) -> QuerySet[ScreeningRecord]:
    """Filters from CohortFilterForm.cleaned_data (empty window = in a window)."""
    window = data.get("window") or ""
    if window == "":
        qs = qs.filter(window__in=ACTIVE_WINDOWS)
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
