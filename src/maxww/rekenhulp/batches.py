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

from maxww.core.progress import update_outside
from maxww.rules import io
from maxww.rules.cli import evaluate_frame

from .models import BatchStatus, RuleBatch

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
