"""Background work for screening through Django's tasks interface."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from django_tasks import task

from .constants import ImportStatus
from .models import ExtractImport
from .services import import_extract, refresh_screening


@task()
def run_extract_import(extract_id: int, on: str) -> str:
    """Process an uploaded extract stored on its ExtractImport row."""
    extract = ExtractImport.objects.get(pk=extract_id)
    if extract.is_finished:
        return extract.status
    ExtractImport.objects.filter(pk=extract_id).update(status=ImportStatus.RUNNING)
    extract.status = ImportStatus.RUNNING
    import_extract(
        data=bytes(extract.data or b""),
        filename=extract.filename,
        organisation=extract.organisation,
        on=dt.date.fromisoformat(on),
        extract=extract,
    )
    return extract.status


@task()
def nightly_cohort_move(on: str | None = None) -> dict[str, int]:
    """The nightly move: windows, target groups, pre-check and risk for all claims."""
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    return refresh_screening(on=day)
