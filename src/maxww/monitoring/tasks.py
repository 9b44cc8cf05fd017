"""Background work: the nightly refresh of the monthly aggregates."""

from django.utils import timezone

from django_tasks import task

from .services import refresh_aggregates


@task()
def refresh_monthly_aggregates() -> int:
    """Rebuild ``MonthlyAggregate`` (run nightly, after the cohort move)."""
    return refresh_aggregates(on=timezone.localdate())
