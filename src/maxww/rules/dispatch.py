"""Pick the formula version in force on a date.

When the law changes a formula, add a new dated function and a row to its table;
never branch on ``on.year`` inside a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

F = TypeVar("F")


class FormulaNotInForceError(ValueError):
    """No formula version applies on the requested date."""


def formula_for(table: Sequence[tuple[dt.date, F]], on: dt.date) -> F:
    """Return the last formula whose start date is on or before ``on``.

    >>> formula_for([(dt.date(2016, 1, 1), "a"), (dt.date(2030, 1, 1), "b")],
    ...             dt.date(2026, 5, 1))
    'a'
    """
    chosen: F | None = None
    for start, formula in table:
        if start <= on:
            chosen = formula
    if chosen is None:
        raise FormulaNotInForceError(f"no formula in force on {on.isoformat()}")
    return chosen
