"""Applying the policy to HTML views and templates.

``@requires(Perm.X, methods=("GET", "POST"))`` is the one decorator every
page carries, outermost. In order it answers: 405 for a method the page does
not take, the login page for an anonymous visitor (the client login for the
portal), 403 for a user without the permission. It records the permission on
the view (``view.policy``), so the access matrix is read from the views
themselves and a page without it is found by the test.

Templates ask ``{% if can.matching_write %}`` (the context processor below);
the name is the permission's enum name in lower case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .audit import flush
from .rules import Perm, can

READ = ("GET",)
FORM = ("GET", "POST")
WRITE = ("POST",)


def _with_head(methods: Iterable[str]) -> tuple[str, ...]:
    methods = tuple(m.upper() for m in methods)
    return (*methods, "HEAD") if "GET" in methods else methods


def requires(
    perm: Perm,
    *,
    methods: Iterable[str] = READ,
    per_method: dict | None = None,
    login_url: Callable[[HttpRequest], str] | None = None,
) -> Callable:
    """Allow ``methods`` to holders of ``perm`` (``per_method`` overrides one).

    ``login_url`` (a function of the request) replaces the login redirect of
    an anonymous visitor, for a page that passes on its own ``next``.
    """
    table = dict.fromkeys(_with_head(methods), Perm(perm))
    for method, other in (per_method or {}).items():
        table[method.upper()] = Perm(other)
        if method.upper() == "GET":
            table["HEAD"] = Perm(other)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            needed = table.get(request.method)
            if needed is None:
                return HttpResponseNotAllowed([m for m in table if m != "HEAD"])
            if needed != Perm.PUBLIC and not request.user.is_authenticated:
                if login_url is not None:
                    return redirect(login_url(request))
                login = (
                    reverse("portal:login")
                    if needed == Perm.OWN_DATA
                    else settings.LOGIN_URL
                )
                return redirect_to_login(request.get_full_path(), login)
            if not can(request.user, needed):
                raise PermissionDenied(_("Uw rol heeft geen toegang tot deze pagina."))
            try:
                response = view(request, *args, **kwargs)
            except BaseException:
                flush(request, 500)
                raise
            flush(request, response.status_code)
            return response

        wrapped.policy = table
        return wrapped

    return decorator


def view_policy(view: Callable) -> dict[str, Perm] | None:
    """The method → permission table a view was decorated with, if any."""
    return getattr(view, "policy", None)


class Can:
    """``can.<perm name>`` in templates: whether the user holds it."""

    def __init__(self, user: Any):
        self._user = user
        self._cache: dict[str, bool] = {}

    def __getattr__(self, name: str) -> bool:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._cache:
            try:
                perm = Perm[name.upper()]
            except KeyError as exc:
                raise AttributeError(name) from exc
            self._cache[name] = can(self._user, perm)
        return self._cache[name]

    __getitem__ = __getattr__


def context(request: HttpRequest) -> dict[str, Can]:
    """Context processor: ``can`` for the current user."""
    return {"can": Can(getattr(request, "user", None))}
