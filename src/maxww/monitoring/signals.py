"""Rebuild the monthly aggregates after the events that change them.

A traject outcome, a recorded claim outcome, a bijstand application or an
attendance change the funnel; once aggregates exist, such a save queues a
rebuild (after the transaction commits), so the dashboard does not lag a night.
Many saves in one transaction queue one rebuild, and no rebuild is queued while
one is still waiting to run (``tasks.enqueue_rebuild``).
Durability checks and instrument uses are counted from the raw rows, but the
page publishes every table once per rebuild, so they queue one too. Done or
overdue tasks (caseloads) show from the next rebuild or the next day.
Bulk writes (imports, the demo) do not send signals and rebuild themselves.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save

WATCHED = (
    "trajects.Traject",
    "screening.ClaimOutcome",
    "handover.BijstandApplication",
    "voorlichting.Invitation",
    # Read raw by the dashboard, but published with the rest once per rebuild:
    "trajects.DurabilityCheck",
    "kennisbank.InstrumentUse",
)


def _queue_rebuild(sender, instance, **kwargs) -> None:
    from .models import MonthlyAggregate
    from .tasks import enqueue_rebuild

    if kwargs.get("raw") or not MonthlyAggregate.objects.exists():
        return
    pending = transaction.get_connection().run_on_commit
    if any(entry[1] is enqueue_rebuild for entry in pending):
        return  # this transaction queues its rebuild already
    transaction.on_commit(enqueue_rebuild)


def connect() -> None:
    from django.apps import apps

    for label in WATCHED:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(
            _queue_rebuild, sender=model, dispatch_uid=f"monitoring-rebuild-{label}"
        )
