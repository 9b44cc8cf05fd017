"""WW for every row as polars expressions: art. 17, art. 42 duration and end date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

import polars as pl

from maxww.rules.parameters import ParameterSet, default_parameters
from maxww.rules.ww import HALF_MONTH_DAYS

from .frame import (
    WW_INPUT,
    _add_months,
    _aow_date,
    _cents,
    _dated,
    _div_half_up,
    _euros,
    _prepare,
    _ratio,
)

if TYPE_CHECKING:
    pass


def evaluate_ww_batch(
    df: pl.DataFrame,
    on: dt.date | None = None,
    params: ParameterSet | None = None,
) -> pl.DataFrame:
    """Evaluate WW for every row; returns the output columns of the contract.

    Money columns are Decimal(18, 2) euros; ``*_cents`` Int64 columns are kept
    alongside. ``duration_months`` is a Float64 holding whole or half months.
    """
    p = params or default_parameters()
    frame = _prepare(df, WW_INPUT)
    law = pl.lit(on) if on else pl.col("reference_date")
    frame = _ww_conditions(frame, p, law)  # AOW date, art. 17 and 42 parameters
    frame = _ww_entitlement(frame)  # art. 17
    frame = _ww_duration(frame)  # art. 42 lid 1-2
    frame = _ww_end_date(frame)  # art. 42, capped at the AOW age
    frame = _ww_wage_parameters(frame, p, law)  # art. 1b, 47
    frame = _ww_amounts(frame)  # art. 47; report date PW art. 41
    return _ww_columns(frame).collect()


def _half_months(key: str) -> Callable[[dict], int]:
    """A month count of the WW art. 42 ``duur`` parameter, doubled to half months."""

    def pick(value: dict) -> int:
        doubled = Decimal(value[key]) * 2
        assert doubled == doubled.to_integral_value(), key
        return int(doubled)

    return pick


def _ww_conditions(frame: pl.LazyFrame, p: ParameterSet, law: pl.Expr) -> pl.LazyFrame:
    """AOW date (AOW art. 7a), WW art. 17 wekeneis, art. 42 jareneis and duur."""
    weeks = p["wekeneis"]
    years = p["jareneis"]
    duration = p["duur"]
    return frame.with_columns(
        _aow_date(pl.col("birth_date"), p).alias("aow_date"),
        (
            pl.col("weeks_worked_last_36")
            >= _dated(weeks, law, lambda v: v["required_weeks"])
        ).alias("_meets_weeks"),
        (
            pl.col("years_with_208_hours_last_5")
            >= _dated(years, law, lambda v: v["required_years"])
        ).alias("_meets_years"),
        _dated(duration, law, lambda v: int(v["full_month_years"])).alias("_full"),
        _dated(duration, law, _half_months("months_per_year_before_2016")).alias(
            "_m_before"
        ),
        _dated(duration, law, _half_months("months_per_year_from_2016")).alias(
            "_m_from"
        ),
        _dated(duration, law, _half_months("minimum_months")).alias("_min"),
        _dated(duration, law, _half_months("maximum_months")).alias("_max"),
        _dated(duration, law, _half_months("base_months")).alias("_base"),
    )


def _ww_entitlement(frame: pl.LazyFrame) -> pl.LazyFrame:
    """WW art. 17: the wekeneis met, and unemployed before the AOW age."""
    return frame.with_columns(
        (
            pl.col("_meets_weeks") & (pl.col("reference_date") < pl.col("aow_date"))
        ).alias("entitled"),
    )


def _art_42_history_half_months() -> pl.Expr:
    """WW art. 42 lid 2 (formula since 2016): the duration from the work history."""
    before = pl.col("employment_history_years_before_2016")
    after = pl.col("employment_history_years_from_2016")
    full = pl.col("_full")
    first = pl.min_horizontal(before + after, full)
    extra_before = pl.max_horizontal(before - full, pl.lit(0))
    later = pl.max_horizontal(
        after - pl.max_horizontal(full - before, pl.lit(0)), pl.lit(0)
    )
    raw2 = (first + extra_before) * pl.col("_m_before") + later * pl.col("_m_from")
    return pl.min_horizontal(pl.max_horizontal(raw2, pl.col("_min")), pl.col("_max"))


def _ww_duration(frame: pl.LazyFrame) -> pl.LazyFrame:
    """WW art. 42 lid 1-2: the duration in half months, 0 if not entitled."""
    return frame.with_columns(
        pl.when(~pl.col("entitled"))
        .then(0)
        .when(pl.col("_meets_years"))
        .then(_art_42_history_half_months())
        .otherwise(pl.col("_base"))
        .alias("_dur2")
    )


def _ww_end_date(frame: pl.LazyFrame) -> pl.LazyFrame:
    """WW art. 42 end date (half month = 15 days), at most the day before AOW age."""
    ref = pl.col("reference_date")
    whole = pl.col("_dur2") // 2
    days = (pl.col("_dur2") % 2) * HALF_MONTH_DAYS
    same_day = _add_months(ref, whole)
    # A start day missing in the end month ends the months on that month's last day.
    clamped = same_day.dt.day() < ref.dt.day()
    end_of_whole = (
        pl.when(clamped).then(same_day).otherwise(same_day - pl.duration(days=1))
    )
    uncapped = end_of_whole + pl.duration(days=days)
    last_before_aow = pl.col("aow_date") - pl.duration(days=1)
    return frame.with_columns(
        pl.when(pl.col("entitled"))
        .then(pl.min_horizontal(uncapped, last_before_aow))
        .alias("end_date"),
        (pl.col("entitled") & (uncapped > last_before_aow)).alias("capped_by_aow"),
    )


def _ww_wage_parameters(
    frame: pl.LazyFrame, p: ParameterSet, law: pl.Expr
) -> pl.LazyFrame:
    """WW art. 1b (dagloon at most the maximumdagloon) and the art. 47 fractions."""
    pct = p["uitkeringspercentage"]
    days_per_month = p["uitkeringsdagen_per_maand"]
    wage = pl.min_horizontal(_cents("daily_wage_eur"), _maximumdagloon_cents(p, law))
    return frame.with_columns(
        wage.alias("_dagloon"),
        _dated(days_per_month, law, lambda v: _ratio(v).numerator).alias("_fn"),
        _dated(days_per_month, law, lambda v: _ratio(v).denominator).alias("_fd"),
        _dated(pct, law, lambda v: _ratio(v["first_percent"]).numerator).alias("_p1n"),
        _dated(pct, law, lambda v: _ratio(v["first_percent"]).denominator).alias(
            "_p1d"
        ),
        _dated(pct, law, lambda v: _ratio(v["after_percent"]).numerator).alias("_p2n"),
        _dated(pct, law, lambda v: _ratio(v["after_percent"]).denominator).alias(
            "_p2d"
        ),
    )


def _ww_monthly_cents(num: str, den: str) -> pl.Expr:
    """WW art. 47: dagloon x days per month x percentage in cents; 0 if not entitled."""
    cents = _div_half_up(
        pl.col("_dagloon") * pl.col("_fn") * pl.col(num),
        pl.col("_fd") * pl.col(den) * 100,
    )
    return pl.when(pl.col("entitled")).then(cents).otherwise(0)


def _ww_amounts(frame: pl.LazyFrame) -> pl.LazyFrame:
    """WW art. 47 amounts, art. 42 months, report date (Participatiewet art. 41)."""
    return frame.with_columns(
        _ww_monthly_cents("_p1n", "_p1d").alias("monthly_amount_first_2_months_cents"),
        _ww_monthly_cents("_p2n", "_p2d").alias("monthly_amount_after_cents"),
        (pl.col("_dur2").cast(pl.Float64) / 2).alias("duration_months"),
        pl.when(pl.col("entitled"))
        .then(pl.col("end_date") + pl.duration(days=1))
        .otherwise(pl.col("reference_date"))
        .alias("municipality_report_date"),
    )


def _ww_columns(frame: pl.LazyFrame) -> pl.LazyFrame:
    """The WW output columns of the contract (art. 17, 42, 47), in euros and cents."""
    return frame.select(
        "reference_date",
        "entitled",
        "duration_months",
        "end_date",
        "aow_date",
        "capped_by_aow",
        _euros(pl.col("monthly_amount_first_2_months_cents")).alias(
            "monthly_amount_first_2_months_eur"
        ),
        _euros(pl.col("monthly_amount_after_cents")).alias("monthly_amount_after_eur"),
        "municipality_report_date",
        "monthly_amount_first_2_months_cents",
        "monthly_amount_after_cents",
    )


def _maximumdagloon_cents(p: ParameterSet, law: pl.Expr) -> pl.Expr:
    """The maximum daily wage (art. 17 Wfsv) on the law date, in cents."""
    return _dated(p["maximumdagloon"], law, lambda v: int(Decimal(v) * 100))
