"""Run the schedule: each job's latest slot once, recorded with its outcome.

A slot is the latest time at or before *now* that the job's cron expression
names. A job runs when its latest slot has no run yet, so a scheduler that was
down for three nights runs the nightly job once, not three times (catch-up
once), and two schedulers never run the same slot twice (the unique
constraint on job and slot decides who claims it).
"""

from __future__ import annotations

import io
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

import structlog
from croniter import croniter

from .jobs import SCHEDULE, Job
from .models import ScheduledRun

log = structlog.stdlib.get_logger(__name__)

OUTPUT_CHARS = 4000  # the tail of a run's output that is kept
KEEP_DAYS = 90  # runs older than this are pruned (by the job prune-scheduler-runs)


def previous_slots(job: Job, now: datetime, count: int = 1) -> list[datetime]:
    """The job's *count* latest slots at or before *now*, newest first."""
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    # get_prev is strictly before its start: a slot exactly at *now* is due now.
    slots = croniter(job.cron, local + timedelta(microseconds=1))
    return [slots.get_prev(datetime) for _ in range(count)]


def next_slot(job: Job, now: datetime) -> datetime:
    """The job's first slot after *now*."""
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    return croniter(job.cron, local).get_next(datetime)


def latest_due() -> dict[str, datetime]:
    """The slot of each job's latest recorded run (one query)."""
    rows = ScheduledRun.objects.values("job").annotate(last=Max("due_at"))
    return {row["job"]: row["last"] for row in rows}


def due_jobs(now: datetime, schedule: tuple[Job, ...] = SCHEDULE):
    """(job, slot) for every job whose latest slot has not been run."""
    last = latest_due()
    for job in schedule:
        (slot,) = previous_slots(job, now)
        if job.name not in last or last[job.name] < slot:
            yield job, slot


def run_job(job: Job, slot: datetime, now: datetime) -> ScheduledRun | None:
    """Claim the slot and run the job; None when another scheduler has it."""
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(
                job=job.name,
                due_at=slot,
                started_at=now,
                host=f"{socket.gethostname()}:{os.getpid()}"[:128],
            )
    except IntegrityError:
        return None
    log.info("scheduler.job_started", job=job.name, due_at=slot.isoformat())
    output = io.StringIO()
    try:
        call_command(*job.command, stdout=output, stderr=output)
    except CommandError as exc:
        run.exit_code = exc.returncode
        output.write(f"\n{exc}")
    except Exception as exc:  # a broken job is recorded, never kills the scheduler
        run.exit_code = 1
        output.write(f"\n{exc.__class__.__name__}: {exc}")
    else:
        run.exit_code = 0
    run.finished_at = timezone.now()
    run.outcome = (
        ScheduledRun.Outcome.SUCCEEDED
        if run.exit_code == 0
        else ScheduledRun.Outcome.FAILED
    )
    run.output = output.getvalue().strip()[-OUTPUT_CHARS:]
    run.save(update_fields=["finished_at", "outcome", "exit_code", "output"])
    if run.outcome == ScheduledRun.Outcome.FAILED:
        log.error(
            "scheduler.job_failed",
            job=job.name,
            due_at=slot.isoformat(),
            exit_code=run.exit_code,
        )
    else:
        log.info("scheduler.job_succeeded", job=job.name, due_at=slot.isoformat())
    return run


def tick(now: datetime, schedule: tuple[Job, ...] = SCHEDULE) -> list[ScheduledRun]:
    """Run every job that is due at *now*, one after the other; the runs made."""
    runs = [run_job(job, slot, now) for job, slot in due_jobs(now, schedule)]
    return [run for run in runs if run is not None]


@dataclass(frozen=True)
class JobStatus:
    """What the beheerder and /healthz/ready see of one job."""

    job: Job
    last: ScheduledRun | None
    late: bool  # a whole period passed without a run: is the scheduler running?
    next_at: datetime

    @property
    def failed(self) -> bool:
        return (
            self.last is not None and self.last.outcome == ScheduledRun.Outcome.FAILED
        )


def schedule_status(
    now: datetime, schedule: tuple[Job, ...] = SCHEDULE
) -> list[JobStatus]:
    """Each job's latest run, whether it is late, and its next slot."""
    last_due = latest_due()
    pairs = Q(pk__in=[])
    for name, due_at in last_due.items():
        pairs |= Q(job=name, due_at=due_at)
    latest = {run.job: run for run in ScheduledRun.objects.filter(pairs)}
    statuses = []
    for job in schedule:
        last = latest.get(job.name)
        _, before = previous_slots(job, now, count=2)
        statuses.append(
            JobStatus(
                job=job,
                last=last,
                late=last is None or last.due_at < before,
                next_at=next_slot(job, now),
            )
        )
    return statuses


def prune_runs(now: datetime, keep_days: int = KEEP_DAYS) -> int:
    """Delete runs due more than *keep_days* ago; the number deleted."""
    deleted, _ = ScheduledRun.objects.filter(
        due_at__lt=now - timedelta(days=keep_days)
    ).delete()
    return deleted
