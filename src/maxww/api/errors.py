"""One error contract for the API: RFC 9457 ``application/problem+json``.

Every refusal, from DRF, from a service's Django ``ValidationError``, from
Django's own 400/404 handlers and from the two-factor middleware, answers::

    {"type": "https://maxww.nl/problemen/<code>", "code": "<code>",
     "title": "...", "status": 400, "detail": "...",
     "invalidParams": [{"name": "field", "code": "invalid", "reason": "..."}]}

as the Common Ground (ZGW) APIs do. ``invalidParams`` is there for input
errors only; a row-by-row import report rides along as ``errors``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _

from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_TYPE = "application/problem+json"
TYPE_BASE = "https://maxww.nl/problemen/"

#: Per status: the code used when a refusal names none, and the title.
STATUSES: dict[int, tuple[str, str]] = {
    400: ("invalid", "Ongeldige invoer"),
    401: ("not_authenticated", "Niet ingelogd"),
    403: ("permission_denied", "Geen toegang"),
    404: ("not_found", "Niet gevonden"),
    405: ("method_not_allowed", "Methode niet toegestaan"),
    406: ("not_acceptable", "Antwoordformaat niet beschikbaar"),
    409: ("conflict", "Conflict"),
    413: ("too_large", "Bestand te groot"),
    415: ("unsupported_media_type", "Inhoudstype niet ondersteund"),
    422: ("unprocessable", "Niet te verwerken"),
    429: ("throttled", "Te veel verzoeken"),
}


class Problem(exceptions.APIException):
    """An API refusal with its own status and code (e.g. 409, 422)."""

    def __init__(self, detail: str, *, status_code: int, code: str, **extra: Any):
        super().__init__(detail=detail, code=code)
        self.status_code = status_code
        self.extra = extra


def problem(
    status_code: int,
    detail: str,
    *,
    code: str = "",
    invalid_params: list[dict[str, str]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The problem document for one refusal."""
    default_code, title = STATUSES.get(status_code, ("error", "Fout"))
    code = code or default_code
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "code": code,
        "title": title,
        "status": status_code,
        "detail": detail,
    }
    if invalid_params:
        body["invalidParams"] = invalid_params
    body.update(extra)
    return body


def problem_response(status_code: int, detail: str, **kwargs: Any) -> JsonResponse:
    """A plain Django response with a problem document (outside DRF)."""
    return JsonResponse(
        problem(status_code, detail, **kwargs),
        status=status_code,
        content_type=PROBLEM_TYPE,
    )


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """DRF's nested error detail as a flat list of (name, code, reason)."""

    def path(key: object) -> str:
        return f"{prefix}.{key}" if prefix else str(key)

    if isinstance(detail, dict):
        return [i for key, value in detail.items() for i in _flatten(value, path(key))]
    if isinstance(detail, list):
        # A list of messages belongs to one field; a list of objects is indexed.
        messages = all(isinstance(d, str) for d in detail)
        return [
            item
            for index, value in enumerate(detail)
            for item in _flatten(value, prefix if messages else path(index))
        ]
    return [
        {
            "name": prefix or "nonFieldErrors",
            "code": getattr(detail, "code", "invalid"),
            "reason": str(detail),
        }
    ]


def _from_django(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(
            {
                ("non_field_errors" if k == "__all__" else k): [
                    m for err in v for m in err.messages
                ]
                for k, v in exc.error_dict.items()
            }
        )
    return exceptions.ValidationError({"non_field_errors": exc.messages})


def exception_handler(exc: Exception, context: dict) -> Any:
    """DRF's ``EXCEPTION_HANDLER``: every error as a problem document."""
    if isinstance(exc, DjangoValidationError):
        exc = _from_django(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*(exc.args[:1] or ()))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        params = _flatten(exc.detail)
        detail = (
            params[0]["reason"]
            if len(params) == 1
            else _("De invoer bevat %(n)d fouten.") % {"n": len(params)}
        )
        body = problem(
            response.status_code, detail, code="invalid", invalid_params=params
        )
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", "") or getattr(exc, "default_code", "")
        body = problem(
            response.status_code,
            str(detail),
            code=str(code),
            **getattr(exc, "extra", {}),
        )
    response.data = body
    response.content_type = PROBLEM_TYPE
    return response


__all__ = [
    "PROBLEM_TYPE",
    "Problem",
    "exception_handler",
    "problem",
    "problem_response",
    "status",
]
