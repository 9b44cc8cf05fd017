"""Land the validated frame whole: people, households, claims, grants, screening."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

import polars as pl

from maxww.core.bulk import (
    insert_frame,
    lookup_frame,
    read_frame_in,
    reserve_ids,
    update_frame,
)
from maxww.core.imports import ImportReport, RowError
from maxww.organisations.models import Organisation
from maxww.people.bsn import encrypt_many
from maxww.people.constants import (
    GrantBasis,
    HouseholdType,
)
from maxww.people.models import AccessGrant, Household, Person, WWClaim
from maxww.screening.services.frame import frame_from_memory

from .columns import GRANT_SOURCE


class _RollbackError(Exception):
    """Undo the landing: ``report.errors`` says why (see ``_check_claim_owners``)."""


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
