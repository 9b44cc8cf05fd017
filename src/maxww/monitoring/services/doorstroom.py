"""Doorstroom and outflow to work per municipality and region, and the trend."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from maxww.monitoring.privacy import Column, Table
from maxww.rules.dates import add_months

from .aggregates import _aggregates, _sums, uses_aggregates
from .filters import DashboardFilter, ended_claims
from .outcomes import _stage_filters, bijstand_q, known_outcome_q


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


MUNICIPALITY_KEYS = ("ww_ends", "known_outcome", "to_bijstand", "to_work")


def _municipality_counts(f: DashboardFilter) -> list[dict]:
    """Per municipality (with its id and region id): the counts of the period."""
    group = {
        "mid": F("municipality_id"),
        "rid": F("municipality__region_id"),
        "name": F("municipality__name"),
    }
    if uses_aggregates():
        return list(
            _aggregates(f)
            .values(**group)
            .annotate(**_sums(*MUNICIPALITY_KEYS))
            .order_by("name")
        )
    stages = _stage_filters()
    return list(
        ended_claims(f)
        .values(**{k: F(f"person__{v.name}") for k, v in group.items()})
        .annotate(
            ww_ends=Count("pk"),
            known_outcome=Count("pk", filter=known_outcome_q()),
            to_bijstand=Count("pk", filter=stages["to_bijstand"]),
            to_work=Count("pk", filter=stages["to_work"]),
        )
        .order_by("name")
    )


def _with_rates(row: dict) -> dict:
    row["other_outcome"] = row["known_outcome"] - row["to_bijstand"]
    row["doorstroom"] = _rate(row["to_bijstand"], row["known_outcome"])
    row["work_rate"] = _rate(row["to_work"], row["ww_ends"])
    return row


def _municipality_columns(name: str) -> list[Column]:
    return [
        Column("name", name, "text"),
        Column("ww_ends", _("WW-einden")),
        Column(
            "known_outcome",
            _("Met bekende uitkomst"),
            parts=("to_bijstand", "other_outcome"),
        ),
        Column("to_bijstand", _("Naar bijstand")),
        Column("other_outcome", "", complement=True),
        Column("doorstroom", _("Doorstroom"), "rate", "to_bijstand", "known_outcome"),
        Column("to_work", _("Naar werk")),
        Column("work_rate", _("Uitstroom naar werk"), "rate", "to_work", "ww_ends"),
    ]


def by_municipality(f: DashboardFilter, rows: list[dict] | None = None) -> Table:
    """WW ends, doorstroom and outflow to work per municipality (one query)."""
    data = _municipality_counts(f) if rows is None else rows
    rows = [_with_rates({"_id": f"m{r['mid']}", **r}) for r in data]
    total = {key: sum(r[key] for r in rows) for key in MUNICIPALITY_KEYS}
    total = _with_rates(total | {"name": _("Totaal")})
    return Table(
        key="municipalities",
        title=_("Per gemeente"),
        columns=_municipality_columns(_("Gemeente")),
        rows=rows,
        total=total,
    )


def doorstroom_by_region(f: DashboardFilter, rows: list[dict] | None = None) -> Table:
    """Per region in the period, for comparison (ignores the area filter).

    The sums of the municipality rows of all areas, with the total of all
    regions: the same figures as the dashboard of each region and of all.
    """
    everywhere = DashboardFilter(start=f.start, end=f.end, target_group=f.target_group)
    data = _municipality_counts(everywhere) if rows is None else rows
    regions: dict[int, dict] = {}
    names = dict(
        apps.get_model("organisations.Region").objects.values_list("pk", "name")
    )
    for r in data:
        reg = regions.setdefault(
            r["rid"],
            {"_id": f"r{r['rid']}", "name": names.get(r["rid"], "")}
            | dict.fromkeys(MUNICIPALITY_KEYS, 0),
        )
        for key in MUNICIPALITY_KEYS:
            reg[key] += r[key]
    rows = sorted((_with_rates(r) for r in regions.values()), key=lambda r: r["name"])
    total = {key: sum(r[key] for r in rows) for key in MUNICIPALITY_KEYS}
    return Table(
        key="regions",
        title=_("Doorstroom per regio"),
        columns=_municipality_columns(_("Regio")),
        rows=rows,
        total=_with_rates(total | {"name": _("Alle regio's")}),
    )


def _rolling_rows(
    monthly: dict[tuple[str, dt.date], tuple[int, int]],
    regions: list[str],
    month_list: list[dt.date],
) -> list[dict]:
    """Per month from the twelfth on: each region's sums over the 12 months."""
    rows = []
    for i in range(11, len(month_list)):
        span = month_list[i - 11 : i + 1]
        row: dict = {
            "_id": month_list[i].strftime("%Y-%m"),
            "month": month_list[i].strftime("%Y-%m"),
        }
        for region in regions:
            n = sum(monthly.get((region, m), (0, 0))[0] for m in span)
            b = sum(monthly.get((region, m), (0, 0))[1] for m in span)
            row[f"n:{region}"] = n
            row[f"b:{region}"] = b
            row[f"r:{region}"] = _rate(b, n)
        rows.append(row)
    return rows


def doorstroom_trend(f: DashboardFilter, *, months: int = 36) -> Table:
    """Rolling 12-month doorstroom per region for the ``months`` up to ``f.end``.

    The database counts ends and bijstand per region and month; the rolling sums
    run over those monthly aggregates (a few hundred numbers, never people).
    """
    last = f.end.replace(day=1)
    first = add_months(last, -(months + 11))
    window = DashboardFilter(
        start=first, end=f.end, region_id=None, target_group=f.target_group
    )
    if uses_aggregates():
        data = (
            _aggregates(window, geography=False)
            .values("month", region=F("municipality__region__name"))
            .annotate(n=Sum("known_outcome"), bijstand=Sum("to_bijstand"))
            .order_by()
        )
    else:
        data = (
            ended_claims(window, geography=False)
            .filter(known_outcome_q())
            .annotate(month=TruncMonth("end_date"))
            .values("month", region=F("person__municipality__region__name"))
            .annotate(n=Count("pk"), bijstand=Count("pk", filter=bijstand_q()))
        )
    monthly: dict[tuple[str, dt.date], tuple[int, int]] = {}
    regions: set[str] = set()
    for row in data:
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        monthly[(row["region"], month)] = (row["n"], row["bijstand"])
        regions.add(row["region"])
    month_list = [add_months(first, i) for i in range(months + 12)]
    rows = _rolling_rows(monthly, sorted(regions), month_list)
    columns = [Column("month", _("Maand (12 maanden t/m)"), "text")] + [
        Column(f"r:{region}", region, "rate", f"b:{region}", f"n:{region}")
        for region in sorted(regions)
    ]
    hidden_counts = [
        Column(f"{p}:{region}", region, "count", additive=False, hidden=True)
        for region in sorted(regions)
        for p in "nb"
    ]
    return Table(
        key="trend",
        title=_("Doorstroom per regio, voortschrijdend over 12 maanden"),
        columns=columns + hidden_counts,
        rows=rows,
    )
