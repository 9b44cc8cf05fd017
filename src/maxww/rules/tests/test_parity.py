"""The batch path gives exactly the scalar results (>= 10,000 random cases each)."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from maxww.rules import evaluate_bijstand, evaluate_ww
from maxww.rules.batch import evaluate_bijstand_batch, evaluate_ww_batch

from .generate import random_bijstand_case, random_ww_case

WW_OUTPUTS = (
    "entitled",
    "end_date",
    "aow_date",
    "capped_by_aow",
    "monthly_amount_first_2_months_eur",
    "monthly_amount_after_eur",
    "municipality_report_date",
)
BIJSTAND_OUTPUTS = (
    "norm_monthly_eur",
    "cost_sharers",
    "asset_limit_eur",
    "passes_asset_test",
    "home_equity_above_limit",
    "indicative_monthly_benefit_eur",
    "entitled",
    "job_search_period_weeks",
    "aio_via_svb",
    "income_exemption_eur",
)
N = 10_000


def _frame(cases: list) -> pl.DataFrame:
    rows = []
    for case in cases:
        row = dataclasses.asdict(case)
        for key, value in row.items():
            if isinstance(value, Decimal):
                row[key] = float(value)
            elif key == "household":
                row[key] = value.value
        rows.append(row)
    return pl.DataFrame(rows)


def _check_ww(cases: list) -> None:
    batch = evaluate_ww_batch(_frame(cases)).to_dicts()
    for case, row in zip(cases, batch, strict=True):
        scalar = evaluate_ww(case, on=case.reference_date)
        for field in WW_OUTPUTS:
            assert row[field] == getattr(scalar, field), (case, field)
        assert Decimal(str(row["duration_months"])) == scalar.duration_months, case


def _check_bijstand(cases: list) -> None:
    batch = evaluate_bijstand_batch(_frame(cases)).to_dicts()
    for case, row in zip(cases, batch, strict=True):
        scalar = evaluate_bijstand(case, on=case.reference_date)
        for field in BIJSTAND_OUTPUTS:
            assert row[field] == getattr(scalar, field), (case, field)


def test_ww_batch_equals_scalar_on_10000_seeded_cases() -> None:
    rng = random.Random(20260105)
    _check_ww([random_ww_case(rng) for _ in range(N)])


def test_bijstand_batch_equals_scalar_on_10000_seeded_cases() -> None:
    rng = random.Random(20260105)
    _check_bijstand([random_bijstand_case(rng) for _ in range(N)])


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_batch_equals_scalar_for_any_seed(seed: int) -> None:
    rng = random.Random(seed)
    _check_ww([random_ww_case(rng) for _ in range(200)])
    _check_bijstand([random_bijstand_case(rng) for _ in range(200)])
