"""Business logic for regions, municipalities and organisations."""

from __future__ import annotations

import re

from django.db import transaction

import polars as pl
import structlog

from maxww.core.imports import FileError, ImportReport, RowError, read_table

from .models import Municipality, Region, RegionalConfig

logger = structlog.stdlib.get_logger(__name__)

# Column names of CBS "Gebieden in Nederland" and common spellings of them.
REGION_COLUMNS: dict[str, tuple[str, ...]] = {
    "gemeentecode": ("Gemeentecode (GM)", "GM-code", "Code gemeente", "Gemeenten Code"),
    "gemeentenaam": ("Naam gemeente", "Gemeenten Naam", "Gemeente"),
    "arbeidsmarktregiocode": (
        "Arbeidsmarktregio's code",
        "Arbeidsmarktregio's Code",
        "Arbeidsmarktregio code",
        "Code arbeidsmarktregio",
    ),
    "arbeidsmarktregionaam": (
        "Arbeidsmarktregio's naam",
        "Arbeidsmarktregio's Naam",
        "Arbeidsmarktregio naam",
        "Arbeidsmarktregio",
    ),
}

_GM = re.compile(r"^(?:GM)?(\d{1,4})$", re.IGNORECASE)
_AM = re.compile(r"^(?:AM)?(\d{1,2})$", re.IGNORECASE)


def _code(
    value: str | None, pattern: re.Pattern[str], prefix: str, width: int
) -> str | None:
    if not value:
        return None
    match = pattern.match(value.strip())
    return f"{prefix}{int(match.group(1)):0{width}d}" if match else None


def import_regions(data: bytes, filename: str) -> ImportReport:
    """Import municipalities and their labour-market regions, all or nothing.

    Accepts the CBS "Gebieden in Nederland" layout (CSV with ; or , or XLSX).
    Codes may be written with or without their GM/AM prefix. Existing
    municipalities move to the region in the file; names are updated.
    """
    report = ImportReport()
    try:
        frame = read_table(data, filename, aliases=REGION_COLUMNS)
    except FileError as exc:
        report.errors.append(RowError(line=1, column="", reason=str(exc)))
        return report
    report.rows = frame.height
    rows = frame.to_dicts()
    seen: dict[str, int] = {}
    clean: list[tuple[str, str, str, str]] = []
    region_names: dict[str, str] = {}
    for row in rows:
        line = row["_line"]
        gm = _code(row["gemeentecode"], _GM, "GM", 4)
        am = _code(row["arbeidsmarktregiocode"], _AM, "AM", 2)
        errors = _row_errors(row, gm, am, seen=seen, region_names=region_names)
        report.errors.extend(errors)
        if not errors and gm and am:
            seen[gm] = line
            clean.append((gm, row["gemeentenaam"], am, row["arbeidsmarktregionaam"]))
    if report.errors:
        return report
    _write_regions(clean, region_names, report)
    logger.info(
        "regions_imported",
        rows=report.rows,
        created=report.created,
        updated=report.updated,
    )
    return report


def _row_errors(
    row: dict,
    gm: str | None,
    am: str | None,
    *,
    seen: dict[str, int],
    region_names: dict[str, str],
) -> list[RowError]:
    """What is wrong with one row: codes, names, a repeated municipality, a
    region named differently before (the first name is remembered)."""
    line = row["_line"]
    errors = []
    if gm is None:
        errors.append(
            RowError(
                line,
                "gemeentecode",
                f"'{row['gemeentecode'] or ''}' is geen gemeentecode (bv. GM0796 of 796).",
            )
        )
    if not row["gemeentenaam"]:
        errors.append(RowError(line, "gemeentenaam", "De gemeentenaam ontbreekt."))
    if am is None:
        errors.append(
            RowError(
                line,
                "arbeidsmarktregiocode",
                f"'{row['arbeidsmarktregiocode'] or ''}' is geen arbeidsmarktregiocode (bv. AM29 of 29).",
            )
        )
    if not row["arbeidsmarktregionaam"]:
        errors.append(
            RowError(
                line,
                "arbeidsmarktregionaam",
                "De naam van de arbeidsmarktregio ontbreekt.",
            )
        )
    if gm and gm in seen:
        errors.append(
            RowError(line, "gemeentecode", f"{gm} staat al op regel {seen[gm]}.")
        )
    if am and row["arbeidsmarktregionaam"]:
        known = region_names.setdefault(am, row["arbeidsmarktregionaam"])
        if known != row["arbeidsmarktregionaam"]:
            errors.append(
                RowError(
                    line,
                    "arbeidsmarktregionaam",
                    f"{am} heeft eerder in het bestand de naam '{known}'.",
                )
            )
    return errors


@transaction.atomic
def _write_regions(
    rows: list[tuple[str, str, str, str]],
    region_names: dict[str, str],
    report: ImportReport,
) -> None:
    existing_regions = {r.code: r for r in Region.objects.filter(code__in=region_names)}
    new_regions = [
        Region(code=c, name=n)
        for c, n in region_names.items()
        if c not in existing_regions
    ]
    Region.objects.bulk_create(new_regions)
    changed_regions = [
        r for c, r in existing_regions.items() if r.name != region_names[c]
    ]
    for region in changed_regions:
        region.name = region_names[region.code]
    Region.objects.bulk_update(changed_regions, ["name"])
    regions = {r.code: r for r in Region.objects.filter(code__in=region_names)}
    RegionalConfig.objects.bulk_create(
        [RegionalConfig(region=r) for r in regions.values()], ignore_conflicts=True
    )
    existing = {
        m.code: m for m in Municipality.objects.filter(code__in=[r[0] for r in rows])
    }
    to_create, to_update = [], []
    for gm, name, am, _ in rows:
        region = regions[am]
        municipality = existing.get(gm)
        if municipality is None:
            to_create.append(Municipality(code=gm, name=name, region=region))
        elif municipality.name != name or municipality.region_id != region.pk:
            municipality.name, municipality.region = name, region
            to_update.append(municipality)
        else:
            report.unchanged += 1
    Municipality.objects.bulk_create(to_create)
    Municipality.objects.bulk_update(to_update, ["name", "region"])
    report.created, report.updated = len(to_create), len(to_update)


def region_frame() -> pl.DataFrame:
    """All municipalities with their region, for exports and joins."""
    rows = Municipality.objects.values_list(
        "code", "name", "region__code", "region__name"
    )
    return pl.DataFrame(
        list(rows),
        schema=[
            "gemeentecode",
            "gemeentenaam",
            "arbeidsmarktregiocode",
            "arbeidsmarktregionaam",
        ],
        orient="row",
    )
