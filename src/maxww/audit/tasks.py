"""Background work for the audit app: the nightly retention run."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from django_tasks import task

from .retention import apply_retention


@task()
def nightly_retention(on: str | None = None, dry_run: bool = False) -> dict:
    """Pseudonymise everyone whose regional retention period has passed."""
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    return apply_retention(on=day, dry_run=dry_run).as_dict()
