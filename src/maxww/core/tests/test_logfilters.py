"""A refused request logs one warning line, without a traceback (issue 20, bug 12)."""

from __future__ import annotations

from django.urls import reverse

import pytest

from maxww.core.logfilters import ClientErrorsWithoutTraceback
from maxww.organisations.constants import Role


@pytest.mark.django_db
def test_a_403_is_logged_without_a_traceback(client, make_user, caplog):
    client.force_login(make_user(role=Role.ANALYST))
    with caplog.at_level("WARNING", logger="django.request"):
        response = client.get(reverse("trajects:caseload"))
    assert response.status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    # Django passes the PermissionDenied as exc_info; the console handler's
    # filter (settings.LOGGING) has dropped it before any handler formats it.
    assert record.exc_info is None and record.exc_text is None
    assert record.getMessage().startswith("Forbidden")


def test_a_server_error_keeps_its_traceback():
    class Record:
        status_code = 500
        exc_info = ("type", "value", "traceback")
        exc_text = "Traceback ..."

    record = Record()
    assert ClientErrorsWithoutTraceback().filter(record)
    assert record.exc_info is not None
