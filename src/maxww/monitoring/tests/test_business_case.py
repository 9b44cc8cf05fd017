"""The what-if business case: pure functions and the page."""

import datetime as dt
import json

from django.urls import reverse

import pytest

from maxww.monitoring.business_case import (
    Activity,
    Parameters,
    evaluate,
    sensitivity,
    single_norm,
)


def _params(**kw):
    base = dict(
        reach=1000,
        baseline_rate=0.06,
        effect=0.35,
        norm_monthly=1400.0,
        duration_months=24,
        activities=(
            Activity("Begeleiding", 600.0, "gemeente"),
            Activity("Voorlichting", 50.0, "UWV"),
        ),
    )
    return Parameters(**(base | kw))


def test_avoided_bijstand_and_net_result():
    r = evaluate(_params())
    assert r.avoided_cases == pytest.approx(21.0)
    assert r.avoided_months == pytest.approx(504.0)
    assert r.avoided_eur == pytest.approx(705_600.0)
    assert r.programme_cost == pytest.approx(650_000.0)
    assert r.net_result == pytest.approx(55_600.0)
    assert r.cost_by_bearer == {"gemeente": 600_000.0, "UWV": 50_000.0}


def test_break_even_effect_gives_zero_net_result():
    r = evaluate(_params())
    again = evaluate(_params(effect=r.break_even_effect))
    assert again.net_result == pytest.approx(0, abs=0.01)


def test_a_larger_effect_is_worth_more():
    results = sensitivity(_params(), (0.30, 0.35, 0.40))
    nets = [r.net_result for _, r in results]
    assert nets == sorted(nets)


def test_norm_comes_from_the_rules_engine_with_its_article():
    norm, source = single_norm(dt.date(2026, 1, 15))
    assert norm > 0
    assert "Participatiewet" in source


@pytest.mark.django_db
def test_business_case_page_works_without_javascript_and_exports(client, make_user):
    client.force_login(make_user(role="manager"))
    page = client.get(
        "/monitoring/business-case/", {"reach": "2000", "effect_percent": "30"}
    )
    assert page.status_code == 200
    assert b"Voorkomen bijstandsgevallen" in page.content
    assert page.context["result"].avoided_cases == pytest.approx(
        2000 * page.context["params"].baseline_rate * 0.30, rel=1e-3
    )
    data = client.get("/monitoring/business-case/", {"reach": "2000", "format": "json"})
    body = json.loads(data.content)
    assert body["parameters"]["reach"] == 2000
    assert "net_result" in body["result"]
    xlsx = client.get("/monitoring/business-case/", {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_business_case_shows_errors_for_bad_input(client, make_user):
    client.force_login(make_user(role="analyst"))
    page = client.get("/monitoring/business-case/", {"reach": "-5"})
    assert page.status_code == 200
    assert page.context["result"] is None
    assert "reach" in page.context["form"].errors


def test_the_whole_effect_range_is_shown_with_the_break_even(client, make_user):
    """At 30% the net is negative and at 40% positive: the page says the sign flips."""
    client.force_login(make_user(role="manager"))
    params = {
        "reach": 1000,
        "baseline_percent": 6,
        "norm_monthly": 1300,
        "duration_months": 24,
        "cost_voorlichting": 0,
        "cost_coaching": 650,
        "cost_instruments": 0,
    }
    response = client.get(reverse("monitoring:business_case"), params)
    effects = [round(e * 100) for e, _r in response.context["range_results"]]
    assert effects == list(range(30, 41))
    nets = [r.net_result for _e, r in response.context["range_results"]]
    assert nets[0] < 0 < nets[-1]
    page = response.content.decode()
    # 650 / (0.06 × 24 × 1300) = 34.7% less doorstroom to break even.
    assert "positief vanaf een effect van 34,7%" in page
    assert "wisselt het teken" in page


def test_instrument_costs_default_to_the_kennisbank(client, make_user):
    from maxww.kennisbank.models import Instrument
    from maxww.monitoring.measured import measure
    from maxww.organisations.tests.factories import MunicipalityFactory
    from maxww.trajects.tests.factories import TrajectFactory

    from .factories import ended_claims

    user = make_user(role="manager")
    town = MunicipalityFactory(region=user.region)
    end = dt.date.today().replace(day=1) - dt.timedelta(days=40)
    claims = ended_claims(municipality=town, end=end, work=20, other=20)
    for claim in claims[:10]:
        TrajectFactory(
            person=claim.person, outcome="work", organisation=user.organisation
        )
    Instrument.objects.filter(cost_unit="per_placement").delete()
    Instrument.objects.create(
        name="Testbonus",
        description="x",
        amount=2000,
        cost_unit="per_placement",
        funder="municipality",
        phase="both",
    )
    measured = measure(on=dt.date.today(), region_id=user.region.pk)
    assert measured.reach == 40
    assert measured.placements == 10
    assert measured.instruments_per_person == 2000 * 10 / 40
    client.force_login(user)
    form = client.get(reverse("monitoring:business_case")).context["form"]
    assert form["cost_instruments"].value() == "500.0"
    assert "Testbonus" in form.fields["cost_instruments"].help_text
