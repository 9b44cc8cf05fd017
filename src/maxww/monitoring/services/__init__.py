"""Dashboard figures, all computed in the database with aggregate queries.

One module per concept: ``filters`` (the filter and its conditions),
``outcomes`` (what each stage and "naar bijstand" mean), ``aggregates`` (the
monthly rebuild), ``funnel``, ``doorstroom`` (per municipality, region, trend)
and ``execution`` (durability, attendance, caseloads, cost per placement).
Every function returns raw aggregates in a :class:`~maxww.monitoring.privacy.Table`;
call :func:`~maxww.monitoring.privacy.protect` (``publication.dashboard_tables`` does)
before showing or exporting. Definitions of every measure are in
``docs/monitoring.md``.
"""

from __future__ import annotations

from .aggregates import (
    AGGREGATE_FIELDS,
    aggregates_refreshed_at,
    refresh_aggregates,
    uses_aggregates,
)
from .doorstroom import (
    MUNICIPALITY_KEYS,
    _municipality_counts,
    by_municipality,
    doorstroom_by_region,
    doorstroom_trend,
)
from .execution import attendance_by_tone, caseloads, cost_per_placement, durability
from .filters import (
    DashboardFilter,
    _model,
    _person_filter,
    _target_group_q,
    default_filter,
    ended_claims,
)
from .funnel import STAGE_GROUPS, STAGES, funnel, funnel_relations
from .outcomes import BIJSTAND_DEFINITION, _stage_filters, bijstand_q, known_outcome_q

__all__ = [
    "AGGREGATE_FIELDS",
    "BIJSTAND_DEFINITION",
    "MUNICIPALITY_KEYS",
    "STAGES",
    "STAGE_GROUPS",
    "DashboardFilter",
    "_model",
    "_municipality_counts",
    "_person_filter",
    "_stage_filters",
    "_target_group_q",
    "aggregates_refreshed_at",
    "attendance_by_tone",
    "bijstand_q",
    "by_municipality",
    "caseloads",
    "cost_per_placement",
    "default_filter",
    "doorstroom_by_region",
    "doorstroom_trend",
    "durability",
    "ended_claims",
    "funnel",
    "funnel_relations",
    "known_outcome_q",
    "refresh_aggregates",
    "uses_aggregates",
]
