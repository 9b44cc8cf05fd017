"""The audit search page: filters, pagination, CSV export and chain check."""

import csv
import io
import uuid

from django.db import connection
from django.urls import reverse

import pytest

from maxww.audit.models import AccessLog
from maxww.audit.services import log_access
from maxww.organisations.constants import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, make_user):
    user = make_user(role=Role.FUNCTIONAL_ADMIN, username="privacy")
    client.force_login(user)
    return user


def _log(user, person_ref="", purpose="traject", basis="caseload", action="viewed"):
    return log_access(
        user=user,
        action=action,
        object_type="people.person",
        person_ref=person_ref,
        legal_basis=basis,
        purpose=purpose,
    )


@pytest.mark.parametrize(
    "role", [Role.COACH, Role.MANAGER, Role.ANALYST, Role.GATEKEEPER]
)
def test_only_the_functional_admin_may_search_the_log(client, make_user, role):
    client.force_login(make_user(role=role))
    assert client.get(reverse("audit:search")).status_code == 403
    assert client.post(reverse("audit:verify")).status_code == 403


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("audit:search"))
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_filters_by_person_user_and_basis(client, officer, make_user):
    coach = make_user(role=Role.COACH, username="coach1")
    other = make_user(role=Role.COACH, username="coach2")
    person = str(uuid.uuid4())
    _log(coach, person_ref=person)
    _log(other, person_ref=str(uuid.uuid4()), basis="consent")
    html = client.get(reverse("audit:search"), {"person_ref": person}).content.decode()
    assert "1 regel gevonden" in html
    assert "coach1" in html and "coach2" not in html
    html = client.get(
        reverse("audit:search"), {"legal_basis": "consent"}
    ).content.decode()
    assert "coach2" in html and "coach1" not in html
    html = client.get(reverse("audit:search"), {"username": "COACH1"}).content.decode()
    assert "coach1" in html and "coach2" not in html


def test_a_bad_date_range_is_explained(client, officer):
    html = client.get(
        reverse("audit:search"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    ).content.decode()
    assert "einddatum ligt vóór de begindatum" in html


def test_results_are_paginated_without_n_plus_one(
    client, officer, make_user, django_assert_max_num_queries
):
    coach = make_user(role=Role.COACH)
    for i in range(60):
        _log(coach, person_ref=f"p{i}")
    with django_assert_max_num_queries(14):
        first = client.get(reverse("audit:search"))
    assert len(first.context["page"].object_list) == 50
    second = client.get(reverse("audit:search"), {"pagina": 2})
    assert second.context["page"].number == 2
    assert "Pagina 2 van 2" in second.content.decode()


def test_csv_export_is_logged_and_neutralises_formulas(client, officer, make_user):
    _log(make_user(role=Role.COACH), purpose='=HYPERLINK("http://x")')
    response = client.get(reverse("audit:search"), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0][0] == "id"
    purposes = [row[11] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in purposes
    export = AccessLog.objects.get(event="accesslog_exported")
    assert export.username == "privacy" and export.action == "exported"


def test_searching_the_log_is_itself_logged(client, officer):
    client.get(reverse("audit:search"))
    assert AccessLog.objects.filter(
        event="accesslog_searched", username="privacy"
    ).exists()


def test_the_verify_button_shows_an_intact_chain(client, officer, make_user):
    _log(make_user())
    html = client.post(reverse("audit:verify")).content.decode()
    assert "De keten is intact" in html


def test_the_verify_button_names_the_broken_entry(client, officer, make_user):
    entry = _log(make_user())
    _log(make_user())
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_accesslog SET username = 'iemand' WHERE id = %s", [entry.pk]
        )
    response = client.post(reverse("audit:verify"))
    html = response.content.decode()
    assert f"De keten is verbroken bij regel {entry.pk}" in html
