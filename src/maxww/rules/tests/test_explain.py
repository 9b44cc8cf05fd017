"""Results explain themselves in Dutch, with the article behind each step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from maxww.rules import (
    BijstandCase,
    Household,
    WWCase,
    evaluate_bijstand,
    evaluate_ww,
    explain,
)


def test_ww_explanation_names_duration_amounts_and_articles() -> None:
    case = WWCase(dt.date(2026, 5, 1), dt.date(1978, 3, 1), 36, 5, 20, 6, Decimal(150))
    result = evaluate_ww(case, on=case.reference_date)
    lines = explain(result)
    assert lines[0].startswith("Recht op WW vanaf 01-05-2026 gedurende 23 maanden")
    assert any("Werkloosheidswet, artikel 42" in line for line in lines)
    assert {r.rule for r in result.reasons} >= {
        "wekeneis",
        "jareneis",
        "duur",
        "hoogte",
    }
    assert all(r.article and r.outcome for r in result.reasons)


def test_a_month_end_date_says_its_count_is_not_confirmed_by_uwv() -> None:
    start = dt.date(2026, 1, 31)  # + 3 months: 31 April does not exist
    case = WWCase(start, dt.date(1980, 5, 5), 30, 0, 0, 0, Decimal(100))
    (end,) = [r for r in evaluate_ww(case, on=start).reasons if r.rule == "einddatum"]
    assert end.value == dt.date(2026, 4, 30)
    assert "geen officiële UWV-regel gevonden" in end.outcome
    assert end.inputs["maandtelling_status"] == "unverified"
    mid = dt.date(2026, 1, 15)
    ordinary = WWCase(mid, dt.date(1980, 5, 5), 30, 0, 0, 0, Decimal(100))
    (end,) = [r for r in evaluate_ww(ordinary, on=mid).reasons if r.rule == "einddatum"]
    assert end.value == dt.date(2026, 4, 14)
    assert "UWV-regel" not in end.outcome


def test_bijstand_explanation_shows_kostendelersnorm_formula() -> None:
    case = BijstandCase(
        dt.date(2026, 1, 5),
        Household.SINGLE,
        dt.date(1980, 1, 1),
        None,
        2,
        Decimal(0),
        Decimal(0),
        Decimal(0),
        Decimal(0),
    )
    lines = explain(evaluate_bijstand(case, on=case.reference_date))
    assert any("A = 3" in line and "43,33%" in line for line in lines)
    assert any("artikel 22a" in line for line in lines)


def test_nothing_depends_on_today() -> None:
    case = WWCase(dt.date(2025, 3, 1), dt.date(1980, 1, 1), 36, 5, 10, 9, Decimal(400))
    first = evaluate_ww(case, on=dt.date(2025, 3, 1))
    assert evaluate_ww(case, on=dt.date(2025, 3, 1)) == first
