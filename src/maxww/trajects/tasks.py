"""Background work for trajects through Django's tasks interface."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from django_tasks import task

from .services import send_reminders


@task()
def remind_due_tasks(on: str | None = None) -> int:
    """Daily: e-mail assignees about due and overdue tasks; returns mails sent."""
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    return send_reminders(on=day)
