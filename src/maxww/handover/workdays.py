"""Working days and the 48-working-hour deadline of the gatekeeper's checks.

Interpretation (documented in docs/handover.md): 48 working hours are two
working days of 24 hours. Time on a Saturday, Sunday or Dutch public holiday
does not count. A receipt on a working day at 10:00 is due at 10:00 two working
days later; a receipt on a non-working day starts the clock at 00:00 of the
next working day. Public holidays are those of the Algemene termijnenwet,
artikel 3: ``holidays.country_holidays("NL")`` without Good Friday (which that
law does not list), plus Bevrijdingsdag (5 May) every year.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.utils import timezone

import holidays

# Algemene termijnenwet art. 3 lid 1 lists Liberation Day every year; holidays
# only marks it in lustrum years, and it lists Good Friday, which the law does not.
_NOT_IN_TERMIJNENWET = {"Good Friday"}


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[dt.date]:
    found = {
        day
        # English names whatever the machine's locale (without LANG they are Dutch).
        for day, name in holidays.country_holidays(
            "NL", years=[year], language="en_US"
        ).items()
        if name not in _NOT_IN_TERMIJNENWET
    }
    found.add(dt.date(year, 5, 5))
    return frozenset(found)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a public holiday.

    >>> is_working_day(dt.date(2026, 4, 6))  # Easter Monday
    False
    >>> is_working_day(dt.date(2026, 4, 3))  # Good Friday counts as a working day
    True
    """
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """The first working day after ``day``."""
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(moment: dt.datetime, days: int) -> dt.datetime:
    """``moment`` plus ``days`` working days of 24 hours, in local time."""
    local = timezone.localtime(moment)
    day, clock = local.date(), local.time().replace(tzinfo=None)
    if not is_working_day(day):
        # The clock starts at the beginning of the next working day.
        day, clock = next_working_day(day), dt.time(0, 0)
    for _ in range(days):
        day = next_working_day(day)
    return timezone.make_aware(dt.datetime.combine(day, clock))


def working_hours_left(deadline: dt.datetime, now: dt.datetime) -> int:
    """Whole working hours from ``now`` until ``deadline`` (negative when late)."""
    if deadline <= now:
        return -int((now - deadline).total_seconds() // 3600)
    hours = 0.0
    cursor = timezone.localtime(now)
    end = timezone.localtime(deadline)
    while cursor < end:
        day_end = timezone.make_aware(
            dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time(0, 0))
        )
        stop = min(day_end, end)
        if is_working_day(cursor.date()):
            hours += (stop - cursor).total_seconds() / 3600
        cursor = timezone.localtime(stop)
    return int(hours)
