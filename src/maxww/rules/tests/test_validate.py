"""Vectorised validation reports the same rows and fields as the record parser."""

from __future__ import annotations

import random
from pathlib import Path

import polars as pl
import pytest

from maxww.rules.io import (
    parse_bijstand_records,
    parse_ww_records,
    read_frame,
    read_records,
)
from maxww.rules.validate import validate_bijstand_frame, validate_ww_frame

FILES = Path(__file__).parent / "files"


def _keys(errors: list) -> set[tuple[int, str]]:
    return {(e["row"], e["field"]) for e in errors}


@pytest.mark.parametrize(
    ("file", "parse", "validate"),
    [
        ("ww_bad_date.jsonl", parse_ww_records, validate_ww_frame),
        ("bijstand_bad_household.csv", parse_bijstand_records, validate_bijstand_frame),
        (
            "bijstand_missing_column.csv",
            parse_bijstand_records,
            validate_bijstand_frame,
        ),
    ],
)
def test_same_errors_as_the_record_parser(file: str, parse, validate) -> None:
    path = FILES / file
    _, expected = parse(read_records(path))
    _, found = validate(read_frame(path))
    assert expected and _keys(found) == _keys(expected)
    messages = {(e["row"], e["field"]): e["message"] for e in expected}
    for error in found:
        assert error["message"] == messages[(error["row"], error["field"])]


BAD_VALUES = {
    "reference_date": ["2026-13-01", "", "gisteren", "2023-12-31"],
    "household": ["family", ""],
    "applicant_birth_date": ["2027-01-01", "x", "1800-01-01", "1906-01-04"],
    "partner_birth_date": ["1980-01-01", ""],
    "co_residents_27_plus": ["-1", "1.5", "51", "twee"],
    "net_monthly_income_eur": ["-5", "abc", "", "inf"],
    "income_from_work_eur": ["-1", "veel"],
    "partner_income_eur": ["-3", "wat"],
    "assets_eur": ["", "-0.01"],
    "has_children": ["misschien"],
    "work_exemption_months_used": ["-2", "0.5"],
}
GOOD = {
    "reference_date": "2026-01-05",
    "household": "couple",
    "applicant_birth_date": "1980-01-01",
    "partner_birth_date": "1982-01-01",
    "co_residents_27_plus": "0",
    "net_monthly_income_eur": "0",
    "income_from_work_eur": "100",
    "partner_income_eur": "250",
    "assets_eur": "0",
    "debts_eur": "0",
    "home_equity_eur": "0",
    "has_children": "nee",
    "work_exemption_months_used": "0",
}


def test_random_bad_rows_match_the_record_parser() -> None:
    rng = random.Random(21)
    rows = []
    for _ in range(300):
        row = dict(GOOD)
        for field in rng.sample(sorted(BAD_VALUES), rng.randint(0, 3)):
            row[field] = rng.choice(BAD_VALUES[field])
        if rng.random() < 0.3:
            row["household"] = "single"
        rows.append(row)
    _, expected = parse_bijstand_records(rows)
    _, found = validate_bijstand_frame(pl.DataFrame(rows))
    assert _keys(found) == _keys(expected)


@pytest.mark.parametrize(
    ("birth", "refused"),
    [("1800-01-01", True), ("1906-01-04", True), ("1906-01-05", False)],
)
def test_a_birth_date_over_120_years_before_the_reference_date_is_refused(
    birth: str, refused: bool
) -> None:
    """Nobody applies for bijstand or WW at 120; 1800 is a typing error."""
    bijstand = dict(GOOD, applicant_birth_date=birth)
    ww = {
        "reference_date": "2026-01-05",
        "birth_date": birth,
        "weeks_worked_last_36": "30",
        "years_with_208_hours_last_5": "5",
        "employment_history_years_before_2016": "10",
        "employment_history_years_from_2016": "10",
        "daily_wage_eur": "100",
    }
    for parse, validate, record, field in (
        (
            parse_bijstand_records,
            validate_bijstand_frame,
            bijstand,
            "applicant_birth_date",
        ),
        (parse_ww_records, validate_ww_frame, ww, "birth_date"),
    ):
        _, expected = parse([record])
        _, found = validate(pl.DataFrame([record]))
        messages = {e["message"] for e in expected if e["field"] == field}
        assert bool(messages) is refused
        assert _keys(found) == _keys(expected)
        if refused:
            assert messages == {
                "ligt meer dan 120 jaar voor de peildatum: geen geboortedatum"
            }
