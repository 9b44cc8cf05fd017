"""Forecast of bijstand inflow from WW ends, with an uncertainty band and a back-test.

Each claim ending in the horizon contributes its probability ``p`` of entering
bijstand: the calibrated risk score from screening where there is one, else the
region's historical doorstroom (ended claims in the 24 months before the
forecast date). The number entering bijstand is then a Poisson-binomial variable
with mean ``Σp`` and variance ``Σp(1−p)``; the 90% band is mean ± 1.645·sd
(normal approximation, cut at zero). The database returns, per municipality and
month, the count of claims, the count and sums of ``p`` and ``p²`` of scored
claims — the rest is arithmetic on those aggregates.

Public functions: ``region_rates``, ``forecast``, ``backtest``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from maxww.people.constants import ClaimStatus
from maxww.people.models import WWClaim
from maxww.rules.dates import add_months

from .constants import NATIONAL_DOORSTROOM_HIGH, Z90
from .privacy import Column, Table

HISTORY_MONTHS = 24


@dataclass
class Cell:
    """Expected inflow for one municipality (and month): mean and variance."""

    claims: int = 0
    mean: float = 0.0
    variance: float = 0.0
    actual: int | None = None

    def add(self, other: Cell) -> None:
        self.claims += other.claims
        self.mean += other.mean
        self.variance += other.variance
        if other.actual is not None:
            self.actual = (self.actual or 0) + other.actual

    @property
    def low(self) -> float:
        return max(0.0, self.mean - Z90 * math.sqrt(self.variance))

    @property
    def high(self) -> float:
        return self.mean + Z90 * math.sqrt(self.variance)

    @property
    def covered(self) -> bool | None:
        if self.actual is None:
            return None
        return self.low <= self.actual <= self.high


@dataclass
class Forecast:
    """A forecast made on ``on`` for the months after it."""

    on: dt.date
    months: list[str]
    by_municipality: dict[str, Cell] = field(default_factory=dict)
    by_month: dict[str, Cell] = field(default_factory=dict)
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    rates: dict[int, float] = field(default_factory=dict)
    scored_share: float = 0.0
    municipality_ids: dict[str, int] = field(default_factory=dict)
    scored: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def total(self) -> Cell:
        total = Cell()
        for cell in self.by_municipality.values():
            total.add(cell)
        return total


def region_rates(*, on: dt.date, months: int = HISTORY_MONTHS) -> dict[int, float]:
    """Historical doorstroom per region id, measured the way the forecast counts.

    The forecast looks at claims still running on its date whose maximum end
    falls in the next 12 months. The matching history: for each year before
    ``on`` (up to ``months``), the claims running at that year's start whose
    maximum end fell within it, and the share of them that entered bijstand.
    (The plain share of all WW ends is lower: it includes people who found work
    long before their maximum end, and would bias the forecast downwards.)
    """
    cohorts = Q()
    for k in range(1, max(1, months // 12) + 1):
        start, end = add_months(on, -12 * k), add_months(on, -12 * (k - 1))
        cohorts |= Q(max_end_date__gt=start, max_end_date__lte=end) & (
            Q(actual_end_date__isnull=True) | Q(actual_end_date__gt=start)
        )
    data = (
        WWClaim.objects.filter(cohorts, status=ClaimStatus.ENDED, outcome__isnull=False)
        .values(region=F("person__municipality__region_id"))
        .annotate(
            n=Count("pk"), b=Count("pk", filter=Q(outcome__entered_bijstand=True))
        )
    )
    return {r["region"]: r["b"] / r["n"] for r in data if r["n"]}


def _month_key(value) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.strftime("%Y-%m")


def _area(qs, region_id: int | None, municipality_id: int | None):
    if municipality_id:
        return qs.filter(person__municipality_id=municipality_id)
    if region_id:
        return qs.filter(person__municipality__region_id=region_id)
    return qs


def _build(
    *, on: dt.date, qs, rates: dict[int, float], use_scores: bool, with_actual: bool
) -> Forecast:
    months = [_month_key(add_months(on, i)) for i in range(13)]
    aggs = {"n": Count("pk")}
    if use_scores:
        aggs |= {
            "n_scored": Count("screening__risk_score"),
            "sum_p": Sum("screening__risk_score"),
            "sum_p2": Sum(F("screening__risk_score") * F("screening__risk_score")),
        }
    if with_actual:
        aggs["actual"] = Count("pk", filter=Q(outcome__entered_bijstand=True))
    data = (
        qs.annotate(month=TruncMonth("max_end_date"))
        .values(
            "month",
            name=F("person__municipality__name"),
            region=F("person__municipality__region_id"),
            municipality=F("person__municipality_id"),
        )
        .annotate(**aggs)
    )
    result = Forecast(on=on, months=months, rates=rates)
    scored = total = 0
    for row in data:
        rate = rates.get(row["region"], NATIONAL_DOORSTROOM_HIGH)
        n_scored = row.get("n_scored") or 0
        sum_p = float(row.get("sum_p") or 0.0)
        sum_p2 = float(row.get("sum_p2") or 0.0)
        rest = row["n"] - n_scored
        cell = Cell(
            claims=row["n"],
            mean=sum_p + rest * rate,
            variance=(sum_p - sum_p2) + rest * rate * (1 - rate),
            actual=row.get("actual") if with_actual else None,
        )
        scored += n_scored
        total += row["n"]
        month = _month_key(row["month"])
        result.municipality_ids[row["name"]] = row["municipality"]
        result.scored[(row["name"], month)] = n_scored
        _add(result, row["name"], month, cell)
    result.scored_share = scored / total if total else 0.0
    return _sorted(result)


def _add(result: Forecast, name: str, month: str, cell: Cell) -> None:
    result.cells[(name, month)] = cell
    result.by_municipality.setdefault(name, Cell()).add(cell)
    result.by_month.setdefault(month, Cell()).add(cell)


def _sorted(result: Forecast) -> Forecast:
    result.by_municipality = dict(sorted(result.by_municipality.items()))
    result.by_month = dict(sorted(result.by_month.items()))
    return result


def forecast(
    *,
    on: dt.date,
    region_id: int | None = None,
    municipality_id: int | None = None,
    horizon: int = 12,
) -> Forecast:
    """Expected bijstand inflow from active claims ending in the next ``horizon`` months."""
    qs = WWClaim.objects.filter(
        status=ClaimStatus.ACTIVE,
        max_end_date__gt=on,
        max_end_date__lte=add_months(on, horizon),
    )
    qs = _area(qs, region_id, municipality_id)
    return _build(
        on=on, qs=qs, rates=region_rates(on=on), use_scores=True, with_actual=False
    )


@dataclass
class Backtest:
    """A forecast made ``horizon`` months before ``on``, against what happened."""

    forecast: Forecast
    mae_municipality: float | None
    coverage_municipality: float | None
    mae_month: float | None
    coverage_month: float | None
    municipalities: int
    cells: int


def _mae_and_coverage(cells: list[Cell]) -> tuple[float | None, float | None]:
    cells = [c for c in cells if c.actual is not None]
    if not cells:
        return None, None
    mae = sum(abs(c.mean - c.actual) for c in cells) / len(cells)
    coverage = sum(1 for c in cells if c.covered) / len(cells)
    return mae, coverage


def backtest(
    *,
    on: dt.date,
    region_id: int | None = None,
    municipality_id: int | None = None,
    horizon: int = 12,
) -> Backtest:
    """Re-run the forecast as of ``horizon`` months ago and compare with outcomes.

    Only what was known then is used: claims still running on that date and the
    doorstroom of the 24 months before it. Today's risk scores are not used (they
    are only kept for running claims and the model was trained on these outcomes).
    """
    as_of = add_months(on, -horizon)
    qs = WWClaim.objects.filter(max_end_date__gt=as_of, max_end_date__lte=on).filter(
        Q(actual_end_date__isnull=True) | Q(actual_end_date__gt=as_of)
    )
    qs = _area(qs, region_id, municipality_id)
    result = _build(
        on=as_of,
        qs=qs,
        rates=region_rates(on=as_of),
        use_scores=False,
        with_actual=True,
    )
    return _backtest_of(result)


def _backtest_of(result: Forecast) -> Backtest:
    mae_m, cov_m = _mae_and_coverage(list(result.by_municipality.values()))
    mae_c, cov_c = _mae_and_coverage(list(result.cells.values()))
    return Backtest(
        forecast=result,
        mae_municipality=mae_m,
        coverage_municipality=cov_m,
        mae_month=mae_c,
        coverage_month=cov_c,
        municipalities=len(result.by_municipality),
        cells=len(result.cells),
    )


def refresh_forecasts(*, on: dt.date) -> int:
    """Store today's forecast and back-test per municipality and month (nightly).

    The dashboard then sums the stored cells for its area filter instead of
    scanning the claims on every page view.
    """
    from .models import MonthlyForecast

    now = timezone.now()
    rows = []
    for kind, result in (
        ("forecast", forecast(on=on)),
        ("backtest", backtest(on=on).forecast),
    ):
        for (name, month), cell in result.cells.items():
            rows.append(
                MonthlyForecast(
                    kind=kind,
                    made_on=result.on,
                    month=dt.date.fromisoformat(f"{month}-01"),
                    municipality_id=result.municipality_ids[name],
                    claims=cell.claims,
                    scored=result.scored.get((name, month), 0),
                    mean=cell.mean,
                    variance=cell.variance,
                    actual=cell.actual,
                    refreshed_at=now,
                )
            )
    MonthlyForecast.objects.all().delete()
    MonthlyForecast.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def stored(
    kind: str, *, region_id: int | None = None, municipality_id: int | None = None
) -> Forecast | None:
    """The stored forecast (or back-test) for an area, or None if none is stored."""
    from .models import MonthlyForecast

    qs = MonthlyForecast.objects.filter(kind=kind)
    if municipality_id:
        qs = qs.filter(municipality_id=municipality_id)
    elif region_id:
        qs = qs.filter(municipality__region_id=region_id)
    first = MonthlyForecast.objects.filter(kind=kind).first()
    if first is None:
        return None
    result = Forecast(on=first.made_on, months=[])
    scored = total = 0
    for row in qs.values(
        "month",
        "claims",
        "scored",
        "mean",
        "variance",
        "actual",
        "municipality_id",
        name=F("municipality__name"),
    ):
        result.municipality_ids[row["name"]] = row["municipality_id"]
        cell = Cell(
            claims=row["claims"],
            mean=row["mean"],
            variance=row["variance"],
            actual=row["actual"],
        )
        scored += row["scored"]
        total += row["claims"]
        _add(result, row["name"], _month_key(row["month"]), cell)
    result.scored_share = scored / total if total else 0.0
    return _sorted(result)


def stored_backtest(**area) -> Backtest | None:
    result = stored("backtest", **area)
    return _backtest_of(result) if result is not None else None


def forecast_table(result: Forecast) -> Table:
    """Per municipality: claims ending, expected inflow and the 90% band."""
    rows = [
        {
            "_id": f"m{result.municipality_ids.get(name, name)}",
            "name": name,
            "claims": c.claims,
            "mean": c.mean,
            "low": c.low,
            "high": c.high,
        }
        for name, c in result.by_municipality.items()
    ]
    t = result.total
    return Table(
        key="forecast",
        title=_("Prognose instroom bijstand, komende 12 maanden"),
        columns=[
            Column("name", _("Gemeente"), "text"),
            Column("claims", _("WW eindigt")),
            Column("mean", _("Verwacht naar bijstand"), "estimate", den="claims"),
            Column("low", _("Ondergrens 90%"), "estimate", den="claims"),
            Column("high", _("Bovengrens 90%"), "estimate", den="claims"),
        ],
        rows=rows,
        total={
            "name": _("Totaal"),
            "claims": t.claims,
            "mean": t.mean,
            "low": t.low,
            "high": t.high,
        },
    )


def forecast_month_table(result: Forecast) -> Table:
    rows = [
        {
            "_id": m,
            "month": m,
            "claims": c.claims,
            "mean": c.mean,
            "low": c.low,
            "high": c.high,
        }
        for m, c in result.by_month.items()
    ]
    return Table(
        key="forecast_months",
        title=_("Prognose per maand"),
        columns=[
            Column("month", _("Maand"), "text"),
            Column("claims", _("WW eindigt")),
            Column("mean", _("Verwacht naar bijstand"), "estimate", den="claims"),
            Column("low", _("Ondergrens 90%"), "estimate", den="claims"),
            Column("high", _("Bovengrens 90%"), "estimate", den="claims"),
        ],
        rows=rows,
    )


def backtest_table(result: Backtest) -> Table:
    rows = [
        {
            "_id": f"m{result.forecast.municipality_ids.get(name, name)}",
            "name": name,
            "claims": c.claims,
            "mean": c.mean,
            "low": c.low,
            "high": c.high,
            "actual": c.actual or 0,
            "covered": _("ja") if c.covered else _("nee"),
        }
        for name, c in result.forecast.by_municipality.items()
    ]
    t = result.forecast.total
    return Table(
        key="backtest",
        title=_("Terugblik: prognose van 12 maanden geleden tegen de werkelijkheid"),
        columns=[
            Column("name", _("Gemeente"), "text"),
            Column("claims", _("WW eindigde")),
            Column("mean", _("Voorspeld"), "estimate", den="claims"),
            Column("low", _("Ondergrens 90%"), "estimate", den="claims"),
            Column("high", _("Bovengrens 90%"), "estimate", den="claims"),
            Column("actual", _("Werkelijk naar bijstand")),
            Column("covered", _("Binnen de band"), "text", den="actual"),
        ],
        rows=rows,
        total={
            "name": _("Totaal"),
            "claims": t.claims,
            "mean": t.mean,
            "low": t.low,
            "high": t.high,
            "actual": t.actual or 0,
            "covered": _("ja") if t.covered else _("nee"),
        },
    )
