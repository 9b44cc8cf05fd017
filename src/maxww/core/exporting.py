"""Cells of XLSX and CSV exports in Dutch notation (one place, like ``formatting``).

XLSX cells keep their type, so a spreadsheet can sort and sum: a date is a
real date cell shown as dd-mm-jjjj, an amount a number shown as € 1.234,56,
a time is converted to Europe/Amsterdam first (a spreadsheet has no zones).
CSV cells are text, written with the same notation as tables in the app.
Booleans read Ja/Nee and choices their Dutch label in both.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Choices

from maxww.core.formatting import (
    local,
    nl_bool,
    nl_date_table,
    nl_datetime_table,
    nl_money,
)

# Number formats; the separators follow the reader's locale, the [$€-413]
# prefix is the euro sign of nl-NL.
XLSX_DATE = "dd-mm-yyyy"
XLSX_DATETIME = "dd-mm-yyyy hh:mm"
XLSX_EUR = "[$€-413] #,##0.00;[$€-413] -#,##0.00"


class Money(Decimal):
    """An amount in euros; a plain Decimal (hours, a score) stays a number."""


def xlsx_value(value: Any) -> tuple[Any, str | None]:
    """The value to store in an openpyxl cell and its number format (or None)."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return nl_bool(value, cell=True), None
    if isinstance(value, Choices):
        return str(value.label), None
    if isinstance(value, datetime):
        return local(value).replace(tzinfo=None), XLSX_DATETIME
    if isinstance(value, date):
        return value, XLSX_DATE
    if isinstance(value, Money):
        return Decimal(value), XLSX_EUR
    return value, None


def xlsx_row(sheet, values: list[Any]) -> None:
    """Append a row to an openpyxl worksheet with typed, Dutch-formatted cells."""
    sheet.append([xlsx_value(v)[0] for v in values])
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        number_format = xlsx_value(value)[1]
        if number_format:
            sheet.cell(row=row, column=column).number_format = number_format


def csv_value(value: Any) -> str:
    """The value as a CSV cell: 03-12-2026, 03-12-2026 14:05, € 1.234,56, Ja/Nee."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return nl_bool(value, cell=True)
    if isinstance(value, Choices):
        return str(value.label)
    if isinstance(value, datetime):
        return nl_datetime_table(value)
    if isinstance(value, date):
        return nl_date_table(value)
    if isinstance(value, Money):
        return nl_money(value)
    return str(value)
