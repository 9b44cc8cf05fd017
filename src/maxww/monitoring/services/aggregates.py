"""The monthly aggregates: rebuilt from the claims, read by the dashboard."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

import structlog

from maxww.monitoring.models import MonthlyAggregate
from maxww.people.models import WWClaim

from .filters import DashboardFilter, _person_filter
from .outcomes import _stage_filters, known_outcome_q

logger = structlog.stdlib.get_logger(__name__)


def _claim_aggregates(stages: dict[str, Q]) -> dict:
    aggs = {"ww_ends": Count("pk")}
    aggs |= {key: Count("pk", filter=q) for key, q in stages.items()}
    aggs["known_outcome"] = Count("pk", filter=known_outcome_q())
    return aggs


AGGREGATE_FIELDS = (
    "ww_ends",
    "known_outcome",
    "screened",
    "invited",
    "attended",
    "coached",
    "placed",
    "to_work",
    "to_bijstand",
)


def uses_aggregates() -> bool:
    """Read history from ``MonthlyAggregate`` once it has been built."""
    return MonthlyAggregate.objects.exists()


def aggregates_refreshed_at() -> dt.datetime | None:
    row = MonthlyAggregate.objects.order_by("-refreshed_at").first()
    return row.refreshed_at if row else None


def _aggregates(f: DashboardFilter, *, geography: bool = True) -> QuerySet:
    qs = MonthlyAggregate.objects.filter(
        target_group=f.target_group,
        month__gte=f.start.replace(day=1),
        month__lte=f.end,
    )
    if geography:
        qs = qs.filter(_person_filter(f, ""))
    return qs


def _sums(*fields: str) -> dict:
    return {name: Coalesce(Sum(name), 0) for name in fields}


@transaction.atomic
def refresh_aggregates(*, on: dt.date) -> int:
    """Rebuild the monthly aggregates from the claims (all months, all areas).

    One grouped query per target group (and one for all claims); nothing is
    read per person. ``on`` is the reference date stored for the refresh.
    """
    from maxww.screening.constants import TargetGroup

    stages = _stage_filters()
    aggs = _claim_aggregates(stages)
    now = timezone.now()
    rows: list[MonthlyAggregate] = []
    for group in ["", *TargetGroup.values]:
        qs = WWClaim.objects.annotate(
            end_date=Coalesce("actual_end_date", "max_end_date")
        )
        if group:
            qs = qs.filter(screening__target_groups__contains=f",{group},")
        data = (
            qs.annotate(month=TruncMonth("end_date"))
            .values("month", "person__municipality_id")
            .annotate(**aggs)
            .order_by()
        )
        for row in data:
            month = row["month"]
            month = month.date() if isinstance(month, dt.datetime) else month
            rows.append(
                MonthlyAggregate(
                    month=month,
                    municipality_id=row["person__municipality_id"],
                    target_group=group,
                    refreshed_at=now,
                    **{k: row.get(k, 0) for k in AGGREGATE_FIELDS},
                )
            )
    MonthlyAggregate.objects.all().delete()
    MonthlyAggregate.objects.bulk_create(rows, batch_size=2000)
    from maxww.monitoring.forecast import refresh_forecasts

    cells = refresh_forecasts(on=on)
    logger.info(
        "monitoring_aggregates_refreshed",
        rows=len(rows),
        forecast_cells=cells,
        on=on.isoformat(),
    )
    return len(rows)
