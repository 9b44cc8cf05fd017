"""The import run: read and validate, land all or nothing, progress, interruption."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

import polars as pl
import structlog

from maxww.core.bulk import (
    ANALYZE_AFTER,
    analyze,
    bulk_load,
    copy_behind,
)
from maxww.core.faults import (
    database_errors,
    disk_full_message,
    drop_broken_connection,
    is_disk_full,
)
from maxww.core.imports import FileError, ImportReport, RowError, read_table
from maxww.core.progress import update_outside
from maxww.organisations.models import Municipality, Organisation
from maxww.people.bsn import hash_many
from maxww.people.models import AccessGrant, Household, Person, WWClaim
from maxww.screening.constants import ImportStatus
from maxww.screening.models import ExtractImport, ScreeningRecord
from maxww.screening.services.cohorts import region_windows
from maxww.screening.services.frame import claims_frame
from maxww.screening.services.refresh import refresh_records
from maxww.screening.services.risk import active_model

from .columns import COLUMNS, OPTIONAL
from .validation import file_sha256, validate
from .write import _RollbackError, _write

logger = structlog.stdlib.get_logger(__name__)


def _set_progress(extract: ExtractImport | None, progress: int, stage: str) -> None:
    if extract is None or extract.pk is None:
        return
    extract.progress, extract.stage = progress, stage
    # Inside the import's transaction too, so the polling page sees it move.
    update_outside(ExtractImport, extract.pk, progress=progress, stage=stage)


def import_extract(
    *,
    data: bytes | Path,
    filename: str,
    organisation: Organisation,
    on: dt.date,
    extract: ExtractImport | None = None,
    refresh: bool = True,
    initial_load: bool = False,
) -> ImportReport:
    """Validate and land one UWV extract; all or nothing.

    ``data`` is the file's bytes or, for an upload, the path of the stored file
    (never read into memory as a whole). Returns the report (``ok`` False with
    every row error, nothing written).
    When ``extract`` is given its status, progress and report are kept up to date.
    ``refresh=False`` lands people and claims only (the nightly refresh screens
    them). ``initial_load`` checks keys and builds every index once at the
    end instead of per row (``maxww.core.bulk.bulk_load``): for the first load
    of a whole region, in quiet hours, as it locks the people tables (and
    those that refer to them) meanwhile.
    """
    report = ImportReport()
    sha = _record_sha(extract, data)
    if _seen_before(extract, report, data=data, organisation=organisation, sha=sha):
        return report
    read = _read_and_validate(extract, report, data=data, filename=filename)
    if read is None:
        return report
    typed, regions = read
    typed = _with_bsn_hashes(extract, typed)
    try:
        _land(
            typed,
            organisation,
            report,
            extract=extract,
            on=on,
            regions=regions,
            refresh=refresh,
            initial_load=initial_load,
        )
    except _RollbackError:
        _finish(
            extract,
            report,
            message=f"{len(report.errors)} fout(en) gevonden; er is niets ingelezen.",
        )
        return report
    except database_errors() as exc:
        # Rolled back as a whole; record it so the import does not stay "bezig".
        mark_interrupted(extract, exc)
        raise
    _finish_landed(extract, report)
    return report


def _with_bsn_hashes(
    extract: ExtractImport | None, typed: pl.DataFrame
) -> pl.DataFrame:
    """The rows with each BSN's keyed hash (``_hash``), in one batch."""
    _set_progress(extract, 40, "BSN's versleutelen")
    return typed.with_columns(
        pl.Series("_hash", hash_many(typed["_bsn"].to_list()), dtype=pl.String)
    )


def _finish_landed(extract: ExtractImport | None, report: ImportReport) -> None:
    """Record the landed import as done, and log what it did."""
    _finish(extract, report, message="Het bestand is ingelezen.")
    logger.info(
        "extract_imported",
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
    )


def _record_sha(extract: ExtractImport | None, data: bytes | Path) -> str:
    """The file's sha256, kept on the import record."""
    sha = file_sha256(data)
    if extract is not None and extract.sha256 != sha:
        extract.sha256 = sha
        if extract.pk:
            ExtractImport.objects.filter(pk=extract.pk).update(sha256=sha)
    return sha


def _seen_before(
    extract: ExtractImport | None,
    report: ImportReport,
    *,
    data: bytes | Path,
    organisation: Organisation,
    sha: str,
) -> bool:
    """True (and the import finished as a no-op) when this file landed before."""
    previous = ExtractImport.objects.filter(
        organisation=organisation, sha256=sha, status=ImportStatus.DONE
    )
    if extract is not None:
        previous = previous.exclude(pk=extract.pk)
    empty = not data if isinstance(data, bytes) else Path(data).stat().st_size == 0
    if empty or not previous.exists():
        return False
    first = previous.order_by("created_at").first()
    report.rows = report.unchanged = first.rows
    _finish(
        extract,
        report,
        duplicate=True,
        message="Dit bestand is al eerder ingelezen; er is niets gewijzigd.",
    )
    return True


def _read_and_validate(
    extract: ExtractImport | None,
    report: ImportReport,
    *,
    data: bytes | Path,
    filename: str,
) -> tuple[pl.DataFrame, dict[int, int]] | None:
    """The typed rows and each municipality's region; None (reported) on errors."""
    _set_progress(extract, 5, "Bestand lezen")
    try:
        frame = read_table(data, filename, aliases=COLUMNS, optional=OPTIONAL)
    except FileError as exc:
        report.errors.append(RowError(line=1, column="", reason=str(exc)))
        _finish(extract, report, message=str(exc))
        return None
    report.rows = frame.height
    _set_progress(extract, 20, "Regels controleren")
    municipalities = list(Municipality.objects.values_list("code", "pk", "region_id"))
    codes = {code: pk for code, pk, _region in municipalities}
    regions = {pk: region for _code, pk, region in municipalities}
    typed, errors = validate(frame, municipality_codes=codes)
    if errors:
        report.errors = errors
        _finish(
            extract,
            report,
            message=f"{len(errors)} fout(en) gevonden; er is niets ingelezen.",
        )
        return None
    return typed, regions


def _land(
    typed: pl.DataFrame,
    organisation: Organisation,
    report: ImportReport,
    *,
    extract: ExtractImport | None,
    on: dt.date,
    regions: dict[int, int],
    refresh: bool,
    initial_load: bool,
) -> None:
    """Write the rows and screen what changed, in one transaction."""
    checks = (
        bulk_load(Person, Household, WWClaim, AccessGrant, ScreeningRecord)
        if initial_load
        else nullcontext()
    )
    model = active_model() if refresh else None
    windows = region_windows()
    # Everything read before the writes start: PostgreSQL ingests each
    # table in the background (copy_behind) while Python builds the next.
    with transaction.atomic(), checks, copy_behind():
        _set_progress(extract, 50, "Personen en uitkeringen opslaan")
        written = _write(typed, organisation, report, on=on, regions=regions)
        # Planner statistics for the grown tables, before any read-back.
        fresh_statistics = report.created >= ANALYZE_AFTER
        if fresh_statistics and written.claim_ids:
            analyze(Person, Household, WWClaim, AccessGrant)
        if refresh:
            _set_progress(extract, 70, "Vensters, voorcheck en risico berekenen")
            frame = pl.concat(
                [written.loaded, claims_frame(claim_ids=written.claim_ids)]
            )
            refresh_records(
                frame,
                on=on,
                model=model,
                unrecorded=written.loaded["claim_id"],
                windows=windows,
            )
        if fresh_statistics and not written.claim_ids:
            analyze(Person, Household, WWClaim, AccessGrant)
        _set_progress(extract, 90, "Opslaan afronden en controleren")


def mark_interrupted(extract: ExtractImport | None, exc: BaseException) -> None:
    """The import broke off in the database (all rolled back): record it as failed."""
    full = is_disk_full(exc)
    logger.error(
        "extract_import_interrupted",
        extract=str(extract.uuid) if extract else "",
        error=type(exc).__name__,
        disk_full=full,
    )
    if extract is None or extract.pk is None:
        return
    message = (
        disk_full_message()
        if full
        else gettext(
            "De verbinding met de database viel weg tijdens het inlezen; er is "
            "niets ingelezen. Lees het bestand opnieuw in."
        )
    )
    drop_broken_connection()
    extract.file.delete(save=False)
    ExtractImport.objects.filter(pk=extract.pk).update(
        status=ImportStatus.FAILED,
        progress=100,
        stage="",
        message=message,
        file="",
        finished_at=timezone.now(),
    )


def _finish(
    extract, report: ImportReport, *, message: str, duplicate: bool = False
) -> None:
    if extract is None:
        return
    extract.status = ImportStatus.DONE if report.ok else ImportStatus.FAILED
    extract.progress = 100
    extract.stage = ""
    extract.is_duplicate = duplicate
    extract.rows, extract.created = report.rows, report.created
    extract.updated, extract.unchanged = report.updated, report.unchanged
    extract.errors = [e.as_dict() for e in report.errors]
    extract.message = message
    extract.finished_at = timezone.now()
    extract.file.delete(save=False)  # processed: the people are in the database
    if extract.pk:
        extract.save()
