"""What is published together, and how its figures relate (for suppression).

The dashboard page, its charts, the CSV and the XLSX all come from
:func:`dashboard_tables`: one call to :func:`~.privacy.protect_all` over every
table shown together, with the relations between them:

- a region's row in "Doorstroom per regio" is the total of that region's
  dashboard, and "Alle regio's" is the total of the dashboard of all regions;
- the funnel's WW ends, work and bijstand are the totals of "Per gemeente";
- the trend's row for the period is the regions table;
- the months of the forecast add up to the forecast total.

Views one filter change away are made consistent by first protecting the
*canonical* tables (every municipality and every region, whatever the filter)
and forcing what they hide: a municipality hidden in its region's table stays
hidden on that municipality's own dashboard.

:func:`published` computes this once per rebuild of the monthly aggregates:
the protected tables are kept in the cache under the filter, the date and the
time of the last rebuild, so the page and its exports read the same stored
tables (and a rebuild, which changes the key, publishes anew).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from maxww.rules.dates import add_months

from . import services as s
from .forecast import (
    Backtest,
    Forecast,
    backtest,
    backtest_table,
    forecast,
    forecast_month_table,
    forecast_table,
    stored,
    stored_backtest,
)
from .privacy import TOTAL, Ref, Relation, Table, hidden_refs, protect_all


def _identity(view: Ref, canonical: Ref) -> Relation:
    return Relation(view, (canonical,))


def _canonical(
    f: s.DashboardFilter, fc_all: Forecast | None, bt_all: Backtest | None
) -> tuple[list[Table], list[Relation]]:
    """Every municipality and region (no area filter), with their relations."""
    everywhere = s.DashboardFilter(
        start=f.start, end=f.end, target_group=f.target_group
    )
    counts = s._municipality_counts(everywhere)
    mun = s.by_municipality(everywhere, counts)
    mun.key = "all_municipalities"
    regions = s.doorstroom_by_region(f, counts)
    tables, relations = [mun, regions], []
    region_of = {f"m{r['mid']}": f"r{r['rid']}" for r in counts}
    relations += _region_sums(mun, regions, region_of, s.MUNICIPALITY_KEYS)
    if fc_all is not None:
        tables.append(forecast_table(fc_all))
        tables[-1].key = "all_forecast"
    if bt_all is not None:
        tables.append(backtest_table(bt_all))
        tables[-1].key = "all_backtest"
    return tables, relations


def _region_sums(
    mun: Table, regions: Table, region_of: dict[str, str], keys
) -> list[Relation]:
    """Each region's row is the sum of its municipalities' rows."""
    members: dict[str, list[str]] = {}
    for i in range(len(mun.rows)):
        rid = region_of.get(mun.row_id(i))
        if rid:
            members.setdefault(rid, []).append(mun.row_id(i))
    return [
        Relation((regions.key, rid, k), tuple((mun.key, m, k) for m in ids))
        for rid, ids in members.items()
        for k in keys
    ]


def _view_total(f: s.DashboardFilter, canonical_key: str) -> Ref | None:
    """The canonical figure that the view's total row is."""
    if f.municipality_id:
        return (canonical_key, f"m{f.municipality_id}", "")
    if f.region_id and canonical_key == "all_municipalities":
        return ("regions", f"r{f.region_id}", "")
    if not f.region_id and canonical_key == "all_municipalities":
        return ("regions", TOTAL, "")
    if not f.region_id:
        return (canonical_key, TOTAL, "")
    return None


def _links(view: Table, canonical_key: str, f, cols) -> list[Relation]:
    """Rows and total of a view table are the canonical figures."""
    out = []
    for i in range(len(view.rows)):
        rid = view.row_id(i)
        out += [_identity((view.key, rid, c), (canonical_key, rid, c)) for c in cols]
    total = _view_total(f, canonical_key)
    if view.total is not None and total is not None:
        out += [_identity((view.key, TOTAL, c), (total[0], total[1], c)) for c in cols]
    return out


def _trend_links(f: s.DashboardFilter, trend: Table, regions: Table) -> list[Relation]:
    """The trend's row whose 12 months are the period shows the regions table."""
    month = f.end.replace(day=1)
    full = (f.end + dt.timedelta(days=1)).day == 1
    if not full or f.start != add_months(month, -11):
        return []
    row = month.strftime("%Y-%m")
    out = []
    for r in regions.rows:
        for p, key in (("n", "known_outcome"), ("b", "to_bijstand")):
            col = f"{p}:{r['name']}"
            if any(c.key == col for c in trend.columns):
                out.append(_identity(("trend", row, col), ("regions", r["_id"], key)))
    return out


def dashboard_tables(
    f: s.DashboardFilter,
    *,
    on: dt.date,
    fc: Forecast | None = None,
    bt: Backtest | None = None,
    fc_all: Forecast | None = None,
    bt_all: Backtest | None = None,
) -> list[Table]:
    """Every table of the dashboard (and its exports), protected together."""
    canonical, relations = _canonical(f, fc_all, bt_all)
    protect_all(canonical, relations)
    forced = hidden_refs(canonical)
    for t in canonical:  # protect again below, with the view's relations
        t.cells, t.total_cells = [], None

    funnel = s.funnel(f)
    gaps, funnel_rels = s.funnel_relations(funnel)
    municipalities = s.by_municipality(f)
    regions = next(t for t in canonical if t.key == "regions")
    trend = s.doorstroom_trend(f)
    shown = [
        funnel,
        municipalities,
        regions,
        trend,
        s.durability(f),
        s.attendance_by_tone(f),
        s.caseloads(f, on=on),
        s.cost_per_placement(f),
    ]
    relations += funnel_rels
    relations += _links(municipalities, "all_municipalities", f, s.MUNICIPALITY_KEYS)
    for key, stage in (
        ("ww_ends", "ww_ends"),
        ("to_bijstand", "to_bijstand"),
        ("to_work", "to_work"),
    ):
        relations.append(
            _identity(("funnel", stage, "people"), ("municipalities", TOTAL, key))
        )
    relations += _trend_links(f, trend, regions)
    if fc is not None:
        fc_table, months = forecast_table(fc), forecast_month_table(fc)
        shown += [fc_table, months]
        relations.append(
            Relation(
                ("forecast", TOTAL, "claims"),
                tuple(("forecast_months", r["_id"], "claims") for r in months.rows),
            )
        )
        relations += _links(fc_table, "all_forecast", f, ("claims",))
    if bt is not None:
        bt_table = backtest_table(bt)
        shown.append(bt_table)
        relations += _links(bt_table, "all_backtest", f, ("claims", "actual"))
    extra = [t for t in canonical if t.key != "regions"]
    protect_all([*shown, gaps, *extra], relations, forced=forced)
    return shown


def backtest_coverage(table: Table) -> tuple[int, int]:
    """Shown municipalities within the band, of those whose outcome is shown.

    Counting only shown rows keeps the summary from revealing hidden cells.
    """
    index = [c.key for c in table.columns].index("covered")
    shown = [row[index] for row in table.cells if not row[index].suppressed]
    return sum(1 for c in shown if c.value == _("ja")), len(shown)


CACHE_SECONDS = 24 * 3600
CACHE_VERSION = 2  # raise when the shape of the published tables changes


@dataclass
class Published:
    """What one filter of the dashboard publishes, page and exports alike."""

    tables: list[Table]
    forecast: Forecast
    backtest: Backtest
    refreshed_at: dt.datetime | None

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def _forecasts(on: dt.date, region_id=None, municipality_id=None):
    """The stored forecast and back-test of the last rebuild, else live ones."""
    area = {"region_id": region_id, "municipality_id": municipality_id}
    fc = stored("forecast", **area) or forecast(on=on, **area)
    bt = stored_backtest(**area) or backtest(on=on, **area)
    return fc, bt


def _compute(f: s.DashboardFilter, on: dt.date, refreshed_at) -> Published:
    fc, bt = _forecasts(on, f.region_id, f.municipality_id)
    everywhere = f.region_id or f.municipality_id
    fc_all, bt_all = _forecasts(on) if everywhere else (fc, bt)
    tables = dashboard_tables(f, on=on, fc=fc, bt=bt, fc_all=fc_all, bt_all=bt_all)
    return Published(tables, fc, bt, refreshed_at)


def _cache_key(f: s.DashboardFilter, on: dt.date, refreshed_at: dt.datetime) -> str:
    parts = (
        on.isoformat(),
        refreshed_at.isoformat(),
        f.start.isoformat(),
        f.end.isoformat(),
        f.region_id or "",
        f.municipality_id or "",
        f.target_group,
        get_language() or "",
    )
    return f"monitoring:published:v{CACHE_VERSION}:" + ":".join(str(p) for p in parts)


def published(f: s.DashboardFilter, *, on: dt.date) -> Published:
    """The protected tables for a filter, computed once per rebuild.

    Before the first rebuild there is nothing to key on: every call computes
    the tables from the raw rows.
    """
    refreshed_at = s.aggregates_refreshed_at()
    if refreshed_at is None:
        return _compute(f, on, None)
    key = _cache_key(f, on, refreshed_at)
    result = cache.get(key)
    if result is None:
        result = _compute(f, on, refreshed_at)
        cache.set(key, result, CACHE_SECONDS)
    return result
