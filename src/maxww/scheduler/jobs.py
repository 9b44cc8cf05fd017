"""The schedule: every recurring job of a deployment, in one place.

Times are cron expressions in Europe/Amsterdam (settings.TIME_ZONE), read by
croniter. Each job is a management command that is safe to run again. No job
runs between 02:00 and 03:00: that hour is skipped or repeated when the clocks
change, so a job there would be missed or run twice.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    """One recurring job: a management command and when it runs."""

    name: str
    cron: str
    command: tuple[str, ...]
    title: str


SCHEDULE: tuple[Job, ...] = (
    Job(
        "recover-letters",
        "*/5 * * * *",
        ("voorlichting", "recover-letters"),
        "Afgebroken briefopdrachten opnieuw in de wachtrij",
    ),
    Job(
        "screening-cohorts",
        "0 1 * * *",
        ("screening", "cohorts"),
        "Cohorten bijwerken: vensters, voorcheck en risico",
    ),
    Job(
        "audit-verify",
        "30 1 * * *",
        ("audit", "verify"),
        "Hashketen van het toegangslog controleren",
    ),
    Job(
        "retention",
        "15 3 * * *",
        ("retention",),
        "Bewaartermijn: verlopen personen pseudonimiseren",
    ),
    Job(
        "prune-letters",
        "30 3 * * *",
        ("voorlichting", "prune-letters"),
        "Brief-pdf's ouder dan 30 dagen opruimen",
    ),
    Job(
        "prune-rule-batches",
        "45 3 * * *",
        ("rekenhulp", "prune-batches"),
        "Rekenbatches (invoer en uitkomst) na de bewaartermijn verwijderen",
    ),
    Job(
        "prune-task-results",
        "0 4 * * 0",
        ("prune_db_task_results",),
        "Oude resultaten van achtergrondtaken opruimen",
    ),
    Job(
        "prune-scheduler-runs",
        "15 4 * * *",
        ("scheduler", "prune"),
        "Runs van geplande taken ouder dan 90 dagen opruimen",
    ),
    Job(
        "trajects-remind",
        "0 7 * * *",
        ("trajects", "remind"),
        "Herinneringen voor taken die (bijna) verlopen zijn",
    ),
)

JOBS: dict[str, Job] = {job.name: job for job in SCHEDULE}
