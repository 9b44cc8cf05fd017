import datetime as dt
from decimal import Decimal

from django.urls import reverse

import pytest

from maxww.kennisbank import demo, services
from maxww.kennisbank.constants import CostUnit, Funder, Phase
from maxww.kennisbank.models import Instrument
from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import OrganisationFactory, RegionFactory
from maxww.people.tests.factories import PersonFactory

from .factories import InstrumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    drecht = RegionFactory(code="AM24", name="Drechtsteden")
    nijmegen = RegionFactory(code="AM20", name="Rijk van Nijmegen")
    return {
        "bonus": InstrumentFactory(
            name="Baanbonus", phase=Phase.BOTH, regions=[drecht]
        ),
        "trial": InstrumentFactory(
            name="Proefplaatsing",
            phase=Phase.WW,
            funder=Funder.UWV,
            target_groups=",all,disability,",
        ),
        "youth": InstrumentFactory(
            name="Talentenexpeditie",
            phase=Phase.BIJSTAND,
            regions=[nijmegen],
            target_groups=",youth,",
            description="Voor jongeren ver van werk.",
        ),
        "wage": InstrumentFactory(
            name="Loonkostensubsidie",
            phase=Phase.BIJSTAND,
            target_groups=",disability,",
        ),
        "old": InstrumentFactory(name="Oude regeling", is_active=False),
    }


def names(qs):
    return sorted(i.name for i in qs)


def test_phase_filter_includes_instruments_for_both_phases(catalogue):
    assert names(services.search_instruments(phase=Phase.WW)) == [
        "Baanbonus",
        "Proefplaatsing",
    ]


def test_region_filter_includes_national_but_not_other_regions(catalogue):
    assert names(services.search_instruments(region_code="AM24")) == [
        "Baanbonus",
        "Loonkostensubsidie",
        "Proefplaatsing",
    ]


def test_target_group_filter_includes_instruments_for_everyone(catalogue):
    assert names(services.search_instruments(target_group="youth")) == [
        "Baanbonus",
        "Proefplaatsing",
        "Talentenexpeditie",
    ]
    assert "Loonkostensubsidie" in names(
        services.search_instruments(target_group="disability")
    )


def test_text_and_funder_filters_and_inactive_hidden(catalogue):
    assert names(services.search_instruments(text="jongeren")) == ["Talentenexpeditie"]
    assert names(services.search_instruments(funder=Funder.UWV)) == ["Proefplaatsing"]
    assert "Oude regeling" not in names(services.search_instruments())


def test_register_use_caps_units_and_sums_cost(make_user):
    user = make_user(role=Role.COACH)
    euro = InstrumentFactory(
        name="Uitzendeuro",
        amount=Decimal("1.00"),
        cost_unit=CostUnit.PER_HOUR,
        max_units=500,
    )
    person = PersonFactory()
    use = services.register_use(
        instrument=euro, person=person, by=user, on=dt.date(2026, 3, 1), units=800
    )
    assert use.cost == Decimal("500.00")
    assert use.organisation == user.organisation
    assert services.cost_for_people(person_ids=[person.pk]) == Decimal("500.00")
    assert services.cost_summary()[0]["uses"] == 1


def test_instruments_page_filters_by_region_and_shows_detail(
    client, make_user, catalogue
):
    org = OrganisationFactory(region=catalogue["bonus"].regions.get())
    client.force_login(make_user(role=Role.COACH, organisation=org))
    page = client.get(reverse("kennisbank:instruments"))
    text = page.content.decode()
    assert "Baanbonus" in text and "Talentenexpeditie" not in text
    page = client.get(
        reverse("kennisbank:instruments"), {"region": "AM20", "target_group": "youth"}
    )
    text = page.content.decode()
    assert "Talentenexpeditie" in text and "Loonkostensubsidie" not in text
    detail = client.get(
        reverse("kennisbank:instrument", args=[catalogue["bonus"].uuid])
    )
    assert "Drechtsteden" in detail.content.decode()


def test_instruments_page_has_no_n_plus_one(
    client, make_user, catalogue, django_assert_max_num_queries
):
    InstrumentFactory.create_batch(20, regions=[catalogue["bonus"].regions.get()])
    client.force_login(make_user(role=Role.COACH))
    with django_assert_max_num_queries(10):
        client.get(reverse("kennisbank:instruments"), {"region": ""})


def test_api_filters_instruments(client, make_user, catalogue):
    client.force_login(make_user(role=Role.COACH))
    data = client.get(reverse("instrument-list"), {"phase": "ww"}).json()
    assert sorted(i["name"] for i in data["results"]) == ["Baanbonus", "Proefplaatsing"]


def test_demo_loads_seed_instruments_idempotently(catalogue):
    class Ctx:
        on = dt.date(2026, 1, 1)

    demo.load(Ctx())
    demo.load(Ctx())
    uitzendeuro = Instrument.objects.get(name="Uitzendeuro")
    assert uitzendeuro.max_units == 500
    assert [r.code for r in uitzendeuro.regions.all()] == ["AM24"]
    assert Instrument.objects.filter(name="Succesvol naar werk").exists()


def test_coach_registers_instrument_use_on_traject(client, make_user):
    from maxww.people.constants import GrantBasis
    from maxww.people.services import grant_access
    from maxww.trajects.tests.factories import TrajectFactory

    coach = make_user(role=Role.COACH)
    traject = TrajectFactory(organisation=coach.organisation, coaching=True)
    grant_access(
        person=traject.person,
        organisation=coach.organisation,
        basis=GrantBasis.CASELOAD,
    )
    bonus = InstrumentFactory(name="Baanbonus", amount=Decimal("2000.00"))
    client.force_login(coach)
    url = reverse("kennisbank:traject_uses", args=[traject.uuid])
    response = client.post(url, {"instrument": bonus.pk, "used_on": "2026-03-01"})
    assert response.status_code == 302
    use = traject.instrument_uses.get()
    assert use.cost == Decimal("2000.00") and use.person == traject.person
    assert "2.000,00" in client.get(url).content.decode()
    assert services.cost_per_placement(placed_traject_ids=[traject.pk]) == Decimal(
        "2000.00"
    )
    other = make_user(role=Role.COACH)
    client.force_login(other)
    assert client.get(url).status_code == 404
