"""The access matrix holds for staff who logged in through their provider.

Same URLs, roles and expected answers as audit/tests/test_access_matrix.py, but
every session is an OIDC login whose provider asserted a second factor, with
two-factor authentication required: roles stay maxww's, the provider only
vouches for who someone is.
"""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

import pytest

from maxww.accounts.sso import BACKEND, MFA_BY_PROVIDER_KEY
from maxww.audit.access_matrix import (
    MATRIX,
    matrix_key,
    methods_of,
    missing_kwargs,
    routes_by_name,
)
from maxww.audit.tests.test_access_matrix import _check, _names_to_drive
from maxww.organisations.constants import Role


def _oidc_client(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    session = client.session
    session[MFA_BY_PROVIDER_KEY] = True
    session.save()
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("name", _names_to_drive())
def test_url_answers_oidc_logins_as_the_matrix_says(name, make_user, settings):
    settings.MAXWW_REQUIRE_2FA = True
    from maxww.organisations.tests.factories import OrganisationFactory

    route = routes_by_name()[name]
    access = MATRIX[matrix_key(name)]
    url = reverse(name, kwargs=missing_kwargs(route))
    # The method the URL is used with (the full method sweep is the audit test's).
    methods = methods_of(route)
    method = "GET" if "GET" in methods or not methods else sorted(methods)[0]
    organisation = OrganisationFactory()
    failures = []
    for role in sorted(Role.values):
        user = make_user(
            role=role,
            organisation=organisation,
            username=f"oidc_{role}",
            is_staff=role == Role.FUNCTIONAL_ADMIN,
        )
        client = _oidc_client(user)
        response = getattr(client, method.lower())(url)
        problem = _check(
            access,
            route,
            role,
            method,
            response.status_code,
            response.get("Location", ""),
        )
        if problem:
            failures.append(f"{role}: {problem}")
    assert not failures, f"{method} {url} ({name}):\n  " + "\n  ".join(failures)
