"""The schedule runs each slot once, catches a missed run up once, shows failures."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

import pytest
from croniter import croniter

from maxww.audit.services import log_access
from maxww.organisations.constants import Role
from maxww.scheduler import services
from maxww.scheduler.jobs import SCHEDULE, Job
from maxww.scheduler.models import ScheduledRun

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
VERIFY = Job("audit-verify", "30 1 * * *", ("audit", "verify"), "Hashketen controleren")


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=AMS)


def _break_the_audit_chain(user) -> None:
    for ref in ("p-1", "p-2"):
        log_access(
            user=user,
            action="viewed",
            object_type="people.person",
            person_ref=ref,
            legal_basis="caseload",
            purpose="traject",
        )
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslog SET username = 'iemand'")


@pytest.fixture
def database_tasks(settings):
    """The production task backend (tests default to the immediate one), which
    prune_db_task_results operates on."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_slot_runs_once_and_a_missed_run_is_caught_up_once():
    (first,) = services.tick(_at(2, 1, 31), schedule=(VERIFY,))
    assert first.outcome == ScheduledRun.Outcome.SUCCEEDED
    assert first.due_at == _at(2, 1, 30) and "intact" in first.output
    assert services.tick(_at(2, 1, 45), schedule=(VERIFY,)) == []

    # The scheduler was down for three nights: on return the job runs once.
    (caught_up,) = services.tick(_at(5, 9), schedule=(VERIFY,))
    assert caught_up.due_at == _at(5, 1, 30)
    assert services.tick(_at(5, 9, 5), schedule=(VERIFY,)) == []
    assert ScheduledRun.objects.filter(job="audit-verify").count() == 2


def test_two_schedulers_never_run_the_same_slot_twice():
    assert services.run_job(VERIFY, _at(2, 1, 30), _at(2, 1, 31)) is not None
    assert services.run_job(VERIFY, _at(2, 1, 30), _at(2, 1, 31)) is None
    assert ScheduledRun.objects.count() == 1


def test_a_failing_job_is_recorded_logged_and_shown(make_user, client, caplog):
    _break_the_audit_chain(make_user())

    (run,) = services.tick(_at(2, 1, 31), schedule=(VERIFY,))
    assert run.outcome == ScheduledRun.Outcome.FAILED and run.exit_code == 1
    assert "Audit chain broken" in run.output
    assert "scheduler.job_failed" in caplog.text

    (status,) = services.schedule_status(_at(2, 2), schedule=(VERIFY,))
    assert status.failed and not status.late

    beheerder = make_user(role=Role.FUNCTIONAL_ADMIN, is_staff=True, is_superuser=True)
    client.force_login(beheerder)
    html = client.get(
        reverse("admin:scheduler_scheduledrun_changelist")
    ).content.decode()
    assert "Hashketen van het toegangslog controleren" in html
    assert "Mislukt" in html


def test_scheduler_once_exits_1_when_a_job_fails(make_user, database_tasks):
    _break_the_audit_chain(make_user())
    with pytest.raises(CommandError) as excinfo:
        call_command("scheduler", "once")
    assert excinfo.value.returncode == 1
    assert "audit-verify" in str(excinfo.value)
    # Every other job of the real schedule ran and succeeded.
    outcomes = dict(ScheduledRun.objects.values_list("job", "outcome"))
    assert set(outcomes) == {job.name for job in SCHEDULE}
    assert [job for job, o in outcomes.items() if o != "succeeded"] == ["audit-verify"]


def test_readiness_shows_a_failed_and_a_late_job(client, make_user, database_tasks):
    now = datetime.now(tz=AMS)
    response = client.get(reverse("healthz-ready"))
    assert response.status_code == 200
    body = response.json()
    assert body["migrations"] == {"status": "ok", "pending": 0}
    # Nothing has run yet: every job is late (no scheduler is running).
    assert body["status"] == "degraded"
    assert set(body["scheduler"]["late"]) == {job.name for job in SCHEDULE}

    services.tick(now)
    assert client.get(reverse("healthz-ready")).json()["status"] == "ok"

    _break_the_audit_chain(make_user())
    ScheduledRun.objects.filter(job="audit-verify").delete()
    services.tick(now)
    scheduler = client.get(reverse("healthz-ready")).json()["scheduler"]
    assert scheduler == {"status": "failing", "failed": ["audit-verify"], "late": []}


def test_old_runs_are_pruned():
    services.tick(_at(2, 1, 31), schedule=(VERIFY,))
    services.tick(_at(30, 1, 31), schedule=(VERIFY,))
    assert services.prune_runs(_at(30, 2) + timedelta(days=90 - 28)) == 1
    assert ScheduledRun.objects.get().due_at == _at(30, 1, 30)


@pytest.mark.parametrize("day", [datetime(2026, 3, 29), datetime(2026, 10, 25)])
def test_no_daily_job_falls_in_the_hour_the_clocks_change(day):
    start = day.replace(tzinfo=AMS)
    for job in (job for job in SCHEDULE if job.cron.split()[1] != "*"):
        slots = croniter(job.cron, start)
        while (slot := slots.get_next(datetime)) < start + timedelta(days=1):
            assert slot.hour != 2, job.name
