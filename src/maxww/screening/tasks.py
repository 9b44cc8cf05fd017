"""Background work for screening through Django's tasks interface."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext

from django_tasks import task

from maxww.core.uploads import local_path
from maxww.policy import Perm, can

from .constants import ImportStatus
from .models import ExtractImport
from .services import import_extract, refresh_screening


@task()
def run_extract_import(extract_id: int, on: str) -> str:
    """Process an uploaded extract from its stored file (MEDIA_ROOT)."""
    extract = ExtractImport.objects.get(pk=extract_id)
    if extract.is_finished:
        return extract.status
    if not extract.file:  # e.g. removed from MEDIA_ROOT by hand
        ExtractImport.objects.filter(pk=extract_id).update(
            status=ImportStatus.FAILED,
            progress=100,
            message=gettext("Het bestand is niet meer aanwezig; lees het opnieuw in."),
            finished_at=timezone.now(),
        )
        return ImportStatus.FAILED
    if extract.uploaded_by is not None and not can(
        extract.uploaded_by, Perm.SCREENING_IMPORT
    ):
        # The same policy as the upload page: a user who lost the role between
        # upload and run imports nothing.
        ExtractImport.objects.filter(pk=extract_id).update(
            status=ImportStatus.FAILED,
            progress=100,
            message=gettext(
                "Niet ingelezen: wie het bestand aanleverde, mag niet meer importeren."
            ),
            finished_at=timezone.now(),
        )
        return ImportStatus.FAILED
    ExtractImport.objects.filter(pk=extract_id).update(status=ImportStatus.RUNNING)
    extract.status = ImportStatus.RUNNING
    with local_path(extract.file) as path:
        import_extract(
            data=path,
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
