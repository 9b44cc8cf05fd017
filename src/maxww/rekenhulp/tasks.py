"""Background work for the rekenhulp through Django's tasks interface."""

from __future__ import annotations

from django_tasks import task

from .batches import run_batch
from .models import RuleBatch


@task()
def run_rule_batch(batch_id: int) -> str:
    """Evaluate one uploaded batch file (see :mod:`maxww.rekenhulp.batches`)."""
    batch = RuleBatch.objects.get(pk=batch_id)
    if batch.status in ("done", "failed"):
        return batch.status
    return run_batch(batch).status
