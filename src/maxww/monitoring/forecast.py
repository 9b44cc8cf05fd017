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
from .services.outcomes import bijstand_q, known_outcome_q

HISTORY_MONTHS = 24


@dataclass
class Cell:
    """Expected inflow for one municipality (and month): mean and variance."""

    claims: int = 0
    mean: float = 0.0
    variance: float = 0.0
    actual: int | None = None
    rate_sd: float = 0.0  # sd of the mean from the uncertainty of the rates

    def add(self, other: Cell) -> None:
        self.claims += other.claims
        self.mean += other.mean
        self.variance += other.variance
        self.rate_sd += other.rate_sd  # the same rates everywhere: sds add up
        if other.actual is not None:
            self.actual = (self.actual or 0) + other.actual

    @property
    def sd(self) -> float:
        """Chance in individual outcomes and the uncertainty of the rates."""
        return math.sqrt(self.variance + self.rate_sd**2)

    @property
    def low(self) -> float:
        return max(0.0, self.mean - Z90 * self.sd)

    @property
    def high(self) -> float:
        return self.mean + Z90 * self.sd

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
    method: str = "rates"  # "model": risk scores (recalibrated), else region rates
    calibration: float = 1.0
    model_trained_before: dt.date | None = None

    @property
    def total(self) -> Cell:
        total = Cell()
        for cell in self.by_municipality.values():
            total.add(cell)
        return total


def region_rates(*, on: dt.date, months: int = HISTORY_MONTHS) -> dict[int, float]:
    """Historical doorstroom per region id (see :func:`region_rate_counts`)."""
    return {k: b / n for k, (n, b) in region_rate_counts(on=on, months=months).items()}


def region_rate_counts(
    *, on: dt.date, months: int = HISTORY_MONTHS
) -> dict[int, tuple[int, int]]:
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
        WWClaim.objects.filter(cohorts)
        .filter(known_outcome_q())
        .values(region=F("person__municipality__region_id"))
        .annotate(n=Count("pk"), b=Count("pk", filter=bijstand_q()))
    )
    return {r["region"]: (r["n"], r["b"]) for r in data if r["n"]}


def _rate_sd(counts: dict[int, tuple[int, int]], region: int) -> tuple[float, float]:
    """A region's rate and its standard error (6% without history)."""
    n, b = counts.get(region, (0, 0))
    if not n:
        return NATIONAL_DOORSTROOM_HIGH, NATIONAL_DOORSTROOM_HIGH / 2
    rate = b / n
    return rate, math.sqrt(max(rate * (1 - rate), 1 / n) / n)


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
    *,
    on: dt.date,
    qs,
    counts: dict[int, tuple[int, int]],
    use_scores: bool,
    with_actual: bool,
    k: float = 1.0,
    k_sd: float = 0.0,
) -> Forecast:
    """Aggregate per municipality and month: stored scores × ``k``, else rates."""
    months = [_month_key(add_months(on, i)) for i in range(13)]
    aggs = {"n": Count("pk")}
    if use_scores:
        aggs |= {
            "n_scored": Count("screening__risk_score"),
            "sum_p": Sum("screening__risk_score"),
            "sum_p2": Sum(F("screening__risk_score") * F("screening__risk_score")),
        }
    if with_actual:
        aggs["actual"] = Count("pk", filter=bijstand_q())
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
    result = Forecast(on=on, months=months, rates=_rates(counts), calibration=k)
    scored = total = 0
    for row in data:
        n_scored = row.get("n_scored") or 0
        sum_p = k * float(row.get("sum_p") or 0.0)
        sum_p2 = k * k * float(row.get("sum_p2") or 0.0)
        cell = _cell(
            claims=row["n"],
            scored=(n_scored, sum_p, sum_p2, k_sd * sum_p / k if k else 0.0),
            rate=_rate_sd(counts, row["region"]),
            actual=row.get("actual") if with_actual else None,
        )
        scored += n_scored
        total += row["n"]
        _place(result, row, cell, n_scored)
    result.scored_share = scored / total if total else 0.0
    if scored:
        result.method = "model"
    return _sorted(result)


def _rates(counts: dict[int, tuple[int, int]]) -> dict[int, float]:
    return {k: b / n for k, (n, b) in counts.items() if n}


def _cell(*, claims: int, scored, rate, actual) -> Cell:
    """One cell: scored claims (n, Σp, Σp², rate sd) plus the rest at the rate."""
    n_scored, sum_p, sum_p2, scored_sd = scored
    r, r_sd = rate
    rest = claims - n_scored
    return Cell(
        claims=claims,
        mean=sum_p + rest * r,
        variance=max(sum_p - sum_p2, 0.0) + rest * r * (1 - r),
        actual=actual,
        rate_sd=scored_sd + rest * r_sd,
    )


def _place(result: Forecast, row: dict, cell: Cell, n_scored: int) -> None:
    month = _month_key(row["month"])
    result.municipality_ids[row["name"]] = row["municipality"]
    result.scored[(row["name"], month)] = n_scored
    _add(result, row["name"], month, cell)


def cohort_q(as_of: dt.date, horizon: int = 12) -> Q:
    """Claims running on ``as_of`` whose maximum end falls in the next months."""
    return Q(max_end_date__gt=as_of, max_end_date__lte=add_months(as_of, horizon)) & (
        Q(actual_end_date__isnull=True) | Q(actual_end_date__gt=as_of)
    )


def calibration(model, *, as_of: dt.date) -> tuple[float, float]:
    """Recalibration of the scores to the population the forecast is about.

    The model learns from all ended claims; the forecast is about claims that
    run until near their maximum end, who enter bijstand more often. So: the
    latest cohort with known outcomes (claims running 12 months before
    ``as_of`` that ended by ``as_of``) is scored, and ``k`` = actual ÷ Σp.
    Returns ``k`` and its standard error (from chance in that cohort's
    outcomes). ``(1.0, 0.0)`` without such a cohort.
    """
    from maxww.screening.services.frame import claims_frame
    from maxww.screening.services.risk import probabilities

    start = add_months(as_of, -12)
    where = cohort_q(start) & known_outcome_q()
    frame = claims_frame(where=where)
    if frame.is_empty():
        return 1.0, 0.0
    p = probabilities(model, frame)
    positives = set(
        WWClaim.objects.filter(where).filter(bijstand_q()).values_list("pk", flat=True)
    )
    actual = sum(1 for c in frame["claim_id"].to_list() if c in positives)
    expected = float(p.sum())
    if not expected or not actual:
        return 1.0, 0.0
    k = actual / expected
    variance = float((k * p * (1 - k * p)).clip(min=0).sum())
    return k, math.sqrt(variance) / expected


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
    """Expected bijstand inflow from active claims ending in the next ``horizon`` months.

    Risk scores of the active model, recalibrated (:func:`calibration`); claims
    without a score at the region's rate.
    """
    from maxww.screening.services.risk import active_model

    qs = WWClaim.objects.filter(
        status=ClaimStatus.ACTIVE,
        max_end_date__gt=on,
        max_end_date__lte=add_months(on, horizon),
    )
    qs = _area(qs, region_id, municipality_id)
    model = active_model()
    k, k_sd = calibration(model, as_of=on) if model is not None else (1.0, 0.0)
    return _build(
        on=on,
        qs=qs,
        counts=region_rate_counts(on=on),
        use_scores=True,
        with_actual=False,
        k=k,
        k_sd=k_sd,
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
    """The forecast's own method as of ``horizon`` months ago, against what happened.

    Only what was known then: a model fitted on claims that ended before that
    date (so the period tested is later than the training period), recalibrated
    on the cohort before it, scoring the claims running on that date; the
    region rates of the 24 months before it for the rest. Without enough
    history for a model, region rates only (``method == "rates"``).
    """
    from maxww.screening.services.risk import fit

    as_of = add_months(on, -horizon)
    qs = _area(
        WWClaim.objects.filter(cohort_q(as_of, horizon)), region_id, municipality_id
    )
    counts = region_rate_counts(on=as_of)
    model = fit(before=as_of)
    if model is None:
        result = _build(
            on=as_of, qs=qs, counts=counts, use_scores=False, with_actual=True
        )
        return _backtest_of(result)
    k, k_sd = calibration(model, as_of=as_of)
    result = _scored_build(qs, model, as_of=as_of, counts=counts, k=k, k_sd=k_sd)
    result.model_trained_before = as_of
    return _backtest_of(result)


def _scored_build(qs, model, *, as_of, counts, k, k_sd) -> Forecast:
    """Score every claim of ``qs`` with ``model`` (vectorised) and aggregate."""
    import polars as pl

    from maxww.screening.services.frame import claims_frame
    from maxww.screening.services.risk import probabilities

    frame = claims_frame(where=Q(pk__in=qs.values("pk")))
    result = Forecast(
        on=as_of,
        months=[_month_key(add_months(as_of, i)) for i in range(13)],
        rates=_rates(counts),
        method="model",
        calibration=k,
    )
    if frame.is_empty():
        return result
    p = k * probabilities(model, frame)
    positives = set(qs.filter(bijstand_q()).values_list("pk", flat=True))
    places = {
        pk: (mid, name)
        for pk, mid, name in qs.values_list(
            "pk", "person__municipality_id", "person__municipality__name"
        )
    }
    ids = frame["claim_id"].to_list()
    scored = pl.DataFrame(
        {
            "mid": [places[c][0] for c in ids],
            "name": [places[c][1] for c in ids],
            "region": frame["region_id"],
            "month": frame["max_end_date"].dt.truncate("1mo"),
            "p": p,
            "y": [c in positives for c in ids],
        }
    )
    grouped = scored.group_by("mid", "name", "region", "month").agg(
        n=pl.len(),
        sum_p=pl.col("p").sum(),
        sum_p2=(pl.col("p") ** 2).sum(),
        actual=pl.col("y").sum(),
    )
    for row in grouped.iter_rows(named=True):
        cell = _cell(
            claims=row["n"],
            scored=(row["n"], row["sum_p"], row["sum_p2"], k_sd * row["sum_p"] / k),
            rate=(0.0, 0.0),
            actual=int(row["actual"]),
        )
        _place(result, row | {"municipality": row["mid"]}, cell, row["n"])
    result.scored_share = 1.0
    return _sorted(result)


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
                    rate_sd=cell.rate_sd,
                    calibration=result.calibration,
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
    result = Forecast(on=first.made_on, months=[], calibration=first.calibration)
    scored = total = 0
    for row in qs.values(
        "month",
        "claims",
        "scored",
        "mean",
        "variance",
        "rate_sd",
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
            rate_sd=row["rate_sd"],
        )
        scored += row["scored"]
        total += row["claims"]
        _add(result, row["name"], _month_key(row["month"]), cell)
    result.scored_share = scored / total if total else 0.0
    if scored:
        result.method = "model"
        result.model_trained_before = first.made_on if kind == "backtest" else None
    return _sorted(result)


def stored_backtest(**area) -> Backtest | None:
    result = stored("backtest", **area)
    return _backtest_of(result) if result is not None else None


def _band(name: str, c: Cell) -> dict:
    return {
        "name": name,
        "claims": c.claims,
        "mean": c.mean,
        "low": c.low,
        "high": c.high,
    }


def _outcome(c: Cell) -> dict:
    return {"actual": c.actual or 0, "covered": _("ja") if c.covered else _("nee")}


def _forecast_columns(first: Column) -> list[Column]:
    """The columns of both forecast tables after their first (area or month)."""
    return [
        first,
        Column("claims", _("WW eindigt")),
        Column("mean", _("Verwacht naar bijstand"), "estimate", den="claims"),
        Column("low", _("Ondergrens 90%"), "estimate", den="claims"),
        Column("high", _("Bovengrens 90%"), "estimate", den="claims"),
    ]


def forecast_table(result: Forecast) -> Table:
    """Per municipality: claims ending, expected inflow and the 90% band."""
    rows = [
        {"_id": f"m{result.municipality_ids.get(name, name)}"} | _band(name, c)
        for name, c in result.by_municipality.items()
    ]
    t = result.total
    return Table(
        key="forecast",
        title=_("Prognose instroom bijstand, komende 12 maanden"),
        columns=_forecast_columns(Column("name", _("Gemeente"), "text")),
        rows=rows,
        total=_band(_("Totaal"), t),
    )


def _partial_months(result: Forecast) -> set[str]:
    """The first and last month of the horizon, unless it starts on a month end."""
    nxt = result.on + dt.timedelta(days=1)
    if nxt.day == 1:
        return set()
    return {_month_key(result.on), _month_key(add_months(result.on, 12))}


def forecast_month_table(result: Forecast) -> Table:
    partial = _partial_months(result)
    rows = [
        {
            "_id": m,
            "month": f"{m} {_('(deels)')}" if m in partial else m,
            "partial": m in partial,
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
        columns=_forecast_columns(Column("month", _("Maand"), "text")),
        rows=rows,
        note=_(
            "(deels): de maand valt maar voor een deel in de komende 12 maanden; "
            "het lagere aantal is geen daling."
        ),
    )


def backtest_table(result: Backtest) -> Table:
    rows = [
        {"_id": f"m{result.forecast.municipality_ids.get(name, name)}"}
        | _band(name, c)
        | _outcome(c)
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
        total=_band(_("Totaal"), t) | _outcome(t),
    )
