import datetime as dt
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

import pytest

from maxww.audit.models import AccessLog
from maxww.matching.models import Proposal, Vacancy
from maxww.organisations.constants import OrganisationKind, Role
from maxww.organisations.tests.factories import OrganisationFactory, RegionFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access

from .factories import CandidateProfileFactory, EmployerFactory, VacancyFactory

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parent / "files"


@pytest.fixture
def wsp():
    return OrganisationFactory(
        name="Baanbrekend",
        kind=OrganisationKind.WSP,
        region=RegionFactory(code="AM24", name="Drechtsteden"),
    )


@pytest.fixture
def adviser(make_user, wsp):
    return make_user(role=Role.EMPLOYER_ADVISER, organisation=wsp)


def test_vacancy_list_filters_and_has_no_n_plus_one(
    client, adviser, wsp, django_assert_max_num_queries
):
    VacancyFactory.create_batch(15, organisation=wsp, employer__organisation=wsp)
    VacancyFactory(
        organisation=wsp, employer__organisation=wsp, title="Lasser", status="closed"
    )
    client.force_login(adviser)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("matching:vacancies"))
    assert page.content.decode().count("Orderpicker") >= 15
    page = client.get(reverse("matching:vacancies"), {"status": "closed"})
    text = page.content.decode()
    assert "Lasser" in text and "Orderpicker 1" not in text


def test_adviser_creates_vacancy_and_sees_consenting_candidates(client, adviser, wsp):
    employer = EmployerFactory(organisation=wsp)
    profile = CandidateProfileFactory(consent_to=wsp)
    hidden = CandidateProfileFactory()  # no consent, no access
    client.force_login(adviser)
    response = client.post(
        reverse("matching:vacancy_new"),
        {
            "employer": employer.pk,
            "title": "Orderpicker nachtdienst",
            "occupation": Vacancy._meta.get_field("occupation")
            .related_model.objects.get(code="9333")
            .pk,
            "hours_min": 24,
            "hours_max": 36,
            "postcode": "3311 ab",
            "start_date": "2026-03-01",
            "language_level": "none",
            "experience_years": 0,
            "status": "open",
            "is_shared_in_region": "on",
        },
    )
    vacancy = Vacancy.objects.get(title="Orderpicker nachtdienst")
    assert response.status_code == 302 and vacancy.postcode == "3311AB"
    page = client.get(vacancy.get_absolute_url()).content.decode()
    assert escape(profile.traject.person.full_name) in page
    assert escape(hidden.traject.person.full_name) not in page
    assert "Beroep komt precies overeen" in page
    assert AccessLog.objects.filter(
        person_ref=str(profile.traject.person.uuid), action="listed"
    ).exists()
    client.post(
        reverse("matching:propose", args=[vacancy.uuid]),
        {"traject": str(profile.traject.uuid)},
    )
    assert Proposal.objects.filter(vacancy=vacancy, traject=profile.traject).exists()


def test_vacancy_form_shows_errors_and_keeps_input(client, adviser, wsp):
    EmployerFactory(organisation=wsp)
    client.force_login(adviser)
    response = client.post(
        reverse("matching:vacancy_new"),
        {"title": "Kassamedewerker", "hours_min": 30, "hours_max": 20},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Kassamedewerker" in text and "lager dan het minimum" in text


def test_import_page_shows_row_errors(client, adviser):
    client.force_login(adviser)
    upload = SimpleUploadedFile("v.csv", (FILES / "bad_rows.csv").read_bytes())
    response = client.post(reverse("matching:vacancy_import"), {"file": upload})
    assert response.status_code == 400
    assert "8 cijfers" in response.content.decode()
    assert Vacancy.objects.count() == 0


def test_coach_sees_proposed_vacancy_for_candidate(client, make_user, wsp, adviser):
    coach_org = OrganisationFactory(region=wsp.region)
    coach = make_user(role=Role.COACH, organisation=coach_org)
    profile = CandidateProfileFactory(consent_to=wsp, traject__organisation=coach_org)
    grant_access(
        person=profile.traject.person, organisation=coach_org, basis=GrantBasis.CASELOAD
    )
    vacancy = VacancyFactory(
        organisation=wsp, employer__organisation=wsp, title="Heftruck"
    )
    from maxww.matching import services

    services.propose(
        vacancy=vacancy, traject=profile.traject, by=adviser, on=dt.date(2026, 3, 1)
    )
    client.force_login(coach)
    page = client.get(reverse("matching:candidate", args=[profile.traject.uuid]))
    assert page.status_code == 200
    assert (
        "Heftruck" in page.content.decode() and "Voorgesteld" in page.content.decode()
    )


def test_candidate_page_404_without_legal_basis(client, make_user, wsp):
    profile = CandidateProfileFactory(consent_to=wsp)
    client.force_login(make_user(role=Role.COACH))
    page = client.get(reverse("matching:candidate", args=[profile.traject.uuid]))
    assert page.status_code == 404


def test_analyst_cannot_open_vacancies(client, make_user):
    client.force_login(make_user(role=Role.ANALYST))
    assert client.get(reverse("matching:vacancies")).status_code == 403


def _vacancy_body(employer, **changes) -> dict:
    return {
        "employer": str(employer.uuid),
        "title": "Picker",
        "occupation": "9333",
        "hours_min": 20,
        "hours_max": 30,
        "postcode": "3311AB",
        "start_date": "2026-03-01",
        **changes,
    }


def _post_vacancy(client, employer, **changes):
    body = _vacancy_body(employer, **changes)
    return client.post(reverse("vacancy-list"), body, content_type="application/json")


def _propose(client, vacancy_uuid: str, traject):
    return client.post(
        reverse("proposal-list"),
        {"vacancy": vacancy_uuid, "traject": str(traject.uuid)},
        content_type="application/json",
    )


def test_api_refuses_a_vacancy_with_fewer_maximum_than_minimum_hours(
    client, adviser, wsp
):
    client.force_login(adviser)
    bad = _post_vacancy(
        client, EmployerFactory(organisation=wsp), hours_min=30, hours_max=20
    )
    assert bad.status_code == 400
    assert "hours_max" in [p["name"] for p in bad.json()["invalidParams"]]


def test_api_created_vacancy_lists_consenting_candidates_with_reasons(
    client, adviser, wsp
):
    profile = CandidateProfileFactory(consent_to=wsp)
    client.force_login(adviser)
    created = _post_vacancy(client, EmployerFactory(organisation=wsp))
    assert created.status_code == 201, created.json()
    uuid = created.json()["uuid"]
    candidates = client.get(reverse("vacancy-candidates", args=[uuid])).json()
    assert candidates[0]["traject"] == str(profile.traject.uuid)
    assert candidates[0]["reasons"][0]["factor"] == "occupation"


def test_api_proposes_a_candidate_once(client, adviser, wsp):
    profile = CandidateProfileFactory(consent_to=wsp)
    client.force_login(adviser)
    uuid = _post_vacancy(client, EmployerFactory(organisation=wsp)).json()["uuid"]
    proposal = _propose(client, uuid, profile.traject)
    assert proposal.status_code == 201, proposal.json()
    again = _propose(client, uuid, profile.traject)
    assert again.status_code == 400


def test_vacancy_page_query_count_does_not_grow_with_candidates(
    client, adviser, wsp, django_assert_max_num_queries
):
    vacancy = VacancyFactory(organisation=wsp, employer__organisation=wsp)
    for _ in range(3):
        CandidateProfileFactory(consent_to=wsp)
    client.force_login(adviser)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(vacancy.get_absolute_url())
    for _ in range(9):
        CandidateProfileFactory(consent_to=wsp)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(vacancy.get_absolute_url())
    assert page.content.decode().count("Voorstellen</button>") == 12


def test_profile_form_starts_from_jobready_check(client, make_user, wsp):
    from maxww.trajects.models import JobreadyCheck
    from maxww.trajects.tests.factories import TrajectFactory

    coach = make_user(role=Role.COACH, organisation=wsp)
    traject = TrajectFactory(organisation=wsp, coaching=True)
    grant_access(person=traject.person, organisation=wsp, basis=GrantBasis.CASELOAD)
    JobreadyCheck.objects.create(
        traject=traject,
        checked_date=dt.date(2026, 2, 1),
        checked_by=coach,
        own_transport=True,
        hours_available=28,
        qualifications="VCA",
    )
    client.force_login(coach)
    page = client.get(reverse("matching:profile_edit", args=[traject.uuid]))
    text = page.content.decode()
    assert 'value="28"' in text and 'value="VCA"' in text


def test_traject_proposals_tag_renders_for_the_traject(rf, adviser, wsp):
    from django.template import Context, Template

    profile = CandidateProfileFactory(consent_to=wsp)
    vacancy = VacancyFactory(
        organisation=wsp, employer__organisation=wsp, title="Lasser"
    )
    from maxww.matching import services

    services.propose(
        vacancy=vacancy, traject=profile.traject, by=adviser, on=dt.date(2026, 3, 1)
    )
    request = rf.get("/")
    request.user = adviser
    html = Template("{% load matching %}{% traject_proposals traject %}").render(
        Context({"traject": profile.traject, "request": request})
    )
    assert "Lasser" in html and "Voorgesteld" in html
