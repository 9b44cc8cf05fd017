"""API: applications visible to the gatekeeper, export and import with errors."""

from django.urls import reverse
from django.utils import timezone

import pytest
from rest_framework.test import APIClient

from maxww.handover import services

from .factories import ON, traject_ready_for_handover

pytestmark = pytest.mark.django_db


def test_applications_list_and_import_errors():
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
    api = APIClient()
    api.force_authenticate(s.gatekeeper)
    rows = api.get(reverse("application-list")).json()
    rows = rows.get("results", rows)
    assert len(rows) == 1
    assert len(rows[0]["checks"]) == 5

    services.generate_key(organisation=s.partner, now=timezone.now())
    coach_api = APIClient()
    coach_api.force_authenticate(s.coach)
    package = coach_api.get(reverse("handover-package", args=[handover.uuid])).json()
    assert package["header"]["recipient"] == s.municipality_org.name

    response = api.post(reverse("handover-import-package"), package, format="json")
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_key"
