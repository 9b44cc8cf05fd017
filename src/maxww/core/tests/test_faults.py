"""A full disk anywhere answers 507 with a clear Dutch message, never a bare 500."""

from __future__ import annotations

import errno
import json

from django.http import HttpResponse
from django.urls import reverse

import pytest

from maxww.core.faults import DiskFullMiddleware

FULL = OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def middleware():
    return DiskFullMiddleware(lambda request: HttpResponse("ok"))


@pytest.mark.django_db
def test_a_page_that_hits_a_full_disk_gets_a_507_page(rf, middleware, caplog):
    request = rf.post("/trajecten/")
    request.user = None
    response = middleware.process_exception(request, FULL)
    assert response.status_code == 507
    assert "De schijf is vol" in response.content.decode()
    assert "disk_full" in caplog.text


def test_the_api_gets_a_structured_507(rf, middleware):
    response = middleware.process_exception(rf.post(reverse("session-list")), FULL)
    assert response.status_code == 507
    assert json.loads(response.content)["code"] == "disk_full"


def test_other_errors_are_left_to_the_normal_handling(rf, middleware):
    other = OSError(errno.EACCES, "Permission denied")
    assert middleware.process_exception(rf.get("/"), other) is None
