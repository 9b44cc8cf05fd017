"""Cohort and invitation lists: right totals and pages, queries that do not grow."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maxww.audit.models import AccessLog
from maxww.organisations.models import Organisation
from maxww.people.models import Person
from maxww.screening.services import refresh_screening
from maxww.screening.views import PAGE_SIZE

from .test_views import ON, make_people


def _in_municipality(people, municipality) -> None:
    Person.objects.filter(pk__in=[p.pk for p in people]).update(
        municipality=municipality
    )


def test_municipality_filter_counts_and_pages_only_visible_people(
    client, coordinator, region, uwv
):
    here, there = list(region.municipalities.order_by("code")[:2])
    n = PAGE_SIZE + 10
    _in_municipality(make_people(region, uwv, n, end=ON + dt.timedelta(days=100)), here)
    _in_municipality(
        make_people(region, uwv, 5, end=ON + dt.timedelta(days=90), start_n=500),
        there,
    )
    other = Organisation.objects.create(name="UWV Elders", kind="uwv", region=region)
    _in_municipality(
        make_people(region, other, 3, end=ON + dt.timedelta(days=80), start_n=900),
        here,
    )
    refresh_screening(on=ON)
    client.force_login(coordinator)
    url = reverse("screening:cohorts")
    html = client.get(url, {"municipality": here.pk}).content.decode()
    assert f"{n} personen gevonden" in html and "Pagina 1 van 2" in html
    assert "Persoon 500" not in html and "Persoon 900" not in html
    assert AccessLog.objects.filter(action="listed").count() == PAGE_SIZE
    html = client.get(url, {"municipality": here.pk, "pagina": 2}).content.decode()
    assert html.count('scope="row"') == 10 and "Persoon 500" not in html
    html = client.get(url).content.decode()
    assert f"{n + 5} personen gevonden" in html  # not the other UWV's


def test_window_counts_match_the_list(client, coordinator, region, uwv):
    make_people(region, uwv, 4, end=ON + dt.timedelta(days=20))  # documentation
    make_people(region, uwv, 3, end=ON + dt.timedelta(days=170), start_n=50)
    make_people(region, uwv, 2, end=ON - dt.timedelta(days=20), start_n=80)  # ended
    refresh_screening(on=ON)
    client.force_login(coordinator)
    html = client.get(reverse("screening:cohorts")).content.decode()
    assert "7 personen gevonden" in html
    assert '<span class="mx-stat__value">4</span>' in html
    html = client.get(
        reverse("screening:cohorts"), {"window": "documentation"}
    ).content.decode()
    assert "4 personen gevonden" in html


def test_invitation_list_query_count_does_not_grow_with_people(
    client, coordinator, region, uwv, django_assert_max_num_queries
):
    make_people(region, uwv, 5, end=ON + dt.timedelta(days=170))
    refresh_screening(on=ON)
    client.force_login(coordinator)
    url = reverse("screening:invitations")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    make_people(region, uwv, 120, end=ON + dt.timedelta(days=170), start_n=1000)
    refresh_screening(on=ON)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert f"Pagina 1 van {-(-125 // PAGE_SIZE)}" in html
