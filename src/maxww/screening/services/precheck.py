"""Indicative bijstand pre-check for whole cohorts with the rules engine's batch path.

Only an indication on what is known: ``likely``, ``unlikely`` or ``unknown``, each
with reasons in Dutch. A partner income that makes bijstand unlikely is flagged
(``partner_income_flag``), never a reason to drop someone from the list.
The reference date is the day after the last WW day (when bijstand would start),
or ``on`` when that lies in the past. The applicant's own income after WW is
taken as nil; undeclared assets count as nil and are named in the reasons.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from maxww.rules.batch import evaluate_bijstand_batch
from maxww.screening.constants import PreCheck


def _eur(cents: pl.Expr) -> pl.Expr:
    """Cents as Dutch money text: € 1.234,56."""
    euros = (cents // 100).cast(pl.String)
    rest = (cents % 100).cast(pl.String).str.zfill(2)
    grouped = euros.str.reverse().str.replace_all(r"(\d{3})(\d)", "$1.$2").str.reverse()
    return pl.concat_str([pl.lit("€ "), grouped, pl.lit(","), rest])


def compute_precheck(frame: pl.DataFrame, *, on: dt.date) -> pl.DataFrame:
    """Add ``precheck``, ``precheck_reasons`` (list of str) and ``partner_income_flag``."""
    result = evaluate_bijstand_batch(_rules_input(frame, on=on))
    frame = frame.with_columns(
        result["entitled"].alias("_entitled"),
        result["passes_asset_test"].alias("_assets_ok"),
        result["norm_monthly_cents"].alias("_norm"),
        result["asset_limit_eur"].cast(pl.Float64).alias("_limit"),
    )
    found = _by_situation(_situations(frame))
    return frame.drop("_entitled", "_assets_ok", "_norm", "_limit").with_columns(
        found["precheck"],
        found["precheck_reasons"],
        found["partner_income_flag"],
    )


def _household() -> pl.Expr:
    """The household type, ``unknown`` when not stated."""
    return pl.col("household_type").fill_null("unknown")


def _rules_input(frame: pl.DataFrame, *, on: dt.date) -> pl.DataFrame:
    """The rules engine's bijstand input per claim, on what is known."""
    household = _household()
    couple = household == "couple"
    reference = pl.max_horizontal(
        pl.col("max_end_date") + pl.duration(days=1), pl.lit(on)
    )
    return frame.select(
        reference.alias("reference_date"),
        pl.col("birth_date").alias("applicant_birth_date"),
        pl.when(couple).then(pl.col("partner_birth_date")).alias("partner_birth_date"),
        pl.col("co_residents_27_plus").fill_null(0),
        pl.when(household == "unknown")
        .then(pl.lit("single"))
        .otherwise(household)
        .alias("household"),
        (pl.col("children").fill_null(0) > 0).alias("has_children"),
        pl.when(couple)
        .then(pl.col("partner_income").fill_null(0.0))
        .otherwise(0.0)
        .alias("net_monthly_income_eur"),
        pl.col("assets").fill_null(0.0).alias("assets_eur"),
        pl.col("debts").fill_null(0.0).alias("debts_eur"),
        pl.col("home_equity").fill_null(0.0).alias("home_equity_eur"),
    )


def _situations(frame: pl.DataFrame) -> pl.DataFrame:
    """Per claim, the few facts its outcome and reasons depend on."""
    household = _household()
    couple = household == "couple"
    partner_cents = (
        (pl.col("partner_income").fill_null(0.0) * 100).round(0).cast(pl.Int64)
    )
    partner_blocks = (
        couple
        & pl.col("partner_income").is_not_null()
        & (partner_cents >= pl.col("_norm"))
        & (pl.col("_norm") > 0)
    )
    return frame.select(
        (household == "unknown").alias("unknown_household"),
        couple.alias("couple"),
        pl.col("partner_birth_date").is_null().alias("no_partner_birth"),
        pl.col("partner_income").is_null().alias("no_partner_income"),
        partner_blocks.alias("partner_blocks"),
        pl.when(partner_blocks).then(partner_cents).alias("partner_cents"),
        pl.col("assets").is_null().alias("no_assets"),
        pl.col("co_residents_27_plus").is_null().alias("no_co_residents"),
        "_entitled",
        "_assets_ok",
        "_norm",
    )


def _by_situation(situation: pl.DataFrame) -> pl.DataFrame:
    """Each claim's outcome, reasons and flag, worked out per distinct situation."""
    # The outcome and its reasons depend on a handful of facts only: work them
    # out once per distinct situation (a few dozen in a million claims), then
    # give each claim its situation's outcome.
    outcomes = situation.unique().with_columns(_outcome())
    return situation.join(
        outcomes,
        on=situation.columns,
        how="left",
        nulls_equal=True,
        maintain_order="left",
    )


def _outcome() -> list[pl.Expr]:
    """Outcome, reasons and flag of a situation (the columns ``compute_precheck`` sets)."""
    reasons = pl.concat_list(
        [*_unknown_fact_reasons(), *_rule_reasons(), *_assumed_fact_reasons()]
    ).list.drop_nulls()
    return [
        _precheck().alias("precheck"),
        reasons.alias("precheck_reasons"),
        pl.col("partner_blocks").fill_null(False).alias("partner_income_flag"),
    ]


def _partner_unknown() -> pl.Expr:
    """A couple whose partner's birth date or income is not known."""
    return pl.col("couple") & (pl.col("no_partner_birth") | pl.col("no_partner_income"))


def _precheck() -> pl.Expr:
    """Unknown without the household's facts, else what the rules engine found."""
    return (
        pl.when(pl.col("unknown_household") | _partner_unknown())
        .then(pl.lit(PreCheck.UNKNOWN.value))
        .when(pl.col("_entitled"))
        .then(pl.lit(PreCheck.LIKELY.value))
        .otherwise(pl.lit(PreCheck.UNLIKELY.value))
    )


def _reason(condition: pl.Expr, text: pl.Expr | str) -> pl.Expr:
    """The reason's text where ``condition`` holds, else null."""
    value = pl.lit(text) if isinstance(text, str) else text
    return pl.when(condition).then(value).otherwise(pl.lit(None, pl.String))


def _unknown_fact_reasons() -> list[pl.Expr]:
    """The facts missing for an indication: household, partner's birth and income."""
    couple = pl.col("couple")
    return [
        _reason(
            pl.col("unknown_household"), "Leefvorm onbekend: geen indicatie mogelijk."
        ),
        _reason(
            couple & pl.col("no_partner_birth"),
            "Samenwonend, maar geboortedatum partner onbekend.",
        ),
        _reason(
            couple & pl.col("no_partner_income"),
            "Samenwonend, maar inkomen partner onbekend.",
        ),
    ]


def _rule_reasons() -> list[pl.Expr]:
    """What the rules engine found: partner income, assets, age, the norm."""
    norm = pl.col("_norm")
    return [
        _reason(
            pl.col("partner_blocks"),
            pl.concat_str(
                [
                    pl.lit("Netto inkomen partner ("),
                    _eur(pl.col("partner_cents")),
                    pl.lit(") ligt op of boven de bijstandsnorm ("),
                    _eur(norm),
                    pl.lit("): bijstand waarschijnlijk niet aan de orde."),
                ]
            ),
        ),
        _reason(
            ~pl.col("_assets_ok") & (norm > 0),
            "Opgegeven vermogen ligt boven de vermogensgrens.",
        ),
        _reason(
            norm == 0,
            "Leeftijd valt buiten de bijstandsnormen (jonger dan 18 of AOW-leeftijd).",
        ),
        _reason(
            pl.col("_entitled") & ~pl.col("unknown_household") & ~_partner_unknown(),
            pl.concat_str(
                [
                    pl.lit("Zonder eigen inkomen na de WW geldt een norm van "),
                    _eur(norm),
                    pl.lit(" per maand."),
                ]
            ),
        ),
    ]


def _assumed_fact_reasons() -> list[pl.Expr]:
    """The facts not given and taken as nil: assets, co-residents."""
    known_household = ~pl.col("unknown_household")
    return [
        _reason(
            pl.col("no_assets") & known_household,
            "Vermogen niet opgegeven; als nihil aangenomen.",
        ),
        _reason(
            pl.col("no_co_residents") & known_household,
            "Medebewoners onbekend; geen kostendelers aangenomen.",
        ),
    ]
