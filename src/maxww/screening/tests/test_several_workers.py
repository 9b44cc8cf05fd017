"""Several ``maxww db_worker`` processes share one queue on PostgreSQL.

Three real workers work an import and four letter runs at once: every task runs
once, on one worker, the work is spread over the workers, and nobody gets a
letter (or a "printed" audit entry) twice.
"""

from __future__ import annotations

import signal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

import pytest

from maxww.audit.models import AccessLog
from maxww.core.tests.workers import DB_BACKEND, start_worker, wait_for
from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.models import WWClaim
from maxww.people.services import grant_access_bulk
from maxww.people.tests.factories import PersonFactory
from maxww.screening.constants import ImportStatus
from maxww.screening.services.uploads import store_upload
from maxww.screening.tasks import run_extract_import
from maxww.voorlichting import services
from maxww.voorlichting.constants import LetterRunStatus
from maxww.voorlichting.letters import start_letter_run
from maxww.voorlichting.models import Letter, LetterRun
from maxww.voorlichting.tests.factories import SessionFactory

from .conftest import EXAMPLE, ON

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS, SESSIONS, PER_SESSION = 3, 4, 12


def _sessions(make_user) -> tuple[list, object]:
    office = OrganisationFactory(uwv=True)
    coordinator = make_user(role=Role.COORDINATOR, organisation=office)
    people = [
        PersonFactory(owner=office, last_name=f"Werkpersoon{i:03d}")
        for i in range(SESSIONS * PER_SESSION)
    ]
    grant_access_bulk(
        person_ids=[p.pk for p in people],
        organisation=office,
        basis=GrantBasis.CASELOAD,
        source="test",
    )
    sessions = []
    for n in range(SESSIONS):
        session = SessionFactory(
            organisation=office, created_by=coordinator, capacity=PER_SESSION
        )
        invited = people[n * PER_SESSION : (n + 1) * PER_SESSION]
        services.invite_people(session=session, people=invited, by=coordinator, on=ON)
        sessions.append(session)
    return sessions, coordinator


def test_workers_share_the_queue_and_nothing_is_done_twice(
    make_user, coordinator, settings, tmp_path, pango
):
    from django_tasks_db.models import DBTaskResult

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (worker processes on the test database)")
    settings.TASKS = DB_BACKEND
    sessions, letter_writer = _sessions(make_user)
    logs = [tmp_path / f"worker-{n}.log" for n in range(WORKERS)]
    # The workers read the stored extract from this test's MEDIA_ROOT.
    workers = [
        start_worker(log, LOG_LEVEL="INFO", MEDIA_ROOT=str(settings.MEDIA_ROOT))
        for log in logs
    ]
    try:
        for log in logs:  # all of them poll the queue before the work comes in
            wait_for(
                "a worker to start",
                lambda log=log: "Starting worker" in log.read_text(),
                120,
                log,
            )
        extract = store_upload(
            SimpleUploadedFile(EXAMPLE.name, EXAMPLE.read_bytes()), by=coordinator
        )
        run_extract_import.enqueue(extract.pk, ON.isoformat())
        runs = [
            start_letter_run(session=s, by=letter_writer, on=ON, background=True)
            for s in sessions
        ]
        wait_for(
            "every task to finish",
            lambda: (
                not DBTaskResult.objects.exclude(
                    status__in=["SUCCESSFUL", "FAILED"]
                ).exists()
            ),
            300,
            logs[0],
        )
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait(60)

    tasks = list(DBTaskResult.objects.all())
    assert len(tasks) == 1 + SESSIONS
    assert {t.status for t in tasks} == {"SUCCESSFUL"}
    assert all(len(t.worker_ids) == 1 for t in tasks)  # each ran once
    assert len({t.worker_ids[0] for t in tasks}) >= 2  # the work was shared

    extract.refresh_from_db()
    assert (extract.status, extract.rows, extract.created) == (
        ImportStatus.DONE,
        20,
        20,
    )
    assert WWClaim.objects.count() == 20

    for run in LetterRun.objects.filter(pk__in=[r.pk for r in runs]):
        assert run.status == LetterRunStatus.DONE, run.message
        assert (run.attempts, run.done, run.total) == (1, PER_SESSION, PER_SESSION)
    letters = Letter.objects.all()
    assert letters.count() == SESSIONS * PER_SESSION
    assert letters.values("invitation").distinct().count() == SESSIONS * PER_SESSION
    printed = AccessLog.objects.filter(event="invitation_letter_printed")
    assert printed.count() == SESSIONS * PER_SESSION
    assert printed.values("object_ref").distinct().count() == SESSIONS * PER_SESSION
