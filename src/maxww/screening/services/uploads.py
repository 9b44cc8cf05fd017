"""An uploaded extract: streamed to storage, then imported now or in the background.

The file goes to MEDIA_ROOT (``ExtractImport.file``), never into the database;
``import_extract`` reads it from there. Only a file up to
``MAXWW_IMPORT_INLINE_BYTES`` is imported inside the request; every larger one
is a background task whose progress the detail page (and the API) shows.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from maxww.core.faults import database_errors
from maxww.organisations.models import User
from maxww.screening.models import ExtractImport


def store_upload(upload: UploadedFile, *, by: User) -> ExtractImport:
    """Stream ``upload`` to storage and record it; on failure nothing stays behind."""
    extract = ExtractImport(
        organisation=by.organisation,
        uploaded_by=by,
        filename=upload.name[:255],
        sha256="",
    )
    try:
        extract.file.save(upload.name, upload, save=False)
        extract.save()
    except BaseException:
        extract.file.delete(save=False)
        raise
    return extract


def start_import(extract: ExtractImport) -> bool:
    """Import a small file now, queue a larger one; True when it ran now.

    A database that drops out during an import now leaves the import marked as
    failed (``import_extract`` rolled it back and recorded it).
    """
    from maxww.screening.tasks import run_extract_import

    on = timezone.localdate().isoformat()
    if extract.file.size > settings.MAXWW_IMPORT_INLINE_BYTES:
        run_extract_import.enqueue(extract.pk, on)
        return False
    try:
        run_extract_import.call(extract.pk, on)
    except database_errors():
        pass  # rolled back and recorded as failed by import_extract
    return True
