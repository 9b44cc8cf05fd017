"""Dutch formatting in one place: dates, times, money and choice labels.

Used by the template filters (``{% load nl %}``), the PDF letters and dossier,
and the XLSX/CSV exports, so a person reads the same notation everywhere.
Times are always shown in Europe/Amsterdam.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db.models import Choices
from django.utils import timezone
from django.utils.module_loading import import_string

from maxww.rules.money import format_eur

# Month abbreviations as Dutch writes them (Taalunie): with a full stop, except 'mei'.
MONTHS_SHORT = (
    "jan.",
    "feb.",
    "mrt.",
    "apr.",
    "mei",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = (
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
)


def local(moment: datetime) -> datetime:
    """An aware datetime in Europe/Amsterdam (naive ones are taken as local)."""
    if timezone.is_naive(moment):
        return moment
    return timezone.localtime(moment)


def _parse(value: str) -> date | datetime | str:
    """An ISO date or datetime string (as stored in JSON documents) parsed."""
    try:
        return (
            datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        )
    except ValueError:
        return value


def _day(value: date | datetime | str | None) -> date | str | None:
    """The calendar day (in Europe/Amsterdam) of a date, datetime or ISO string;
    None when empty, the text itself when it is no date."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = _parse(value)
        if isinstance(value, str):
            return value
    if isinstance(value, datetime):
        return local(value).date()
    return value


def nl_date(value: date | datetime | str | None, *, long: bool = False) -> str:
    """'3 dec. 2026' (or '3 december 2026' with ``long``); '' for None.

    ISO strings (from JSON documents) are accepted too.

    >>> nl_date(date(2026, 12, 3)), nl_date("2026-05-01", long=True)
    ('3 dec. 2026', '1 mei 2026')
    """
    day = _day(value)
    if not isinstance(day, date):
        return day or ""
    months = MONTHS if long else MONTHS_SHORT
    return f"{day.day} {months[day.month - 1]} {day.year}"


def nl_date_table(value: date | datetime | str | None) -> str:
    """'03-12-2026': the date in a table, a CSV cell or a form; '' for None.

    >>> nl_date_table(date(2026, 12, 3))
    '03-12-2026'
    """
    day = _day(value)
    if not isinstance(day, date):
        return day or ""
    return f"{day:%d-%m-%Y}"


def nl_month(value: date | datetime | str | None) -> str:
    """'december 2026': a month and its year; '' for None.

    >>> nl_month(date(2026, 12, 3)), nl_month("2026-05-01")
    ('december 2026', 'mei 2026')
    """
    day = _day(value)
    return f"{MONTHS[day.month - 1]} {day.year}" if isinstance(day, date) else ""


def nl_weekday(value: date | datetime | str | None, *, short: bool = False) -> str:
    """'donderdag' (or 'do' with ``short``), in Europe/Amsterdam; '' for None.

    >>> nl_weekday(date(2026, 12, 3)), nl_weekday("2026-12-07", short=True)
    ('donderdag', 'ma')
    """
    day = _day(value)
    if not isinstance(day, date):
        return ""
    name = WEEKDAYS[day.weekday()]
    return name[:2] if short else name


def nl_datetime_table(value: datetime | str | None) -> str:
    """'03-12-2026 14:05' in Europe/Amsterdam, for tables and CSV; '' for None."""
    if value is None or value == "":
        return ""
    return f"{nl_date_table(value)} {nl_time(value)}"


def nl_timestamp(value: datetime | str | None) -> str:
    """'03-12-2026 14:05:09' in Europe/Amsterdam: a log line to the second."""
    if value is None or value == "":
        return ""
    return f"{nl_date_table(value)} {nl_time(value, seconds=True)}"


def nl_time(value: datetime | str | None, *, seconds: bool = False) -> str:
    """'10:00' (or '10:00:05' with ``seconds``) in Europe/Amsterdam; '' for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = _parse(value)
        if not isinstance(value, datetime):
            return str(value)
    return f"{local(value):%H:%M:%S}" if seconds else f"{local(value):%H:%M}"


def nl_datetime(value: datetime | str | None) -> str:
    """'12 jan. 2027 10:00' in Europe/Amsterdam; '' for None."""
    if value is None or value == "":
        return ""
    return f"{nl_date(value)} {nl_time(value)}"


def nl_money(value: Decimal | float | int | str | None) -> str:
    """'€ 1.234,56'; '' for None, the value itself when it is no number.

    >>> nl_money("118.4"), nl_money(2500)
    ('€ 118,40', '€ 2.500,00')
    """
    if value is None or value == "":
        return ""
    try:
        return format_eur(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)


def nl_bool(value: object, *, cell: bool = False) -> str:
    """'ja' / 'nee' in running text; 'Ja' / 'Nee' as a cell of its own."""
    word = "ja" if value else "nee"
    return word.capitalize() if cell else word


def choice_label(choices: type[Choices] | str, value: object) -> str:
    """The Dutch label of a stored choice value; the value when it is unknown.

    ``choices`` is a Choices class or its dotted path
    (``"maxww.people.constants.HouseholdType"``).
    """
    if isinstance(choices, str):
        choices = import_string(choices)
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value) if value is not None else ""


_ISO_IN_TEXT = re.compile(r"(https?://\S+)|\b(\d{4}-\d{2}-\d{2})\b")


def nl_text(text: object) -> str:
    """ISO dates in running text (a legal citation, an explanation) as Dutch dates.

    Dates inside a web address stay as they are, so the link still works.

    >>> nl_text("geldig vanaf 2015-01-01, https://wetten.nl/BWBR1/2026-01-01")
    'geldig vanaf 1 jan. 2015, https://wetten.nl/BWBR1/2026-01-01'
    """
    if text is None:
        return ""
    return _ISO_IN_TEXT.sub(lambda m: m.group(1) or nl_date(m.group(2)), str(text))


def nl_value(value: object) -> str:
    """Any value as a person reads it: dates, times, booleans, amounts in Dutch."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return nl_bool(value)
    if isinstance(value, datetime):
        return nl_datetime(value)
    if isinstance(value, date):
        return nl_date(value)
    if isinstance(value, Choices):
        return str(value.label)
    return str(value)
