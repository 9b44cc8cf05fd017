"""Contacts and tasks: log a contact, add and complete tasks, send reminders."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, Q
from django.utils.translation import gettext as _

import structlog

from maxww.trajects.constants import TaskKind
from maxww.trajects.models import Contact, Task, Traject

from ._common import _at
from .lifecycle import _event

if TYPE_CHECKING:
    from maxww.organisations.models import User

logger = structlog.stdlib.get_logger(__name__)


def log_contact(
    *,
    traject: Traject,
    channel: str,
    summary: str,
    by: User,
    on: date,
    next_step: str = "",
    contact_date: date | None = None,
) -> Contact:
    """Log a contact with the person."""
    contact = Contact.objects.create(
        traject=traject,
        channel=channel,
        contact_date=contact_date or on,
        summary=summary,
        next_step=next_step,
        by=by,
    )
    _event(traject, event="contact_logged", by=by, on=on, channel=channel)
    return contact


def add_task(
    *,
    traject: Traject,
    title: str,
    due_date: date,
    by: User,
    on: date,
    assignee: User | None = None,
    kind: str = TaskKind.GENERAL,
) -> Task:
    """A task for the traject, by default for its coach."""
    task = Task.objects.create(
        traject=traject,
        title=title,
        due_date=due_date,
        assignee=assignee or traject.coach or by,
        kind=kind,
    )
    _event(traject, event="task_added", by=by, on=on, title=title)
    return task


def complete_task(*, task: Task, by: User, on: date) -> Task:
    """Mark a task done (idempotent)."""
    if task.done_at is None:
        task.done_at = _at(on)
        task.save(update_fields=["done_at"])
        _event(task.traject, event="task_done", by=by, on=on, title=task.title)
    return task


def send_reminders(*, on: date) -> int:
    """E-mail each assignee once a day about their due and overdue tasks.

    Tasks get ``reminded_date`` so the list shows they were flagged; one mail
    per assignee with counts only (no names: mail is not a safe channel).
    """
    due = Task.objects.filter(done_at__isnull=True, due_date__lte=on).exclude(
        reminded_date=on
    )
    per_user = (
        due.filter(assignee__isnull=False)
        .values("assignee_id", "assignee__email")
        .annotate(total=Count("id"), overdue=Count("id", filter=Q(due_date__lt=on)))
    )
    sent = 0
    for row in per_user:
        if row["assignee__email"]:
            send_mail(
                subject=_("maxww: %(n)s taken vragen uw aandacht")
                % {"n": row["total"]},
                message=_(
                    "U heeft %(n)s openstaande taken met een vervaldatum tot en met "
                    "%(on)s, waarvan %(o)s te laat. Bekijk ze in maxww onder "
                    "Trajecten."
                )
                % {
                    "n": row["total"],
                    "on": on.strftime("%d-%m-%Y"),
                    "o": row["overdue"],
                },
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[row["assignee__email"]],
            )
            sent += 1
    flagged = due.update(reminded_date=on)
    logger.info("task_reminders_sent", mails=sent, tasks=flagged)
    return sent
