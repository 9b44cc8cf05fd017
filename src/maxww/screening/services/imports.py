"""Import of the UWV extract: validate every row (polars), then land all or nothing.

Column layout: ``docs/formats/uwv-extract.md``. The same file twice (sha256) is a
no-op; a newer extract updates claims in place (matched on ``claim_ref``) and
people (matched on the keyed BSN hash) without duplicating them. No ORM call per
row: look-ups are chunked ``IN`` queries, writes are ``bulk_create``/``bulk_update``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

import polars as pl
import structlog

from maxww.core.imports import FileError, ImportReport, RowError, read_table
from maxww.organisations.models import Municipality, Organisation
from maxww.people.bsn import bsn_encrypter, bsn_hasher
from maxww.people.constants import (
    EducationLevel,
    GrantBasis,
    HouseholdType,
    WerkverkennerOutcome,
)
from maxww.people.models import Household, Person, WWClaim
from maxww.people.services import grant_access_bulk
from maxww.screening.constants import ImportStatus
from maxww.screening.models import ExtractImport

from .cohorts import ensure_records

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
    "huisnummer": ("house_number",),
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
CHUNK = 10000
GRANT_SOURCE = "import:uwv-extract"

ProgressFn = Callable[[int, str], None]


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
    lower = {
        c: pl.col(c).fill_null("").str.to_lowercase()
        for c in (
            "opleidingsniveau",
            "werkverkenner",
            "leefvorm",
            "doelgroepregister",
            "flexwerker",
            "voormalig_zzp",
        )
    }
    digits = _bsn_digits()
    postcode = (
        pl.col("postcode").fill_null("").str.replace_all(" ", "").str.to_uppercase()
    )
    typed = frame.with_columns(
        digits.str.zfill(9).alias("_bsn"),
        postcode.alias("_postcode"),
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
        lower["opleidingsniveau"]
        .replace_strict({k: str(v) for k, v in EDUCATION.items()}, default=None)
        .alias("_education"),
        lower["werkverkenner"]
        .replace_strict({k: str(v) for k, v in WERKVERKENNER.items()}, default=None)
        .alias("_werkverkenner"),
        lower["leefvorm"]
        .replace_strict({k: str(v) for k, v in HOUSEHOLD.items()}, default=None)
        .alias("_household"),
        *[
            lower[c]
            .replace_strict(BOOLEAN, default=None, return_dtype=pl.Boolean)
            .alias(f"_{c}")
            for c in ("doelgroepregister", "flexwerker", "voormalig_zzp")
        ],
    )
    empty = {c: pl.col(c).is_null() | (pl.col(c) == "") for c in COLUMNS}
    checks: list[tuple[str, pl.Expr, str]] = [
        (c, empty[c], "Verplicht veld is leeg.") for c in REQUIRED
    ]
    checks += [
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
            ~empty["postcode"] & ~postcode.str.contains(r"^[1-9][0-9]{3}[A-Z]{2}$"),
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
            "Geen geldige datum (JJJJ-MM-DD of DD-MM-JJJJ).",
        ),
        (
            "eerste_ww_dag",
            ~empty["eerste_ww_dag"] & pl.col("_start").is_null(),
            "Geen geldige datum (JJJJ-MM-DD of DD-MM-JJJJ).",
        ),
        (
            "laatste_ww_dag",
            ~empty["laatste_ww_dag"] & pl.col("_end").is_null(),
            "Geen geldige datum (JJJJ-MM-DD of DD-MM-JJJJ).",
        ),
        (
            "peildatum",
            ~empty["peildatum"] & pl.col("_extract").is_null(),
            "Geen geldige datum (JJJJ-MM-DD of DD-MM-JJJJ).",
        ),
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
            ~empty["dagloon"]
            & (
                pl.col("_wage").is_null()
                | (pl.col("_wage") <= 0)
                | (pl.col("_wage") >= 10000)
            ),
            "Dagloon moet een bedrag groter dan 0 zijn (bv. 123,45).",
        ),
        (
            "uren_verlies",
            ~empty["uren_verlies"]
            & (
                pl.col("_hours").is_null()
                | (pl.col("_hours") <= 0)
                | (pl.col("_hours") > 60)
            ),
            "Uren verlies moet een getal tussen 0 en 60 zijn.",
        ),
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
        *[
            (c, pl.col(f"_{c}").is_null(), "Verwacht ja of nee.")
            for c in ("doelgroepregister", "flexwerker", "voormalig_zzp")
        ],
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
    return typed, errors


def _set_progress(extract: ExtractImport | None, progress: int, stage: str) -> None:
    if extract is None or extract.pk is None:
        return
    extract.progress, extract.stage = progress, stage
    ExtractImport.objects.filter(pk=extract.pk).update(progress=progress, stage=stage)


def import_extract(
    *,
    data: bytes,
    filename: str,
    organisation: Organisation,
    on: dt.date,
    extract: ExtractImport | None = None,
    refresh: bool = True,
) -> ImportReport:
    """Validate and land one UWV extract; all or nothing.

    Returns the report (``ok`` False with every row error, nothing written).
    When ``extract`` is given its status, progress and report are kept up to date.
    """
    report = ImportReport()
    sha = file_sha256(data)
    if extract is not None and extract.sha256 != sha:
        extract.sha256 = sha
        if extract.pk:
            ExtractImport.objects.filter(pk=extract.pk).update(sha256=sha)
    previous = ExtractImport.objects.filter(
        organisation=organisation, sha256=sha, status=ImportStatus.DONE
    )
    if extract is not None:
        previous = previous.exclude(pk=extract.pk)
    if data and previous.exists():
        first = previous.order_by("created_at").first()
        report.rows = report.unchanged = first.rows
        _finish(
            extract,
            report,
            duplicate=True,
            message="Dit bestand is al eerder ingelezen; er is niets gewijzigd.",
        )
        return report
    _set_progress(extract, 5, "Bestand lezen")
    try:
        frame = read_table(data, filename, aliases=COLUMNS)
    except FileError as exc:
        report.errors.append(RowError(line=1, column="", reason=str(exc)))
        _finish(extract, report, message=str(exc))
        return report
    report.rows = frame.height
    _set_progress(extract, 20, "Regels controleren")
    codes = dict(Municipality.objects.values_list("code", "pk"))
    typed, errors = validate(frame, municipality_codes=codes)
    if errors:
        report.errors = errors
        _finish(
            extract,
            report,
            message=f"{len(errors)} fout(en) gevonden; er is niets ingelezen.",
        )
        return report
    _set_progress(extract, 40, "BSN's versleutelen")
    hasher, encrypter = bsn_hasher(), bsn_encrypter()
    typed = typed.with_columns(
        pl.col("_bsn").map_elements(hasher, return_dtype=pl.String).alias("_hash")
    )
    try:
        with transaction.atomic():
            _set_progress(extract, 50, "Personen en uitkeringen opslaan")
            person_errors = _check_claim_owners(typed)
            if person_errors:
                report.errors = person_errors
                raise _RollbackError
            claim_ids = _write(typed, organisation, encrypter, report, on=on)
            if refresh:
                _set_progress(extract, 80, "Vensters, voorcheck en risico berekenen")
                from . import refresh_screening

                refresh_screening(on=on, claim_ids=claim_ids)
    except _RollbackError:
        _finish(
            extract,
            report,
            message=f"{len(report.errors)} fout(en) gevonden; er is niets ingelezen.",
        )
        return report
    _finish(extract, report, message="Het bestand is ingelezen.")
    logger.info(
        "extract_imported",
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
    )
    return report


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
    extract.data = None
    if extract.pk:
        extract.save()


def _chunked_values(model, field: str, keys: list, *values: str) -> list[tuple]:
    rows: list[tuple] = []
    for start in range(0, len(keys), CHUNK):
        rows.extend(
            model.objects.filter(**{f"{field}__in": keys[start : start + CHUNK]})
            .order_by()
            .values_list(*values)
        )
    return rows


def _check_claim_owners(typed: pl.DataFrame) -> list[RowError]:
    """A claim number already known for a different person is an error, not a move."""
    refs = typed["uitkeringsnummer"].to_list()
    known = pl.DataFrame(
        _chunked_values(WWClaim, "claim_ref", refs, "claim_ref", "person__bsn_hash"),
        schema={"uitkeringsnummer": pl.String, "_known_hash": pl.String},
        orient="row",
    )
    clash = typed.join(known, on="uitkeringsnummer").filter(
        pl.col("_known_hash") != pl.col("_hash")
    )
    return [
        RowError(
            line=int(n),
            column="uitkeringsnummer",
            reason="Dit uitkeringsnummer hoort in maxww bij een ander BSN.",
        )
        for n in clash["_line"].to_list()
    ]


PERSON_FIELDS = [
    "last_name",
    "surname_prefix",
    "initials",
    "first_name",
    "birth_date",
    "postcode",
    "house_number",
    "municipality_id",
]
CLAIM_FIELDS = [
    "start_date",
    "max_end_date",
    "daily_wage",
    "hours_lost",
    "occupation_code",
    "occupation",
    "sector",
    "education_level",
    "werkverkenner",
    "in_doelgroepregister",
    "is_flex_worker",
    "was_self_employed",
]


def _write(
    typed: pl.DataFrame,
    organisation: Organisation,
    encrypter,
    report: ImportReport,
    *,
    on: dt.date,
) -> list[int]:
    people = typed.select(
        pl.col("_hash").alias("bsn_hash"),
        pl.col("_bsn").alias("bsn"),
        pl.col("achternaam").alias("last_name"),
        pl.col("tussenvoegsel").fill_null("").alias("surname_prefix"),
        pl.col("voorletters").fill_null("").alias("initials"),
        pl.col("roepnaam").fill_null("").alias("first_name"),
        pl.col("_birth").alias("birth_date"),
        pl.col("_postcode").alias("postcode"),
        pl.col("huisnummer").fill_null("").alias("house_number"),
        pl.col("_municipality_id").alias("municipality_id"),
        pl.col("_household").alias("household_type"),
    ).unique(subset="bsn_hash", keep="last", maintain_order=True)
    existing = dict(
        (h, (pk, rest))
        for h, pk, *rest in _chunked_values(
            Person,
            "bsn_hash",
            people["bsn_hash"].to_list(),
            "bsn_hash",
            "pk",
            *PERSON_FIELDS,
        )
    )
    new_people: list[Person] = []
    changed_people: list[Person] = []
    households: dict[str, str] = {}
    for row in people.iter_rows(named=True):
        households[row["bsn_hash"]] = row["household_type"]
        values = {f: row[f] for f in PERSON_FIELDS}
        found = existing.get(row["bsn_hash"])
        if found is None:
            new_people.append(
                Person(
                    bsn_hash=row["bsn_hash"],
                    bsn_encrypted=encrypter(row["bsn"]),
                    owner=organisation,
                    **values,
                )
            )
        elif tuple(found[1]) != tuple(values[f] for f in PERSON_FIELDS):
            changed_people.append(Person(pk=found[0], **values))
    Person.objects.bulk_create(new_people, batch_size=5000)
    Person.objects.bulk_update(changed_people, PERSON_FIELDS, batch_size=2000)
    person_ids = dict(
        _chunked_values(
            Person, "bsn_hash", people["bsn_hash"].to_list(), "bsn_hash", "pk"
        )
    )
    new_hashes = {p.bsn_hash for p in new_people}
    Household.objects.bulk_create(
        [
            Household(
                person_id=person_ids[h], household_type=households[h], known_on=on
            )
            for h in new_hashes
        ],
        batch_size=5000,
    )
    known_households = [
        (person_ids[h], t)
        for h, t in households.items()
        if h not in new_hashes and t != HouseholdType.UNKNOWN
    ]
    if known_households:
        current = dict(
            _chunked_values(
                Household,
                "person_id",
                [p for p, _ in known_households],
                "person_id",
                "household_type",
            )
        )
        stale = [pid for pid, t in known_households if current.get(pid) != t]
        by_type: dict[str, list[int]] = {}
        for pid, t in known_households:
            if pid in stale:
                by_type.setdefault(t, []).append(pid)
        for t, pids in by_type.items():
            for start in range(0, len(pids), CHUNK):
                Household.objects.filter(
                    person_id__in=pids[start : start + CHUNK]
                ).update(household_type=t, known_on=on)

    claims = typed.select(
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
    existing_claims = {
        ref: (pk, rest)
        for ref, pk, *rest in _chunked_values(
            WWClaim,
            "claim_ref",
            claims["claim_ref"].to_list(),
            "claim_ref",
            "pk",
            *CLAIM_FIELDS,
        )
    }
    new_claims: list[WWClaim] = []
    changed_claims: list[WWClaim] = []
    for row in claims.iter_rows(named=True):
        values = {f: row[f] for f in CLAIM_FIELDS}
        values["daily_wage"] = Decimal(str(values["daily_wage"])).quantize(
            Decimal("0.01")
        )
        values["hours_lost"] = Decimal(str(values["hours_lost"])).quantize(
            Decimal("0.1")
        )
        found = existing_claims.get(row["claim_ref"])
        if found is None:
            new_claims.append(
                WWClaim(
                    claim_ref=row["claim_ref"],
                    person_id=person_ids[row["bsn_hash"]],
                    extract_date=row["extract_date"],
                    **values,
                )
            )
        elif tuple(found[1]) != tuple(values[f] for f in CLAIM_FIELDS):
            changed_claims.append(
                WWClaim(pk=found[0], extract_date=row["extract_date"], **values)
            )
        else:
            report.unchanged += 1
    WWClaim.objects.bulk_create(new_claims, batch_size=5000)
    WWClaim.objects.bulk_update(
        changed_claims, [*CLAIM_FIELDS, "extract_date"], batch_size=2000
    )
    report.created, report.updated = len(new_claims), len(changed_claims)
    claim_rows = _chunked_values(
        WWClaim, "claim_ref", claims["claim_ref"].to_list(), "pk", "person_id"
    )
    ensure_records(claim_rows)
    grant_access_bulk(
        person_ids=person_ids.values(),
        organisation=organisation,
        basis=GrantBasis.CASELOAD,
        source=GRANT_SOURCE,
    )
    return [pk for pk, _person in claim_rows]
