"""Bounded uploads: every cap is checked before, or while, the body is read.

1. ``UploadLimitMiddleware`` refuses a request whose ``Content-Length`` is above
   ``MAXWW_MAX_UPLOAD_BYTES`` (multipart) or ``DATA_UPLOAD_MAX_MEMORY_SIZE``
   (any other body: JSON, forms) with 413 before anything reads the body: a
   Dutch page in the UI, ``application/problem+json`` under ``/api/``. It then parses
   multipart bodies itself (before the CSRF check would), so that a full
   temporary directory gives the 507 of ``maxww.core.faults`` instead of a 500.
2. ``CappedUploadHandler`` counts the bytes of file parts as they stream in and
   stops at the same cap (a body without, or with a wrong, length). Files above
   ``FILE_UPLOAD_MAX_MEMORY_SIZE`` stream to a temporary file, then to storage.
3. ``inspect_xlsx`` and ``inspect_csv`` look at a stored file before any parser
   does: an XLSX's declared unpacked size, compression ratio and dimension (a
   zip bomb is refused in milliseconds), a CSV's encoding and line count, read
   in chunks of 1 MiB.

Every cap is a setting (``docs/configuration.md``).
"""

from __future__ import annotations

import codecs
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

import structlog

from maxww.core.faults import disk_full_response, is_disk_full, log_disk_full

logger = structlog.stdlib.get_logger(__name__)

CHUNK = 1024 * 1024  # bytes read at a time when a stored file is inspected
_BODY_METHODS = {"POST", "PUT", "PATCH"}
# The first sheet's <dimension ref="A1:X123"/> sits in its first few bytes.
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')
_HEAD = 64 * 1024
_RATIO_FROM = 1024 * 1024  # tiny files may compress oddly; ratio counts above this


class UploadRefusedError(ValueError):
    """A file refused by a cap, with a Dutch reason for the person."""


class UploadTooLargeError(MultiPartParserError):
    """The body streamed past ``MAXWW_MAX_UPLOAD_BYTES`` while it was read."""


def megabytes(size: int) -> str:
    """A size in whole MB for messages: ``megabytes(209715200) == '200'``."""
    return f"{size / (1024 * 1024):.0f}"


def too_large_message(limit: int | None = None) -> str:
    limit = settings.MAXWW_MAX_UPLOAD_BYTES if limit is None else limit
    return _(
        "Het bestand is te groot: de grens is %(mb)s MB. Er is niets opgeslagen. "
        "Splits het bestand of neem contact op met de beheerder."
    ) % {"mb": megabytes(limit)}


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def body_limit(request: HttpRequest) -> int:
    """Files stream to disk and may be large; any other body is held in memory."""
    if request.content_type == "multipart/form-data":
        return settings.MAXWW_MAX_UPLOAD_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def too_large_response(request: HttpRequest) -> HttpResponse:
    """413 with the reason: problem JSON for the API, a page with a way back else."""
    limit = body_limit(request)
    message = too_large_message(limit)
    if request.path.startswith("/api/"):
        from maxww.api.errors import problem_response

        return problem_response(413, message, code="upload_too_large", max_bytes=limit)
    return render(
        request, "413.html", {"message": message, "back": request.path}, status=413
    )


class UploadLimitMiddleware:
    """Refuse an over-large body by its declared length, then parse uploads early."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in _BODY_METHODS:
            return self.get_response(request)
        size = _content_length(request)
        if size > body_limit(request):
            logger.warning("upload_refused", path=request.path, size=size)
            return too_large_response(request)
        if request.content_type == "multipart/form-data":
            try:
                request.FILES  # noqa: B018 - parse the upload now, capped
            except UploadTooLargeError:
                logger.warning("upload_refused", path=request.path, size=size)
                return too_large_response(request)
            except OSError as exc:
                if not is_disk_full(exc):
                    raise
                log_disk_full(request, exc, stage="upload")
                return disk_full_response(request)
        return self.get_response(request)


class CappedUploadHandler(FileUploadHandler):
    """Counts the file bytes as they arrive; past the cap the upload stops.

    First in ``FILE_UPLOAD_HANDLERS``: it passes every chunk on to Django's
    memory and temporary-file handlers and keeps nothing itself.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding):  # noqa: N803 - Django names it
        self.received = 0
        if content_length > settings.MAXWW_MAX_UPLOAD_BYTES:
            raise UploadTooLargeError(too_large_message())

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.MAXWW_MAX_UPLOAD_BYTES:
            raise UploadTooLargeError(too_large_message())
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


# ----------------------------------------------------------- stored files


def upload_source(upload: UploadedFile) -> bytes | Path:
    """What ``read_table`` reads: a large upload's temporary file, a small one's bytes."""
    if hasattr(upload, "temporary_file_path"):
        return Path(upload.temporary_file_path())
    return upload.read()


@contextmanager
def local_path(stored: FieldFile) -> Iterator[Path]:
    """The stored file as a local path: its own on disk, else a streamed copy."""
    try:
        yield Path(stored.path)
        return
    except NotImplementedError:  # a storage without local paths (S3 and the like)
        pass
    suffix = Path(stored.name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy, stored.open("rb") as src:
        shutil.copyfileobj(src, copy, CHUNK)
        copy.flush()
        yield Path(copy.name)


def _limit(name: str, given: int | None) -> int:
    return getattr(settings, name) if given is None else given


def inspect_xlsx(
    source: BinaryIO | Path,
    *,
    max_unpacked: int | None = None,
    max_ratio: int | None = None,
    max_rows: int | None = None,
) -> None:
    """Refuse an XLSX by its zip directory before openpyxl opens it.

    Checks the declared unpacked size of all parts, the compression ratio and
    the row count the sheets declare (``<dimension>``). zipfile never unpacks
    more than a part declares, so a part that lies fails its CRC instead.
    Raises ``UploadRefusedError`` with the reason in Dutch.
    """
    max_unpacked = _limit("MAXWW_XLSX_MAX_UNPACKED_BYTES", max_unpacked)
    max_ratio = _limit("MAXWW_XLSX_MAX_RATIO", max_ratio)
    max_rows = _limit("MAXWW_IMPORT_MAX_ROWS", max_rows)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UploadRefusedError(
            _("Het XLSX-bestand kan niet gelezen worden: het is geen geldig XLSX.")
        ) from exc
    with archive:
        parts = archive.infolist()
        unpacked = sum(p.file_size for p in parts)
        packed = max(1, sum(p.compress_size for p in parts))
        if unpacked > max_unpacked:
            raise UploadRefusedError(
                _(
                    "Het XLSX-bestand is uitgepakt %(mb)s MB; de grens is %(max)s MB. "
                    "Sla het op als CSV of splits het."
                )
                % {"mb": megabytes(unpacked), "max": megabytes(max_unpacked)}
            )
        if unpacked > _RATIO_FROM and unpacked / packed > max_ratio:
            raise UploadRefusedError(
                _(
                    "Het XLSX-bestand pakt uit tot %(ratio)d keer zijn eigen grootte "
                    "(grens %(max)d keer); zo ziet een gewoon werkblad er niet uit. "
                    "Sla het op als CSV en probeer opnieuw."
                )
                % {"ratio": unpacked // packed, "max": max_ratio}
            )
        for part in parts:
            if not part.filename.startswith("xl/worksheets/"):
                continue
            with archive.open(part) as sheet:
                found = _DIMENSION.search(sheet.read(_HEAD))
            if found and found.group(1) and int(found.group(1)) - 1 > max_rows:
                raise too_many_rows(max_rows)


def too_many_rows(max_rows: int) -> UploadRefusedError:
    return UploadRefusedError(
        _("Het bestand heeft meer dan %(n)s regels; splits het bestand.")
        % {"n": f"{max_rows:,}".replace(",", ".")}
    )


def inspect_csv(source: BinaryIO | Path, *, max_rows: int | None = None) -> bytes:
    """Check a CSV in chunks: UTF-8, no NUL, at most ``max_rows`` data rows.

    Returns the first line (the header, BOM removed) so the caller can pick the
    delimiter without reading the file again. Raises ``UploadRefusedError``.
    """
    max_rows = _limit("MAXWW_IMPORT_MAX_ROWS", max_rows)
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    lines, offset, head = 0, 0, b""
    with _opened(source) as fh:
        while chunk := fh.read(CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                raise UploadRefusedError(
                    _(
                        "Het bestand is geen UTF-8-tekst (byte %(n)d). Sla het op "
                        "als 'CSV UTF-8' en probeer opnieuw."
                    )
                    % {"n": offset + exc.start + 1}
                ) from exc
            if b"\x00" in chunk:  # never text (UTF-16?); a database cannot store it
                raise UploadRefusedError(
                    _(
                        "Het bestand bevat NUL-tekens. Sla het op als 'CSV UTF-8' "
                        "en probeer opnieuw."
                    )
                )
            if offset == 0:
                head = chunk
            lines += chunk.count(b"\n")
            offset += len(chunk)
            if lines - 1 > max_rows:  # the header is a line, not a row
                raise too_many_rows(max_rows)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise UploadRefusedError(
                _("Het bestand is geen UTF-8-tekst (het eindigt midden in een teken).")
            ) from exc
    return head.removeprefix(codecs.BOM_UTF8).split(b"\n", 1)[0]


@contextmanager
def _opened(source: BinaryIO | Path) -> Iterator[BinaryIO]:
    """A path opened for reading, or a file object rewound before and after."""
    if isinstance(source, (str, Path)):
        with open(source, "rb") as fh:
            yield fh
        return
    source.seek(0)
    try:
        yield source
    finally:
        source.seek(0)
