"""Background work: the nightly refresh of the monthly aggregates."""

from django.utils import timezone

from django_tasks import task

from .services import refresh_aggregates


@task()
def refresh_monthly_aggregates() -> int:
    """Rebuild ``MonthlyAggregate`` (run nightly, after the cohort move).

    Idempotent: it rebuilds every month and area from the claims, so running
    it twice gives the same figures.
    """
    return refresh_aggregates(on=timezone.localdate())


def _waiting() -> bool:
    """Is a rebuild already queued and not yet started (database backend)?"""
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(refresh_monthly_aggregates.get_backend(), DatabaseBackend):
        return False
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=refresh_monthly_aggregates.module_path,
        status=TaskResultStatus.READY,
    ).exists()


def enqueue_rebuild():
    """Queue a rebuild unless one is waiting already: at most one pending.

    A waiting rebuild will read every change saved before it starts, so a
    second one would only repeat it.
    """
    if _waiting():
        return None
    return refresh_monthly_aggregates.enqueue()
