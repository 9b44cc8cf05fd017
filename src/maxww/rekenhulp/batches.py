"""Run an uploaded file of cases through the batch engine, chunk by chunk.

The upload is written to storage by the API (never held in memory); the task
worker reads it into a polars frame, validates it vectorised, evaluates it in
chunks (so progress can be shown) and writes the result file.
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db.models import Q
from django.utils import timezone

import structlog

from maxww.core.progress import update_outside
from maxww.rules import io
from maxww.rules.cli import evaluate_frame

from .models import BatchStatus, RuleBatch

logger = structlog.stdlib.get_logger(__name__)

CHUNK_ROWS = 100_000
MAX_ERRORS_STORED = 50
FORMATS = ("parquet", "csv", "jsonl")


def run_batch(batch: RuleBatch) -> RuleBatch:
    """Validate and evaluate ``batch``; status done with a result, or failed with errors."""
    RuleBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING)

    def progress(done: int, total: int) -> None:
        update_outside(RuleBatch, batch.pk, rows_done=done, rows_total=total)

    try:
        result = evaluate_frame(
            batch.law,
            io.read_frame(Path(batch.input_file.path)),
            chunk_rows=CHUNK_ROWS,
            progress=progress,
        )
    except io.RecordsError as exc:
        return _finish(batch, BatchStatus.FAILED, errors=exc.errors)
    except io.InputFileError as exc:
        message = str(exc).split(": ", 1)[-1]
        return _finish(
            batch,
            BatchStatus.FAILED,
            errors=[{"row": 0, "field": "*", "message": message}],
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{batch.law}-{batch.uuid}.{batch.output_format}"
        io.write_frame(result, path, None)
        with path.open("rb") as handle:
            batch.output_file.save(path.name, File(handle), save=False)
    return _finish(batch, BatchStatus.DONE, rows=result.height)


def _finish(
    batch: RuleBatch, status: str, errors: list | None = None, rows: int = 0
) -> RuleBatch:
    batch.status = status
    batch.finished_at = timezone.now()
    batch.error_count = len(errors or [])
    batch.errors = list((errors or [])[:MAX_ERRORS_STORED])
    if rows:
        batch.rows_total = batch.rows_done = rows
    batch.save()
    return batch


def keep_batches() -> timedelta:
    """How long a batch is kept (``RULES_BATCH_KEEP_DAYS``, see configuration.md)."""
    return timedelta(days=settings.RULES_BATCH_KEEP_DAYS)


def prune_batches(*, now: datetime, keep: timedelta | None = None) -> int:
    """Delete batches finished before ``now - keep``, their input and result files.

    A batch that never finished (a worker that died) goes ``keep`` after its upload.
    The files hold personal data of whole cohorts, so nothing of them is kept; the
    audit log keeps the upload and download events. Returns how many batches went.
    """
    cutoff = now - (keep if keep is not None else keep_batches())
    expired = RuleBatch.objects.filter(
        Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, created_at__lt=cutoff)
    )
    count = 0
    for batch in expired.iterator():
        for field in (batch.input_file, batch.output_file):
            if field:
                field.delete(save=False)
        batch.delete()
        count += 1
    if count:
        logger.info("rule_batches_pruned", batches=count)
    return count
