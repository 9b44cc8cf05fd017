"""Screening pages: access, filters, query counts, selection, upload and model card."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from maxww.audit.models import AccessLog
from maxww.organisations.constants import Role
from maxww.people.constants import GrantBasis
from maxww.people.models import AccessGrant, Household, Person, WWClaim
from maxww.people.tests.factories import synthetic_bsn
from maxww.screening.constants import SelectionStatus, Window
from maxww.screening.models import ExtractImport, ScreeningRecord, Selection
from maxww.screening.services import refresh_screening

from .conftest import EXAMPLE, read


def make_people(region, uwv, n: int, *, end: dt.date, start_n: int = 0) -> list[Person]:
    """n people with one claim each, in bulk (no factories: fast for big n)."""
    municipality = region.municipalities.first()
    people = Person.objects.bulk_create(
        Person(
            bsn_hash=f"h{start_n + i}",
            bsn_encrypted="x",
            last_name=f"Persoon {start_n + i}",
            birth_date=dt.date(1980, 1, 1),
            municipality=municipality,
            owner=uwv,
        )
        for i in range(n)
    )
    people = list(Person.objects.filter(bsn_hash__in=[p.bsn_hash for p in people]))
    Household.objects.bulk_create(
        Household(person=p, household_type="single") for p in people
    )
    WWClaim.objects.bulk_create(
        WWClaim(
            person=p,
            claim_ref=f"C{start_n + i}",
            start_date=end - dt.timedelta(days=400),
            max_end_date=end,
            daily_wage=100,
            hours_lost=38,
        )
        for i, p in enumerate(people)
    )
    AccessGrant.objects.bulk_create(
        AccessGrant(person=p, organisation=uwv, basis=GrantBasis.CASELOAD)
        for p in people
    )
    return people


ON = dt.date.today()


def test_only_screening_roles_see_the_pages(client, make_user, uwv):
    coach = make_user(role=Role.COACH, organisation=uwv)
    client.force_login(coach)
    assert client.get(reverse("screening:cohorts")).status_code == 403
    assert client.get(reverse("screening:invitations")).status_code == 403


def test_cohort_list_shows_only_visible_people_and_logs_the_listing(
    client, coordinator, region, uwv
):
    from maxww.organisations.models import Organisation

    make_people(region, uwv, 3, end=ON + dt.timedelta(days=100))
    other = Organisation.objects.create(name="UWV Elders", kind="uwv", region=region)
    make_people(region, other, 2, end=ON + dt.timedelta(days=100), start_n=100)
    refresh_screening(on=ON)
    client.force_login(coordinator)
    response = client.get(reverse("screening:cohorts"))
    assert response.status_code == 200
    assert "Persoon 0" in response.text and "Persoon 100" not in response.text
    assert (
        AccessLog.objects.filter(action="listed", username=coordinator.username).count()
        == 3
    )


def test_cohort_list_query_count_does_not_grow_with_people(
    client, coordinator, region, uwv, django_assert_max_num_queries
):
    make_people(region, uwv, 5, end=ON + dt.timedelta(days=60))
    refresh_screening(on=ON)
    client.force_login(coordinator)
    client.get(reverse("screening:cohorts"))  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("screening:cohorts"))
    assert len(small.captured_queries) <= 18
    make_people(region, uwv, 120, end=ON + dt.timedelta(days=60), start_n=1000)
    refresh_screening(on=ON)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("screening:cohorts"))
    assert "125 personen gevonden" in response.text


def test_filters_by_window_and_precheck(client, coordinator, region, uwv):
    make_people(region, uwv, 2, end=ON + dt.timedelta(days=20))
    make_people(region, uwv, 3, end=ON + dt.timedelta(days=170), start_n=50)
    refresh_screening(on=ON)
    client.force_login(coordinator)
    response = client.get(
        reverse("screening:cohorts"), {"window": Window.DOCUMENTATION}
    )
    assert "2 personen gevonden" in response.text
    response = client.get(reverse("screening:cohorts"), {"precheck": "likely"})
    assert "5 personen gevonden" in response.text


def test_selecting_for_voorlichting_needs_a_reason_and_creates_open_selections(
    client, coordinator, region, uwv
):
    people = make_people(region, uwv, 3, end=ON + dt.timedelta(days=170))
    refresh_screening(on=ON)
    assert ScreeningRecord.objects.filter(window=Window.INVITATION).count() == 3
    client.force_login(coordinator)
    url = reverse("screening:invitations")
    response = client.post(url, {"person": [str(people[0].uuid)], "reason": ""})
    assert response.status_code == 200 and not Selection.objects.exists()
    response = client.post(
        url,
        {
            "person": [str(p.uuid) for p in people[:2]],
            "reason": "Alleenstaand, geen netwerk",
        },
    )
    assert response.status_code == 302
    assert (
        Selection.objects.filter(
            status=SelectionStatus.OPEN, selected_by=coordinator
        ).count()
        == 2
    )
    page = client.get(url)
    assert "Geselecteerd" in page.text


def test_upload_shows_the_result_and_refused_rows(client, coordinator, uwv):
    client.force_login(coordinator)
    with EXAMPLE.open("rb") as f:
        response = client.post(
            reverse("screening:import_upload"), {"file": f}, follow=True
        )
    assert "Het bestand is ingelezen" in response.text
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("bad.csv", read("bad_rows.csv"))
    response = client.post(
        reverse("screening:import_upload"), {"file": bad}, follow=True
    )
    assert "elfproef" in response.text
    extract = ExtractImport.objects.filter(status="failed").get()
    csv = client.get(reverse("screening:import_errors", args=[extract.uuid]))
    assert csv.content.decode().startswith("regel;kolom;reden")


def test_model_card_without_and_with_a_model(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("screening:model_card"))
    assert "nog geen model" in response.text
    assert "een mens beslist" in response.text


@pytest.mark.parametrize("bsn_n", [1])
def test_synthetic_bsn_helper_is_valid(bsn_n):
    from maxww.people.bsn import is_valid_bsn

    assert is_valid_bsn(synthetic_bsn(bsn_n))
