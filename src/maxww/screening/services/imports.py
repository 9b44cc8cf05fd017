"""Import of the UWV extract: validate every row (polars), then land all or nothing.

Column layout: ``docs/formats/uwv-extract.md``. The same file twice (sha256) is a
no-op; a newer extract updates claims in place (matched on ``claim_ref``) and
people (matched on the keyed BSN hash) without duplicating them. No ORM call per
row: look-ups and writes go whole-frame through ``maxww.core.bulk`` (COPY on
PostgreSQL), and BSNs are hashed and encrypted in one batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
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
    insert_frame,
    lookup_frame,
    read_frame_in,
    reserve_ids,
    update_frame,
)
from maxww.core.faults import (
    database_errors,
    disk_full_message,
    drop_broken_connection,
    is_disk_full,
)
from maxww.core.imports import FileError, ImportReport, RowError, read_table
from maxww.core.progress import update_outside
from maxww.core.validators import (
    HOUSE_NUMBER_ADDITION_PATTERN,
    HOUSE_NUMBER_PATTERN,
    POSTCODE_NOT_LETTERS,
    POSTCODE_PATTERN,
    STREET_MAX,
    TOWN_MAX,
)
from maxww.organisations.models import Municipality, Organisation
from maxww.people.bsn import encrypt_many, hash_many
from maxww.people.constants import (
    EducationLevel,
    GrantBasis,
    HouseholdType,
    WerkverkennerOutcome,
)
from maxww.people.models import AccessGrant, Household, Person, WWClaim
from maxww.screening.constants import ImportStatus
from maxww.screening.models import ExtractImport, ScreeningRecord

from .cohorts import region_windows
from .frame import claims_frame, frame_from_memory
from .refresh import refresh_records
from .risk import active_model

logger = structlog.stdlib.get_logger(__name__)

# Canonical (Dutch) header → accepted spellings. Order = documented order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "bsn": ("burgerservicenummer",),
    "uitkeringsnummer": ("claim_ref", "uitkeringsnr"),
    "achternaam": ("last_name", "geslachtsnaam"),
    "tussenvoegsel": ("surname_prefix", "voorvoegsel"),
    "voorletters": ("initials",),
    "roepnaam": ("first_name", "voornaam"),
    "geboortedatum": ("birth_date",),
    "postcode": (),
    # The postal address (the letters need it): straat, huisnummer_toevoeging and
    # woonplaats may be absent from the file (``OPTIONAL``).
    "straat": ("street", "straatnaam"),
    "huisnummer": ("house_number",),
    "huisnummer_toevoeging": ("house_number_addition", "toevoeging"),
    "woonplaats": ("town", "plaats"),
    "gemeentecode": ("municipality_code", "cbs_code"),
    "eerste_ww_dag": ("start_date", "ingangsdatum"),
    "laatste_ww_dag": ("max_end_date", "einddatum", "maximale_einddatum"),
    "dagloon": ("daily_wage",),
    "uren_verlies": ("hours_lost", "urenverlies"),
    "beroepscode": ("occupation_code",),
    "beroep": ("occupation",),
    "sector": (),
    "opleidingsniveau": ("education_level", "opleiding"),
    "werkverkenner": (),
    "doelgroepregister": ("in_doelgroepregister",),
    "flexwerker": ("flex", "is_flex_worker"),
    "voormalig_zzp": ("was_self_employed", "voormalig_zelfstandige"),
    "leefvorm": ("household_type",),
    "peildatum": ("extract_date",),
}
# Columns a file may leave out (older extracts): a known person keeps the values.
OPTIONAL = ("straat", "huisnummer_toevoeging", "woonplaats")
REQUIRED = (
    "bsn",
    "uitkeringsnummer",
    "achternaam",
    "geboortedatum",
    "postcode",
    "gemeentecode",
    "eerste_ww_dag",
    "laatste_ww_dag",
    "dagloon",
    "uren_verlies",
    "peildatum",
)
EDUCATION = {
    "": EducationLevel.UNKNOWN,
    "onbekend": EducationLevel.UNKNOWN,
    "basisonderwijs": EducationLevel.PRIMARY,
    "basis": EducationLevel.PRIMARY,
    "vmbo": EducationLevel.LOW,
    "mbo1": EducationLevel.LOW,
    "laag": EducationLevel.LOW,
    "mbo": EducationLevel.MIDDLE,
    "middelbaar": EducationLevel.MIDDLE,
    "midden": EducationLevel.MIDDLE,
    "havo": EducationLevel.MIDDLE,
    "vwo": EducationLevel.MIDDLE,
    "hbo": EducationLevel.HIGH,
    "wo": EducationLevel.HIGH,
    "hoog": EducationLevel.HIGH,
    **{c.value: c for c in EducationLevel},
}
WERKVERKENNER = {
    "": WerkverkennerOutcome.UNKNOWN,
    "onbekend": WerkverkennerOutcome.UNKNOWN,
    "laag": WerkverkennerOutcome.LOW,
    "hoog": WerkverkennerOutcome.HIGH,
    **{c.value: c for c in WerkverkennerOutcome},
}
HOUSEHOLD = {
    "": HouseholdType.UNKNOWN,
    "onbekend": HouseholdType.UNKNOWN,
    "alleenstaand": HouseholdType.SINGLE,
    "samenwonend": HouseholdType.COUPLE,
    "gehuwd": HouseholdType.COUPLE,
    "alleenstaande_ouder": HouseholdType.SINGLE_PARENT,
    "alleenstaande ouder": HouseholdType.SINGLE_PARENT,
    **{c.value: c for c in HouseholdType},
}
BOOLEAN = {
    "": False,
    "0": False,
    "1": True,
    "ja": True,
    "nee": False,
    "j": True,
    "n": False,
    "true": True,
    "false": False,
    "waar": True,
    "onwaar": False,
}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
GRANT_SOURCE = "import:uwv-extract"

ProgressFn = Callable[[int, str], None]


def file_sha256(source: bytes | Path) -> str:
    """The file's sha256, read in chunks when it is a stored file."""
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    with open(source, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _date(column: str) -> pl.Expr:
    value = pl.col(column)
    return pl.coalesce([value.str.to_date(fmt, strict=False) for fmt in DATE_FORMATS])


def _number(column: str) -> pl.Expr:
    return (
        pl.col(column)
        .str.replace_all(r"\s", "")
        .str.replace(",", ".", literal=True)
        .cast(pl.Float64, strict=False)
    )


def _bsn_digits() -> pl.Expr:
    return pl.col("bsn").fill_null("").str.replace_all(r"[ .\-]", "")


def _elfproef(digits: pl.Expr) -> pl.Expr:
    padded = digits.str.zfill(9)
    total = sum(
        padded.str.slice(i, 1).cast(pl.Int64, strict=False) * w
        for i, w in enumerate((9, 8, 7, 6, 5, 4, 3, 2, -1))
    )
    return (total % 11 == 0) & (padded.cast(pl.Int64, strict=False) > 0)


def validate(
    frame: pl.DataFrame, *, municipality_codes: dict[str, int]
) -> tuple[pl.DataFrame, list[RowError]]:
    """Parse and check every row; returns typed columns and every row error."""
    typed = _typed(frame, municipality_codes)
    empty = {c: pl.col(c).is_null() | (pl.col(c) == "") for c in COLUMNS}
    checks = [
        *_required_checks(empty),
        *_person_checks(empty),
        *_claim_checks(empty),
        *_code_checks(),
        *_length_checks(empty),
        *_address_checks(empty),
    ]
    return typed, _row_errors(typed, checks)


Check = tuple[str, pl.Expr, str]  # column, condition that flags a row, reason
_INVALID_DATE = "Geen geldige datum (JJJJ-MM-DD of DD-MM-JJJJ)."
_LOWERED = (
    "opleidingsniveau",
    "werkverkenner",
    "leefvorm",
    "doelgroepregister",
    "flexwerker",
    "voormalig_zzp",
)
_BOOLEANS = ("doelgroepregister", "flexwerker", "voormalig_zzp")


def _postcode() -> pl.Expr:
    return pl.col("postcode").fill_null("").str.replace_all(" ", "").str.to_uppercase()


def _typed(frame: pl.DataFrame, municipality_codes: dict[str, int]) -> pl.DataFrame:
    """The frame with parsed ``_`` columns beside the text as read."""
    lower = {c: pl.col(c).fill_null("").str.to_lowercase() for c in _LOWERED}

    def mapped(column: str, values: dict) -> pl.Expr:
        table = {k: str(v) for k, v in values.items()}
        return lower[column].replace_strict(table, default=None)

    return frame.with_columns(
        _bsn_digits().str.zfill(9).alias("_bsn"),
        _postcode().alias("_postcode"),
        _date("geboortedatum").alias("_birth"),
        _date("eerste_ww_dag").alias("_start"),
        _date("laatste_ww_dag").alias("_end"),
        _date("peildatum").alias("_extract"),
        _number("dagloon").alias("_wage"),
        _number("uren_verlies").alias("_hours"),
        pl.col("gemeentecode")
        .fill_null("")
        .str.to_uppercase()
        .replace_strict(municipality_codes, default=None, return_dtype=pl.Int64)
        .alias("_municipality_id"),
        mapped("opleidingsniveau", EDUCATION).alias("_education"),
        mapped("werkverkenner", WERKVERKENNER).alias("_werkverkenner"),
        mapped("leefvorm", HOUSEHOLD).alias("_household"),
        *[
            lower[c]
            .replace_strict(BOOLEAN, default=None, return_dtype=pl.Boolean)
            .alias(f"_{c}")
            for c in _BOOLEANS
        ],
    )


def _required_checks(empty: dict[str, pl.Expr]) -> list[Check]:
    return [(c, empty[c], "Verplicht veld is leeg.") for c in REQUIRED]


def _person_checks(empty: dict[str, pl.Expr]) -> list[Check]:
    """BSN (digits, length, elfproef), postcode, municipality, birth date."""
    digits = _bsn_digits()
    postcode = _postcode()
    return [
        (
            "bsn",
            ~empty["bsn"] & ~digits.str.contains(r"^\d+$"),
            "Een BSN bestaat alleen uit cijfers.",
        ),
        (
            "bsn",
            ~empty["bsn"]
            & digits.str.contains(r"^\d+$")
            & ~digits.str.len_chars().is_in([8, 9]),
            "Een BSN heeft 9 cijfers.",
        ),
        (
            "bsn",
            digits.str.contains(r"^\d{8,9}$") & ~_elfproef(digits),
            "Dit BSN voldoet niet aan de elfproef.",
        ),
        (
            "postcode",
            ~empty["postcode"]
            & (
                ~postcode.str.contains(POSTCODE_PATTERN)
                | postcode.str.slice(4).is_in(POSTCODE_NOT_LETTERS)
            ),
            "Postcode moet de vorm 1234AB hebben.",
        ),
        (
            "gemeentecode",
            ~empty["gemeentecode"] & pl.col("_municipality_id").is_null(),
            "Onbekende gemeentecode (verwacht bv. GM0505).",
        ),
        (
            "geboortedatum",
            ~empty["geboortedatum"] & pl.col("_birth").is_null(),
            _INVALID_DATE,
        ),
    ]


def _claim_checks(empty: dict[str, pl.Expr]) -> list[Check]:
    """The claim's dates, wage and hours, and the age they imply."""
    dates = [
        (c, ~empty[c] & pl.col(typed).is_null(), _INVALID_DATE)
        for c, typed in (
            ("eerste_ww_dag", "_start"),
            ("laatste_ww_dag", "_end"),
            ("peildatum", "_extract"),
        )
    ]
    wage, hours = pl.col("_wage"), pl.col("_hours")
    return [
        *dates,
        (
            "laatste_ww_dag",
            pl.col("_end") < pl.col("_start"),
            "De laatste WW-dag ligt vóór de eerste WW-dag.",
        ),
        (
            "geboortedatum",
            (pl.col("_birth") > pl.col("_start").dt.offset_by("-15y"))
            | (pl.col("_birth") < pl.col("_start").dt.offset_by("-75y")),
            "Geboortedatum is niet aannemelijk bij deze WW-uitkering (leeftijd 15–75).",
        ),
        (
            "dagloon",
            ~empty["dagloon"] & (wage.is_null() | (wage <= 0) | (wage >= 10000)),
            "Dagloon moet een bedrag groter dan 0 zijn (bv. 123,45).",
        ),
        (
            "uren_verlies",
            ~empty["uren_verlies"] & (hours.is_null() | (hours <= 0) | (hours > 60)),
            "Uren verlies moet een getal tussen 0 en 60 zijn.",
        ),
    ]


def _code_checks() -> list[Check]:
    """Values from a fixed list: education, Werkverkenner, household, yes/no."""
    return [
        (
            "opleidingsniveau",
            pl.col("_education").is_null(),
            "Onbekend opleidingsniveau (basisonderwijs, vmbo, mbo, hbo, wo of leeg).",
        ),
        (
            "werkverkenner",
            pl.col("_werkverkenner").is_null(),
            "Werkverkenner moet 'laag', 'hoog' of leeg zijn.",
        ),
        (
            "leefvorm",
            pl.col("_household").is_null(),
            "Onbekende leefvorm (alleenstaand, samenwonend, alleenstaande_ouder of leeg).",
        ),
        *[(c, pl.col(f"_{c}").is_null(), "Verwacht ja of nee.") for c in _BOOLEANS],
    ]


def _length_checks(empty: dict[str, pl.Expr]) -> list[Check]:
    """Claim numbers unique in the file; texts that fit their field."""
    return [
        (
            "uitkeringsnummer",
            ~empty["uitkeringsnummer"] & pl.col("uitkeringsnummer").is_duplicated(),
            "Dit uitkeringsnummer staat meer dan één keer in het bestand.",
        ),
        (
            "uitkeringsnummer",
            pl.col("uitkeringsnummer").str.len_chars() > 40,
            "Uitkeringsnummer is langer dan 40 tekens.",
        ),
        (
            "achternaam",
            pl.col("achternaam").str.len_chars() > 120,
            "Achternaam is langer dan 120 tekens.",
        ),
    ]


def _address_checks(empty: dict[str, pl.Expr]) -> list[Check]:
    """The postal address, with the bounds of ``core.validators``."""
    number = pl.col("huisnummer").str.strip_chars()
    addition = pl.col("huisnummer_toevoeging").str.strip_chars()
    return [
        (
            "huisnummer",
            ~empty["huisnummer"] & ~number.str.contains(HOUSE_NUMBER_PATTERN),
            "Vul een huisnummer in van 1 tot 99999, zonder toevoeging.",
        ),
        (
            "huisnummer_toevoeging",
            ~empty["huisnummer_toevoeging"]
            & ~addition.str.contains(HOUSE_NUMBER_ADDITION_PATTERN),
            "Een toevoeging is hoogstens 4 letters of cijfers, zoals A of bis.",
        ),
        (
            "straat",
            pl.col("straat").str.len_chars() > STREET_MAX,
            f"Straat is langer dan {STREET_MAX} tekens.",
        ),
        (
            "woonplaats",
            pl.col("woonplaats").str.len_chars() > TOWN_MAX,
            f"Woonplaats is langer dan {TOWN_MAX} tekens.",
        ),
        (
            "straat",
            ~empty["straat"] & (empty["huisnummer"] | empty["woonplaats"]),
            "Een adres heeft straat, huisnummer en woonplaats: vul ze alle drie in.",
        ),
    ]


def _row_errors(typed: pl.DataFrame, checks: list[Check]) -> list[RowError]:
    """Every flagged row as an error, in line and column order."""
    flagged = typed.select(
        "_line",
        *[
            cond.fill_null(False).alias(f"e{i}")
            for i, (_c, cond, _r) in enumerate(checks)
        ],
    )
    errors: list[RowError] = []
    for i, (column, _cond, reason) in enumerate(checks):
        lines = flagged.filter(pl.col(f"e{i}"))["_line"].to_list()
        errors.extend(
            RowError(line=int(n), column=column, reason=reason) for n in lines
        )
    errors.sort(key=lambda e: (e.line, list(COLUMNS).index(e.column)))
    return errors


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


class _RollbackError(Exception):
    pass


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


PERSON_SCHEMA: dict[str, pl.DataType] = {
    "last_name": pl.String,
    "surname_prefix": pl.String,
    "initials": pl.String,
    "first_name": pl.String,
    "birth_date": pl.Date,
    "postcode": pl.String,
    "house_number": pl.String,
    "street": pl.String,
    "house_number_addition": pl.String,
    "town": pl.String,
    "municipality_id": pl.Int64,
}
CLAIM_SCHEMA: dict[str, pl.DataType] = {
    "start_date": pl.Date,
    "max_end_date": pl.Date,
    "daily_wage": pl.Float64,
    "hours_lost": pl.Float64,
    "occupation_code": pl.String,
    "occupation": pl.String,
    "sector": pl.String,
    "education_level": pl.String,
    "werkverkenner": pl.String,
    "in_doelgroepregister": pl.Boolean,
    "is_flex_worker": pl.Boolean,
    "was_self_employed": pl.Boolean,
}
PERSON_FIELDS = list(PERSON_SCHEMA)
ADDRESS_LINES = ("street", "house_number_addition", "town")
CLAIM_FIELDS = list(CLAIM_SCHEMA)


def _differs(fields: list[str]) -> pl.Expr:
    """True where any field differs from its ``_old`` counterpart (nulls compared)."""
    return pl.any_horizontal(pl.col(f).ne_missing(pl.col(f"{f}_old")) for f in fields)


def _check_claim_owners(
    claims: pl.DataFrame, known_claims: pl.DataFrame, person_ids: pl.DataFrame
) -> list[RowError]:
    """A claim number already known for a different person is an error, not a move."""
    clash = (
        claims.select("_line", "claim_ref", "bsn_hash")
        .join(known_claims.select("claim_ref", "person_id"), on="claim_ref")
        .join(person_ids.rename({"id": "_owner"}), on="bsn_hash", how="left")
        .filter(pl.col("_owner").ne_missing(pl.col("person_id")))
    )
    return [
        RowError(
            line=int(n),
            column="uitkeringsnummer",
            reason="Dit uitkeringsnummer hoort in maxww bij een ander BSN.",
        )
        for n in clash["_line"].sort().to_list()
    ]


@dataclass
class _ToScreen:
    """The claims an import must screen: new, changed, or of a changed person."""

    loaded: pl.DataFrame  # new people's claims, as ``claims_frame`` would read them
    claim_ids: list[int]  # the others, to be read


def _write(
    typed: pl.DataFrame,
    organisation: Organisation,
    report: ImportReport,
    *,
    on: dt.date,
    regions: dict[int, int],
) -> _ToScreen:
    """Land the validated rows: look-ups and writes are whole-frame (COPY on PostgreSQL).

    Returns the claims to screen (``_ToScreen``).

    Raises ``_RollbackError`` with ``report.errors`` set when a claim number
    belongs to another person; nothing is written before that check.
    """
    people, claims = _people_rows(typed), _claim_rows(typed)
    known_people, known_claims = _known_rows(people, claims)
    errors = _check_claim_owners(
        claims, known_claims, known_people.select("bsn_hash", "id")
    )
    if errors:
        report.errors = errors
        raise _RollbackError
    now = timezone.now()
    people = _keep_known_address(
        people.join(known_people, on="bsn_hash", how="left", suffix="_old")
    )
    new_people, changed_people = _write_people(people, now=now)
    person_ids = pl.concat(
        [new_people.select("bsn_hash", "id"), known_people.select("bsn_hash", "id")]
    )
    changed_households = _write_households(people, new_people, person_ids, on=on)
    claims, new_claims, changed = _write_claims(
        claims, known_claims, person_ids, report, now=now
    )
    # To screen now: new and changed claims, and the claims of people whose
    # facts changed. An unchanged row needs nothing; the nightly refresh moves
    # every claim along.
    rescreened = _rescreened_claims(
        claims, changed, changed_people["id"], changed_households["person_id"]
    )
    to_screen = _to_screen(new_claims, new_people, rescreened, regions)
    _insert_new_people(new_people, organisation)
    _restore_grants(known_people, organisation)
    return to_screen


def _known_rows(
    people: pl.DataFrame, claims: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The people (by BSN hash) and the claims (by claim number) already known."""
    known_people = lookup_frame(
        Person,
        "bsn_hash",
        people["bsn_hash"],
        {"bsn_hash": pl.String, "id": pl.Int64, **PERSON_SCHEMA},
    )
    known_claims = lookup_frame(
        WWClaim,
        "claim_ref",
        claims["claim_ref"],
        {"claim_ref": pl.String, "id": pl.Int64, "person_id": pl.Int64, **CLAIM_SCHEMA},
    )
    return known_people, known_claims


def _rescreened_claims(
    claims: pl.DataFrame,
    changed: pl.Expr,
    changed_people: pl.Series,
    changed_households: pl.Series,
) -> pl.Series:
    """Ids of the known claims that changed or whose person's facts changed."""
    restated = pl.concat([changed_people, changed_households]).implode()
    return claims.filter(changed | pl.col("person_id").is_in(restated))["id"]


def _to_screen(
    new_claims: pl.DataFrame,
    new_people: pl.DataFrame,
    rescreened: pl.Series,
    regions: dict[int, int],
) -> _ToScreen:
    """The new people's claims from memory; every other claim to screen by id."""
    loaded = _new_claims_frame(new_claims, new_people, regions)
    touched = pl.concat([new_claims["id"], rescreened]).unique()
    touched = touched.filter(~touched.is_in(loaded["claim_id"].implode()))
    return _ToScreen(loaded=loaded, claim_ids=touched.to_list())


def _people_rows(typed: pl.DataFrame) -> pl.DataFrame:
    """One row per person (the last row of a BSN wins), in model field names."""
    return typed.select(
        pl.col("_hash").alias("bsn_hash"),
        pl.col("_bsn").alias("bsn"),
        pl.col("achternaam").alias("last_name"),
        pl.col("tussenvoegsel").fill_null("").alias("surname_prefix"),
        pl.col("voorletters").fill_null("").alias("initials"),
        pl.col("roepnaam").fill_null("").alias("first_name"),
        pl.col("_birth").alias("birth_date"),
        pl.col("_postcode").alias("postcode"),
        pl.col("huisnummer").fill_null("").alias("house_number"),
        pl.col("straat").alias("street"),
        pl.col("huisnummer_toevoeging").alias("house_number_addition"),
        pl.col("woonplaats").alias("town"),
        pl.col("_municipality_id").alias("municipality_id"),
        pl.col("_household").alias("household_type"),
    ).unique(subset="bsn_hash", keep="last", maintain_order=True)


def _claim_rows(typed: pl.DataFrame) -> pl.DataFrame:
    """One row per claim, in model field names (``_line`` kept for errors)."""
    return typed.select(
        "_line",
        pl.col("uitkeringsnummer").alias("claim_ref"),
        pl.col("_hash").alias("bsn_hash"),
        pl.col("_start").alias("start_date"),
        pl.col("_end").alias("max_end_date"),
        pl.col("_wage").round(2).alias("daily_wage"),
        pl.col("_hours").round(1).alias("hours_lost"),
        pl.col("beroepscode").fill_null("").alias("occupation_code"),
        pl.col("beroep").fill_null("").alias("occupation"),
        pl.col("sector").fill_null("").alias("sector"),
        pl.col("_education").alias("education_level"),
        pl.col("_werkverkenner").alias("werkverkenner"),
        pl.col("_doelgroepregister").alias("in_doelgroepregister"),
        pl.col("_flexwerker").alias("is_flex_worker"),
        pl.col("_voormalig_zzp").alias("was_self_employed"),
        pl.col("_extract").alias("extract_date"),
    )


def _keep_known_address(people: pl.DataFrame) -> pl.DataFrame:
    """A row without a street keeps the known street, addition and town.

    The address columns are optional, and an older extract has none: its rows
    must not wipe an address a newer one supplied. With a street, the row's
    address lines replace the old ones together (an empty addition included).
    """
    given = pl.col("street").fill_null("") != ""
    return people.with_columns(
        pl.when(given)
        .then(pl.col(f).fill_null(""))
        .otherwise(pl.col(f"{f}_old").fill_null(""))
        .alias(f)
        for f in ADDRESS_LINES
    )


def _write_people(
    people: pl.DataFrame, *, now: dt.datetime
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Update changed people; reserve ids for the new (inserted last). Returns both."""
    # New rows go in in the order of their unique keys (hash, claim number):
    # the indexes are then filled page by page instead of at random pages,
    # which matters once they outgrow the database's memory.
    new_people = people.filter(pl.col("id").is_null()).sort("bsn_hash")
    # Their ids now, their rows last: what refers to them is queued first,
    # and PostgreSQL ingests it while the BSNs are encrypted (foreign keys
    # are checked at the end of the transaction).
    new_people = new_people.with_columns(reserve_ids(Person, new_people.height))
    changed_people = people.filter(pl.col("id").is_not_null() & _differs(PERSON_FIELDS))
    update_frame(
        Person,
        changed_people.select("id", *PERSON_FIELDS).with_columns(
            pl.lit(now).alias("updated_at")
        ),
    )
    return new_people, changed_people


def _write_households(
    people: pl.DataFrame,
    new_people: pl.DataFrame,
    person_ids: pl.DataFrame,
    *,
    on: dt.date,
) -> pl.DataFrame:
    """New people get a household; a stated type overrides the old. Returns changes."""
    insert_frame(
        Household,
        new_people.select("bsn_hash", "household_type")
        .join(person_ids, on="bsn_hash")
        .select(
            pl.col("id").alias("person_id"),
            "household_type",
            pl.lit(on).alias("known_on"),
        )
        .sort("person_id"),
    )
    stated = people.filter(
        pl.col("id").is_not_null() & (pl.col("household_type") != HouseholdType.UNKNOWN)
    ).select(pl.col("id").alias("person_id"), "household_type")
    current = lookup_frame(
        Household,
        "person_id",
        stated["person_id"],
        {"id": pl.Int64, "person_id": pl.Int64, "household_type": pl.String},
    )
    changed = current.join(stated, on="person_id", suffix="_new").filter(
        pl.col("household_type") != pl.col("household_type_new")
    )
    update_frame(
        Household,
        changed.select(
            "id",
            pl.col("household_type_new").alias("household_type"),
            pl.lit(on).alias("known_on"),
        ),
    )
    return changed


def _write_claims(
    claims: pl.DataFrame,
    known_claims: pl.DataFrame,
    person_ids: pl.DataFrame,
    report: ImportReport,
    *,
    now: dt.datetime,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.Expr]:
    """Insert new claims, update changed ones, count the unchanged in ``report``.

    Returns the claims joined with what was known, the inserted claims and the
    expression that marks a changed claim.
    """
    claims = claims.join(known_claims, on="claim_ref", how="left", suffix="_old")
    changed = pl.col("id").is_not_null() & _differs(CLAIM_FIELDS)
    new_claims = insert_frame(
        WWClaim,
        claims.filter(pl.col("id").is_null())
        .drop("id", "person_id")
        .join(person_ids.rename({"id": "person_id"}), on="bsn_hash")
        .sort("claim_ref")
        .select("claim_ref", "person_id", *CLAIM_FIELDS, "extract_date"),
    )
    updated = update_frame(
        WWClaim,
        claims.filter(changed)
        .select("id", *CLAIM_FIELDS, "extract_date")
        .with_columns(pl.lit(now).alias("updated_at")),
    )
    report.created, report.updated = new_claims.height, updated
    report.unchanged = known_claims.height - updated
    return claims, new_claims, changed


def _new_claims_frame(
    new_claims: pl.DataFrame, new_people: pl.DataFrame, regions: dict[int, int]
) -> pl.DataFrame:
    """The new people's claims as ``claims_frame`` would read them, from memory."""
    return frame_from_memory(
        new_claims.rename({"id": "claim_id"}).join(
            new_people.select(
                pl.col("id").alias("person_id"),
                "birth_date",
                "postcode",
                "municipality_id",
                "household_type",
            ),
            on="person_id",
        ),
        regions,
    )


def _grant_columns(organisation: Organisation) -> dict[str, pl.Expr]:
    return {
        "organisation_id": pl.lit(organisation.pk, dtype=pl.Int64),
        "basis": pl.lit(str(GrantBasis.CASELOAD)),
        "source": pl.lit(GRANT_SOURCE),
    }


def _insert_new_people(new_people: pl.DataFrame, organisation: Organisation) -> None:
    """Caseload grants first, then the people themselves with encrypted BSNs."""
    insert_frame(
        AccessGrant,
        new_people.select(pl.col("id").alias("person_id")).with_columns(
            **_grant_columns(organisation)
        ),
    )
    insert_frame(
        Person,
        new_people.select("id", "bsn_hash", *PERSON_FIELDS).with_columns(
            pl.Series("bsn_encrypted", encrypt_many(new_people["bsn"].to_list())),
            pl.lit(organisation.pk, dtype=pl.Int64).alias("owner_id"),
        ),
    )


def _restore_grants(known_people: pl.DataFrame, organisation: Organisation) -> None:
    """Known people keep their grant; only a missing (e.g. revoked) one is added."""
    granted = read_frame_in(
        AccessGrant.objects.filter(
            organisation=organisation,
            basis=GrantBasis.CASELOAD,
            source=GRANT_SOURCE,
            revoked_at__isnull=True,
        ).values_list("person_id"),
        "person_id",
        known_people["id"],
        {"person_id": pl.Int64},
    )
    insert_frame(
        AccessGrant,
        known_people.select(pl.col("id").alias("person_id"))
        .join(granted, on="person_id", how="anti")
        .with_columns(**_grant_columns(organisation)),
        ignore_conflicts=True,
    )
