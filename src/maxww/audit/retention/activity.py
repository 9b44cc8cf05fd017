"""The last activity of a person, from which the retention period runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import (
    Coalesce,
    Greatest,
    TruncDate,
)

if TYPE_CHECKING:
    pass


def _latest(label: str, person_path: str, expression) -> Subquery:
    model = apps.get_model(label)
    return Subquery(
        model.objects.filter(**{person_path: OuterRef("pk")})
        .order_by()
        .values(person_path)
        .annotate(latest=Max(expression))
        .values("latest")[:1],
        output_field=models.DateField(),
    )


def last_activity() -> Greatest:
    """The date a person's retention period runs from (an SQL expression)."""
    floor = TruncDate("created_at")
    terms = [
        _latest(
            "people.WWClaim", "person", Coalesce("actual_end_date", "max_end_date")
        ),
        _latest("trajects.Traject", "person", Coalesce("ended_date", "state_date")),
        _latest("trajects.DurabilityCheck", "traject__person", "due_date"),
        _latest("trajects.DurabilityCheck", "traject__person", "checked_date"),
        _latest("voorlichting.Invitation", "person", "invited_date"),
        _latest("handover.Handover", "person", TruncDate("created_at")),
        _latest("handover.BijstandApplication", "person", "application_date"),
    ]
    # SQLite's MAX(a, b) is NULL when one side is: fall back to the floor.
    return Greatest(
        floor,
        *[Coalesce(term, floor, output_field=models.DateField()) for term in terms],
        output_field=models.DateField(),
    )
