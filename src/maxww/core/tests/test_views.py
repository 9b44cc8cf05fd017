"""Start page per role, login lockout, health check and the API schema."""

from django.urls import reverse

import pytest

from maxww.organisations.constants import Role

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_status(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"


def test_start_page_needs_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_login_page_is_dutch_and_labelled(client):
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="nl"' in html
    assert 'for="id_username"' in html
    assert "Naar de inhoud" in html  # skip link


@pytest.mark.parametrize(
    ("role", "expected", "absent"),
    [
        (Role.COORDINATOR, ["API"], ["Beheer", "Auditlog"]),
        (Role.FUNCTIONAL_ADMIN, ["Beheer", "API"], ["Rekenhulp"]),
        (Role.ANALYST, ["API"], ["Rekenhulp", "Beheer", "Screening"]),
        (Role.GATEKEEPER, ["API"], ["Beheer", "Screening"]),
    ],
)
def test_navigation_follows_the_role(client, make_user, role, expected, absent):
    user = make_user(role=role)
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    nav = html.split('aria-label="Hoofdmenu"', 1)[1].split("</nav>", 1)[0]
    for label in expected:
        assert f">{label}</a>" in nav, label
    for label in absent:
        assert f">{label}</a>" not in nav, label
    assert user.get_role_display() in html


def test_login_succeeds_with_the_right_password(client, make_user):
    make_user(username="kees")
    response = client.post(
        reverse("login"), {"username": "kees", "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_wrong_password_shows_a_dutch_error_and_keeps_the_username(client, make_user):
    make_user(username="kees")
    response = client.post(reverse("login"), {"username": "kees", "password": "fout"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in html
    assert 'value="kees"' in html


def test_account_locks_after_repeated_failures(client, make_user, settings):
    make_user(username="kees")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "kees", "password": "fout"})
    response = client.post(
        reverse("login"), {"username": "kees", "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302  # still not logged in


def test_api_requires_authentication(client):
    assert client.get(reverse("api-me")).status_code in (401, 403)


def test_api_session_authentication(client, make_user):
    user = make_user(role=Role.COORDINATOR)
    client.force_login(user)
    response = client.get(reverse("api-me"))
    assert response.status_code == 200
    assert response.json()["role"] == "coordinator"


def test_openapi_schema_generates_without_warnings():
    from django.core.management import call_command

    call_command("spectacular", "--fail-on-warn", "--file", "/dev/null")


def test_api_docs_page_is_served(client, make_user):
    client.force_login(make_user())
    assert client.get(reverse("api-schema")).status_code == 200
    assert client.get(reverse("api-docs")).status_code == 200


def test_responses_carry_a_request_id(client):
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="abc-123")
    assert response["X-Request-ID"] == "abc-123"


def test_a_client_is_sent_to_the_portal_from_the_start_page(client, make_user):
    from maxww.people.tests.factories import PersonFactory

    user = make_user(role="")
    PersonFactory(portal_user=user)
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("portal:home")
