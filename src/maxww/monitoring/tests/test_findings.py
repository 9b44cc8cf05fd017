"""Findings of issue 23 that had no test yet: each fails without its fix."""

import datetime as dt

import pytest

from maxww.monitoring.forecast import (
    Backtest,
    Cell,
    Forecast,
    backtest_table,
    forecast_month_table,
)
from maxww.monitoring.privacy import SUPPRESSED, TOTAL, protect
from maxww.monitoring.publication import backtest_coverage, dashboard_tables
from maxww.monitoring.services import DashboardFilter, cost_per_placement

pytestmark = pytest.mark.django_db


def _f():
    return DashboardFilter(start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30))


def test_cost_per_placement_without_registered_use_says_no_data_not_zero():
    table = protect(cost_per_placement(_f()))
    row = {
        c.key: cell.display
        for c, cell in zip(table.columns, table.cells[0], strict=True)
    }
    assert row["cost"] == "geen gegevens"
    assert row["per_placement"] == "geen gegevens"


def test_the_partial_first_and_last_month_are_marked_not_drawn_as_a_drop():
    fc = Forecast(on=dt.date(2026, 6, 15), months=[])
    for month in ("2026-06", "2026-07", "2027-06"):
        fc.by_month[month] = Cell(claims=20, mean=2.0, variance=1.8)
    table = forecast_month_table(fc)
    labels = {r["_id"]: r["month"] for r in table.rows}
    assert labels == {
        "2026-06": "2026-06 (deels)",
        "2026-07": "2026-07",
        "2027-06": "2027-06 (deels)",
    }
    assert [r["partial"] for r in table.rows] == [True, False, True]


def test_the_forecast_total_minus_the_shown_months_does_not_give_a_hidden_month():
    fc = Forecast(on=dt.date(2026, 6, 30), months=[])
    for i in range(12):
        month = f"{2026 + (6 + i) // 12}-{(6 + i) % 12 + 1:02d}"
        claims = 5 if i == 3 else 34
        cell = Cell(claims=claims, mean=claims * 0.1, variance=claims * 0.09)
        fc.by_month[month] = cell
        fc.cells[("Stad", month)] = cell
        fc.by_municipality.setdefault("Stad", Cell()).add(cell)
    fc.municipality_ids["Stad"] = 1
    tables = {
        t.key: t
        for t in dashboard_tables(_f(), on=dt.date(2026, 7, 1), fc=fc, fc_all=fc)
    }
    months = tables["forecast_months"]
    hidden = [row[1].suppressed for row in months.cells]
    total = tables["forecast"].cell(TOTAL, "claims")
    assert hidden[3]
    assert total.suppressed or sum(hidden) >= 2  # 379 - 374 would give the 5


def test_backtest_summary_counts_only_municipalities_whose_outcome_is_shown():
    fc = Forecast(on=dt.date(2025, 7, 1), months=[])
    for name, actual in (("A", 30), ("B", 3), ("C", 25)):
        fc.by_municipality[name] = Cell(
            claims=200, mean=float(actual), variance=9.0, actual=actual
        )
    table = protect(backtest_table(Backtest(fc, None, None, None, None, 3, 3)))
    covered = [row[-1].display for row in table.cells]
    assert covered[1] == SUPPRESSED  # B's small outcome hides "Binnen de band"
    within, shown = backtest_coverage(table)
    assert shown == sum(1 for c in covered if c != SUPPRESSED)
    assert within <= shown < 3
