"""Fault tests for the extract import: a full disk on upload, PostgreSQL going away.

The import is driven only from the outside (upload view, task), so these tests
hold whatever ``services/imports/`` does inside: bulk_create, COPY or temp tables.
"""

from __future__ import annotations

import errno
import sqlite3
import threading
import time
from unittest import mock

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import OperationalError, connection, connections
from django.urls import reverse

import psycopg
import pytest

from maxww.core.faults import database_errors, is_disk_full
from maxww.people.models import AccessGrant, Household, Person, WWClaim
from maxww.people.tests.factories import synthetic_bsn
from maxww.screening.constants import ImportStatus
from maxww.screening.models import ExtractImport, ScreeningRecord
from maxww.screening.tasks import run_extract_import

from .conftest import EXAMPLE, ON

DISK_FULL = "De schijf is vol; het bestand is niet opgeslagen."
# Tables an import writes; none may hold a row of an import that broke off.
WRITTEN = (Person, WWClaim, ScreeningRecord, Household, AccessGrant)


def nothing_written() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in WRITTEN if m.objects.exists()}


def big_extract(rows: int) -> bytes:
    """The example file's first row, ``rows`` times with its own BSN and claim."""
    header, first = EXAMPLE.read_text().splitlines()[:2]
    fields = first.split(";")
    lines = [header]
    for i in range(rows):
        fields[0] = synthetic_bsn(10 * i + 7)  # spaced: no two alike
        fields[1] = f"WWF{i:07d}"
        fields[2] = f"Fout{i}"
        lines.append(";".join(fields))
    return ("\n".join(lines) + "\n").encode()


# --------------------------------------------------------------- a full disk


@pytest.mark.django_db
def test_full_disk_while_storing_the_extract_gives_a_clear_error_and_stores_nothing(
    client, coordinator, caplog
):
    client.force_login(coordinator)
    full = OSError(errno.ENOSPC, "No space left on device")
    with mock.patch.object(ExtractImport, "save", side_effect=full):
        response = client.post(
            reverse("screening:import_upload"),
            {"file": SimpleUploadedFile("extract.csv", EXAMPLE.read_bytes())},
        )
    assert response.status_code == 507
    html = response.content.decode()
    assert DISK_FULL in html
    assert 'type="file"' in html  # the form is back, ready for another try
    assert not ExtractImport.objects.exists()
    assert nothing_written() == {}
    assert "disk_full" in caplog.text and "extract_upload" in caplog.text
    # Once there is room again the same upload simply works.
    response = client.post(
        reverse("screening:import_upload"),
        {"file": SimpleUploadedFile("extract.csv", EXAMPLE.read_bytes())},
        follow=True,
    )
    assert "Het bestand is ingelezen" in response.content.decode()
    assert Person.objects.count() == 20


@pytest.mark.django_db
def test_full_temporary_directory_during_a_large_upload_gives_507_not_500(
    client, coordinator, caplog, settings
):
    """Large uploads stream to a temporary file before any view runs."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload goes to disk
    client.force_login(coordinator)
    full = OSError(errno.ENOSPC, "No space left on device")
    with mock.patch.object(
        TemporaryFileUploadHandler, "receive_data_chunk", side_effect=full
    ):
        response = client.post(
            reverse("screening:import_upload"),
            {"file": SimpleUploadedFile("extract.csv", EXAMPLE.read_bytes())},
        )
    assert response.status_code == 507
    assert DISK_FULL in response.content.decode()
    assert not ExtractImport.objects.exists()
    assert nothing_written() == {}
    assert "disk_full" in caplog.text


def test_full_disk_in_the_database_is_recognised():
    """PostgreSQL says 53100 disk_full, SQLite SQLITE_FULL; both read as a full disk."""
    try:
        raise OperationalError("could not extend file") from psycopg.errors.DiskFull()
    except OperationalError as exc:
        assert is_disk_full(exc)
    lite = sqlite3.OperationalError("database or disk is full")
    lite.sqlite_errorcode = sqlite3.SQLITE_FULL
    assert is_disk_full(lite)
    assert not is_disk_full(OperationalError("deadlock detected"))
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))


# --------------------------------------------------- PostgreSQL goes away


class BackendKiller(threading.Thread):
    """Terminate the backend that is writing import rows, from a second connection.

    It watches ``pg_locks`` in this test database for a backend holding a write
    lock (RowExclusiveLock) on the people or claims table — only the import's
    open transaction does — and calls ``pg_terminate_backend`` on it. That is
    what clients see when PostgreSQL restarts ("terminating connection due to
    administrator command"), without restarting the server the other test
    workers share.
    """

    SQL = """
        SELECT l.pid FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
        WHERE l.database = (SELECT oid FROM pg_database
                            WHERE datname = current_database())
          AND l.pid <> pg_backend_pid() AND l.granted
          AND l.mode = 'RowExclusiveLock'
          AND c.relname IN ('people_person', 'people_wwclaim')
        LIMIT 1
    """

    def __init__(self, timeout: float = 300):
        super().__init__(daemon=True)
        self.timeout = timeout
        self.terminated_pid: int | None = None
        self.stop = threading.Event()
        self.ready = threading.Event()

    def run(self) -> None:
        try:
            with connections["default"].cursor() as cursor:
                self.ready.set()
                deadline = time.monotonic() + self.timeout
                while not self.stop.is_set() and time.monotonic() < deadline:
                    cursor.execute(self.SQL)
                    row = cursor.fetchone()
                    if row:
                        cursor.execute("SELECT pg_terminate_backend(%s)", [row[0]])
                        if cursor.fetchone()[0]:
                            self.terminated_pid = row[0]
                        return
                    time.sleep(0.01)
        finally:
            self.ready.set()
            connections.close_all()


def _kill_during(fn):
    """Run ``fn`` while a BackendKiller waits for it to write; return both results."""
    killer = BackendKiller()
    killer.start()
    killer.ready.wait(30)
    try:
        try:
            result, error = fn(), None
        except database_errors() as exc:  # Django's, or psycopg's from a raw COPY
            result, error = None, exc
    finally:
        killer.stop.set()
        killer.join(30)
    if killer.terminated_pid is None:
        pytest.fail("the import finished before its connection could be dropped")
    return result, error


ROWS = 8000  # ~1.4 MB: imported inside the request with the limit raised to 2 MB


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgresql_dropping_the_connection_mid_import_lands_nothing_and_rerun_works(
    client, coordinator, settings
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (pg_terminate_backend)")
    data = big_extract(ROWS)
    settings.MAXWW_IMPORT_INLINE_BYTES = 2 * 1024 * 1024
    assert len(data) <= settings.MAXWW_IMPORT_INLINE_BYTES  # in the request
    client.force_login(coordinator)

    def upload():
        return client.post(
            reverse("screening:import_upload"),
            {"file": SimpleUploadedFile("groot.csv", data)},
        )

    response, error = _kill_during(upload)
    assert error is None, f"the upload page broke: {error!r}"
    assert response.status_code == 302
    extract = ExtractImport.objects.get()
    assert extract.status == ImportStatus.FAILED
    assert "verbinding met de database viel weg" in extract.message
    assert "niets ingelezen" in extract.message
    assert nothing_written() == {}
    page = client.get(response["Location"]).content.decode()
    assert "verbinding met de database viel weg" in page

    # The same file again, now undisturbed: everything lands, once.
    response = upload()
    again = ExtractImport.objects.exclude(pk=extract.pk).get()
    assert again.status == ImportStatus.DONE, again.message
    assert (again.created, again.is_duplicate) == (ROWS, False)
    assert Person.objects.count() == WWClaim.objects.count() == ROWS
    assert ScreeningRecord.objects.count() == ROWS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgresql_dropping_the_connection_mid_background_import_marks_it_failed(
    uwv, coordinator
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (pg_terminate_backend)")
    data = big_extract(ROWS)
    extract = ExtractImport.objects.create(
        organisation=uwv,
        uploaded_by=coordinator,
        filename="groot.csv",
        file=ContentFile(data, name="groot.csv"),
    )
    _result, error = _kill_during(
        lambda: run_extract_import.call(extract.pk, ON.isoformat())
    )
    connections["default"].close()  # the task's connection was the one dropped
    assert nothing_written() == {}
    # The error itself is clear: the server ended the connection.
    if (
        error is not None
        and "terminat" not in str(error)
        and "closed" not in str(error)
    ):
        pytest.fail(f"unclear error: {error!r}")
    rerun = ExtractImport.objects.create(
        organisation=uwv,
        uploaded_by=coordinator,
        filename="groot.csv",
        file=ContentFile(data, name="groot.csv"),
    )
    assert run_extract_import.call(rerun.pk, ON.isoformat()) == ImportStatus.DONE
    assert Person.objects.count() == ROWS
    extract.refresh_from_db()
    assert extract.status == ImportStatus.FAILED, "left 'running' after the drop"
