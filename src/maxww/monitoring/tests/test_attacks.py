"""The subtraction attacks of issue 23: each one fails on the old dashboard."""

import datetime as dt

from django.urls import reverse

import pytest

from maxww.monitoring.privacy import SUPPRESSED, TOTAL
from maxww.monitoring.publication import dashboard_tables
from maxww.monitoring.services import DashboardFilter, caseloads
from maxww.organisations.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
)
from maxww.trajects.tests.factories import TrajectFactory

from .factories import ended_claims

pytestmark = pytest.mark.django_db

END = dt.date(2026, 3, 15)
ON = dt.date(2026, 7, 1)


def _f(**area):
    return DashboardFilter(start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30), **area)


@pytest.fixture
def regions():
    """Three regions; Klein has 5 people in bijstand, the others 20 and 15."""
    out = {}
    for name, bijstand, other in (
        ("Groot", 20, 30),
        ("Midden", 15, 30),
        ("Klein", 5, 20),
    ):
        region = RegionFactory(name=name)
        town = MunicipalityFactory(name=f"{name}stad", region=region)
        ended_claims(municipality=town, end=END, bijstand=bijstand, other=other)
        out[name] = region
    return out


def _hidden(table, key):
    index = [c.key for c in table.columns].index(key)
    return {
        r["name"]: row[index].suppressed
        for r, row in zip(table.rows, table.cells, strict=True)
    }


def test_all_regions_total_minus_the_shown_regions_does_not_give_the_hidden_one(
    regions,
):
    tables = {t.key: t for t in dashboard_tables(_f(), on=ON)}
    hidden = _hidden(tables["regions"], "to_bijstand")
    assert hidden["Klein"]
    assert sum(hidden.values()) >= 2  # 40 - 20 would otherwise give Klein's 5
    funnel = {
        r["_id"]: row
        for r, row in zip(tables["funnel"].rows, tables["funnel"].cells, strict=True)
    }
    assert funnel["to_bijstand"][2].display == "40"


def test_a_region_hidden_for_protection_stays_hidden_on_its_own_dashboard(regions):
    everything = {t.key: t for t in dashboard_tables(_f(), on=ON)}
    hidden = _hidden(everything["regions"], "to_bijstand")
    partner = next(n for n, h in hidden.items() if h and n != "Klein")
    own = {t.key: t for t in dashboard_tables(_f(region_id=regions[partner].pk), on=ON)}
    assert own["municipalities"].cell(TOTAL, "to_bijstand").suppressed
    funnel = own["funnel"]
    row = next(i for i, r in enumerate(funnel.rows) if r["_id"] == "to_bijstand")
    assert funnel.cells[row][2].display == SUPPRESSED


def test_a_region_minus_its_shown_municipalities_does_not_give_the_hidden_one():
    region = RegionFactory(name="Regio")
    a = MunicipalityFactory(name="Aa", region=region)
    b = MunicipalityFactory(name="Bb", region=region)
    c = MunicipalityFactory(name="Cc", region=region)
    ended_claims(municipality=a, end=END, other=20)
    ended_claims(municipality=b, end=END, other=25)
    ended_claims(municipality=c, end=END, other=9)
    tables = {t.key: t for t in dashboard_tables(_f(region_id=region.pk), on=ON)}
    hidden = _hidden(tables["municipalities"], "ww_ends")
    assert hidden == {"Aa": True, "Bb": False, "Cc": True}
    # And on Aa's own dashboard, its WW ends stay hidden too.
    own = {t.key: t for t in dashboard_tables(_f(municipality_id=a.pk), on=ON)}
    assert own["municipalities"].cell(TOTAL, "ww_ends").suppressed


def test_durability_checked_minus_working_does_not_give_who_lost_their_job():
    from maxww.trajects.models import DurabilityCheck

    region = RegionFactory()
    town = MunicipalityFactory(region=region)
    claims = ended_claims(municipality=town, end=END, work=20)
    org = OrganisationFactory()
    for i, claim in enumerate(claims):
        traject = TrajectFactory(person=claim.person, coaching=True, organisation=org)
        DurabilityCheck.objects.create(
            traject=traject,
            months=3,
            due_date=dt.date(2026, 3, 1),
            checked_date=dt.date(2026, 3, 1),
            still_working=i >= 7,
        )
    tables = {t.key: t for t in dashboard_tables(_f(region_id=region.pk), on=ON)}
    row = [c.display for c in tables["durability"].visible_rows()[0]]
    assert row[1] == "20"
    assert row[2] == SUPPRESSED  # 20 - 13 would give the 7 who lost their job
    assert row[3] == SUPPRESSED


def test_caseload_average_is_over_trajects_with_a_coach(make_user):
    region = RegionFactory()
    town = MunicipalityFactory(region=region)
    coach = make_user(role="coach")
    claims = ended_claims(municipality=town, end=END, other=30)
    org = OrganisationFactory()
    for claim in claims[:14]:
        TrajectFactory(
            person=claim.person, coaching=True, coach=coach, organisation=org
        )
    for claim in claims[14:]:
        TrajectFactory(person=claim.person, coaching=True, coach=None, organisation=org)
    table = caseloads(_f(region_id=region.pk), on=ON)
    row = next(r for r in table.rows if r["coaches"] == 1)
    assert row["mean"] == 14.0  # not (14 + 16 without a coach) / 1


def test_a_traject_ending_in_a_bijstand_application_counts_as_bijstand():
    from maxww.monitoring.services import funnel

    region = RegionFactory()
    town = MunicipalityFactory(region=region)
    claims = ended_claims(municipality=town, end=END, other=30)
    org = OrganisationFactory()
    for claim in claims[:12]:
        TrajectFactory(
            person=claim.person, outcome="bijstand_application", organisation=org
        )
    people = {r["_id"]: r["people"] for r in funnel(_f(region_id=region.pk)).rows}
    assert people["to_bijstand"] == 12


def test_the_page_says_when_the_figures_were_rebuilt(regions, client, make_user):
    from maxww.monitoring.services import refresh_aggregates

    refresh_aggregates(on=ON)
    client.force_login(make_user(role="analyst"))
    page = client.get(
        reverse("monitoring:dashboard"), {"start": "2026-01", "end": "2026-06"}
    ).content.decode()
    assert "Stand van de cijfers" in page
    assert "laatste herberekening" in page


def test_a_placement_today_rebuilds_the_figures(
    regions, django_capture_on_commit_callbacks
):
    from maxww.monitoring.models import MonthlyAggregate
    from maxww.monitoring.services import funnel, refresh_aggregates

    refresh_aggregates(on=ON)
    before = MonthlyAggregate.objects.first().refreshed_at
    claim = regions["Groot"].municipalities.first().people.first().claims.first()
    with django_capture_on_commit_callbacks(execute=True):
        TrajectFactory(
            person=claim.person, outcome="work", organisation=OrganisationFactory()
        )
    people = {r["_id"]: r["people"] for r in funnel(_f()).rows}
    assert people["placed"] == 1
    assert MonthlyAggregate.objects.first().refreshed_at > before
