"""The access log is a hash chain: tampering, deleting or reordering is detected."""

import itertools
import threading

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

import pytest

from maxww.audit.chain import GENESIS
from maxww.audit.models import AccessLog
from maxww.audit.services import log_access, log_list, verify_chain
from maxww.core.security import BSN_MASK

pytestmark = pytest.mark.django_db


def _write_some(user, n: int = 3) -> list[int]:
    for i in range(n):
        log_access(
            user=user,
            action="viewed",
            object_type="people.person",
            person_ref=f"p-{i}",
            legal_basis="caseload",
            purpose="traject",
        )
    log_list(
        user=user,
        people=["a", "b", "c"],
        object_type="people.person",
        legal_basis="caseload",
        purpose="caseload",
    )
    return list(AccessLog.objects.order_by("id").values_list("id", flat=True))


def test_entries_are_chained_in_order(make_user):
    ids = _write_some(make_user())
    rows = list(AccessLog.objects.order_by("id"))
    assert rows[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(rows):
        assert after.prev_hash == before.entry_hash
        assert len(after.entry_hash) == 64
    report = verify_chain()
    assert report.ok and report.checked == len(ids)


def test_verify_detects_a_field_altered_through_raw_sql(make_user):
    ids = _write_some(make_user())
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_accesslog SET purpose = %s WHERE id = %s", ["anders", ids[2]]
        )
    report = verify_chain()
    assert not report.ok
    assert report.broken_id == ids[2]
    assert "gewijzigd" in report.reason


def test_verify_detects_a_row_deleted_through_raw_sql(make_user):
    ids = _write_some(make_user())
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslog WHERE id = %s", [ids[3]])
    report = verify_chain()
    assert not report.ok
    assert report.broken_id == ids[4]  # the entry after the gap
    assert "verwijderd" in report.reason


def test_verify_detects_reordered_rows(make_user):
    ids = _write_some(make_user())
    a, b = ids[1], ids[2]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslog SET id = -1 WHERE id = %s", [a])
        cursor.execute("UPDATE audit_accesslog SET id = %s WHERE id = %s", [a, b])
        cursor.execute("UPDATE audit_accesslog SET id = %s WHERE id = -1", [b])
    report = verify_chain()
    assert not report.ok
    assert report.broken_id == a


def test_audit_verify_command_exits_1_naming_the_broken_entry(make_user, capsys):
    ids = _write_some(make_user())
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_accesslog SET legal_basis = 'consent' WHERE id = %s",
            [ids[0]],
        )
    with pytest.raises(CommandError) as excinfo:
        call_command("audit", "verify")
    assert excinfo.value.returncode == 1
    assert f"entry {ids[0]}" in str(excinfo.value)


def test_an_empty_log_verifies(db):
    report = verify_chain()
    assert report.ok and report.checked == 0


def test_a_bsn_in_free_text_is_masked_in_the_log(make_user):
    entry = log_access(
        user=make_user(),
        action="viewed",
        object_type="people.person",
        legal_basis="caseload",
        purpose="gebeld over BSN 1112.22.333 en dossier 123456789",
        person_ref="111222333",
    )
    entry.refresh_from_db()
    assert "111222333" not in entry.purpose and "1112.22.333" not in entry.purpose
    assert BSN_MASK in entry.purpose
    assert "123456789" in entry.purpose  # not a valid BSN: kept
    assert entry.person_ref != "111222333"
    assert verify_chain().ok


def test_a_bsn_in_a_listed_reference_is_masked(make_user):
    log_list(
        user=make_user(),
        people=["111222333"],
        object_type="people.person",
        legal_basis="caseload",
        purpose="lijst",
    )
    assert not AccessLog.objects.filter(person_ref__contains="111222333").exists()
    assert not AccessLog.objects.filter(object_ref__contains="111222333").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain_on_postgresql(make_user):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (advisory lock)")
    user = make_user()
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(15):
                if i % 5 == 0:
                    log_list(
                        user=user,
                        people=[f"{n}-{i}-a", f"{n}-{i}-b"],
                        object_type="people.person",
                        legal_basis="caseload",
                        purpose="lijst",
                    )
                else:
                    log_access(
                        user=user,
                        action="viewed",
                        object_type="people.person",
                        legal_basis="caseload",
                        person_ref=f"{n}-{i}",
                    )
        except BaseException as exc:  # report in the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    report = verify_chain()
    assert report.ok, report
    assert report.checked == 4 * (12 + 3 * 2)
