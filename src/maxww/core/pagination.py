"""The page parameter of the list pages (``?pagina=2``) and the links around it."""

from __future__ import annotations

from django.http import HttpRequest

PAGE_PARAM = "pagina"


def query_without_page(request: HttpRequest) -> str:
    """The request's query string without the page number, for the page links."""
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return params.urlencode()
