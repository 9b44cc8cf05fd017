"""The 48-working-hour deadline across weekends and Dutch public holidays."""

import datetime as dt

import pytest

from maxww.handover.workdays import add_working_days, is_working_day

from .factories import received


@pytest.mark.parametrize(
    ("receipt", "deadline", "why"),
    [
        (received(dt.date(2026, 3, 2)), received(dt.date(2026, 3, 4)), "mon → wed"),
        (received(dt.date(2026, 3, 6)), received(dt.date(2026, 3, 10)), "weekend"),
        # Thursday before Easter: Good Friday counts, Easter Monday (6 April) not.
        (received(dt.date(2026, 4, 2)), received(dt.date(2026, 4, 7)), "easter"),
        # Friday before King's Day (Monday 27 April 2026).
        (received(dt.date(2026, 4, 24)), received(dt.date(2026, 4, 29)), "koningsdag"),
        # Christmas Eve 2026 is a Thursday; 25 and 26 December are holidays.
        (received(dt.date(2026, 12, 24)), received(dt.date(2026, 12, 29)), "kerst"),
        # Liberation Day (5 May) counts as a holiday every year (Termijnenwet).
        (received(dt.date(2026, 5, 4)), received(dt.date(2026, 5, 7)), "5 mei"),
        # Received on a Saturday: the clock starts Monday 00:00, due Wednesday 00:00.
        (
            received(dt.date(2026, 3, 7), hour=15),
            received(dt.date(2026, 3, 11), hour=0),
            "saturday",
        ),
        # Received on Easter Monday: clock starts Tuesday, due Thursday 00:00.
        (
            received(dt.date(2026, 4, 6), hour=9),
            received(dt.date(2026, 4, 9), hour=0),
            "holiday receipt",
        ),
    ],
)
def test_deadline_is_48_working_hours(receipt, deadline, why):
    assert add_working_days(receipt, 2) == deadline, why


def test_holiday_calendar():
    assert not is_working_day(dt.date(2026, 4, 6))  # Easter Monday
    assert not is_working_day(dt.date(2026, 4, 27))  # King's Day
    assert not is_working_day(dt.date(2026, 12, 25))
    assert is_working_day(dt.date(2026, 4, 3))  # Good Friday is not in the law
    assert not is_working_day(dt.date(2026, 3, 7))  # Saturday


def test_deadline_keeps_local_clock_across_dst():
    # Clocks go forward on Sunday 29 March 2026; 10:00 stays 10:00 local time.
    deadline = add_working_days(received(dt.date(2026, 3, 27)), 2)
    assert deadline == received(dt.date(2026, 3, 31))
