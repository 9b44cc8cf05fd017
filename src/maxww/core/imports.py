"""Shared pieces of every all-or-nothing file import: row errors and file reading.

An import reads the whole file, validates every row, and writes nothing unless
every row is good. The report names each bad row by its line in the file (the
header is line 1), the column and the reason, in Dutch.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl


@dataclass(frozen=True)
class RowError:
    """One problem in an input file: line (header = 1), column and reason."""

    line: int
    column: str
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "column": self.column, "reason": self.reason}


@dataclass
class ImportReport:
    """What an import did, or why it did nothing."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Imported, but worth a look (e.g. matched on KvK under another name).
    warnings: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [e.as_dict() for e in self.errors],
        }

    def errors_csv(self) -> str:
        """The errors as CSV text (regel;kolom;reden) for download."""
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["regel", "kolom", "reden"])
        for e in self.errors:
            writer.writerow([e.line, e.column, neutralise_formula(e.reason)])
        return out.getvalue()


class FileError(ValueError):
    """The file as a whole cannot be read (empty, wrong encoding, no header)."""


def neutralise_formula(value: str) -> str:
    """Prefix values a spreadsheet would run as a formula (CSV injection).

    >>> neutralise_formula("=SUM(A1)")
    "'=SUM(A1)"
    >>> neutralise_formula("Jansen")
    'Jansen'
    """
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def _normalise_header(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def read_table(
    data: bytes, filename: str, *, aliases: dict[str, tuple[str, ...]]
) -> pl.DataFrame:
    """Read CSV or XLSX bytes into a DataFrame of strings with canonical columns.

    ``aliases`` maps each canonical column to the header spellings accepted
    (compared without case, spaces or punctuation). Every value stays a string
    so that validation can report the original text. Raises FileError when the
    file cannot be read as a table or required columns are missing.
    """
    if not data:
        raise FileError("Het bestand is leeg (0 bytes).")
    suffix = Path(filename).suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        frame = _read_xlsx(data)
    elif suffix in {".csv", ".txt", ""}:
        frame = _read_csv(data)
    else:
        raise FileError(f"Onbekend bestandstype '{suffix}': gebruik CSV of XLSX.")
    lookup = {}
    for canonical, spellings in aliases.items():
        for spelling in (canonical, *spellings):
            lookup[_normalise_header(spelling)] = canonical
    renamed: dict[str, str] = {}
    for column in frame.columns:
        canonical = lookup.get(_normalise_header(column))
        if canonical and canonical not in renamed.values():
            renamed[column] = canonical
    missing = [c for c in aliases if c not in renamed.values()]
    if missing:
        raise FileError(
            "Kolommen ontbreken: "
            + ", ".join(missing)
            + ". Gevonden kolommen: "
            + ", ".join(frame.columns)
            + ". Klopt het scheidingsteken (; of ,)?"
        )
    frame = frame.rename(renamed).select(list(aliases))
    # Drop rows that are entirely empty (common at the end of spreadsheets).
    frame = frame.with_row_index("_line", offset=2).filter(
        ~pl.all_horizontal(
            [pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in aliases]
        )
    )
    if frame.height == 0:
        raise FileError("Het bestand bevat een kopregel maar geen gegevens.")
    return frame.with_columns(pl.col(c).str.strip_chars() for c in aliases)


def _read_csv(data: bytes) -> pl.DataFrame:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileError(
            "Het bestand is geen UTF-8-tekst (byte "
            f"{exc.start + 1}). Sla het op als 'CSV UTF-8' en probeer opnieuw."
        ) from exc
    if "\x00" in text:  # never text (a UTF-16 export?); a database cannot store it
        raise FileError(
            "Het bestand bevat NUL-tekens. Sla het op als 'CSV UTF-8' en probeer opnieuw."
        )
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise FileError("Het bestand heeft geen kopregel.")
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    if first_line.count(delimiter) == 0 and "\t" in first_line:
        delimiter = "\t"
    try:
        return pl.read_csv(
            io.StringIO(text),
            separator=delimiter,
            infer_schema=False,
            truncate_ragged_lines=False,
        )
    except pl.exceptions.PolarsError as exc:
        raise FileError(f"Het CSV-bestand kan niet gelezen worden: {exc}") from exc


def _read_xlsx(data: bytes) -> pl.DataFrame:
    # openpyxl reads stored values only: formulas are never evaluated and
    # external links are not followed.
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except Exception as exc:  # zip, xml and openpyxl errors alike
        raise FileError(f"Het XLSX-bestand kan niet gelezen worden: {exc}") from exc
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    workbook.close()
    if not rows or all(v is None for v in rows[0]):
        raise FileError("Het werkblad heeft geen kopregel op de eerste regel.")
    header = [
        str(v).strip() if v is not None else f"kolom_{i + 1}"
        for i, v in enumerate(rows[0])
    ]
    columns: dict[str, list[str | None]] = {h: [] for h in header}
    for row in rows[1:]:
        for name, value in zip(header, row, strict=False):
            columns[name].append(_cell_text(value))
        for name in header[len(row) :]:
            columns[name].append(None)
    return pl.DataFrame(columns, schema={h: pl.String for h in header})


def _cell_text(value: object) -> str | None:
    import datetime as dt

    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
