"""All-or-nothing vacancy import from CSV or XLSX (format: docs/formats/vacancies.md).

The whole file is read and validated with polars; every bad row is reported
with its line, column and reason; only a clean file is written, in one
transaction, with bulk_create/bulk_update. Rows are keyed on the
organisation's own ``kenmerk``, so importing the same file again changes nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction

import polars as pl
import structlog

from maxww.core.imports import FileError, ImportReport, RowError, read_table

from .constants import LanguageLevel, Sector, VacancyStatus
from .models import Employer, Occupation, Vacancy

if TYPE_CHECKING:
    from maxww.organisations.models import Organisation, User

logger = structlog.stdlib.get_logger(__name__)

ALIASES: dict[str, tuple[str, ...]] = {
    "kenmerk": ("vacaturenummer", "referentie", "external_ref"),
    "kvk": ("kvk-nummer", "kvknummer", "werkgever_kvk"),
    "werkgever": ("werkgever_naam", "bedrijf", "bedrijfsnaam"),
    "sector": ("branche",),
    "functie": ("titel", "functietitel"),
    "beroepscode": ("isco", "isco08", "isco-08"),
    "uren_min": ("uren minimaal", "min uren"),
    "uren_max": ("uren maximaal", "max uren"),
    "postcode": ("postcode werkplek",),
    "plaats": ("werkplaats", "locatie"),
    "startdatum": ("start", "ingangsdatum"),
    "rijbewijs": ("rijbewijs b",),
    "certificaten": ("certificaat",),
    "taalniveau": ("taal",),
    "ervaring_jaren": ("ervaring", "jaren ervaring"),
    "status": (),
    "delen_in_regio": ("delen", "regio delen"),
    "omschrijving": ("beschrijving",),
}

YES = {"ja", "j", "yes", "y", "1", "waar", "true", "x"}
NO = {"nee", "n", "no", "0", "onwaar", "false", ""}
LANGUAGE = {
    "": LanguageLevel.NONE,
    "geen": LanguageLevel.NONE,
    "none": LanguageLevel.NONE,
    "basis": LanguageLevel.BASIC,
    "a2": LanguageLevel.BASIC,
    "basic": LanguageLevel.BASIC,
    "goed": LanguageLevel.GOOD,
    "b1": LanguageLevel.GOOD,
    "good": LanguageLevel.GOOD,
    "vloeiend": LanguageLevel.FLUENT,
    "b2": LanguageLevel.FLUENT,
    "c1": LanguageLevel.FLUENT,
    "fluent": LanguageLevel.FLUENT,
}
STATUS = {
    "": VacancyStatus.OPEN,
    "open": VacancyStatus.OPEN,
    "vervuld": VacancyStatus.FILLED,
    "filled": VacancyStatus.FILLED,
    "gesloten": VacancyStatus.CLOSED,
    "closed": VacancyStatus.CLOSED,
}
SECTORS = {
    **{str(v): v for v in Sector.values},
    **{str(label).lower(): value for value, label in Sector.choices},
    "": Sector.OTHER,
}
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")


def _lower(col: str) -> pl.Expr:
    return pl.col(col).fill_null("").str.to_lowercase().str.strip_chars()


def _parse_date(col: str) -> pl.Expr:
    text = pl.col(col).fill_null("")
    return pl.coalesce(
        [text.str.strptime(pl.Date, f, strict=False) for f in _DATE_FORMATS]
    )


def _prepare(frame: pl.DataFrame, occupation_codes: set[str]) -> pl.DataFrame:
    """Add parsed columns (``_x``) next to the text; nulls mark bad values."""
    return frame.with_columns(
        _kvk=pl.col("kvk").fill_null("").str.replace_all(r"[\s.\-]", ""),
        _hours_min=pl.col("uren_min").cast(pl.Int32, strict=False),
        _hours_max=pl.col("uren_max").cast(pl.Int32, strict=False),
        _experience=pl.when(pl.col("ervaring_jaren").fill_null("") == "")
        .then(pl.lit(0, dtype=pl.Int32))
        .otherwise(pl.col("ervaring_jaren").cast(pl.Int32, strict=False)),
        _start=_parse_date("startdatum"),
        _postcode=pl.col("postcode")
        .fill_null("")
        .str.replace_all(r"\s", "")
        .str.to_uppercase(),
        _licence=_lower("rijbewijs").replace_strict(
            {**dict.fromkeys(YES, True), **dict.fromkeys(NO, False)},
            default=None,
            return_dtype=pl.Boolean,
        ),
        _shared=pl.when(_lower("delen_in_regio") == "")
        .then(True)
        .otherwise(
            _lower("delen_in_regio").replace_strict(
                {**dict.fromkeys(YES, True), **dict.fromkeys(NO - {""}, False)},
                default=None,
                return_dtype=pl.Boolean,
            )
        ),
        _language=_lower("taalniveau").replace_strict(
            {k: str(v) for k, v in LANGUAGE.items()},
            default=None,
            return_dtype=pl.String,
        ),
        _status=_lower("status").replace_strict(
            {k: str(v) for k, v in STATUS.items()}, default=None, return_dtype=pl.String
        ),
        _sector=_lower("sector").replace_strict(
            {k: str(v) for k, v in SECTORS.items()},
            default=None,
            return_dtype=pl.String,
        ),
        _occupation_ok=pl.col("beroepscode")
        .fill_null("")
        .is_in(sorted(occupation_codes)),
    )


def _rules() -> list[tuple[str, pl.Expr, str]]:
    """(column, expression true for a bad row, Dutch reason)."""
    return _identity_rules() + _value_rules()


def _blank(column: str) -> pl.Expr:
    return pl.col(column).fill_null("") == ""


def _identity_rules() -> list[tuple[str, pl.Expr, str]]:
    """Which vacancy: reference, employer, sector, title, occupation."""
    return [
        (
            "kenmerk",
            _blank("kenmerk"),
            "Kenmerk ontbreekt; elke vacature heeft een eigen kenmerk.",
        ),
        (
            "kenmerk",
            pl.col("kenmerk").is_duplicated() & ~_blank("kenmerk"),
            "Dit kenmerk staat vaker in het bestand.",
        ),
        (
            "kvk",
            ~pl.col("_kvk").str.contains(r"^\d{8}$"),
            "Een KvK-nummer bestaat uit precies 8 cijfers.",
        ),
        ("werkgever", _blank("werkgever"), "Naam van de werkgever ontbreekt."),
        (
            "sector",
            pl.col("_sector").is_null(),
            "Onbekende sector; zie de lijst in de formaatbeschrijving.",
        ),
        ("functie", _blank("functie"), "Functietitel ontbreekt."),
        (
            "beroepscode",
            ~pl.col("_occupation_ok"),
            "Onbekende beroepscode: gebruik een ISCO-08-code uit de beroepenlijst.",
        ),
    ]


def _value_rules() -> list[tuple[str, pl.Expr, str]]:
    """What the vacancy asks: hours, place, start, requirements, status."""
    return [
        (
            "uren_min",
            pl.col("_hours_min").is_null()
            | (pl.col("_hours_min") < 1)
            | (pl.col("_hours_min") > 60),
            "Minimaal aantal uren moet een heel getal van 1 tot en met 60 zijn.",
        ),
        (
            "uren_max",
            pl.col("_hours_max").is_null()
            | (pl.col("_hours_max") < 1)
            | (pl.col("_hours_max") > 60),
            "Maximaal aantal uren moet een heel getal van 1 tot en met 60 zijn.",
        ),
        (
            "uren_max",
            pl.col("_hours_max") < pl.col("_hours_min"),
            "Maximaal aantal uren is lager dan het minimum.",
        ),
        (
            "postcode",
            ~pl.col("_postcode").str.contains(r"^[1-9]\d{3}([A-Z]{2})?$"),
            "Postcode ongeldig; gebruik bv. 3311AB of 3311.",
        ),
        (
            "startdatum",
            pl.col("_start").is_null(),
            "Startdatum ongeldig; gebruik JJJJ-MM-DD of DD-MM-JJJJ.",
        ),
        ("rijbewijs", pl.col("_licence").is_null(), "Rijbewijs: vul ja of nee in."),
        (
            "taalniveau",
            pl.col("_language").is_null(),
            "Taalniveau: geen, basis, goed of vloeiend.",
        ),
        (
            "ervaring_jaren",
            pl.col("_experience").is_null()
            | (pl.col("_experience") < 0)
            | (pl.col("_experience") > 40),
            "Jaren ervaring moet een heel getal van 0 tot en met 40 zijn.",
        ),
        ("status", pl.col("_status").is_null(), "Status: open, vervuld of gesloten."),
        (
            "delen_in_regio",
            pl.col("_shared").is_null(),
            "Delen in regio: vul ja of nee in.",
        ),
        (
            "functie",
            pl.col("functie").fill_null("").str.len_chars() > 150,
            "Functietitel is langer dan 150 tekens.",
        ),
    ]


def validate(
    frame: pl.DataFrame, occupation_codes: set[str]
) -> tuple[pl.DataFrame, list[RowError]]:
    """Parse and check every row; return the parsed frame and all row errors."""
    parsed = _prepare(frame, occupation_codes)
    errors: list[RowError] = []
    for column, bad, reason in _rules():
        lines = parsed.filter(bad.fill_null(True))["_line"].to_list()
        errors.extend(
            RowError(line=line, column=column, reason=reason) for line in lines
        )
    # One employer name per KvK number within a file.
    names = parsed.group_by("_kvk").agg(pl.col("werkgever").n_unique().alias("n"))
    conflicting = set(names.filter(pl.col("n") > 1)["_kvk"].to_list())
    reason = "Dit KvK-nummer staat met verschillende werkgeversnamen in het bestand."
    lines = parsed.filter(pl.col("_kvk").is_in(sorted(conflicting)))["_line"]
    errors.extend(RowError(line, "werkgever", reason) for line in lines.to_list())
    errors.sort(key=lambda e: (e.line, e.column))
    return parsed, errors


def _same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").casefold().split()) == " ".join(
        (b or "").casefold().split()
    )


def check_employers(
    parsed: pl.DataFrame, region
) -> tuple[list[RowError], list[RowError]]:
    """Rows whose KvK number is known in the region under another employer.

    Matched on KvK number *and* name or place: the same name is the same
    employer; another name in the employer's own place is linked with a
    warning; another name elsewhere stops the import (errors), since the rows
    would land with an employer that is not theirs.
    """
    firsts = parsed.unique(subset=["_kvk", "werkgever"], maintain_order=True)
    known = {
        e.kvk_number: e
        for e in Employer.objects.filter(
            region=region, kvk_number__in=firsts["_kvk"].to_list()
        ).only("kvk_number", "name", "city")
    }
    errors: list[RowError] = []
    warnings: list[RowError] = []
    lines = parsed.group_by("_kvk", "werkgever").agg(pl.col("_line"))
    for r in lines.iter_rows(named=True):
        employer = known.get(r["_kvk"])
        if employer is None or _same(employer.name, r["werkgever"]):
            continue
        rows = parsed.filter(pl.col("_line").is_in(r["_line"]))
        same_place = employer.city and all(
            _same(employer.city, p) for p in rows["plaats"].to_list()
        )
        text = (
            f"KvK-nummer {r['_kvk']} hoort in deze regio bij "
            f"'{employer.name}'{f' in {employer.city}' if employer.city else ''}, "
            f"niet bij '{r['werkgever']}'."
        )
        if same_place:
            warnings.extend(
                RowError(line, "werkgever", text + " Gekoppeld aan die werkgever.")
                for line in r["_line"]
            )
        else:
            errors.extend(
                RowError(
                    line,
                    "werkgever",
                    text + " Controleer het KvK-nummer of de naam van de werkgever.",
                )
                for line in r["_line"]
            )
    errors.sort(key=lambda e: e.line)
    warnings.sort(key=lambda e: e.line)
    return errors, warnings


_COMPARED = (
    "title",
    "occupation_id",
    "hours_min",
    "hours_max",
    "postcode",
    "location",
    "requires_driving_licence",
    "certificates",
    "language_level",
    "experience_years",
    "start_date",
    "status",
    "is_shared_in_region",
    "description",
    "employer_id",
)


def import_vacancies(
    *,
    data: bytes | Path,
    filename: str,
    organisation: Organisation,
    by: User | None,
    on: date,
) -> ImportReport:
    """Import vacancies for an organisation: everything or nothing.

    ``data`` is the file's bytes or a path (a large upload's temporary file).
    """
    report = ImportReport()
    try:
        frame = read_table(data, filename, aliases=ALIASES)
    except FileError as exc:
        report.errors.append(RowError(line=1, column="", reason=str(exc)))
        return report
    report.rows = frame.height
    occupations = dict(Occupation.objects.values_list("code", "id"))
    parsed, errors = validate(frame, set(occupations))
    if not errors:
        errors, report.warnings = check_employers(parsed, organisation.region)
    if errors:
        report.errors = errors
        logger.info("vacancy_import_rejected", rows=report.rows, errors=len(errors))
        return report
    with transaction.atomic():
        _write(parsed, occupations, organisation=organisation, by=by, report=report)
    logger.info(
        "vacancy_import_done",
        organisation=organisation.pk,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
    )
    return report


def _write(
    parsed: pl.DataFrame, occupations: dict[str, int], *, organisation, by, report
) -> None:
    region = organisation.region
    employers = _employer_ids(parsed, organisation)
    existing = {
        v.external_ref: v
        for v in Vacancy.objects.filter(
            organisation=organisation, external_ref__in=parsed["kenmerk"].to_list()
        )
    }
    create, update = [], []
    for r in parsed.iter_rows(named=True):
        values = _vacancy_values(r, occupations, employers)
        current = existing.get(r["kenmerk"])
        if current is None:
            create.append(
                Vacancy(
                    external_ref=r["kenmerk"],
                    organisation=organisation,
                    region=region,
                    created_by=by,
                    **values,
                )
            )
        elif any(getattr(current, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(current, k, v)
            update.append(current)
        else:
            report.unchanged += 1
    Vacancy.objects.bulk_create(create, batch_size=1000)
    if update:
        Vacancy.objects.bulk_update(update, _COMPARED, batch_size=1000)
    report.created = len(create)
    report.updated = len(update)


def _employer_ids(parsed: pl.DataFrame, organisation) -> dict[str, int]:
    """KvK number -> employer id in the region; employers new in the file are
    created first (the first row of each KvK number names it)."""
    region = organisation.region
    employers = dict(
        Employer.objects.filter(region=region).values_list("kvk_number", "id")
    )
    firsts = parsed.unique(subset="_kvk", keep="first", maintain_order=True)
    new_employers = [
        Employer(
            kvk_number=r["_kvk"],
            name=r["werkgever"],
            city=r["plaats"] or "",
            sector=r["_sector"],
            organisation=organisation,
            region=region,
        )
        for r in firsts.iter_rows(named=True)
        if r["_kvk"] not in employers
    ]
    Employer.objects.bulk_create(new_employers)
    employers = dict(
        Employer.objects.filter(region=region).values_list("kvk_number", "id")
    )
    return employers


def _vacancy_values(
    r: dict, occupations: dict[str, int], employers: dict[str, int]
) -> dict:
    """The vacancy's fields from one parsed row."""
    return {
        "title": r["functie"],
        "occupation_id": occupations[r["beroepscode"]],
        "hours_min": r["_hours_min"],
        "hours_max": r["_hours_max"],
        "postcode": r["_postcode"],
        "location": r["plaats"] or "",
        "requires_driving_licence": r["_licence"],
        "certificates": r["certificaten"] or "",
        "language_level": r["_language"],
        "experience_years": r["_experience"],
        "start_date": r["_start"],
        "status": r["_status"],
        "is_shared_in_region": r["_shared"],
        "description": r["omschrijving"] or "",
        "employer_id": employers[r["_kvk"]],
    }
