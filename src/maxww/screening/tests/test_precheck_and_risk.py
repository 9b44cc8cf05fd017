"""Bijstand pre-check (indication with reasons) and the fair, reproducible risk model."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import polars as pl
import pytest

from maxww.people.tests.factories import synthetic_bsn
from maxww.screening.constants import PreCheck
from maxww.screening.services import (
    FeatureNotAllowedError,
    select_features,
    train_model,
)
from maxww.screening.services.precheck import compute_precheck
from maxww.screening.services.risk import build_features

D = dt.date


def case(**overrides):
    row = {
        "max_end_date": D(2026, 12, 31),
        "birth_date": D(1980, 5, 1),
        "household_type": "single",
        "partner_birth_date": None,
        "partner_income": None,
        "co_residents_27_plus": 0,
        "children": 0,
        "assets": 1000.0,
        "debts": 0.0,
        "home_equity": 0.0,
    }
    row.update(overrides)
    return row


def precheck(*rows):
    frame = pl.DataFrame(
        list(rows),
        schema={
            "max_end_date": pl.Date,
            "birth_date": pl.Date,
            "household_type": pl.String,
            "partner_birth_date": pl.Date,
            "partner_income": pl.Float64,
            "co_residents_27_plus": pl.Int64,
            "children": pl.Int64,
            "assets": pl.Float64,
            "debts": pl.Float64,
            "home_equity": pl.Float64,
        },
    )
    return compute_precheck(frame, on=D(2026, 11, 23)).to_dicts()


def test_single_without_income_is_likely_with_the_norm_as_reason():
    (result,) = precheck(case())
    assert result["precheck"] == PreCheck.LIKELY
    assert any("norm van €" in r for r in result["precheck_reasons"])
    assert not result["partner_income_flag"]


def test_partner_income_above_the_norm_is_flagged_not_dropped():
    high, low = precheck(
        case(
            household_type="couple",
            partner_birth_date=D(1982, 1, 1),
            partner_income=3200.0,
        ),
        case(
            household_type="couple",
            partner_birth_date=D(1982, 1, 1),
            partner_income=300.0,
        ),
    )
    assert high["precheck"] == PreCheck.UNLIKELY and high["partner_income_flag"]
    assert any("inkomen partner" in r.lower() for r in high["precheck_reasons"])
    assert low["precheck"] == PreCheck.LIKELY and not low["partner_income_flag"]


def test_unknown_household_or_partner_income_gives_unknown():
    unknown, no_income = precheck(
        case(household_type="unknown"),
        case(household_type="couple", partner_birth_date=D(1982, 1, 1)),
    )
    assert unknown["precheck"] == PreCheck.UNKNOWN
    assert no_income["precheck"] == PreCheck.UNKNOWN
    assert "inkomen partner onbekend" in " ".join(no_income["precheck_reasons"])


def test_assets_above_the_limit_make_it_unlikely():
    (result,) = precheck(case(assets=250000.0))
    assert result["precheck"] == PreCheck.UNLIKELY
    assert any("vermogensgrens" in r for r in result["precheck_reasons"])


@pytest.mark.parametrize(
    "name", ["nationality", "ethnicity", "religion", "sex", "gender", "Nationality"]
)
def test_protected_attributes_can_never_enter_the_feature_set(name):
    with pytest.raises(FeatureNotAllowedError, match="protected"):
        select_features(["age_band", name])
    with pytest.raises(FeatureNotAllowedError):
        select_features([name], allow_location=True)


def test_location_is_off_by_default_and_unknown_features_are_refused():
    with pytest.raises(FeatureNotAllowedError, match="location"):
        select_features(["postcode_area"])
    assert select_features(["postcode_area"], allow_location=True) == ["postcode_area"]
    with pytest.raises(FeatureNotAllowedError, match="allow-list"):
        select_features(["shoe_size"])


def test_default_features_contain_no_protected_or_location_columns():
    columns = build_features(
        pl.DataFrame(
            {
                "max_end_date": [D(2026, 1, 1)],
                "start_date": [D(2025, 1, 1)],
                "birth_date": [D(1980, 1, 1)],
                "daily_wage": [100.0],
                "hours_lost": [38.0],
                "household_type": ["single"],
                "education_level": ["low"],
                "werkverkenner": ["low"],
                "sector": ["Logistiek"],
                "postcode": ["3311AB"],
            }
        ),
        select_features(),
    ).columns
    assert not [c for c in columns if c.startswith("pc_")]


def _history(region, uwv, n=600, seed=1):
    """Ended claims where single, low-educated, low-Werkverkenner people enter bijstand."""
    from maxww.people.constants import ClaimStatus
    from maxww.people.tests.factories import (
        HouseholdFactory,
        PersonFactory,
        WWClaimFactory,
    )
    from maxww.screening.models import ClaimOutcome

    rng = random.Random(seed)
    municipality = region.municipalities.first()
    for i in range(n):
        single = rng.random() < 0.5
        low = rng.random() < 0.5
        person = PersonFactory(
            municipality=municipality,
            owner=uwv,
            household=None,
            bsn=synthetic_bsn(700_000 + 10 * i),
        )
        HouseholdFactory(person=person, household_type="single" if single else "couple")
        claim = WWClaimFactory(
            person=person,
            start_date=D(2024, 1, 1),
            max_end_date=D(2025, 1, 1) + dt.timedelta(days=i % 200),
            education_level="low" if low else "high",
            werkverkenner="low" if low else "high",
            status=ClaimStatus.ENDED,
        )
        p = 0.02 + 0.25 * single * low + 0.05 * single
        ClaimOutcome.objects.create(
            claim=claim, entered_bijstand=rng.random() < p, recorded_on=D(2025, 12, 1)
        )


def test_training_is_reproducible_and_learns_the_drivers(region, uwv):
    _history(region, uwv)
    first = train_model(on=D(2026, 1, 1), seed=7)
    second = train_model(on=D(2026, 1, 1), seed=7)
    assert first.coefficients == second.coefficients
    assert second.is_active and not type(first).objects.get(pk=first.pk).is_active
    assert first.coefficients["edu_low"] > 0 or first.coefficients["wv_low"] > 0
    assert first.coefficients["hh_single"] > 0
    assert len(first.calibration) == 10
    assert {"age_band", "household", "education"} <= set(first.group_metrics)
    assert 0.5 < first.metrics["auc"] <= 1
    assert not np.isnan(first.intercept)


def test_scoring_distinct_rows_gives_every_claim_its_own_row():
    import numpy as np

    from maxww.screening.services.risk import _distinct_rows

    rng = np.random.default_rng(7)
    x = (rng.random((5000, 26)) < 0.2).astype(float)
    distinct, row_of = _distinct_rows(x)
    assert len(distinct) < len(x)
    assert np.array_equal(distinct[row_of], x)
    # Anything but a 0/1 matrix is scored row by row.
    y = x.copy()
    y[3, 4] = 2.0
    same, rows = _distinct_rows(y)
    assert np.array_equal(same[rows], y) and len(same) == len(y)
