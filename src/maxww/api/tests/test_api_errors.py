"""What schemathesis found: bad input answers 4xx, as documented, never 500."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from rest_framework.test import APIClient

from maxww.handover import services as handover_services
from maxww.handover.tests.factories import ON, traject_ready_for_handover
from maxww.matching.tests.factories import (
    CandidateProfileFactory,
    VacancyFactory,
)
from maxww.organisations.constants import OrganisationKind, Role
from maxww.organisations.tests.factories import OrganisationFactory, UserFactory
from maxww.people.services import grant_access
from maxww.trajects.tests.factories import TrajectFactory
from maxww.voorlichting.constants import SessionFormat
from maxww.voorlichting.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def coach():
    return UserFactory(role=Role.COACH)


@pytest.fixture
def schema(client) -> dict:
    return client.get(reverse("api-schema") + "?format=json").json()


def test_an_api_url_that_matches_no_route_answers_json_404(coach):
    response = _api(coach).get("/api/v1/trajects/0.5/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404 and response.json()["detail"]


def test_a_page_that_does_not_exist_is_still_the_html_404(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]


def test_an_unreadable_multipart_body_answers_json_400():
    """Middleware reads uploads before the view; a bad body was an HTML 400."""
    coordinator = UserFactory(
        role=Role.COORDINATOR, organisation=OrganisationFactory(uwv=True)
    )
    body = b"--grens\r\n" + b"x" * 2000 + b"\r\n--grens--\r\n"

    response = _api(coordinator).generic(
        "POST",
        reverse("screening-import"),
        body,
        content_type="multipart/form-data; boundary=grens",
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "parse_error"


def test_handover_package_with_a_malformed_uuid_is_not_found():
    s = traject_ready_for_handover()

    response = _api(s.coach).get("/api/v1/handovers/null,null/package/")

    assert response.status_code == 404


def test_handover_package_without_a_signing_key_is_a_conflict_with_the_reason():
    s = traject_ready_for_handover()
    handover = handover_services.hand_over(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )

    response = _api(s.coach).get(reverse("handover-package", args=[handover.uuid]))

    assert response.status_code == 409
    assert "ondertekeningssleutel" in response.json()["detail"]


def test_handover_import_of_a_bare_number_is_refused_as_an_invalid_envelope():
    s = traject_ready_for_handover()

    response = _api(s.gatekeeper).post(
        reverse("handover-import-package"), -2.9e16, format="json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_envelope"


def test_sessions_filter_on_format_instead_of_picking_a_renderer():
    uwv = OrganisationFactory(uwv=True)
    coordinator = UserFactory(role=Role.COORDINATOR, organisation=uwv)
    SessionFactory(organisation=uwv, format=SessionFormat.GROUP_INFO)
    workshop = SessionFactory(organisation=uwv, format=SessionFormat.WORKSHOP_CV)

    response = _api(coordinator).get(reverse("session-list") + "?format=workshop_cv")

    assert response.status_code == 200
    assert [s["uuid"] for s in response.json()["results"]] == [str(workshop.uuid)]


def test_trajects_mine_filter_refuses_a_value_that_is_not_a_boolean():
    s = traject_ready_for_handover()
    api = _api(s.coach)

    assert api.get(reverse("traject-list") + "?mine=null").status_code == 400
    mine = api.get(reverse("traject-list") + "?mine=true").json()["results"]
    assert [t["uuid"] for t in mine] == [str(s.traject.uuid)]


def test_vacancies_shared_filter_refuses_a_value_that_is_not_a_boolean(coach):
    assert (
        _api(coach).get(reverse("vacancy-list") + "?is_shared_in_region=ja").status_code
        == 400
    )
    assert (
        _api(coach).get(reverse("vacancy-list") + "?is_shared_in_region=0").status_code
        == 200
    )


def test_an_open_traject_lists_with_empty_outcome_and_contract_type():
    s = traject_ready_for_handover()

    row = _api(s.coach).get(reverse("traject-detail", args=[s.traject.uuid])).json()

    assert (row["outcome"], row["contract_type"]) == ("", "")


def test_a_refused_proposal_keys_its_reason_as_a_non_field_error():
    wsp = OrganisationFactory(kind=OrganisationKind.WSP)
    adviser = UserFactory(role=Role.EMPLOYER_ADVISER, organisation=wsp)
    vacancy = VacancyFactory(organisation=wsp, employer__organisation=wsp)
    traject = TrajectFactory(coaching=True, organisation=wsp)
    CandidateProfileFactory(traject=traject)
    grant_access(person=traject.person, organisation=wsp, basis="caseload")

    response = _api(adviser).post(
        reverse("proposal-list"),
        {"vacancy": str(vacancy.uuid), "traject": str(traject.uuid)},
        format="json",
    )

    assert response.status_code == 400
    (param,) = response.json()["invalidParams"]
    assert param["name"] == "non_field_errors"
    assert "toestemming" in param["reason"]


def test_an_extract_with_nul_bytes_is_refused_with_a_reason_not_a_500():
    """PostgreSQL cannot store NUL, and the message used to echo the header."""
    coordinator = UserFactory(
        role=Role.COORDINATOR, organisation=OrganisationFactory(uwv=True)
    )
    upload = SimpleUploadedFile("uwv.csv", b"\x00\x00\x00\x00", "text/csv")

    response = _api(coordinator).post(
        reverse("screening-import"), {"file": upload}, format="multipart"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "import_rejected"
    assert "NUL-tekens" in body["detail"] and "NUL-tekens" in body["report"]["message"]


@pytest.mark.parametrize("url", ["/api/v1/regions/%00/", "/api/v1/occupations/%00/"])
def test_a_code_with_a_nul_byte_is_not_found(coach, url):
    """PostgreSQL refuses NUL in a text comparison: this used to be a 500."""
    assert _api(coach).get(url).status_code == 404


def test_instrument_search_refuses_a_nul_byte(coach):
    response = _api(coach).get(reverse("instrument-list") + "?q=%00")

    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["q"]


def _responses(schema: dict, path: str, method: str) -> dict:
    return schema["paths"][path][method]["responses"]


def test_the_schema_documents_the_error_answers(schema):
    trajects = _responses(schema, "/api/v1/trajects/{uuid}/transition/", "post")
    withdraw = _responses(schema, "/api/v1/consents/{uuid}/withdraw/", "post")
    model_card = _responses(schema, "/api/v1/screening/model-card", "get")
    package = _responses(schema, "/api/v1/handovers/{uuid}/package/", "get")

    assert {"200", "400", "403", "404"} <= set(trajects)
    assert "400" in withdraw  # already withdrawn
    assert {"403", "404"} <= set(model_card)  # no model trained yet
    assert "409" in package


def test_the_schema_documents_unpaginated_lists_as_lists(schema):
    for path in (
        "/api/v1/sessions/{uuid}/invitations/",
        "/api/v1/vacancies/{uuid}/candidates/",
    ):
        body = _responses(schema, path, "get")["200"]["content"]["application/json"]
        assert body["schema"]["type"] == "array", path
