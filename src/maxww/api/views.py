"""API-wide error views: JSON under /api/, where Django would answer with a page.

A malformed id in an API path (``/api/v1/trajects/0.5/``) matches no route, and a
multipart body that cannot be parsed fails before any view runs; an API client
should still get the problem document (``maxww.api.errors``), not an HTML page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views import defaults

from rest_framework.exceptions import NotFound, ParseError

from .errors import problem_response


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The project's 400 handler."""
    if _is_api(request):
        return problem_response(400, str(ParseError.default_detail), code="parse_error")
    return defaults.bad_request(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The project's 404 handler."""
    if _is_api(request):
        return problem_response(404, str(NotFound.default_detail))
    return defaults.page_not_found(request, exception)
