"""Absurd input through the API (issue 20): 400 problem+json, the field named, in Dutch.

One row per write endpoint and absurd value. The API is where outsiders try
first, so it holds the same bounds as the forms (``core/validators.py``).
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

import pytest
from rest_framework.test import APIClient

from maxww.matching.tests.factories import EmployerFactory
from maxww.organisations.constants import OrganisationKind, Role
from maxww.organisations.tests.factories import OrganisationFactory, UserFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access
from maxww.people.tests.factories import PersonFactory
from maxww.trajects import services as traject_services

pytestmark = pytest.mark.django_db

TOO_LONG = "niet meer dan"  # Django's Dutch MaxLengthValidator message
IN_A_YEAR = (dt.date.today() + dt.timedelta(days=365)).isoformat()


class World:
    """Users and objects each endpoint needs, made once per test."""

    def __init__(self) -> None:
        wsp = OrganisationFactory(kind=OrganisationKind.WSP)
        uwv = OrganisationFactory(uwv=True, region=wsp.region)
        self.adviser = UserFactory(role=Role.EMPLOYER_ADVISER, organisation=wsp)
        self.coordinator = UserFactory(role=Role.COORDINATOR, organisation=uwv)
        self.coach = UserFactory(role=Role.COACH, organisation=uwv)
        self.employer = EmployerFactory(organisation=wsp)
        self.person = PersonFactory(owner=uwv)
        grant_access(person=self.person, organisation=uwv, basis=GrantBasis.CASELOAD)
        self.traject = traject_services.signal(
            person=self.person,
            organisation=uwv,
            by=self.coordinator,
            on=timezone.localdate(),
        )
        self.recipient = wsp


def _employer(w: World) -> tuple:
    body = {
        "kvk_number": "12345678",
        "name": "Distributiecentrum Dordtse Kil",
        "sector": "logistics",
        "postcode": "3311 AB",
    }
    return w.adviser, "post", reverse("employer-list"), body


def _vacancy(w: World) -> tuple:
    body = {
        "employer": str(w.employer.uuid),
        "title": "Orderpicker",
        "occupation": "9333",
        "hours_min": 24,
        "hours_max": 38,
        "postcode": "3311AB",
        "start_date": IN_A_YEAR,
    }
    return w.adviser, "post", reverse("vacancy-list"), body


def _consent(w: World) -> tuple:
    body = {
        "person": str(w.person.uuid),
        "purpose": "share_with_partner",
        "recipient": w.recipient.pk,
        "scope": "cv",
    }
    return w.coordinator, "post", reverse("consent-list"), body


def _transition(w: World) -> tuple:
    url = reverse("traject-transition", args=[w.traject.uuid])
    return w.coordinator, "post", url, {"to": "coaching"}


CASES = [
    (_employer, {"postcode": "ABCDEF"}, "postcode", "postcode"),
    (_employer, {"name": "x" * 3000}, "name", TOO_LONG),
    (_employer, {"contact_persons": "x" * 20_000}, "contact_persons", TOO_LONG),
    (_employer, {"agreements": "x" * 20_000}, "agreements", TOO_LONG),
    (_vacancy, {"title": "x" * 3000}, "title", TOO_LONG),
    (_vacancy, {"description": "x" * 20_000}, "description", TOO_LONG),
    (_vacancy, {"postcode": "ABCDEF"}, "postcode", "postcode"),
    (_consent, {"scope": "x" * 20_000}, "scope", TOO_LONG),
    (_transition, {"outcome_note": "x" * 20_000}, "outcome_note", TOO_LONG),
    (_transition, {"employer_name": "x" * 503}, "employer_name", TOO_LONG),
]


def _call(user, method: str, url: str, body: dict):
    api = APIClient()
    api.force_authenticate(user)
    return getattr(api, method)(url, body, format="json")


@pytest.mark.parametrize(
    ("endpoint", "absurd", "field", "message"),
    CASES,
    ids=[f"{c[0].__name__[1:]}-{c[2]}-{i}" for i, c in enumerate(CASES)],
)
def test_the_api_refuses_absurd_input_naming_the_field_in_dutch(
    endpoint, absurd, field, message
):
    user, method, url, body = endpoint(World())

    response = _call(user, method, url, {**body, **absurd})

    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    params = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert field in params, params
    assert message in params[field]


@pytest.mark.parametrize("endpoint", sorted({c[0] for c in CASES}, key=str))
def test_the_same_endpoints_accept_sane_input(endpoint):
    user, method, url, body = endpoint(World())

    response = _call(user, method, url, body)

    assert response.status_code in (200, 201), response.content


def test_a_vacancy_patch_with_a_3000_character_title_is_refused():
    w = World()
    user, _, url, body = _vacancy(w)
    created = _call(user, "post", url, body).json()

    response = _call(user, "patch", f"{url}{created['uuid']}/", {"title": "x" * 3000})

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "title"
