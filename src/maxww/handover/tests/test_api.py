"""API: applications visible to the gatekeeper, export and import with errors."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

import pytest
from rest_framework.test import APIClient

from maxww.handover import services
from maxww.handover.models import Handover

from .factories import ON, Setup, traject_ready_for_handover

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Applied:
    s: Setup  # coach, partner, gatekeeper and municipality of the traject
    handover: Handover  # handed over by the coach; the application came from it


@pytest.fixture
def applied() -> Applied:
    s = traject_ready_for_handover()
    handover = services.hand_over(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )
    services.register_application(
        person=handover.person,
        organisation=s.municipality_org,
        by=s.gatekeeper,
        application_date=ON,
        received_at=timezone.now(),
        handover=handover,
    )
    return Applied(s, handover)


def _api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def _package(applied: Applied) -> dict:
    """The coach exports the handover as a signed package."""
    services.generate_key(organisation=applied.s.partner, now=timezone.now())
    url = reverse("handover-package", args=[applied.handover.uuid])
    return _api(applied.s.coach).get(url).json()


def test_gatekeeper_lists_the_application_with_its_five_checks(applied):
    rows = _api(applied.s.gatekeeper).get(reverse("application-list")).json()
    rows = rows.get("results", rows)
    assert len(rows) == 1
    assert len(rows[0]["checks"]) == 5


def test_coach_exports_a_package_addressed_to_the_municipality(applied):
    package = _package(applied)
    assert package["header"]["recipient"] == applied.s.municipality_org.name


def test_importing_a_package_signed_by_an_untrusted_key_is_refused(applied):
    package = _package(applied)
    response = _api(applied.s.gatekeeper).post(
        reverse("handover-import-package"), package, format="json"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_key"
