"""Letter runs: one letter and one "printed" entry per invitation, whatever happens.

These run on SQLite and PostgreSQL with the immediate task backend; the real
worker process being killed is ``test_letter_worker.py`` (PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

import pytest

from maxww.audit.models import AccessLog
from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access_bulk
from maxww.people.tests.factories import PersonFactory
from maxww.voorlichting import letters, services
from maxww.voorlichting.constants import LetterRunStatus
from maxww.voorlichting.models import Letter, LetterRun
from maxww.voorlichting.tests.factories import SessionFactory

ON = dt.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture
def uwv():
    return OrganisationFactory(uwv=True)


@pytest.fixture
def coordinator(make_user, uwv):
    return make_user(role=Role.COORDINATOR, organisation=uwv)


@pytest.fixture
def session(uwv, coordinator):
    people = [
        PersonFactory(owner=uwv, first_name="Kim", last_name=f"Run{i:02d}")
        for i in range(6)
    ]
    grant_access_bulk(
        person_ids=[p.pk for p in people],
        organisation=uwv,
        basis=GrantBasis.CASELOAD,
        source="test",
    )
    session = SessionFactory(organisation=uwv, created_by=coordinator, capacity=10)
    services.invite_people(session=session, people=people, by=coordinator, on=ON)
    return session


def printed() -> list[str]:
    return list(
        AccessLog.objects.filter(event="invitation_letter_printed").values_list(
            "object_ref", flat=True
        )
    )


def assert_one_letter_each(run: LetterRun, session) -> None:
    ids = list(Letter.objects.filter(run=run).values_list("invitation_id", flat=True))
    assert sorted(ids) == sorted(session.invitations.values_list("pk", flat=True))
    refs = printed()
    assert len(refs) == len(set(refs)) == session.invitations.count()


def test_a_background_run_makes_one_letter_per_invitation_and_a_combined_pdf(
    session, coordinator, pango
):
    run = letters.start_letter_run(
        session=session, by=coordinator, on=ON, background=True
    )
    assert run.status == LetterRunStatus.DONE
    assert (run.done, run.total, run.attempts) == (6, 6, 1)
    assert bytes(run.pdf).startswith(b"%PDF")
    assert_one_letter_each(run, session)
    assert all(
        bytes(pdf).startswith(b"%PDF")
        for pdf in run.letters.values_list("pdf", flat=True)
    )
    assert not session.invitations.filter(letter_printed_at__isnull=True).exists()


def test_running_the_task_again_changes_nothing(session, coordinator, pango):
    run = letters.start_letter_run(session=session, by=coordinator, on=ON)
    first = list(run.letters.values_list("pk", "created_at"))
    # A duplicate delivery of the task, and one for a run reset by hand.
    assert letters.generate_letter_run(run_id=run.pk) == LetterRunStatus.DONE
    LetterRun.objects.filter(pk=run.pk).update(status=LetterRunStatus.RUNNING)
    assert letters.generate_letter_run(run_id=run.pk) == LetterRunStatus.DONE
    assert list(run.letters.values_list("pk", "created_at")) == first
    assert_one_letter_each(run, session)


def test_a_run_that_broke_off_resumes_without_printing_anyone_twice(
    session, coordinator, pango
):
    real = services.html_to_pdf
    calls = {"n": 0}

    def flaky(html: str) -> bytes:
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("printer driver crashed")
        return real(html)

    with mock.patch.object(letters, "html_to_pdf", side_effect=flaky):
        run = letters.start_letter_run(session=session, by=coordinator, on=ON)
    assert run.status == LetterRunStatus.FAILED
    assert "opnieuw" in run.message
    assert run.letters.count() == 3 and len(printed()) == 3

    again = letters.start_letter_run(session=session, by=coordinator, on=ON)
    assert again.pk == run.pk  # the failed run is continued, not started over
    assert (again.status, again.attempts) == (LetterRunStatus.DONE, 2)
    assert_one_letter_each(again, session)


def test_an_open_run_is_reused_instead_of_a_second_one(session, coordinator):
    with mock.patch.object(letters, "_dispatch"):  # nobody picks it up yet
        run = letters.start_letter_run(session=session, by=coordinator, on=ON)
        again = letters.start_letter_run(session=session, by=coordinator, on=ON)
    assert again.pk == run.pk and run.status == LetterRunStatus.QUEUED
    assert LetterRun.objects.count() == 1


def test_recovery_requeues_an_abandoned_run_and_leaves_a_live_one(
    session, coordinator, uwv, pango
):
    with mock.patch.object(letters, "_dispatch"):
        run = letters.start_letter_run(session=session, by=coordinator, on=ON)
    # As a worker leaves it when it dies after two letters.
    for invitation in session.invitations.order_by("person__last_name")[:2]:
        (html,) = services.letter_sections(session, [invitation], ON)
        Letter.objects.create(run=run, invitation=invitation, html=html, pdf=b"%PDF")
    long_ago = timezone.now() - dt.timedelta(hours=1)
    LetterRun.objects.filter(pk=run.pk).update(
        status=LetterRunStatus.RUNNING, heartbeat_at=long_ago, done=2
    )
    other = SessionFactory(organisation=uwv, created_by=coordinator)
    services.invite_people(
        session=other,
        people=session.invitations.values_list("person_id", flat=True)[:1],
        by=coordinator,
        on=ON,
    )
    with mock.patch.object(letters, "_dispatch"):
        live = letters.start_letter_run(session=other, by=coordinator, on=ON)
    LetterRun.objects.filter(pk=live.pk).update(
        status=LetterRunStatus.RUNNING, heartbeat_at=timezone.now()
    )

    # PostgreSQL: a live worker holds the run's lock on its own connection.
    worker = connections.create_connection("default")
    if connection.vendor == "postgresql":
        with worker.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_lock(%s, %s)", [letters._LOCK_CLASS, live.pk]
            )
    try:
        recovered = letters.recover_letter_runs(stale_after=dt.timedelta(minutes=10))
    finally:
        worker.close()
    assert [r.pk for r in recovered] == [run.pk]
    run.refresh_from_db()
    assert run.status == LetterRunStatus.DONE
    assert run.letters.count() == 6
    # The two letters from before the crash were not made (or logged) again.
    assert len(printed()) == 4
    live.refresh_from_db()
    assert live.status == LetterRunStatus.RUNNING


def test_only_the_requester_downloads_and_colleagues_see_the_status(
    client, session, coordinator, make_user, uwv, pango
):
    run = letters.start_letter_run(session=session, by=coordinator, on=ON)
    colleague = make_user(role=Role.COORDINATOR, organisation=uwv)
    client.force_login(colleague)
    status = client.get(reverse("voorlichting:letter_run", args=[run.uuid]))
    assert status.status_code == 200
    assert "Alle 6 brieven zijn klaar." in status.content.decode()
    pdf = reverse("voorlichting:letter_run_pdf", args=[run.uuid])
    assert client.get(pdf).status_code == 404
    client.force_login(coordinator)
    assert client.get(pdf).content.startswith(b"%PDF")


def test_a_queued_run_shows_its_progress_and_polls(client, session, coordinator):
    with mock.patch.object(letters, "_dispatch"):
        run = letters.start_letter_run(session=session, by=coordinator, on=ON)
    client.force_login(coordinator)
    url = reverse("voorlichting:letter_run", args=[run.uuid])
    page = client.get(url).content.decode()
    assert "Wacht op verwerking" in page and "0 van 6 brieven gemaakt" in page
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in fragment and "<html" not in fragment


def test_old_letter_files_are_pruned_and_the_record_stays(
    client, session, coordinator, pango
):
    run = letters.start_letter_run(session=session, by=coordinator, on=ON)
    later = run.finished_at + dt.timedelta(days=31)
    assert letters.prune_letter_runs(now=run.finished_at) == 0
    assert letters.prune_letter_runs(now=later) == 1
    run.refresh_from_db()
    assert run.pdf is None and run.letters.count() == 6
    assert set(run.letters.values_list("html", flat=True)) == {""}
    client.force_login(coordinator)
    page = client.get(reverse("voorlichting:letter_run", args=[run.uuid]))
    assert "na de bewaartermijn verwijderd" in page.content.decode()
    pdf = reverse("voorlichting:letter_run_pdf", args=[run.uuid])
    assert client.get(pdf).status_code == 404


def test_a_queued_run_of_a_requester_who_lost_the_role_prints_nothing(
    session, coordinator
):
    """Background work follows the policy too: the check is made when it runs."""
    with mock.patch.object(letters, "_dispatch"):
        run = letters.start_letter_run(
            session=session, by=coordinator, on=ON, background=True
        )
    coordinator.role = Role.MANAGER  # moved to another job before the worker ran
    coordinator.save(update_fields=["role"])
    assert letters.generate_letter_run(run_id=run.pk) == LetterRunStatus.FAILED
    run.refresh_from_db()
    assert "mag geen brieven meer maken" in run.message
    assert not Letter.objects.filter(run=run).exists()
    assert printed() == []
