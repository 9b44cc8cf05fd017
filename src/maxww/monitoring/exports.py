"""CSV and XLSX exports of protected tables (only ever suppressed cells go out)."""

from __future__ import annotations

import csv
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font

from maxww.core.imports import neutralise_formula

from .privacy import SUPPRESSED, SUPPRESSED_MEANS, Table


def _cell_value(cell):
    if cell.suppressed or cell.value is None or isinstance(cell.value, str):
        return neutralise_formula(cell.display)
    return cell.value


def tables_csv(tables: list[Table], filters: dict[str, str]) -> str:
    """One CSV: the filters, then each table as a titled block."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Filter", "Waarde"])
    writer.writerows([[k, neutralise_formula(v)] for k, v in filters.items()])
    writer.writerow([SUPPRESSED, SUPPRESSED_MEANS])
    for table in tables:
        writer.writerow([])
        writer.writerow([str(table.title)])
        writer.writerow([str(c.label) for c in table.visible_columns])
        rows = table.visible_rows()
        total = table.visible_total()
        for row in [*rows, *([total] if total else [])]:
            writer.writerow([neutralise_formula(c.display) for c in row])
    return out.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:31]
    base, n = name, 2
    while name in used:
        name = f"{base[:28]} {n}"
        n += 1
    used.add(name)
    return name


def tables_xlsx(tables: list[Table], filters: dict[str, str]) -> bytes:
    """An XLSX workbook: a 'Filters' sheet and one sheet per table."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Filters"
    ws.append(["Filter", "Waarde"])
    for key, value in filters.items():
        ws.append([str(key), neutralise_formula(str(value))])
    ws.append([])
    ws.append([f"{SUPPRESSED} = {SUPPRESSED_MEANS}"])
    used = {"Filters"}
    for table in tables:
        sheet = wb.create_sheet(_sheet_title(str(table.title), used))
        sheet.append([str(c.label) for c in table.visible_columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.visible_rows():
            sheet.append([_cell_value(c) for c in row])
        total = table.visible_total()
        if total:
            sheet.append([_cell_value(c) for c in total])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def records_csv(records: list[tuple[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Onderdeel", "Waarde"])
    writer.writerows([[k, neutralise_formula(str(v))] for k, v in records])
    return out.getvalue()


def records_xlsx(records: list[tuple[str, object]], title: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(["Onderdeel", "Waarde"])
    for key, value in records:
        if not isinstance(value, int | float):
            value = neutralise_formula(str(value))
        ws.append([key, value])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
