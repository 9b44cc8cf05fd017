"""Every URL, as every role and as an anonymous visitor, against the matrix.

The matrix lives in ``maxww/audit/access_matrix.py`` (and, for people, in
``docs/security/access-matrix.md``). A new URL fails
``test_every_url_is_in_the_matrix`` until it has an entry. URLs with an
object in the path are requested with an id that does not exist: a role
that may use the page gets 404 (the object is unknown or not visible to
it), a role that may not gets 403, and nobody ever gets a 500.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse

import pytest

from maxww.audit.access_matrix import (
    ADMIN_LOGIN,
    ALL_ROLES,
    API,
    FORBIDDEN,
    LOGIN,
    MATRIX,
    PORTAL_LOGIN,
    PUBLIC,
    REDIRECT,
    Access,
    Route,
    as_markdown,
    matrix_key,
    missing_kwargs,
    routes_by_name,
    unmatched_urls,
)
from maxww.organisations.constants import Role

ANONYMOUS = "anonymous"
# Wildcard entries are driven through these representatives.
WILDCARD_SAMPLES = {"admin:*": ("admin:index",)}
ALLOWED_STATUSES = {200, 201, 204, 302, 400}


def _names_to_drive() -> list[str]:
    names = []
    for name in sorted(routes_by_name()):
        key = matrix_key(name)
        if key is None:
            continue
        if key.endswith(":*") and name not in WILDCARD_SAMPLES.get(key, ()):
            continue
        names.append(name)
    return names


def test_every_url_is_in_the_matrix():
    missing = [f"{r.name}  ({r.route})" for r in unmatched_urls()]
    assert not missing, (
        "These URLs are not in the access matrix; add them to "
        "maxww/audit/access_matrix.py and docs/security/access-matrix.md:\n  "
        + "\n  ".join(missing)
    )


def test_the_matrix_has_no_stale_entries():
    names = set(routes_by_name())
    stale = [
        key
        for key in MATRIX
        if not (
            key in names
            or (key.endswith(":*") and any(n.startswith(key[:-1]) for n in names))
        )
    ]
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


def test_the_doc_mirrors_the_matrix():
    doc = (
        Path(__file__).resolve().parents[4] / "docs" / "security" / "access-matrix.md"
    ).read_text()
    block = doc.split("<!-- matrix:start -->\n", 1)[1].split("<!-- matrix:end -->")[0]
    assert block == as_markdown(), (
        "docs/security/access-matrix.md is out of date: paste the output of "
        "`maxww audit matrix` between the matrix markers."
    )


def _path(url: str) -> str:
    return urlsplit(url).path


def _check(
    access: Access, route: Route, who: str, status: int, location: str
) -> str | None:
    """None when the response is what the matrix says, else the reason."""
    has_object = bool(missing_kwargs(route))
    got = f"{status}{' -> ' + location if location else ''}"
    if who == ANONYMOUS:
        expected_target = {
            LOGIN: "login",
            PORTAL_LOGIN: "portal:login",
            ADMIN_LOGIN: "admin:login",
        }.get(access.anonymous)
        if expected_target:
            if status == 302 and _path(location) == reverse(expected_target):
                return None
            return f"expected redirect to {reverse(expected_target)}, got {got}"
        if access.anonymous == API:
            return None if status in (401, 403) else f"expected 401/403, got {got}"
        assert access.anonymous == PUBLIC
        if (
            status == 302
            and _path(location) == reverse("login")
            and not access.ends_at_login
        ):
            return f"public page sends to login: {got}"
        return None
    if who in access.roles:
        if (
            status == 302
            and _path(location) == reverse("login")
            and not access.ends_at_login
        ):
            return f"allowed role sent to login: {got}"
        if has_object:
            return (
                None if status == 404 else f"expected 404 (no such object), got {got}"
            )
        allowed = set(access.ok) or ALLOWED_STATUSES
        return None if status in allowed else f"expected allowed, got {got}"
    if access.denied == FORBIDDEN:
        ok = status == 403 or (has_object and status == 404)
        return None if ok else f"expected 403, got {got}"
    if access.denied == REDIRECT:
        return None if status == 302 else f"expected a redirect, got {got}"
    if access.denied == ADMIN_LOGIN:
        ok = status == 302 and _path(location) == reverse("admin:login")
        return None if ok else f"expected redirect to the admin login, got {got}"
    raise AssertionError(f"unknown denied value {access.denied}")


@pytest.mark.django_db
@pytest.mark.parametrize("name", _names_to_drive())
def test_url_answers_every_role_as_the_matrix_says(name, make_user):
    from maxww.organisations.tests.factories import OrganisationFactory

    route = routes_by_name()[name]
    access = MATRIX[matrix_key(name)]
    url = reverse(name, kwargs=missing_kwargs(route))
    organisation = OrganisationFactory()
    failures = []
    for who in [ANONYMOUS, *sorted(ALL_ROLES)]:
        client = Client()
        if who != ANONYMOUS:
            client.force_login(
                make_user(
                    role=who,
                    organisation=organisation,
                    username=f"m_{who}",
                    is_staff=who == Role.FUNCTIONAL_ADMIN,
                )
            )
        response = client.post(url) if access.method == "POST" else client.get(url)
        problem = _check(
            access, route, who, response.status_code, response.get("Location", "")
        )
        if problem:
            failures.append(f"{who}: {problem}")
    assert not failures, f"{access.method} {url} ({name}):\n  " + "\n  ".join(failures)
