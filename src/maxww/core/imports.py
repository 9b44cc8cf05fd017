"""Shared pieces of every all-or-nothing file import: row errors and file reading.

An import reads the whole file, validates every row, and writes nothing unless
every row is good. The report names each bad row by its line in the file (the
header is line 1), the column and the reason, in Dutch.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.conf import settings

import polars as pl

from .uploads import UploadRefusedError, inspect_csv, inspect_xlsx, too_many_rows


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
    source: bytes | Path,
    filename: str,
    *,
    aliases: dict[str, tuple[str, ...]],
    max_rows: int | None = None,
    optional: tuple[str, ...] = (),
) -> pl.DataFrame:
    """Read a CSV or XLSX (bytes, or the path of a stored file) into strings.

    ``aliases`` maps each canonical column to the header spellings accepted
    (compared without case, spaces or punctuation). Every value stays a string
    so that validation can report the original text. The file is first checked
    against the upload caps (``maxww.core.uploads``: rows, and an XLSX's unpacked
    size) without parsing it. Columns in ``optional`` may be absent from the
    file; they are then all null (an empty cell is ""). Raises FileError when the file is refused, cannot
    be read as a table or lacks required columns.
    """
    frame = _read_file(source, filename, max_rows)
    renamed = _canonical_headers(frame.columns, aliases)
    _require_columns(renamed, aliases, optional, found=frame.columns)
    frame = _data_rows(_canonical_columns(frame, renamed, aliases), aliases)
    if frame.height == 0:
        raise FileError("Het bestand bevat een kopregel maar geen gegevens.")
    return _stripped(frame, aliases, optional, present=set(renamed.values()))


def _read_file(
    source: bytes | Path, filename: str, max_rows: int | None
) -> pl.DataFrame:
    """The file as read, by its type, after the upload caps; every value a string."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else Path(source)
    size = len(source) if isinstance(source, bytes) else stream.stat().st_size
    if not size:
        raise FileError("Het bestand is leeg (0 bytes).")
    if max_rows is None:
        max_rows = settings.MAXWW_IMPORT_MAX_ROWS
    suffix = Path(filename).suffix.lower()
    try:
        if suffix in {".xlsx", ".xlsm"}:
            inspect_xlsx(stream, max_rows=max_rows)
            return _read_xlsx(stream, max_rows)
        if suffix in {".csv", ".txt", ""}:
            return _read_csv(stream, max_rows)
        raise FileError(f"Onbekend bestandstype '{suffix}': gebruik CSV of XLSX.")
    except UploadRefusedError as exc:
        raise FileError(str(exc)) from exc


def _canonical_headers(
    columns: list[str], aliases: dict[str, tuple[str, ...]]
) -> dict[str, str]:
    """File header -> canonical column, for the headers recognised (first one wins)."""
    lookup = {}
    for canonical, spellings in aliases.items():
        for spelling in (canonical, *spellings):
            lookup[_normalise_header(spelling)] = canonical
    renamed: dict[str, str] = {}
    for column in columns:
        canonical = lookup.get(_normalise_header(column))
        if canonical and canonical not in renamed.values():
            renamed[column] = canonical
    return renamed


def _require_columns(
    renamed: dict[str, str],
    aliases: dict[str, tuple[str, ...]],
    optional: tuple[str, ...],
    *,
    found: list[str],
) -> None:
    """Raise FileError naming the required columns the file lacks."""
    missing = [c for c in aliases if c not in renamed.values() and c not in optional]
    if missing:
        raise FileError(
            "Kolommen ontbreken: "
            + ", ".join(missing)
            + ". Gevonden kolommen: "
            + ", ".join(found)
            + ". Klopt het scheidingsteken (; of ,)?"
        )


def _canonical_columns(
    frame: pl.DataFrame, renamed: dict[str, str], aliases: dict[str, tuple[str, ...]]
) -> pl.DataFrame:
    """The canonical columns in their order; an absent (optional) one all null."""
    frame = frame.rename(renamed)
    return frame.with_columns(
        pl.lit(None, dtype=pl.String).alias(c)
        for c in aliases
        if c not in renamed.values()
    ).select(list(aliases))


def _data_rows(
    frame: pl.DataFrame, aliases: dict[str, tuple[str, ...]]
) -> pl.DataFrame:
    """The rows with data, each numbered (``_line``) by its line in the file."""
    # Drop rows that are entirely empty (common at the end of spreadsheets).
    return frame.with_row_index("_line", offset=2).filter(
        ~pl.all_horizontal(
            [pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in aliases]
        )
    )


def _stripped(
    frame: pl.DataFrame,
    aliases: dict[str, tuple[str, ...]],
    optional: tuple[str, ...],
    *,
    present: set[str],
) -> pl.DataFrame:
    """Every value without surrounding spaces."""
    # A present column's empty cell is "", so it differs from an absent column.
    return frame.with_columns(
        pl.col(c).str.strip_chars().fill_null("")
        if c in optional and c in present
        else pl.col(c).str.strip_chars()
        for c in aliases
    )


def _read_csv(stream: io.BytesIO | Path, max_rows: int) -> pl.DataFrame:
    header = inspect_csv(stream, max_rows=max_rows).decode()
    if not header.strip():
        raise FileError("Het bestand heeft geen kopregel.")
    delimiter = ";" if header.count(";") >= header.count(",") else ","
    if header.count(delimiter) == 0 and "\t" in header:
        delimiter = "\t"
    try:
        # From the path polars maps the file; it is never read into Python.
        return pl.read_csv(
            stream,
            separator=delimiter,
            infer_schema=False,
            truncate_ragged_lines=False,
        )
    except pl.exceptions.PolarsError as exc:
        raise FileError(f"Het CSV-bestand kan niet gelezen worden: {exc}") from exc


def _read_xlsx(stream: io.BytesIO | Path, max_rows: int) -> pl.DataFrame:
    # openpyxl reads stored values only: formulas are never evaluated and
    # external links are not followed. Rows stream in; past the cap it stops.
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(
            stream, read_only=True, data_only=True, keep_links=False
        )
    except Exception as exc:  # zip, xml and openpyxl errors alike
        raise FileError(f"Het XLSX-bestand kan niet gelezen worden: {exc}") from exc
    try:
        rows = list(
            islice(workbook.worksheets[0].iter_rows(values_only=True), max_rows + 2)
        )
    finally:
        workbook.close()
    if len(rows) > max_rows + 1:
        raise too_many_rows(max_rows)
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
