"""Fault test: the worker is killed halfway through a session's letters.

A real ``maxww db_worker`` process (django-tasks-db) works on the PostgreSQL
test database; the test SIGKILLs it mid-run, runs the recovery and a new
worker, and checks that every invitation got exactly one letter, one
"printed" audit entry and one page in the combined PDF.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
from dataclasses import dataclass

from django.db import connection

import pytest

from maxww.audit.models import AccessLog
from maxww.core.tests.workers import DB_BACKEND, start_worker, wait_for
from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access_bulk
from maxww.people.tests.factories import PersonFactory
from maxww.voorlichting import services
from maxww.voorlichting.constants import LetterRunStatus
from maxww.voorlichting.letters import recover_letter_runs, start_letter_run
from maxww.voorlichting.models import Letter, LetterRun
from maxww.voorlichting.tests.factories import SessionFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

ON = dt.date(2026, 3, 2)
LETTERS = 60  # a few seconds of WeasyPrint: time enough to kill the worker halfway


@dataclass
class Invited:
    """A session with LETTERS invited people and the coordinator who invited them."""

    session: object
    coordinator: object
    people: list


@pytest.fixture
def invited(make_user, settings, poppler):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (a worker process on the test database)")
    settings.TASKS = DB_BACKEND  # enqueue into the table the worker reads
    uwv = OrganisationFactory(uwv=True)
    coordinator = make_user(role=Role.COORDINATOR, organisation=uwv)
    people = [
        PersonFactory(owner=uwv, first_name="Kim", last_name=f"Briefpersoon{i:03d}")
        for i in range(LETTERS)
    ]
    grant_access_bulk(
        person_ids=[p.pk for p in people],
        organisation=uwv,
        basis=GrantBasis.CASELOAD,
        source="test",
    )
    session = SessionFactory(organisation=uwv, created_by=coordinator, capacity=LETTERS)
    services.invite_people(session=session, people=people, by=coordinator, on=ON)
    return Invited(session=session, coordinator=coordinator, people=people)


def test_killed_worker_is_recovered_and_no_letter_is_made_twice(invited, tmp_path):
    from django_tasks_db.models import DBTaskResult

    session, coordinator, people = invited.session, invited.coordinator, invited.people
    log = tmp_path / "worker.log"
    run = start_letter_run(session=session, by=coordinator, on=ON, background=True)
    assert run.status == LetterRunStatus.QUEUED and run.task_id
    first_task = run.task_id

    worker = start_worker(log)
    try:
        made = wait_for(
            "the worker to store some letters",
            lambda: Letter.objects.filter(run=run).count() >= 5,
            timeout=180,
            log=log,
        )
        assert made
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(30)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(30)

    run.refresh_from_db()
    before = Letter.objects.filter(run=run).count()
    assert run.status == LetterRunStatus.RUNNING, "the worker finished before the kill"
    assert 5 <= before < LETTERS
    # What django-tasks-db does with a dead worker: nothing. The task stays
    # RUNNING for ever; only the recovery gets the letters made.
    assert DBTaskResult.objects.get(pk=first_task).status == "RUNNING"

    # PostgreSQL drops the dead worker's connection, and its lock, promptly.
    recovered = wait_for(
        "the recovery to see the run abandoned",
        recover_letter_runs,
        timeout=30,
        log=log,
    )
    assert [r.pk for r in recovered] == [run.pk]
    assert DBTaskResult.objects.get(pk=first_task).status == "FAILED"
    run.refresh_from_db()
    assert run.status == LetterRunStatus.QUEUED and run.task_id != first_task

    worker = start_worker(log, "--batch")  # work the queue empty, then stop
    try:
        assert worker.wait(300) == 0, log.read_text()[-3000:]
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(30)

    run.refresh_from_db()
    assert run.status == LetterRunStatus.DONE, run.message
    assert (run.attempts, run.done, run.total) == (2, LETTERS, LETTERS)
    assert DBTaskResult.objects.get(pk=run.task_id).status == "SUCCESSFUL"
    letters = Letter.objects.filter(run=run)
    assert letters.count() == LETTERS
    assert letters.values("invitation").distinct().count() == LETTERS
    invitations = session.invitations.all()
    assert not invitations.filter(letter_printed_at__isnull=True).exists()
    printed = AccessLog.objects.filter(
        action="printed", event="invitation_letter_printed"
    )
    assert printed.count() == LETTERS  # once per letter, none for the lost attempt
    assert printed.values("object_ref").distinct().count() == LETTERS
    assert set(printed.values_list("username", flat=True)) == {coordinator.username}

    # The combined PDF: one letter per person, each exactly once.
    pdf = tmp_path / "brieven.pdf"
    pdf.write_bytes(bytes(LetterRun.objects.get(pk=run.pk).pdf))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for person in people:
        assert text.count(f"Beste {person.full_name},") == 1, person.full_name
