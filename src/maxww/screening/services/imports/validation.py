"""Validate every row of the extract as polars expressions: typed values, errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl

from maxww.core.imports import RowError
from maxww.core.validators import (
    HOUSE_NUMBER_ADDITION_PATTERN,
    HOUSE_NUMBER_PATTERN,
    POSTCODE_NOT_LETTERS,
    POSTCODE_PATTERN,
    STREET_MAX,
    TOWN_MAX,
)

from .columns import (
    BOOLEAN,
    COLUMNS,
    DATE_FORMATS,
    EDUCATION,
    HOUSEHOLD,
    REQUIRED,
    WERKVERKENNER,
)


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
