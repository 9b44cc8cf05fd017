"""The input contracts and the polars helpers both laws share: cents, dates."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import polars as pl

from maxww.rules.aow import PARAMETER as AOW_PARAMETER
from maxww.rules.aow import age_in_months
from maxww.rules.parameters import Parameter, ParameterSet

WW_INPUT = {
    "reference_date": pl.Date,
    "birth_date": pl.Date,
    "weeks_worked_last_36": pl.Int64,
    "years_with_208_hours_last_5": pl.Int64,
    "employment_history_years_before_2016": pl.Int64,
    "employment_history_years_from_2016": pl.Int64,
}
BIJSTAND_INPUT = {
    "reference_date": pl.Date,
    "applicant_birth_date": pl.Date,
    "partner_birth_date": pl.Date,
    "co_residents_27_plus": pl.Int64,
}
MONEY = pl.Decimal(18, 2)


def _cents(column: str) -> pl.Expr:
    """Euros (float, int or decimal) to integer cents, halves away from zero."""
    return (
        (pl.col(column).cast(pl.Float64) * 100)
        .round(0, mode="half_away_from_zero")
        .cast(pl.Int64)
    )


def _euros(cents: pl.Expr) -> pl.Expr:
    """Integer cents to a Decimal(18, 2) euro column."""
    return (cents.cast(pl.Decimal(20, 2)) * pl.lit(Decimal("0.01"))).cast(MONEY)


def _div_half_up(numerator: pl.Expr, denominator: pl.Expr | int) -> pl.Expr:
    """Integer division rounding halves up (non-negative operands)."""
    return (2 * numerator + denominator) // (2 * denominator)


def _dated(parameter: Parameter, on: pl.Expr, pick: Any = None) -> pl.Expr:
    """The parameter value in force on ``on`` per row (null before the first)."""
    versions = list(reversed(parameter.versions))
    expr: Any = pl
    for version in versions:
        value = version.value if pick is None else pick(version.value)
        expr = expr.when(on >= pl.lit(version.valid_from)).then(pl.lit(value))
    return expr.otherwise(None)


def _version_index(parameter: Parameter, on: pl.Expr) -> pl.Expr:
    expr: Any = pl
    for index in reversed(range(len(parameter.versions))):
        valid_from = parameter.versions[index].valid_from
        expr = expr.when(on >= pl.lit(valid_from)).then(pl.lit(index))
    return expr.otherwise(None)


def _add_months(date: pl.Expr, months: pl.Expr | int) -> pl.Expr:
    """Vectorised :func:`maxww.rules.dates.add_months` (clamps to month end).

    Polars' calendar offset in whole months clamps the same way; the parity tests
    check both paths agree.
    """
    if isinstance(months, int):
        return date.dt.offset_by(f"{months}mo")
    return date.dt.offset_by(pl.format("{}mo", months))


def _age(birth: pl.Expr, on: pl.Expr) -> pl.Expr:
    """Vectorised :func:`maxww.rules.dates.age_on`."""
    on_md = on.dt.month().cast(pl.Int64) * 100 + on.dt.day().cast(pl.Int64)
    birth_md = birth.dt.month().cast(pl.Int64) * 100 + birth.dt.day().cast(pl.Int64)
    years = on.dt.year().cast(pl.Int64) - birth.dt.year().cast(pl.Int64)
    return years - (on_md < birth_md).cast(pl.Int64)


def _aow_date(birth: pl.Expr, params: ParameterSet) -> pl.Expr:
    """Vectorised :func:`maxww.rules.aow.aow_date`."""
    parameter = params[AOW_PARAMETER]
    candidates = [
        _add_months(birth, age_in_months(version)) for version in parameter.versions
    ]
    expr: Any = pl
    for index, candidate in enumerate(candidates):
        expr = expr.when(_version_index(parameter, candidate) == index).then(candidate)
    return expr.otherwise(candidates[0])


def _ratio(value: Any) -> Fraction:
    return Fraction(Decimal(value))


def _prepare(df: pl.DataFrame, schema: dict[str, Any]) -> pl.LazyFrame:
    missing = [c for c in schema if c not in df.columns]
    if missing:
        raise ValueError(f"missing column(s): {', '.join(missing)}")
    return df.with_columns(pl.col(c).cast(t) for c, t in schema.items()).lazy()
