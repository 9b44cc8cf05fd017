"""Bounds for what a person types, shared by every form, serializer and model.

Each validator raises a ``ValidationError`` with a Dutch message that says
what is allowed. Windows are relative to today (Europe/Amsterdam), so a year
9999 session or a contact in 1900 is refused while normal work passes.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from maxww.core.formatting import nl_date

# Text lengths that fit the layout (a title on one line, a summary on a screen).
TITLE_MAX = 120
NAME_MAX = 120
NOTE_MAX = 1000
SUMMARY_MAX = 4000

# A postal address as it fits an envelope window (BAG lengths rounded up).
STREET_MAX = 80
TOWN_MAX = 80
HOUSE_NUMBER_ADDITION_MAX = 10

OLDEST_AGE_YEARS = 120
# Spelled without look-ahead as well, for vectorised checks (polars' regex has none).
POSTCODE_PATTERN = r"^[1-9]\d{3}[A-Z]{2}$"
POSTCODE_NOT_LETTERS = ("SA", "SD", "SS")  # not issued by PostNL
HOUSE_NUMBER_PATTERN = r"^[1-9]\d{0,4}$"
HOUSE_NUMBER_ADDITION_PATTERN = r"^[A-Za-z0-9]{1,4}$"
_POSTCODE = re.compile(r"^[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}$")
_HOUSE_NUMBER = re.compile(HOUSE_NUMBER_PATTERN)
_HOUSE_NUMBER_ADDITION = re.compile(HOUSE_NUMBER_ADDITION_PATTERN)


def _today() -> date:
    return timezone.localdate()


def _as_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).date()
            if timezone.is_aware(value)
            else value.date()
        )
    return value


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@deconstructible
class DateWindow:
    """A date (or datetime) between ``past_days`` before and ``future_days`` after today."""

    def __init__(self, *, past_days: int, future_days: int, what: str = ""):
        self.past_days = past_days
        self.future_days = future_days
        self.what = what

    def bounds(self) -> tuple[date, date]:
        today = _today()
        return (
            today - timedelta(days=self.past_days),
            today + timedelta(days=self.future_days),
        )

    def __call__(self, value: date | datetime | None) -> None:
        if value is None:
            return
        low, high = self.bounds()
        day = _as_date(value)
        if not low <= day <= high:
            raise ValidationError(
                _("Kies een datum tussen %(low)s en %(high)s."),
                code="date_window",
                params={"low": nl_date(low), "high": nl_date(high)},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateWindow) and (
            self.past_days,
            self.future_days,
        ) == (other.past_days, other.future_days)


def validate_birth_date(value: date | None) -> None:
    """A plausible birth date: not in the future, not over 120 years ago."""
    if value is None:
        return
    today = _today()
    if value > today:
        raise ValidationError(
            _("Een geboortedatum ligt niet in de toekomst."), code="birth_future"
        )
    oldest = _years_before(today, OLDEST_AGE_YEARS)
    if value < oldest:
        raise ValidationError(
            _("Vul een geboortedatum in na %(oldest)s."),
            code="birth_past",
            params={"oldest": nl_date(oldest)},
        )


def normalise_postcode(value: str) -> str:
    """'3311 ab' → '3311AB'."""
    return re.sub(r"\s", "", value or "").upper()


def validate_dutch_postcode(value: str) -> None:
    """Four digits (not starting with 0) and two letters: '3311 AB'."""
    if value and not _POSTCODE.match(normalise_postcode(value)):
        raise ValidationError(
            _("Vul een Nederlandse postcode in, zoals 3311 AB."), code="postcode"
        )


def validate_house_number(value: str | int) -> None:
    """A house number from 1 to 99999, digits only (the addition goes separately)."""
    if value in ("", None):
        return
    if not _HOUSE_NUMBER.match(str(value).strip()):
        raise ValidationError(
            _("Vul een huisnummer in van 1 tot 99999, zonder toevoeging."),
            code="house_number",
        )


def validate_house_number_addition(value: str) -> None:
    """A house number addition: up to four letters or digits ('A', 'bis', '2')."""
    if value and not _HOUSE_NUMBER_ADDITION.match(value.strip()):
        raise ValidationError(
            _("Een toevoeging is hoogstens 4 letters of cijfers, zoals A of bis."),
            code="house_number_addition",
        )


# The windows used across the app (days before, days after today).
SESSION_DATE = DateWindow(past_days=366, future_days=2 * 366)
CONTACT_DATE = DateWindow(past_days=366, future_days=0)
TASK_DUE = DateWindow(past_days=0, future_days=2 * 366)
APPLICATION_DATE = DateWindow(past_days=366, future_days=0)
RECEIVED_AT = DateWindow(past_days=366, future_days=0)
WW_END = DateWindow(past_days=366, future_days=3 * 366)


def max_length(limit: int) -> MaxLengthValidator:
    """A text length that fits the layout (Django's Dutch message names the limit)."""
    return MaxLengthValidator(limit)


# The lengths as validator objects, so a model field, its form field and its
# serializer field can carry the very same object (see ``tests/test_one_set``).
TITLE_LENGTH = max_length(TITLE_MAX)
NAME_LENGTH = max_length(NAME_MAX)
NOTE_LENGTH = max_length(NOTE_MAX)
SUMMARY_LENGTH = max_length(SUMMARY_MAX)
