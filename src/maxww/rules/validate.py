"""Vectorised validation of a whole input frame for the batch path.

Gives the same per-row, per-field errors as :mod:`maxww.rules.io` (row 1-based,
field, Dutch message), computed with polars expressions instead of a loop, and
returns the typed frame that :mod:`maxww.rules.batch` evaluates.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .bijstand import Household
from .io import BIJSTAND_COUNTS, BIJSTAND_FLAGS, OLDEST_AGE_YEARS, TOO_OLD, RecordError
from .parameters import default_parameters

TRUE = ("true", "1", "ja", "yes")
FALSE = ("false", "0", "nee", "no")


@dataclass(frozen=True)
class Check:
    """One error condition on a field: ``when`` true means the row is wrong."""

    field: str
    when: pl.Expr
    message: pl.Expr


def _text(column: str) -> pl.Expr:
    """The raw value as stripped text; empty strings become null."""
    text = pl.col(column).cast(pl.String).str.strip_chars()
    return pl.when(text == "").then(None).otherwise(text)


def _absent(column: str, dtype: pl.DataType) -> pl.Expr:
    """No value: null, or (text columns) empty after stripping."""
    if dtype == pl.String:
        return _text(column).is_null()
    return pl.col(column).is_null()


def _shown(column: str, dtype: pl.DataType) -> pl.Expr:
    """The raw value as Python's ``repr`` would show it in a message."""
    text = pl.col(column).cast(pl.String).str.strip_chars()
    return pl.format("'{}'", text) if dtype == pl.String else text


def _missing(column: str, dtype: pl.DataType, required: bool = True) -> list[Check]:
    if not required:
        return []
    return [Check(column, _absent(column, dtype), pl.lit("ontbreekt"))]


def _date(
    column: str, dtype: pl.DataType, required: bool = True
) -> tuple[pl.Expr, list[Check]]:
    parsed = (
        pl.col(column).cast(pl.Date)
        if dtype in (pl.Date, pl.Datetime)
        else _text(column).str.to_date("%Y-%m-%d", strict=False)
    )
    bad = ~_absent(column, dtype) & parsed.is_null()
    message = pl.format("geen geldige datum (JJJJ-MM-DD): {}", _shown(column, dtype))
    return parsed, [*_missing(column, dtype, required), Check(column, bad, message)]


def _number(column: str, dtype: pl.DataType) -> tuple[pl.Expr, pl.Expr]:
    """(value as Float64 or null, is the raw value a number or absent)."""
    absent = _absent(column, dtype)
    if dtype == pl.Boolean:
        return pl.lit(None, dtype=pl.Float64), absent
    if dtype == pl.String:
        value = pl.col(column).str.strip_chars().cast(pl.Float64, strict=False)
    else:
        value = pl.col(column).cast(pl.Float64, strict=False)
    finite = value.is_finite().fill_null(False)
    return pl.when(finite).then(value).otherwise(None), absent | finite


def _integer(
    column: str, dtype: pl.DataType, maximum: int, required: bool = True
) -> tuple[pl.Expr, list[Check]]:
    value, numeric = _number(column, dtype)
    shown = _shown(column, dtype)
    whole = numeric & (value.is_null() | (value == value.floor()))
    checks = [
        *_missing(column, dtype, required),
        Check(column, ~whole, pl.format("geen geheel getal: {}", shown)),
        Check(
            column, whole & (value < 0), pl.format("mag niet negatief zijn: {}", shown)
        ),
        Check(
            column,
            whole & (value >= 0) & (value > maximum),
            pl.format(f"mag niet groter zijn dan {maximum}: {{}}", shown),
        ),
    ]
    return value.cast(pl.Int64), checks


def _money(
    column: str, dtype: pl.DataType, required: bool = True
) -> tuple[pl.Expr, list[Check]]:
    value, numeric = _number(column, dtype)
    shown = _shown(column, dtype)
    checks = [
        *_missing(column, dtype, required),
        Check(column, ~numeric, pl.format("geen geldig bedrag: {}", shown)),
        Check(
            column,
            numeric & (value < 0),
            pl.format("mag niet negatief zijn: {}", shown),
        ),
    ]
    return value, checks


def _boolean(column: str, dtype: pl.DataType) -> tuple[pl.Expr, list[Check]]:
    if dtype == pl.Boolean:
        return pl.col(column).fill_null(False), []
    text = _text(column).str.to_lowercase()
    value = pl.when(text.is_in(TRUE)).then(True).otherwise(False)
    bad = text.is_not_null() & ~text.is_in(TRUE + FALSE)
    return value, [
        Check(column, bad, pl.format("geen ja/nee-waarde: {}", _shown(column, dtype)))
    ]


def _reference_checks(
    dates: dict[str, pl.Expr], births: tuple[str, ...]
) -> list[Check]:
    first = default_parameters().first_date()
    ref = dates["reference_date"]
    checks = [
        Check(
            "reference_date",
            (ref < pl.lit(first)).fill_null(False),
            pl.lit(f"voor {first.isoformat()} zijn geen parameters beschikbaar"),
        )
    ]
    checks.extend(
        Check(
            field,
            (dates[field] >= ref).fill_null(False),
            pl.lit("moet voor de peildatum (reference_date) liggen"),
        )
        for field in births
    )
    checks.extend(
        Check(
            field,
            (dates[field] < ref.dt.offset_by(f"-{OLDEST_AGE_YEARS}y")).fill_null(False),
            pl.lit(TOO_OLD),
        )
        for field in births
    )
    return checks


def _with_columns(df: pl.DataFrame, names: tuple[str, ...]) -> pl.DataFrame:
    missing = [c for c in names if c not in df.columns]
    return df.with_columns(pl.lit(None, dtype=pl.String).alias(c) for c in missing)


def _errors(
    df: pl.DataFrame, checks: list[Check], order: tuple[str, ...]
) -> list[RecordError]:
    rank = {field: index for index, field in enumerate(order)}
    conditions = [check.when.fill_null(False) for check in checks]
    if not df.select(pl.any_horizontal(conditions).any()).item():
        return []
    frames = [
        df.lazy()
        .with_row_index("row", offset=1)
        .filter(check.when.fill_null(False))
        .select(
            pl.col("row").cast(pl.Int64),
            pl.lit(check.field).alias("field"),
            check.message.alias("message"),
            pl.lit(rank[check.field] * 1000 + number).alias("_order"),
        )
        for number, check in enumerate(checks)
    ]
    found = pl.concat(pl.collect_all(frames)).sort("row", "_order")
    return [
        {"row": row["row"], "field": row["field"], "message": row["message"]}
        for row in found.drop("_order").iter_rows(named=True)
    ]


WW_INTEGERS = {
    "weeks_worked_last_36": 36,
    "years_with_208_hours_last_5": 5,
    "employment_history_years_before_2016": 60,
    "employment_history_years_from_2016": 60,
}


def validate_ww_frame(df: pl.DataFrame) -> tuple[pl.DataFrame, list[RecordError]]:
    """Type and check a WW input frame; the frame is only usable without errors."""
    order = ("reference_date", "birth_date", *WW_INTEGERS, "daily_wage_eur")
    df = _with_columns(df, order)
    schema = df.schema
    checks: list[Check] = []
    dates = {}
    for field in ("reference_date", "birth_date"):
        dates[field], found = _date(field, schema[field])
        checks += found
    values = {}
    for field, top in WW_INTEGERS.items():
        values[field], found = _integer(field, schema[field], top)
        checks += found
    values["daily_wage_eur"], found = _money("daily_wage_eur", schema["daily_wage_eur"])
    checks += found
    checks += _reference_checks(dates, ("birth_date",))
    errors = _errors(df, checks, order)
    if errors:
        return df, errors
    typed = df.select(
        *(expr.alias(name) for name, expr in dates.items()),
        *(expr.alias(name) for name, expr in values.items()),
    )
    return typed, []


_BIJSTAND_MONEY = ("assets_eur", "debts_eur", "home_equity_eur")
_BIJSTAND_INCOME = (
    "other_income_eur",
    "net_monthly_income_eur",
    "income_from_work_eur",
    "partner_income_eur",
)
_BIJSTAND_ORDER = (
    "reference_date",
    "household",
    "applicant_birth_date",
    "partner_birth_date",
    "co_residents_27_plus",
    *_BIJSTAND_INCOME,
    *_BIJSTAND_MONEY,
    *BIJSTAND_FLAGS,
    *BIJSTAND_COUNTS,
)
"""The bijstand fields in the order their errors are reported within a row."""
_Group = tuple[dict[str, pl.Expr], list[Check]]


def validate_bijstand_frame(df: pl.DataFrame) -> tuple[pl.DataFrame, list[RecordError]]:
    """Type and check a bijstand input frame (old and new income fields)."""
    df = _with_columns(df, _BIJSTAND_ORDER)
    schema = df.schema
    household, checks = _bijstand_household(schema)
    dates, found = _bijstand_dates(schema, household)
    checks += found
    values: dict[str, pl.Expr] = {}
    for group in (
        _bijstand_counts,
        _bijstand_income,
        _bijstand_money,
        _bijstand_flags,
    ):
        found_values, found = group(schema)
        values.update(found_values)
        checks += found
    errors = _errors(df, checks, _BIJSTAND_ORDER)
    if errors:
        return df, errors
    return _bijstand_typed(df, dates, household, values), []


def _bijstand_household(schema: pl.Schema) -> tuple[pl.Expr, list[Check]]:
    """The leefvorm (art. 3-4: single, couple or single parent) is given and known."""
    household = _text("household")
    known = [h.value for h in Household]
    unknown = Check(
        "household",
        household.is_not_null() & ~household.is_in(known),
        pl.format(
            f"onbekende leefvorm {{}}; kies uit {', '.join(known)}",
            _shown("household", schema["household"]),
        ),
    )
    return household, [*_missing("household", schema["household"]), unknown]


def _bijstand_dates(schema: pl.Schema, household: pl.Expr) -> _Group:
    """The dates, a partner's birth date only for a couple, and the date windows."""
    dates = {}
    checks: list[Check] = []
    for field, required in (
        ("reference_date", True),
        ("applicant_birth_date", True),
        ("partner_birth_date", False),
    ):
        dates[field], found = _date(field, schema[field], required=required)
        checks += found
    partner_absent = _absent("partner_birth_date", schema["partner_birth_date"])
    checks.append(
        Check(
            "partner_birth_date",
            (household == "couple") & partner_absent,
            pl.lit("ontbreekt (verplicht bij couple)"),
        )
    )
    checks.append(
        Check(
            "partner_birth_date",
            household.is_in(["single", "single_parent"]) & ~partner_absent,
            pl.lit("moet leeg zijn als er geen partner is"),
        )
    )
    checks += _reference_checks(dates, ("applicant_birth_date", "partner_birth_date"))
    return dates, checks


def _bijstand_counts(schema: pl.Schema) -> _Group:
    """Whole counts: co-residents (art. 22a, at most 50) and months used (art. 31)."""
    values = {}
    values["co_residents_27_plus"], checks = _integer(
        "co_residents_27_plus", schema["co_residents_27_plus"], 50
    )
    for field, top in BIJSTAND_COUNTS.items():
        count, found = _integer(field, schema[field], top, required=False)
        values[field] = count.fill_null(0)
        checks += found
    return values, checks


def _bijstand_income(schema: pl.Schema) -> _Group:
    """Income (art. 31-32): other income under its new or old name, not both."""
    old = ~_absent("net_monthly_income_eur", schema["net_monthly_income_eur"])
    new = ~_absent("other_income_eur", schema["other_income_eur"])
    checks = [
        Check(
            "other_income_eur",
            old & new,
            pl.lit("geef óf other_income_eur óf net_monthly_income_eur, niet allebei"),
        ),
        Check(
            "other_income_eur",
            ~old & ~new,
            pl.lit("ontbreekt (of net_monthly_income_eur)"),
        ),
    ]
    values = {}
    for field in _BIJSTAND_INCOME:
        values[field], found = _money(field, schema[field], required=False)
        checks += found
    return values, checks


def _bijstand_money(schema: pl.Schema) -> _Group:
    """The required amounts for the asset tests (art. 34): assets, debts, equity."""
    values = {}
    checks: list[Check] = []
    for field in _BIJSTAND_MONEY:
        values[field], found = _money(field, schema[field])
        checks += found
    return values, checks


def _bijstand_flags(schema: pl.Schema) -> _Group:
    """The yes/no facts (art. 20, 24, 31, 41): absent means no."""
    values = {}
    checks: list[Check] = []
    for field in BIJSTAND_FLAGS:
        values[field], found = _boolean(field, schema[field])
        checks += found
    return values, checks


def _bijstand_typed(
    df: pl.DataFrame,
    dates: dict[str, pl.Expr],
    household: pl.Expr,
    values: dict[str, pl.Expr],
) -> pl.DataFrame:
    """The typed frame: one other-income column, absent income from work as 0."""
    income = pl.coalesce(values["other_income_eur"], values["net_monthly_income_eur"])
    rest = ("co_residents_27_plus", *_BIJSTAND_MONEY, *BIJSTAND_FLAGS, *BIJSTAND_COUNTS)
    return df.select(
        *(expr.alias(name) for name, expr in dates.items()),
        household.alias("household"),
        income.alias("other_income_eur"),
        values["income_from_work_eur"].fill_null(0).alias("income_from_work_eur"),
        values["partner_income_eur"].fill_null(0).alias("partner_income_eur"),
        *(values[name].alias(name) for name in rest),
    )
