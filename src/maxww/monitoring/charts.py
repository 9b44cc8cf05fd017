"""Chart data of the dashboard, from the protected tables only.

A chart never draws a figure the table hides (``None`` where a cell is ``x``).
Where every row of a chart is hidden at this level (a region's municipalities
in the back-test, the 3- and 6-month checks of durability), the chart shows
the coarser figure the table does show, its total row, and says so in
``notes``; it never computes a figure of its own.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from . import constants
from .privacy import TOTAL, Table


def _pct(values) -> list[float | None]:
    return [v * 100 if v is not None else None for v in values]


def _rows_or_total(
    table: Table, key: str, *, with_total: bool
) -> tuple[list[str], bool]:
    """Row ids to draw: the rows whose ``key`` is shown, and the total if shown.

    The total is drawn when no row is shown, or (``with_total``) beside the
    rows. Also returns whether some rows were left out because they are hidden.
    """
    ids = [table.row_id(i) for i in range(len(table.rows))]
    shown = [i for i in ids if not table.cell(i, key).suppressed]
    total = table.cell(TOTAL, key) if table.total is not None else None
    drawable = total is not None and not total.suppressed and len(ids) > 1
    if drawable and (with_total or not shown):
        shown.append(TOTAL)
    return shown, len([i for i in shown if i != TOTAL]) < len(ids)


def _column(table: Table, ids: list[str], key: str) -> list:
    return [table.cell(i, key).value for i in ids]


def _labels(table: Table, ids: list[str]) -> list[str]:
    first = table.columns[0].key
    return [table.cell(i, first).display for i in ids]


def _backtest(bt: Table) -> tuple[dict, str]:
    ids, left_out = _rows_or_total(bt, "actual", with_total=False)
    note = ""
    if left_out and ids == [TOTAL]:
        note = _(
            "De uitkomst per gemeente is afgeschermd (kleine aantallen): de grafiek "
            "toont het totaal van het gebied."
        )
    elif left_out:
        note = _(
            "Gemeenten met een afgeschermde uitkomst staan alleen in de tabel; de "
            "grafiek toont de overige."
        )
    data = {
        "labels": _labels(bt, ids),
        "predicted": _column(bt, ids, "mean"),
        "low": _column(bt, ids, "low"),
        "high": _column(bt, ids, "high"),
        "actual": _column(bt, ids, "actual"),
    }
    return data, note


def _durability(table: Table) -> tuple[dict, str]:
    ids, left_out = _rows_or_total(table, "rate", with_total=True)
    note = ""
    if not ids and table.rows:  # also the total would show who lost their job
        note = _(
            "Ook alle controles samen zijn te weinig om te tonen wie niet meer werkt: "
            "het aandeel is afgeschermd."
        )
    elif left_out and ids == [TOTAL]:
        note = _(
            "Per controlemoment te weinig personen: de grafiek toont alle controles "
            "(na 3 en 6 maanden) samen."
        )
    data = {"labels": _labels(table, ids), "values": _pct(_column(table, ids, "rate"))}
    return data, note


def _funnel(funnel: Table) -> dict:
    chain = [r["group"] == funnel.rows[0]["group"] for r in funnel.rows]
    people = funnel.series("people")
    return {
        "labels": [r[0].display for r in funnel.cells],
        "chain": [v if c else None for v, c in zip(people, chain, strict=True)],
        "exits": [None if c else v for v, c in zip(people, chain, strict=True)],
    }


def _trend(trend: Table) -> dict:
    return {
        "labels": [r[0].display for r in trend.cells],
        "series": [
            {"label": str(c.label), "values": _pct(trend.series(c.key))}
            for c in trend.visible_columns[1:]
        ],
        "reference": constants.NATIONAL_DOORSTROOM_HIGH * 100,
    }


def chart_data(tables: dict[str, Table]) -> tuple[dict, dict[str, str]]:
    """The data of every chart, and a note per chart that shows a coarser figure."""
    regions, fc_months = tables["regions"], tables["forecast_months"]
    backtest, bt_note = _backtest(tables["backtest"])
    durability, dur_note = _durability(tables["durability"])
    data = {
        "funnel": _funnel(tables["funnel"]),
        "backtest": backtest,
        "durability": durability,
        "regions": {
            "labels": [r[0].display for r in regions.cells],
            "values": _pct(regions.series("doorstroom")),
            "reference": [
                constants.NATIONAL_DOORSTROOM_LOW * 100,
                constants.NATIONAL_DOORSTROOM_HIGH * 100,
            ],
        },
        "trend": _trend(tables["trend"]),
        "forecast": {
            "labels": [r[0].display for r in fc_months.cells],
            "mean": fc_months.series("mean"),
            "low": fc_months.series("low"),
            "high": fc_months.series("high"),
            "partial": [bool(r.get("partial")) for r in fc_months.rows],
        },
    }
    return data, {"backtest": bt_note, "durability": dur_note}
