"""A full disk, recognised wherever it surfaces, and a friendly 507 for it.

A disk fills up in three places a request can hit: the temporary file of a
large upload (``OSError`` ENOSPC), PostgreSQL extending a table (SQLSTATE 53100
``disk_full``, wrapped in Django's ``OperationalError``) and SQLite
(``SQLITE_FULL``). ``is_disk_full`` recognises all three, also when wrapped.

``DiskFullMiddleware`` turns an unhandled one into a 507 page (or JSON for the
API) with a Dutch message, and logs ``disk_full``. Views that can keep the
user's form, like the extract upload, catch it themselves first.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable

from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

import structlog

logger = structlog.stdlib.get_logger(__name__)

DISK_FULL_STATUS = 507  # Insufficient Storage (RFC 4918)
_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_PG_DISK_FULL = "53100"


def disk_full_message() -> str:
    return _(
        "De schijf is vol; het bestand is niet opgeslagen. Probeer het later "
        "opnieuw of neem contact op met de beheerder."
    )


def is_disk_full(exc: BaseException | None) -> bool:
    """True when ``exc`` (or what caused it) says the disk or quota is full."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in _ERRNOS:
            return True
        if getattr(exc, "sqlstate", None) == _PG_DISK_FULL:
            return True
        if (
            isinstance(exc, sqlite3.Error)
            and getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
        ):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def database_errors(using: str = "default") -> tuple[type[Exception], ...]:
    """Django's DatabaseError and the driver's own base error.

    Raw driver calls (``cursor.copy`` for COPY) are not wrapped by Django, so a
    dropped connection can surface as e.g. ``psycopg.errors.AdminShutdown``.
    """
    return (DatabaseError, connections[using].Database.Error)


def drop_broken_connection(using: str = "default") -> None:
    """After the server dropped us, let the next query connect afresh.

    Django closes a connection whose rollback failed, but one that broke in
    autocommit mode stays open and unusable until the request ends. Never
    inside an atomic block: that transaction is lost either way.
    """
    conn = connections[using]
    if conn.connection is None or conn.in_atomic_block:
        return
    if not conn.is_usable():
        conn.close()


def log_disk_full(request: HttpRequest | None, exc: BaseException, **extra) -> None:
    """One ``disk_full`` error event: where, not what (no file names or data)."""
    logger.error(
        "disk_full",
        path=getattr(request, "path", ""),
        method=getattr(request, "method", ""),
        error=type(exc).__name__,
        errno=getattr(exc, "errno", None),
        **extra,
    )


def disk_full_response(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": disk_full_message(), "code": "disk_full"},
            status=DISK_FULL_STATUS,
        )
    return render(
        request,
        "507.html",
        {"message": disk_full_message()},
        status=DISK_FULL_STATUS,
    )


class DiskFullMiddleware:
    """Answer a full disk with 507 and a clear message instead of a 500.

    A full temporary directory while a large upload streams to disk is caught
    earlier, where ``maxww.core.uploads.UploadLimitMiddleware`` parses uploads
    (before the CSRF check reads them); this catches what views raise.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if not is_disk_full(exception):
            return None
        log_disk_full(request, exception, stage="view")
        return disk_full_response(request)
