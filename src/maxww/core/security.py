"""Input hardening and security headers, shared by every app.

- ``mask_bsns``: replace anything that looks like a BSN (9 digits passing the
  elfproef) in free text, so that a BSN never reaches a log.
- ``check_upload``: accept an uploaded file only when its extension, size and
  first bytes agree (a renamed executable is not a PDF).
- ``sanitize_html``: keep a small allow-list of tags in rich text (nh3).
- ``SecurityHeadersMiddleware``: the headers Django has no setting for.

XLSX files are read with openpyxl ``read_only=True, data_only=True`` (see
``maxww.core.imports``): formulas are never evaluated (only a cached value, if
any, is read) and external links are not loaded (``keep_links=False``).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

import nh3
from stdnum.nl import bsn as stdnum_bsn

BSN_MASK = "[BSN verwijderd]"
# Nine digits, optionally grouped with dots, spaces or dashes (1234.56.782).
_BSN_CANDIDATE = re.compile(r"(?<![\d])\d(?:[ .-]?\d){8}(?![\d])")


def mask_bsns(text: str) -> str:
    """Replace every elfproef-valid 9-digit number in ``text`` by a marker.

    >>> mask_bsns("bel over 111222333 terug")
    'bel over [BSN verwijderd] terug'
    >>> mask_bsns("dossier 123456789")
    'dossier 123456789'
    """
    if not text or not any(ch.isdigit() for ch in text):
        return text

    def _replace(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return BSN_MASK if stdnum_bsn.is_valid(digits) else match.group(0)

    return _BSN_CANDIDATE.sub(_replace, text)


def contains_bsn(text: str) -> bool:
    """True when ``text`` holds something that passes as a BSN."""
    return mask_bsns(text) != text


# --- uploads -----------------------------------------------------------------

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024

_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "xlsx": (b"PK\x03\x04",),
}
_TEXT_TYPES = {"csv", "txt"}


def _read_all(file: IO[bytes] | bytes) -> bytes:
    if isinstance(file, bytes | bytearray):
        return bytes(file)
    if hasattr(file, "seek"):
        file.seek(0)
    data = b"".join(file.chunks()) if hasattr(file, "chunks") else file.read()
    if hasattr(file, "seek"):
        file.seek(0)
    return data


def check_upload(
    file: IO[bytes] | bytes,
    *,
    name: str | None = None,
    allowed: Iterable[str] = ("csv", "xlsx", "pdf", "png", "jpg"),
    max_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
) -> str:
    """Validate an upload by extension, size and magic bytes; return its type.

    ``file`` is a Django UploadedFile (its ``name`` is used) or bytes with
    ``name``. Raises ValidationError with a Dutch message.
    """
    filename = name or getattr(file, "name", "") or ""
    allowed_set = {a.lower().lstrip(".") for a in allowed}
    if "jpg" in allowed_set:
        allowed_set.add("jpeg")
    ext = Path(filename).suffix.lower().lstrip(".")
    if ext not in allowed_set:
        raise ValidationError(
            _("Bestandstype '%(ext)s' is niet toegestaan. Toegestaan: %(allowed)s.")
            % {"ext": ext or "?", "allowed": ", ".join(sorted(allowed_set))},
            code="extension",
        )
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise _too_big(max_bytes)
    data = _read_all(file)
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    if not data:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    if ext in _TEXT_TYPES:
        _check_text(data)
    else:
        if not data.startswith(_SIGNATURES[ext]):
            raise ValidationError(
                _("De inhoud past niet bij de extensie .%(ext)s.") % {"ext": ext},
                code="signature",
            )
        if ext == "xlsx":
            _check_xlsx(data)
    return "jpg" if ext == "jpeg" else ext


def _too_big(max_bytes: int) -> ValidationError:
    return ValidationError(
        _("Het bestand is te groot (maximaal %(mb)s MB).")
        % {"mb": round(max_bytes / 1024 / 1024, 1)},
        code="size",
    )


def _check_text(data: bytes) -> None:
    head = data[:4096]
    if b"\x00" in head or head.startswith((b"PK\x03\x04", b"%PDF", b"MZ", b"\x7fELF")):
        raise ValidationError(
            _("Dit is geen tekstbestand (CSV); sla het op als CSV."), code="signature"
        )


def _check_xlsx(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise ValidationError(
            _("Dit XLSX-bestand is beschadigd."), code="signature"
        ) from exc
    if "[Content_Types].xml" not in names:
        raise ValidationError(
            _("Dit is geen XLSX-werkmap (het is een ander zip-bestand)."),
            code="signature",
        )
    if any(n.startswith("xl/vbaProject") for n in names):
        raise ValidationError(
            _("Werkmappen met macro's worden niet geaccepteerd."), code="macro"
        )


# --- rich text ---------------------------------------------------------------

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitize_html(text: str) -> str:
    """Rich text reduced to a small allow-list: no scripts, styles or handlers.

    >>> sanitize_html('<p onclick="x()">Hoi<script>alert(1)</script></p>')
    '<p>Hoi</p>'
    """
    return nh3.clean(
        text or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


# --- headers -----------------------------------------------------------------

SECURITY_HEADERS = {
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "interest-cohort=()"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


class SecurityHeadersMiddleware:
    """Add Permissions-Policy, COOP/CORP and friends to every response.

    Pages with personal data must not be cached by shared caches either, so
    responses for logged-in users get ``Cache-Control: private, no-store``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for header, value in SECURITY_HEADERS.items():
            response.headers.setdefault(header, value)
        user = getattr(request, "user", None)
        if (
            user is not None
            and getattr(user, "is_authenticated", False)
            and "Cache-Control" not in response.headers
        ):
            response.headers["Cache-Control"] = "private, no-store"
        return response


# --- logs --------------------------------------------------------------------


def mask_bsn_processor(logger: object, method_name: str, event_dict: dict) -> dict:
    """structlog processor: mask BSN-looking numbers in every string value.

    A last line of defence; code should not put a BSN in a log at all.
    """
    for key, value in event_dict.items():
        if isinstance(value, str) and any(ch.isdigit() for ch in value):
            event_dict[key] = mask_bsns(value)
    return event_dict
