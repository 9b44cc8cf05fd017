"""Sessions slide without a database write on every request."""

from contextlib import contextmanager
from datetime import datetime
from unittest import mock

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from maxww.organisations.constants import Role

pytestmark = pytest.mark.django_db


@contextmanager
def _at(moment: str):
    """Stop the clock at ``moment`` for the session store and the middleware."""
    now = datetime.fromisoformat(moment)
    with (
        mock.patch("django.utils.timezone.now", return_value=now),
        mock.patch("maxww.core.middleware.time.time", return_value=now.timestamp()),
    ):
        yield


def _session_writes(queries) -> int:
    return sum(
        1
        for q in queries
        if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
    )


def test_a_busy_session_is_saved_at_most_once_a_minute(client, make_user, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    client.force_login(make_user(role=Role.COACH))
    with _at("2026-03-02T09:00:00+00:00"):
        # The first request after login saves the refresh mark.
        client.get(reverse("home"))
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("home"))
            client.get(reverse("home"))
        assert _session_writes(queries.captured_queries) == 0
    with _at("2026-03-02T09:01:01+00:00"):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("home"))
        assert _session_writes(queries.captured_queries) == 1
        session = Session.objects.get()
    assert session.expire_date.isoformat() == "2026-03-02T09:31:01+00:00"


def test_an_idle_session_still_ends_after_the_timeout(client, make_user, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    with _at("2026-03-02T09:00:00+00:00"):
        client.force_login(make_user(role=Role.COACH))
        assert client.get(reverse("home")).status_code == 200
    with _at("2026-03-02T09:29:00+00:00"):
        # Activity pushes the end out.
        assert client.get(reverse("home")).status_code == 200
    with _at("2026-03-02T09:58:00+00:00"):
        assert client.get(reverse("home")).status_code == 200
    with _at("2026-03-02T10:29:00+00:00"):
        # 31 minutes idle: log in again.
        assert client.get(reverse("home")).status_code == 302


def test_anonymous_visitors_get_no_session(client):
    assert client.get(reverse("login")).status_code == 200
    assert not Session.objects.exists()
    assert "sessionid" not in client.cookies
