"""Every URL × every HTTP method × every role, the client and anonymous.

The permission per method is read from each view (``@requires``, a viewset's
``policy``), the holders from ``maxww.policy.rules``; the descriptions from
``maxww/audit/access_matrix/table.py``. A new URL fails
``test_every_url_has_a_policy_and_an_entry`` until it has both. URLs with an
object in the path are requested with an id that does not exist: a subject
that may use the method gets 404 (the object is unknown or not visible to
it), one that may not gets 403, a method the URL does not take gets 405, and
nobody ever gets a 500.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse

import pytest

from maxww.audit.access_matrix import (
    ADMIN_LOGIN,
    API,
    FORBIDDEN,
    LOGIN,
    MATRIX,
    METHODS,
    PORTAL_LOGIN,
    REDIRECT,
    SUBJECTS,
    Access,
    Route,
    as_markdown,
    holders_of,
    is_staff_api,
    matrix_key,
    methods_of,
    missing_kwargs,
    permissions_markdown,
    routes_by_name,
    unmatched_urls,
    unpoliced_urls,
)
from maxww.organisations.constants import Role
from maxww.policy import CLIENT, Perm

ANONYMOUS = "anonymous"
# Wildcard entries are driven through these representatives.
WILDCARD_SAMPLES = {"admin:*": ("admin:index",)}
ALLOWED_STATUSES = {200, 201, 204, 302, 400}
DOC = Path(__file__).resolve().parents[4] / "docs" / "security" / "access-matrix.md"


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


def test_every_url_has_a_policy_and_an_entry():
    missing = [f"{r.name}  ({r.route})" for r in unmatched_urls()]
    unpoliced = [f"{r.name}  ({r.route})" for r in unpoliced_urls()]
    assert not missing, (
        "These URLs have no entry in maxww/audit/access_matrix/table.py:\n  "
        + "\n  ".join(missing)
    )
    assert not unpoliced, (
        "These URLs' views name no permission (@requires or a viewset policy):\n  "
        + "\n  ".join(unpoliced)
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


def test_the_doc_is_generated_from_the_policy():
    doc = DOC.read_text()
    for marker, text in (("matrix", as_markdown()), ("policy", permissions_markdown())):
        block = doc.split(f"<!-- {marker}:start -->\n", 1)[1].split(
            f"<!-- {marker}:end -->"
        )[0]
        assert block == text, (
            "docs/security/access-matrix.md is out of date: run "
            "`maxww audit matrix --write`."
        )


def _path(url: str) -> str:
    return urlsplit(url).path


def _anonymous(access: Access, route: Route, method: str, status: int, location: str):
    got = f"{status}{' -> ' + location if location else ''}"
    perm = methods_of(route).get(method)
    if perm is None:
        ok = status in (401, 403, 405) if access.anonymous == API else status == 405
        if access.anonymous == ADMIN_LOGIN:
            return None  # the admin answers methods itself, behind its login
        return None if ok else f"expected 405, got {got}"
    if perm == Perm.PUBLIC:
        if (
            status == 302
            and _path(location) == reverse("login")
            and not access.ends_at_login
        ):
            return f"public page sends to login: {got}"
        return None if status < 500 else f"server error {got}"
    target = {
        LOGIN: "login",
        PORTAL_LOGIN: "portal:login",
        ADMIN_LOGIN: "admin:login",
    }.get(access.anonymous)
    if target:
        if status == 302 and _path(location) == reverse(target):
            return None
        return f"expected redirect to {reverse(target)}, got {got}"
    assert access.anonymous == API
    return None if status in (401, 403) else f"expected 401/403, got {got}"


def _check(
    access: Access, route: Route, who: str, method: str, status: int, location: str
) -> str | None:
    """None when the response is what the policy says, else the reason."""
    if status >= 500:
        return f"server error {status}"
    if who == ANONYMOUS:
        return _anonymous(access, route, method, status, location)
    got = f"{status}{' -> ' + location if location else ''}"
    has_object = bool(missing_kwargs(route))
    perm = methods_of(route).get(method)
    if perm is None:
        if access.denied == ADMIN_LOGIN:
            return None  # the admin's own method handling
        if who == CLIENT and is_staff_api(route):
            # A client is refused by the staff API before the method is looked at.
            return None if status in (403, 405) else f"expected 403, got {got}"
        return None if status == 405 else f"expected 405, got {got}"
    if perm == Perm.PUBLIC or who in holders_of(route, method):
        if (
            status == 302
            and _path(location) == reverse("login")
            and not access.ends_at_login
        ):
            return f"allowed subject sent to login: {got}"
        if has_object:
            return None if status == 404 else f"expected 404 (no object), got {got}"
        allowed = set(access.ok) or ALLOWED_STATUSES
        return None if status in allowed else f"expected allowed, got {got}"
    if access.denied == FORBIDDEN:
        ok = status == 403 or (has_object and status == 404)
        return None if ok else f"expected 403, got {got}"
    if access.denied == REDIRECT:
        return None if status == 302 else f"expected a redirect, got {got}"
    if access.denied == ADMIN_LOGIN:
        ok = status == 302 and _path(location) == reverse("admin:login")
        return None if ok or status == 403 else f"expected the admin login, got {got}"
    raise AssertionError(f"unknown denied value {access.denied}")


@pytest.fixture
def subjects(make_user, db):
    """A logged-in client per staff role and for a portal client."""
    from maxww.organisations.tests.factories import OrganisationFactory, UserFactory
    from maxww.people.tests.factories import PersonFactory

    organisation = OrganisationFactory()
    clients = {ANONYMOUS: Client()}
    for role in SUBJECTS:
        if role == CLIENT:
            user = UserFactory(username="m_client", role="", organisation=None)
            PersonFactory(portal_user=user)
        else:
            user = make_user(
                role=role,
                organisation=organisation,
                username=f"m_{role}",
                is_staff=role == Role.FUNCTIONAL_ADMIN,
            )
        client = Client()
        client.force_login(user)
        clients[role] = client
    return clients


@pytest.mark.django_db
@pytest.mark.parametrize("name", _names_to_drive())
def test_url_answers_every_method_as_the_policy_says(name, subjects):
    route = routes_by_name()[name]
    access = MATRIX[matrix_key(name)]
    url = reverse(name, kwargs=missing_kwargs(route))
    failures = []
    for method in METHODS:
        for who, client in subjects.items():
            response = getattr(client, method.lower())(url)
            problem = _check(
                access,
                route,
                who,
                method,
                response.status_code,
                response.get("Location", ""),
            )
            if problem:
                failures.append(f"{method} as {who}: {problem}")
    assert not failures, f"{url} ({name}):\n  " + "\n  ".join(failures)


def test_no_role_list_outside_the_policy():
    """Views, viewsets and templates ask the policy; none compares roles itself."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.rglob("*"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        if path.suffix == ".html":
            text = path.read_text()
            if "user.role ==" in text or "user.role in" in text:
                offenders.append(str(path.relative_to(root)))
        elif path.name in ("views.py", "api.py", "viewsets.py"):
            text = path.read_text()
            if ".role in " in text or ".role not in " in text or "Role." in text:
                offenders.append(str(path.relative_to(root)))
        elif path.suffix == ".py" and "policy" not in path.parts:
            text = path.read_text()
            lists = ("role__in=(", ".role in (", ".role not in (", "_ROLES = ")
            if any(pattern in text for pattern in lists):
                offenders.append(str(path.relative_to(root)))
    assert not offenders, f"role checks outside maxww.policy: {offenders}"
