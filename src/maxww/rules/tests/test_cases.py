"""Worked examples from official and municipal sources (YAML in ``cases/``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import yaml

from maxww.rules import evaluate_bijstand, evaluate_ww, explain
from maxww.rules.batch import evaluate_bijstand_batch, evaluate_ww_batch
from maxww.rules.io import parse_bijstand_records, parse_ww_records

from .test_parity import _frame

CASES = Path(__file__).parent / "cases"


def _load(name: str) -> list[dict[str, Any]]:
    cases = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    for case in cases:
        assert case.get("citation"), f"{name}: case {case['name']!r} has no citation"
    return cases


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


class _Row:
    """A batch output row read like a scalar result (attribute access)."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.row = row

    def __getattr__(self, field: str) -> Any:
        value = self.row[field]
        if field == "duration_months":
            return Decimal(str(value)).normalize()
        return value


def _assert_expected(result: Any, expected: dict[str, Any], name: str) -> None:
    for field, want in expected.items():
        got = getattr(result, field)
        if want is None or isinstance(want, bool):
            assert got == want, f"{name}: {field} = {got!r}, expected {want!r}"
        elif isinstance(got, dt.date):
            assert got == _date(want), f"{name}: {field} = {got}, expected {want}"
        elif isinstance(got, Decimal):
            assert got == Decimal(str(want)), (
                f"{name}: {field} = {got}, expected {want}"
            )
        else:
            assert got == want, f"{name}: {field} = {got!r}, expected {want!r}"


@pytest.mark.parametrize("case", _load("ww.yaml"), ids=lambda c: c["name"])
def test_ww_worked_example(case: dict[str, Any]) -> None:
    cases, errors = parse_ww_records([case["input"]])
    assert not errors
    result = evaluate_ww(cases[0], on=_date(case["date"]))
    _assert_expected(result, case["expected"], case["name"])
    assert explain(result)[0]
    batch = evaluate_ww_batch(_frame(cases), on=_date(case["date"]))
    _assert_expected(_Row(batch.to_dicts()[0]), case["expected"], case["name"])


@pytest.mark.parametrize("case", _load("bijstand.yaml"), ids=lambda c: c["name"])
def test_bijstand_worked_example(case: dict[str, Any]) -> None:
    cases, errors = parse_bijstand_records([case["input"]])
    assert not errors
    result = evaluate_bijstand(cases[0], on=_date(case["date"]))
    _assert_expected(result, case["expected"], case["name"])
    assert explain(result)[0]
    batch = evaluate_bijstand_batch(pl.DataFrame(case["input"] | _dates(case)))
    _assert_expected(_Row(batch.to_dicts()[0]), case["expected"], case["name"])


def _dates(case: dict[str, Any]) -> dict[str, Any]:
    """The raw case input as a one-row frame: dates parsed, money as strings."""
    raw = case["input"]
    return {
        key: _date(raw[key]) if raw.get(key) else None
        for key in ("reference_date", "applicant_birth_date", "partner_birth_date")
    }
