"""Bijstand for every row as polars expressions: norm, A, assets, income, right."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import polars as pl

from maxww.rules.io import BIJSTAND_COUNTS, BIJSTAND_FLAGS
from maxww.rules.parameters import Parameter, ParameterSet, default_parameters

from .frame import (
    BIJSTAND_INPUT,
    _age,
    _aow_date,
    _cents,
    _dated,
    _div_half_up,
    _euros,
    _prepare,
    _ratio,
)

if TYPE_CHECKING:
    from polars.expr.whenthen import ChainedThen


def _with_optional_inputs(frame: pl.LazyFrame, columns: list[str]) -> pl.LazyFrame:
    """Defaults for the optional bijstand inputs; ``other_income_eur`` (new name)
    or ``net_monthly_income_eur`` (old name) is the income other than from work."""
    if "other_income_eur" not in columns and "net_monthly_income_eur" not in columns:
        raise ValueError("missing column(s): other_income_eur")
    other = (
        "other_income_eur"
        if "other_income_eur" in columns
        else "net_monthly_income_eur"
    )
    return frame.with_columns(
        *(
            (
                pl.col(c).cast(pl.Boolean).fill_null(False)
                if c in columns
                else pl.lit(False)
            ).alias(c)
            for c in BIJSTAND_FLAGS
        ),
        *(
            (
                pl.col(c).cast(pl.Int64).fill_null(0) if c in columns else pl.lit(0)
            ).alias(c)
            for c in BIJSTAND_COUNTS
        ),
        _cents(other).alias("_other_cents"),
        (
            _cents("income_from_work_eur").fill_null(0)
            if "income_from_work_eur" in columns
            else pl.lit(0, dtype=pl.Int64)
        ).alias("_work_cents"),
        (
            _cents("partner_income_eur").fill_null(0)
            if "partner_income_eur" in columns
            else pl.lit(0, dtype=pl.Int64)
        ).alias("_partner_cents"),
    )


def _cents_of(parameter: Parameter, law: pl.Expr, key: str) -> pl.Expr:
    return _dated(parameter, law, lambda v: int(Decimal(v[key]) * 100))


def _exemption(
    p: ParameterSet, law: pl.Expr, age: pl.Expr, pension: pl.Expr
) -> pl.Expr:
    """Art. 31 lid 2 onder n, y, z, aa, r in cents (mirror of ``art_31_lid_2_vrijlating``)."""
    n, y, r, lks = (
        p["vrijlating_inkomsten_uit_arbeid"],
        p["vrijlating_medisch_urenbeperkt"],
        p["vrijlating_alleenstaande_ouder"],
        p["vrijlating_loonkostensubsidie"],
    )
    adult = age >= _dated(n, law, lambda v: int(v["min_age"]))
    n_app = _onder_n_applies(n, law, adult, pension)
    y_app = pl.col("medically_limited_hours") & ~n_app  # onder y
    z_app, aa_app = _onder_z_aa_apply(n, lks, law, n_app, y_app)
    r_app = _onder_r_applies(r, law, adult, (n_app, y_app, z_app, aa_app))
    return (
        pl.when(pl.col("_work_cents") <= 0)
        .then(0)
        .when(n_app)
        .then(_exempt_part(n, law))
        .when(y_app)
        .then(_exempt_part(y, law))
        .when(z_app | aa_app)
        .then(_exempt_part(lks, law))
        .when(r_app)
        .then(_exempt_part(r, law))
        .otherwise(0)
    )


def _onder_n_applies(
    n: Parameter, law: pl.Expr, adult: pl.Expr, pension: pl.Expr
) -> pl.Expr:
    """Art. 31 lid 2 onder n: adult, and pensioengerechtigd or months left."""
    return adult & (
        pension
        | (
            pl.col("work_exemption_months_used")
            < _dated(n, law, lambda v: int(v["months"]))
        )
    )


def _onder_z_aa_apply(
    n: Parameter, lks: Parameter, law: pl.Expr, n_app: pl.Expr, y_app: pl.Expr
) -> tuple[pl.Expr, pl.Expr]:
    """Art. 31 lid 2 onder z and aa: a loonkostensubsidie job after onder n."""
    lks_job = (
        pl.col("loonkostensubsidie_target_group")
        & pl.col("loonkostensubsidie_job")
        & ~n_app
        & ~y_app
    )
    lks_months = _dated(lks, law, lambda v: int(v["months"]))
    z_app = (
        lks_job
        & (
            pl.col("work_exemption_months_used")
            >= _dated(n, law, lambda v: int(v["months"]))
        )
        & (pl.col("lks_exemption_months_used") < lks_months)
    )
    aa_app = (
        lks_job
        & (pl.col("lks_exemption_months_used") >= lks_months)
        & pl.col("no_more_hours_possible")
    )
    return z_app, aa_app


def _onder_r_applies(
    r: Parameter, law: pl.Expr, adult: pl.Expr, earlier: tuple[pl.Expr, ...]
) -> pl.Expr:
    """Art. 31 lid 2 onder r: a single parent, child under 12, no earlier onderdeel."""
    applies = (_household() == "single_parent") & pl.col("has_child_under_12") & adult
    for other in earlier:
        applies = applies & ~other
    return applies & (
        pl.col("single_parent_exemption_months_used")
        < _dated(r, law, lambda v: int(v["months"]))
    )


def _exempt_part(parameter: Parameter, law: pl.Expr) -> pl.Expr:
    """Art. 31 lid 2: the exempt percentage of income from work, at most the maximum."""
    num = _dated(parameter, law, lambda v: _ratio(v["percent"]).numerator)
    den = _dated(parameter, law, lambda v: _ratio(v["percent"]).denominator)
    return pl.min_horizontal(
        _div_half_up(pl.col("_work_cents") * num, den * 100),
        _cents_of(parameter, law, "maximum"),
    )


def evaluate_bijstand_batch(
    df: pl.DataFrame,
    on: dt.date | None = None,
    params: ParameterSet | None = None,
) -> pl.DataFrame:
    """Evaluate bijstand for every row; returns the output columns of the contract.

    ``household`` is ``single``, ``couple`` or ``single_parent``; the optional
    inputs of :class:`maxww.rules.bijstand.BijstandCase` may be given as columns
    (missing means "no" or 0).
    """
    p = params or default_parameters()
    frame = _bijstand_inputs(df)
    law = pl.lit(on) if on else pl.col("reference_date")
    frame = _with_ages_and_parameters(frame, p, law)  # art. 20-22a, AOW
    frame = _with_norm_and_tests(frame, p, law)  # art. 20-24a, 31, 34, 41
    frame = _with_asset_and_income_tests(frame)  # art. 34; art. 19, 31-32
    frame = _with_entitlement(frame)  # art. 11
    return _bijstand_columns(frame).collect()


def _bijstand_inputs(df: pl.DataFrame) -> pl.LazyFrame:
    """The typed inputs, optional ones defaulted (art. 31-32 incomes in cents)."""
    frame = _prepare(df, BIJSTAND_INPUT)
    if "household" not in df.columns:
        raise ValueError("missing column(s): household")
    return _with_optional_inputs(frame, df.columns)


def _with_ages_and_parameters(
    frame: pl.LazyFrame, p: ParameterSet, law: pl.Expr
) -> pl.LazyFrame:
    """Ages and AOW dates (art. 20-22) and the art. 20-22a parameters in force."""
    return frame.with_columns(*_age_columns(p), *_norm_parameter_columns(p, law))


def _age_columns(p: ParameterSet) -> list[pl.Expr]:
    """Ages and AOW dates of applicant and partner (art. 20-22, AOW art. 7a)."""
    ref = pl.col("reference_date")
    couple = _couple()
    return [
        _age(pl.col("applicant_birth_date"), ref).alias("_age_a"),
        pl.when(couple)
        .then(_age(pl.col("partner_birth_date"), ref))
        .otherwise(None)
        .alias("_age_p"),
        _aow_date(pl.col("applicant_birth_date"), p).alias("_aow_a"),
        pl.when(couple)
        .then(_aow_date(pl.col("partner_birth_date"), p))
        .otherwise(None)
        .alias("_aow_p"),
    ]


def _norm_parameter_columns(p: ParameterSet, law: pl.Expr) -> list[pl.Expr]:
    """Age limits (art. 20-21), art. 22a percentages, couple norms, jongerentoeslag."""
    shares = p["kostendelersnorm"]
    return [
        _dated(p["leeftijdsgrenzen"], law, lambda v: v["minimum_age"]).alias(
            "_min_age"
        ),
        _dated(shares, law, lambda v: v["member_min_age"]).alias("_adult"),
        _dated(shares, law, lambda v: v["base_percent"]).alias("_base_pct"),
        _dated(shares, law, lambda v: v["per_person_percent"]).alias("_per_pct"),
        _norm_of(p, law, "gehuwden_21_plus").alias("_couple21"),
        _cents_of(p["bijstandsnormen_pensioen"], law, "gehuwden").alias("_couple_aow"),
        _cents_of(p["jongerentoeslag"], law, "amount").alias("_youth"),
    ]


def _household() -> pl.Expr:
    """The leefvorm of art. 20-22a: ``single``, ``couple`` or ``single_parent``."""
    return pl.col("household").cast(pl.String)


def _couple() -> pl.Expr:
    """Gehuwden (art. 21-22a, 24): a couple with the partner's birth date given."""
    return (_household() == "couple") & pl.col("partner_birth_date").is_not_null()


def _children() -> pl.Expr:
    """With children (art. 20 lid 2); a single parent always has children."""
    return pl.col("has_children") | (_household() == "single_parent")


def _pension() -> pl.Expr:
    """Pensioengerechtigd (art. 22): the applicant or the partner at AOW age."""
    ref = pl.col("reference_date")
    return (ref >= pl.col("_aow_a")) | (
        _couple() & (ref >= pl.col("_aow_p")).fill_null(False)
    )


def _excluded() -> pl.Expr:
    """Under the minimum age of art. 20-21: no norm applies."""
    return pl.col("_age_a") < pl.col("_min_age")


def _no_right() -> pl.Expr:
    """Art. 24: a spouse without a right (under the minimum age, or by input)."""
    couple = _couple()
    partner_right = (
        couple
        & (pl.col("_age_p") >= pl.col("_min_age")).fill_null(False)
        & ~pl.col("partner_has_no_right")
    )
    return couple & ~partner_right


def _applicant_adult() -> pl.Expr:
    """The applicant counts as 21 or older (art. 20-22a), or is pensioengerechtigd."""
    return (pl.col("_age_a") >= pl.col("_adult")) | _pension()


def _partner_adult() -> pl.Expr:
    """The partner counts as 21 or older (art. 20-22a), or is pensioengerechtigd."""
    return _couple() & (
        (pl.col("_age_p") >= pl.col("_adult")).fill_null(False) | _pension()
    )


def _partner_21() -> pl.Expr:
    """1 when the partner is 21 or older, so counts in A (art. 22a lid 1, art. 24)."""
    return (pl.col("_age_p") >= pl.col("_adult")).fill_null(False).cast(pl.Int64)


def _couple_norm() -> pl.Expr:
    """B of art. 22a lid 1: the couple norm of art. 21 onder b, or of art. 22."""
    return (
        pl.when(_pension()).then(pl.col("_couple_aow")).otherwise(pl.col("_couple21"))
    )


def _norm_of(p: ParameterSet, law: pl.Expr, key: str) -> pl.Expr:
    """A norm of art. 20-21 (``bijstandsnormen``) in cents."""
    return _cents_of(p["bijstandsnormen"], law, key)


def _by_kids(p: ParameterSet, law: pl.Expr, prefix: str) -> pl.Expr:
    """A young couple's norm of art. 20 lid 2, with or without children."""
    return (
        pl.when(_children())
        .then(_norm_of(p, law, f"{prefix}_met_kinderen"))
        .otherwise(_norm_of(p, law, f"{prefix}_zonder_kinderen"))
    )


def _share(persons: pl.Expr, b: pl.Expr | None = None) -> pl.Expr:
    """Art. 22a lid 1: (40% + A x 30%) / A x B, B the couple norm unless given."""
    b = _couple_norm() if b is None else b
    return _div_half_up(
        b * (pl.col("_base_pct") + persons * pl.col("_per_pct")), persons * 100
    )


def _raised(base: pl.Expr, persons: int, cap: pl.Expr) -> pl.Expr:
    """Art. 20 lid 3-4: + the jongerentoeslag per young person, at most the 21 norm."""
    return (
        pl.when(pl.col("cannot_rely_on_parents") & (pl.col("_youth") > 0))
        .then(
            pl.min_horizontal(
                base + persons * pl.col("_youth"), pl.max_horizontal(cap, base)
            )
        )
        .otherwise(base)
    )


def _single_21(p: ParameterSet, law: pl.Expr) -> pl.Expr:
    """The norm of a single 21-year-old in the same household (art. 20 lid 4 cap)."""
    co = pl.col("co_residents_27_plus")
    return (
        pl.when(co == 0)
        .then(_norm_of(p, law, "alleenstaande_21_plus"))
        .otherwise(_share(co + 1, pl.col("_couple21")))
    )


def _couple_21() -> pl.Expr:
    """The norm of a couple of 21 in the same household (art. 20 lid 4 cap)."""
    co = pl.col("co_residents_27_plus")
    couple21 = pl.col("_couple21")
    return pl.when(co == 0).then(couple21).otherwise(2 * _share(co + 2, couple21))


def _norm_cents(p: ParameterSet, law: pl.Expr) -> pl.Expr:
    """The monthly norm in cents (art. 20-22a, 24), mirror of ``art_20_22a_norm``."""
    branches = _single_norms(p, law)
    branches = _no_right_norms(branches, p, law)
    return _couple_norms(branches, p, law)


def _single_norms(p: ParameterSet, law: pl.Expr) -> ChainedThen:
    """Art. 20, 21 onder a, 22 onder a and 22a: the norm of a single (parent)."""
    couple, a_adult = _couple(), _applicant_adult()
    co = pl.col("co_residents_27_plus")
    return (
        pl.when(~couple & ~a_adult)
        .then(_raised(_norm_of(p, law, "alleenstaande_18_20"), 1, _single_21(p, law)))
        .when(~couple & (co == 0) & _pension())
        .then(_cents_of(p["bijstandsnormen_pensioen"], law, "alleenstaande"))
        .when(~couple & (co == 0))
        .then(_norm_of(p, law, "alleenstaande_21_plus"))
        .when(~couple)
        .then(_share(co + 1))
    )


def _no_right_norms(
    branches: ChainedThen, p: ParameterSet, law: pl.Expr
) -> ChainedThen:
    """Art. 24: the norm of the spouse with a right when the other has none."""
    no_right, a_adult = _no_right(), _applicant_adult()
    co = pl.col("co_residents_27_plus")
    return (
        branches.when(no_right & a_adult & (co > 0))
        .then(_share(co + 1 + _partner_21()))
        .when(no_right & a_adult)
        .then(_div_half_up(_couple_norm(), 2))
        .when(no_right)
        .then(
            _raised(
                _div_half_up(_by_kids(p, law, "gehuwden_beiden_18_20"), 2),
                1,
                _div_half_up(pl.col("_couple21"), 2),
            )
        )
    )


def _couple_norms(branches: ChainedThen, p: ParameterSet, law: pl.Expr) -> pl.Expr:
    """Art. 20, 21 onder b, 22 onder b en c, and 22a: the norm of a couple."""
    a_adult, p_adult = _applicant_adult(), _partner_adult()
    co = pl.col("co_residents_27_plus")
    return (
        branches.when(a_adult & p_adult & (co == 0))
        .then(_couple_norm())
        .when(a_adult & p_adult)
        .then(2 * _share(co + 2))
        .when(~a_adult & ~p_adult)
        .then(_raised(_by_kids(p, law, "gehuwden_beiden_18_20"), 2, _couple_21()))
        .when(co == 0)
        .then(_raised(_by_kids(p, law, "gehuwden_een_18_20"), 1, _couple_21()))
        .otherwise(_young_spouse_norm(p, law))
    )


def _young_spouse_norm(p: ParameterSet, law: pl.Expr) -> pl.Expr:
    """Art. 22a lid 3: the young spouse's amount plus the other's kostendelersnorm."""
    young = p["kostendelersnorm_jongere_echtgenoot"]
    co = pl.col("co_residents_27_plus")
    return _raised(
        pl.when(_children())
        .then(_cents_of(young, law, "met_kinderen"))
        .otherwise(_cents_of(young, law, "zonder_kinderen"))
        + _share(co + 1),
        1,
        _couple_21(),
    )


def _cost_sharers() -> pl.Expr:
    """A, the persons counted (art. 22a lid 1, art. 19a); 0 for a young norm."""
    couple, no_right = _couple(), _no_right()
    a_adult, p_adult = _applicant_adult(), _partner_adult()
    co = pl.col("co_residents_27_plus")
    return (
        pl.when(~couple & ~a_adult)
        .then(0)
        .when(~couple & (co == 0))
        .then(1)
        .when(~couple)
        .then(co + 1)
        .when(no_right & a_adult & (co > 0))
        .then(co + 1 + _partner_21())
        .when(no_right & a_adult)
        .then(1)
        .when(no_right)
        .then(0)
        .when(a_adult & p_adult & (co == 0))
        .then(2)
        .when(a_adult & p_adult)
        .then(co + 2)
        .when(~a_adult & ~p_adult)
        .then(0)
        .when(co == 0)
        .then(1)
        .otherwise(co + 1)
    )


def _raise_24a(p: ParameterSet, law: pl.Expr) -> pl.Expr:
    """Art. 24a (from 2026): a child and a spouse without a right raise the norm."""
    return (
        pl.when(_no_right() & pl.col("has_children"))
        .then(
            _dated(
                p["kindgebonden_budget_verhoging_24a"],
                law,
                lambda v: int(Decimal(v["amount"]) * 100),
            )
        )
        .otherwise(0)
    )


def _asset_limit_cents(p: ParameterSet, law: pl.Expr) -> pl.Expr:
    """Art. 34 lid 3: the asset limit of a single, or of a couple or single parent."""
    limits = p["vermogensgrens"]
    return (
        pl.when(_household() == "single")
        .then(_dated(limits, law, lambda v: int(v["alleenstaande"]) * 100))
        .otherwise(
            _dated(
                limits, law, lambda v: int(v["gehuwden_of_alleenstaande_ouder"]) * 100
            )
        )
    )


def _home_equity_above(p: ParameterSet, law: pl.Expr) -> pl.Expr:
    """Art. 34 lid 2 onder d and art. 50 lid 2: home equity above the limit."""
    return _cents("home_equity_eur") > _dated(
        p["vermogen_eigen_woning"], law, lambda v: int(v) * 100
    )


def _search_weeks(p: ParameterSet, law: pl.Expr) -> pl.Expr:
    """Art. 41 lid 4: four weeks' search period for the young, with its exceptions."""
    search = p["zoektermijn_jongeren"]
    below = _dated(search, law, lambda v: v["below_age"])
    young = (pl.col("_age_a") < below) & (
        ~_couple() | (pl.col("_age_p") < below).fill_null(False)
    )
    exception = (
        pl.col("special_education_last_year")
        | pl.col("medically_limited_hours")
        | pl.col("loonkostensubsidie_target_group")
    )
    return (
        pl.when(young & ~exception)
        .then(_dated(search, law, lambda v: v["weeks"]))
        .otherwise(0)
    )


def _with_norm_and_tests(
    frame: pl.LazyFrame, p: ParameterSet, law: pl.Expr
) -> pl.LazyFrame:
    """Norm (art. 20-24a), A, asset limit, AIO, art. 31 exemption, art. 41 lid 4."""
    excluded, pension = _excluded(), _pension()
    norm = _norm_cents(p, law)
    return frame.with_columns(
        pl.when(excluded)
        .then(0)
        .otherwise(norm + _raise_24a(p, law))
        .alias("norm_monthly_cents"),
        pl.when(excluded).then(0).otherwise(norm).alias("_base_norm_cents"),
        pl.when(excluded).then(0).otherwise(_cost_sharers()).alias("cost_sharers"),
        _asset_limit_cents(p, law).alias("asset_limit_cents"),
        excluded.alias("_excluded"),
        # Art. 47a-47g (AIO): the SVB pays bijstand from the AOW age.
        (~excluded & pension).alias("aio_via_svb"),
        pl.when(excluded)
        .then(0)
        .otherwise(_exemption(p, law, pl.col("_age_a"), pension))
        .alias("income_exemption_cents"),
        _home_equity_above(p, law).alias("_home_above"),
        _search_weeks(p, law).alias("job_search_period_weeks"),
    )


def _own_income() -> pl.Expr:
    """Art. 31-32: the applicant's income that counts, after the art. 31 exemption."""
    return (
        pl.col("_other_cents")
        + pl.col("_work_cents")
        - pl.col("income_exemption_cents")
    )


def _partner_counted() -> pl.Expr:
    """Art. 32 lid 3: the partner's income; without a right, above the couple norm."""
    own = _own_income()
    norm_c = pl.col("norm_monthly_cents")
    # Art. 32 lid 3: a spouse without a right counts above the couple norm (2 x the
    # norm before the art. 24a raise).
    return (
        pl.when(_no_right())
        .then(
            pl.max_horizontal(
                own
                + pl.max_horizontal(norm_c - own, pl.lit(0))
                + pl.col("_partner_cents")
                - 2 * pl.col("_base_norm_cents"),
                pl.lit(0),
            )
        )
        .when(_couple())
        .then(pl.col("_partner_cents"))
        .otherwise(0)
    )


def _with_asset_and_income_tests(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Art. 34 asset test and home equity; art. 19 lid 2 with 31-32: the benefit."""
    net_assets = _cents("assets_eur") - _cents("debts_eur")
    income = _own_income() + _partner_counted()
    return frame.with_columns(
        (~pl.col("_excluded") & (net_assets <= pl.col("asset_limit_cents"))).alias(
            "passes_asset_test"
        ),
        (~pl.col("_excluded") & pl.col("_home_above")).alias("home_equity_above_limit"),
        pl.max_horizontal(pl.col("norm_monthly_cents") - income, pl.lit(0)).alias(
            "indicative_monthly_benefit_cents"
        ),
    )


def _with_entitlement(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Art. 11: a right when the assets pass and the benefit is above 0."""
    return frame.with_columns(
        (
            pl.col("passes_asset_test")
            & (pl.col("indicative_monthly_benefit_cents") > 0)
        ).alias("entitled"),
    )


def _bijstand_columns(frame: pl.LazyFrame) -> pl.LazyFrame:
    """The bijstand output columns (art. 11, 20-24a, 31, 34, 41), euros and cents."""
    return frame.select(
        "reference_date",
        _euros(pl.col("norm_monthly_cents")).alias("norm_monthly_eur"),
        pl.col("cost_sharers").cast(pl.Int64),
        _euros(pl.col("asset_limit_cents")).alias("asset_limit_eur"),
        "passes_asset_test",
        "home_equity_above_limit",
        _euros(pl.col("indicative_monthly_benefit_cents")).alias(
            "indicative_monthly_benefit_eur"
        ),
        "entitled",
        pl.col("job_search_period_weeks").cast(pl.Int64),
        "aio_via_svb",
        _euros(pl.col("income_exemption_cents")).alias("income_exemption_eur"),
        "norm_monthly_cents",
        "indicative_monthly_benefit_cents",
    )
