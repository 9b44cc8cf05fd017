"""Screening API: visibility and logging, structured import errors, model card."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rest_framework.test import APIClient

from maxww.audit.models import AccessLog
from maxww.screening.services import refresh_screening

from .conftest import EXAMPLE, read
from .test_views import make_people


def test_people_in_windows_are_visible_only_and_logged(coordinator, region, uwv):
    from maxww.organisations.models import Organisation

    end = dt.date.today() + dt.timedelta(days=80)
    make_people(region, uwv, 2, end=end)
    other = Organisation.objects.create(name="UWV Elders", kind="uwv", region=region)
    make_people(region, other, 3, end=end, start_n=10)
    refresh_screening(on=dt.date.today())
    client = APIClient()
    client.force_authenticate(coordinator)
    response = client.get(reverse("screening-person-list"), {"window": "coaching"})
    assert response.status_code == 200
    assert response.data["count"] == 2
    assert {r["window"] for r in response.data["results"]} == {"coaching"}
    assert AccessLog.objects.filter(action="listed").count() == 2


def test_upload_returns_structured_row_errors(coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    bad = SimpleUploadedFile("bad.csv", read("bad_rows.csv"))
    response = client.post(
        reverse("screening-import"), {"file": bad}, format="multipart"
    )
    assert response.status_code == 400
    assert {
        "line": 2,
        "column": "bsn",
        "reason": "Dit BSN voldoet niet aan de elfproef.",
    } in response.data["report"]["errors"]
    assert response["Content-Type"] == "application/problem+json"
    good = SimpleUploadedFile("x.csv", EXAMPLE.read_bytes())
    response = client.post(
        reverse("screening-import"), {"file": good}, format="multipart"
    )
    assert response.status_code == 201 and response.data["created"] == 20
    again = SimpleUploadedFile("x.csv", EXAMPLE.read_bytes())
    response = client.post(
        reverse("screening-import"), {"file": again}, format="multipart"
    )
    assert response.status_code == 200 and response.data["is_duplicate"]


def test_model_card_is_404_without_a_model(coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    assert client.get(reverse("screening-model-card")).status_code == 404
