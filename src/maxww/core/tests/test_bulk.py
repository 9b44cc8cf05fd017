"""Whole-frame reads and writes (COPY on PostgreSQL, ORM batches elsewhere)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import connection

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maxww.core.bulk import insert_frame, lookup_frame, read_frame, update_frame
from maxww.people.bsn import bsn_hash as one_hash
from maxww.people.bsn import decrypt_bsn, encrypt_many, hash_many
from maxww.people.models import WWClaim
from maxww.people.tests.factories import PersonFactory, WWClaimFactory
from maxww.screening.models import ScreeningRecord

pytestmark = pytest.mark.django_db


def _claims(person_id: int, refs: list[str]) -> pl.DataFrame:
    n = len(refs)
    return pl.DataFrame(
        {
            "person_id": [person_id] * n,
            "claim_ref": refs,
            "start_date": [dt.date(2026, 1, 1)] * n,
            "max_end_date": [dt.date(2026, 12, 31)] * n,
            "daily_wage": [123.45] * n,
            "hours_lost": [38.0] * n,
            "occupation": ['Heftruck "reach" chauffeur, 1e', ""] * (n // 2),
            "sector": ["", "Zorg"] * (n // 2),
        }
    )


def test_insert_fills_defaults_and_returns_the_new_ids():
    person = PersonFactory()
    inserted = insert_frame(WWClaim, _claims(person.pk, ["A1", "A2", "A3", "A4"]))
    claims = {c.claim_ref: c for c in WWClaim.objects.filter(person=person)}
    assert set(claims) == {"A1", "A2", "A3", "A4"}
    assert dict(zip(inserted["claim_ref"], inserted["id"], strict=True)) == {
        ref: c.pk for ref, c in claims.items()
    }
    first = claims["A1"]
    assert first.occupation == 'Heftruck "reach" chauffeur, 1e'
    assert first.sector == "" and claims["A2"].sector == "Zorg"
    assert first.end_reason == ""  # column not given: model default, not NULL
    assert first.actual_end_date is None
    assert claims["A2"].occupation == ""
    assert first.status == "active" and first.is_flex_worker is False
    assert str(first.daily_wage) == "123.45"
    assert uuid.UUID(str(first.uuid)).version == 4
    assert len({c.uuid for c in claims.values()}) == 4
    assert first.created_at is not None


def test_lookup_reads_back_exactly_the_requested_rows():
    person = PersonFactory()
    for ref in ("B1", "B2", "B3"):
        WWClaimFactory(person=person, claim_ref=ref, in_doelgroepregister=ref == "B2")
    found = lookup_frame(
        WWClaim,
        "claim_ref",
        pl.Series(["B2", "B3", "B3", "missing"]),
        {
            "claim_ref": pl.String,
            "in_doelgroepregister": pl.Boolean,
            "daily_wage": pl.Float64,
        },
    ).sort("claim_ref")
    assert found["claim_ref"].to_list() == ["B2", "B3"]
    assert found["in_doelgroepregister"].to_list() == [True, False]
    assert found["daily_wage"].dtype == pl.Float64


def test_update_sets_columns_including_json_and_nulls():
    claim = WWClaimFactory()
    record = ScreeningRecord.objects.create(claim=claim, person=claim.person)
    update_frame(
        ScreeningRecord,
        pl.DataFrame(
            {
                "id": [record.pk],
                "precheck_reasons": ['["Reden \\"één\\"", "twee"]'],
                "risk_score": [None],
                "window_changed_on": [dt.date(2026, 2, 29 - 1)],
            },
            schema_overrides={"risk_score": pl.Float64},
        ),
    )
    record.refresh_from_db()
    assert record.precheck_reasons == ['Reden "één"', "twee"]
    assert record.risk_score is None
    assert record.window_changed_on == dt.date(2026, 2, 28)


def test_read_frame_types_dates_and_booleans():
    claim = WWClaimFactory(is_flex_worker=True)
    frame = read_frame(
        WWClaim.objects.filter(pk=claim.pk).values_list(
            "pk", "max_end_date", "is_flex_worker"
        ),
        {"id": pl.Int64, "max_end_date": pl.Date, "flex": pl.Boolean},
    )
    assert frame.rows() == [(claim.pk, claim.max_end_date, True)]


def test_insert_can_skip_rows_that_already_exist():
    person = PersonFactory()
    insert_frame(WWClaim, _claims(person.pk, ["C1", "C2"]))
    insert_frame(WWClaim, _claims(person.pk, ["C2", "C3"]), ignore_conflicts=True)
    assert sorted(WWClaim.objects.values_list("claim_ref", flat=True)) == [
        "C1",
        "C2",
        "C3",
    ]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgres_lookup_is_one_round_trip_per_step(django_assert_max_num_queries):
    """A million keys cost the same few statements as ten: no per-row SQL."""
    person = PersonFactory()
    insert_frame(WWClaim, _claims(person.pk, [f"D{i}" for i in range(2000)]))
    keys = pl.Series([f"D{i}" for i in range(0, 2000, 2)])
    with django_assert_max_num_queries(6):
        found = lookup_frame(WWClaim, "claim_ref", keys, {"claim_ref": pl.String})
    assert found.height == 1000
    assert connection.vendor == "postgresql"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.from_regex(r"\A[0-9]{9}\Z"), min_size=1, max_size=20))
def test_batch_encryption_gives_fernet_tokens_that_decrypt(bsns):
    tokens = encrypt_many(bsns)
    assert [decrypt_bsn(t) for t in tokens] == bsns
    assert len(set(tokens)) == len(tokens)  # fresh IV per token
    assert hash_many(bsns) == [one_hash(b) for b in bsns]


def test_rows_saved_after_a_bulk_insert_get_fresh_ids():
    person = PersonFactory()
    inserted = insert_frame(WWClaim, _claims(person.pk, [f"E{i}" for i in range(50)]))
    later = WWClaimFactory(person=person, claim_ref="E-later")
    assert later.pk not in set(inserted["id"].to_list())
    assert WWClaim.objects.filter(person=person).count() == 51


def _foreign_keys(table: str) -> dict[str, bool]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, convalidated FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = %s::regclass",
            [table],
        )
        return dict(cursor.fetchall())


def _indexes(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [table])
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_bulk_load_restores_every_constraint_and_index():
    from django.db import transaction

    from maxww.core.bulk import bulk_load

    person = PersonFactory()
    before = _foreign_keys("people_wwclaim")
    indexes = _indexes("people_wwclaim")
    referring = _foreign_keys("screening_screeningrecord")  # record → claim
    with transaction.atomic(), bulk_load(WWClaim):
        assert _foreign_keys("people_wwclaim") == {}
        # The primary key and the unique claim number go too; so does the
        # record's key to the claim, which needs the primary key's index.
        assert _indexes("people_wwclaim") == set()
        assert len(_foreign_keys("screening_screeningrecord")) < len(referring)
        insert_frame(WWClaim, _claims(person.pk, ["F1", "F2"]))
    assert _foreign_keys("people_wwclaim") == before
    assert _indexes("people_wwclaim") == indexes
    assert _foreign_keys("screening_screeningrecord") == referring
    assert all(before.values()) and all(referring.values())
    assert WWClaim.objects.filter(person=person).count() == 2


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_bulk_load_refuses_a_duplicate_when_the_unique_index_is_rebuilt():
    from django.db import IntegrityError, transaction

    from maxww.core.bulk import bulk_load

    person = PersonFactory()
    WWClaimFactory(person=person, claim_ref="D1")
    indexes = _indexes("people_wwclaim")
    with (
        pytest.raises(IntegrityError, match="claim_ref"),
        transaction.atomic(),
        bulk_load(WWClaim),
    ):
        insert_frame(WWClaim, _claims(person.pk, ["D1", "D2"]))
    assert list(WWClaim.objects.values_list("claim_ref", flat=True)) == ["D1"]
    assert _indexes("people_wwclaim") == indexes


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_bulk_load_refuses_an_orphan_and_rolls_back():
    from django.db import IntegrityError, transaction

    from maxww.core.bulk import bulk_load

    before = _foreign_keys("people_wwclaim")
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        bulk_load(WWClaim),
    ):
        insert_frame(WWClaim, _claims(987_654_321, ["X1", "X2"]))
    assert not WWClaim.objects.filter(claim_ref__in=["X1", "X2"]).exists()
    assert _foreign_keys("people_wwclaim") == before


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_analyze_gives_the_planner_the_new_size_of_a_table():
    from maxww.core.bulk import analyze

    person = PersonFactory()
    insert_frame(WWClaim, _claims(person.pk, [f"N{i}" for i in range(400)]))
    analyze(WWClaim)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = 'people_wwclaim'"
        )
        (rows,) = cursor.fetchone()
    assert rows == 400


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_rows_queued_behind_are_read_back_in_program_order():
    """Inside copy_behind an insert returns at once; any later read sees its rows."""
    from django.db import transaction

    from maxww.core.bulk import copy_behind

    person = PersonFactory()
    with transaction.atomic(), copy_behind():
        first = insert_frame(WWClaim, _claims(person.pk, ["Q1", "Q2"]))
        second = insert_frame(WWClaim, _claims(person.pk, ["Q3", "Q4"]))
        # A plain bulk read, an ORM read and a look-up all wait for the queue.
        everything = read_frame(
            WWClaim.objects.filter(person=person).values_list("claim_ref"),
            {"claim_ref": pl.String},
        )
        assert sorted(everything["claim_ref"]) == ["Q1", "Q2", "Q3", "Q4"]
        assert WWClaim.objects.filter(person=person).count() == 4
        found = lookup_frame(
            WWClaim, "claim_ref", pl.Series(["Q1", "Q4"]), {"id": pl.Int64}
        )
    ids = first["id"].to_list() + second["id"].to_list()
    assert len(set(ids)) == 4
    stored = dict(WWClaim.objects.values_list("claim_ref", "pk"))
    assert [stored[r] for r in ("Q1", "Q2", "Q3", "Q4")] == ids
    assert sorted(found["id"].to_list()) == [stored["Q1"], stored["Q4"]]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_failing_copy_behind_raises_its_own_error_and_rolls_back():
    """The duplicate is reported, not the 'transaction aborted' of the next query."""
    from django.db import IntegrityError, transaction

    from maxww.core.bulk import copy_behind

    person = PersonFactory()
    WWClaimFactory(person=person, claim_ref="R1")
    with (
        pytest.raises(IntegrityError, match="claim_ref"),
        transaction.atomic(),
        copy_behind(),
    ):
        insert_frame(WWClaim, _claims(person.pk, ["R2", "R3"]))
        insert_frame(WWClaim, _claims(person.pk, ["R1", "R4"]))  # R1 exists
        insert_frame(WWClaim, _claims(person.pk, ["R5", "R6"]))
        WWClaim.objects.count()  # fails: the transaction is aborted
    assert list(WWClaim.objects.values_list("claim_ref", flat=True)) == ["R1"]


@pytest.mark.skipif("connection.vendor == 'postgresql'")
def test_copy_behind_is_a_plain_insert_elsewhere():
    from maxww.core.bulk import copy_behind

    with copy_behind():
        inserted = insert_frame(WWClaim, _claims(PersonFactory().pk, ["S1", "S2"]))
    stored = set(WWClaim.objects.values_list("pk", flat=True))
    assert set(inserted["id"].to_list()) == stored


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_copy_behind_needs_a_transaction():
    from maxww.core.bulk import copy_behind

    with pytest.raises(RuntimeError, match="transaction"), copy_behind():
        pass


def test_reserved_ids_let_referring_rows_go_in_first():
    """Claims can be written before their person; later rows get fresh ids."""
    from django.db import transaction

    from maxww.core.bulk import copy_behind, reserve_ids
    from maxww.people.models import Person

    template = PersonFactory()
    with transaction.atomic(), copy_behind():
        (person_id,) = reserve_ids(Person, 1).to_list()
        insert_frame(WWClaim, _claims(person_id, ["T1", "T2"]))
        row = pl.DataFrame(
            {
                "id": [person_id],
                "bsn_hash": ["f" * 64],
                "bsn_encrypted": ["x"],
                "last_name": ["Later"],
                "birth_date": [template.birth_date],
                "municipality_id": [template.municipality_id],
                "owner_id": [template.owner_id],
            }
        )
        inserted = insert_frame(Person, row)
    assert inserted["id"].to_list() == [person_id]
    assert set(
        WWClaim.objects.filter(person__last_name="Later").values_list(
            "claim_ref", flat=True
        )
    ) == {"T1", "T2"}
    later = PersonFactory()
    assert later.pk > person_id
