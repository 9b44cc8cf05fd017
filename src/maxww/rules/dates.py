"""Calendar helpers shared by the scalar rules (the batch path mirrors them)."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(start: dt.date, months: int) -> dt.date:
    """Add whole calendar months, clamping to the last day of the month.

    >>> add_months(dt.date(2025, 1, 31), 1)
    datetime.date(2025, 2, 28)
    >>> add_months(dt.date(1961, 1, 1), 67 * 12 + 3)
    datetime.date(2028, 4, 1)
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Age in whole years on ``on``.

    >>> age_on(dt.date(2000, 3, 1), dt.date(2027, 2, 28))
    26
    >>> age_on(dt.date(2000, 3, 1), dt.date(2027, 3, 1))
    27
    """
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - int(before_birthday)


def format_date(value: dt.date) -> str:
    """Dutch date notation.

    >>> format_date(dt.date(2026, 1, 5))
    '05-01-2026'
    """
    return value.strftime("%d-%m-%Y")
