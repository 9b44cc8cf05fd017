"""Run an uploaded file of cases through the batch engine, chunk by chunk.

The upload is written to storage by the API (never held in memory); the task
worker reads it into a polars frame, validates it vectorised, evaluates it in
chunks (so progress can be shown) and writes the result file.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.files import File
from django.utils import timezone

import polars as pl

from maxww.core.progress import update_outside
from maxww.rules import io
from maxww.rules.cli import BATCH

from .models import BatchStatus, RuleBatch

CHUNK_ROWS = 100_000
MAX_ERRORS_STORED = 50
FORMATS = ("parquet", "csv", "jsonl")


def run_batch(batch: RuleBatch) -> RuleBatch:
    """Validate and evaluate ``batch``; status done with a result, or failed with errors."""
    validate, evaluate = BATCH[batch.law]
    RuleBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING)
    try:
        frame = io.read_frame(Path(batch.input_file.path))
        typed, errors = validate(frame)
    except io.RecordsError as exc:
        errors = exc.errors
    except io.InputFileError as exc:
        errors = [{"row": 0, "field": "*", "message": str(exc).split(": ", 1)[-1]}]
    if errors:
        return _finish(batch, BatchStatus.FAILED, errors=errors)
    update_outside(RuleBatch, batch.pk, rows_total=typed.height)
    parts = []
    for start in range(0, typed.height, CHUNK_ROWS):
        result = evaluate(typed.slice(start, CHUNK_ROWS))
        parts.append(
            result.select(c for c in result.columns if not c.endswith("_cents"))
        )
        update_outside(
            RuleBatch, batch.pk, rows_done=min(start + CHUNK_ROWS, typed.height)
        )
    result = pl.concat(parts) if parts else pl.DataFrame()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{batch.law}-{batch.uuid}.{batch.output_format}"
        io.write_frame(result, path, None)
        with path.open("rb") as handle:
            batch.output_file.save(path.name, File(handle), save=False)
    return _finish(batch, BatchStatus.DONE, rows=typed.height)


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
