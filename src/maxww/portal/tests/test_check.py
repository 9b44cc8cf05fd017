"""The indicative check gives the rules engine's answers, and stores nothing."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

import pytest

from maxww.portal.models import SavedCheck
from maxww.portal.services import bijstand_record, indicative_check, ww_record
from maxww.rekenhulp.services import evaluate_records

ON = dt.date(2026, 11, 23)

BASE = {
    "birth_date": dt.date(1975, 5, 1),
    "ww_end_known": "yes",
    "ww_end_date": dt.date(2027, 3, 31),
    "household": "single",
    "partner_birth_date": None,
    "has_children": False,
    "co_residents_27_plus": 0,
    "partner_income": Decimal("0"),
    "own_income": Decimal("0"),
    "assets": Decimal("2000"),
    "debts": Decimal("0"),
    "owns_home": "no",
    "home_equity": Decimal("0"),
}

CASES = {
    "alleen": {},
    "partner_met_inkomen": {
        "household": "couple",
        "partner_birth_date": dt.date(1978, 1, 1),
        "partner_income": Decimal("900"),
    },
    "partner_verdient_te_veel": {
        "household": "couple",
        "partner_birth_date": dt.date(1978, 1, 1),
        "partner_income": Decimal("4000"),
    },
    "alleenstaande_ouder": {"household": "single_parent"},
    "kostendelers": {"co_residents_27_plus": 2},
    "te_veel_vermogen": {"assets": Decimal("60000"), "debts": Decimal("1000")},
    "eigen_huis": {"owns_home": "yes", "home_equity": Decimal("150000")},
}


@pytest.mark.parametrize("name", CASES)
def test_indication_matches_rules_engine(name):
    answers = {**BASE, **CASES[name]}
    outcome = indicative_check(answers=answers, on=ON)
    expected, errors = evaluate_records(
        "bijstand",
        [bijstand_record(answers, dt.date(2027, 4, 1))],
        with_explanation=True,
    )
    assert not errors
    assert outcome.bijstand == expected[0]
    assert outcome.report_date == dt.date(2027, 4, 1)


def test_partner_income_lowers_the_amount_and_too_much_means_no_right():
    single = indicative_check(answers=BASE, on=ON)
    rich = indicative_check(
        answers={**BASE, **CASES["partner_verdient_te_veel"]}, on=ON
    )
    assert single.entitled
    assert not rich.entitled


def test_unknown_end_date_is_estimated_by_the_ww_engine():
    answers = {
        **BASE,
        "ww_end_known": "no",
        "ww_end_date": None,
        "ww_start_date": dt.date(2026, 3, 1),
        "years_with_208_hours_last_5": 5,
        "years_before_2016": 10,
        "years_from_2016": 10,
    }
    outcome = indicative_check(answers=answers, on=ON)
    ww, errors = evaluate_records("ww", [ww_record(answers)], with_explanation=True)
    assert not errors
    assert outcome.ww == ww[0]
    assert outcome.ww_end_date.isoformat() == ww[0]["end_date"]
    assert outcome.report_date.isoformat() == ww[0]["municipality_report_date"]
    expected, _ = evaluate_records(
        "bijstand", [bijstand_record(answers, outcome.report_date)]
    )
    assert (
        outcome.bijstand["indicative_monthly_benefit_eur"]
        == (expected[0]["indicative_monthly_benefit_eur"])
    )


@pytest.mark.django_db
def test_anonymous_check_stores_nothing(client):
    data = _post_data(BASE)
    response = client.post(reverse("portal:check"), {**data, "step": 2})
    assert response.status_code == 200
    assert "U heeft mogelijk recht op bijstand" in response.content.decode()
    assert SavedCheck.objects.count() == 0
    assert "Bewaar mijn antwoorden" not in response.content.decode()


@pytest.mark.django_db
def test_check_walks_through_steps_without_javascript(client):
    response = client.get(reverse("portal:check"))
    assert "Stap 1 van 3" in response.content.decode()
    step1 = {
        "step": 0,
        "birth_date": "1975-05-01",
        "ww_end_known": "yes",
        "ww_end_date": "2027-03-31",
    }
    response = client.post(reverse("portal:check"), step1)
    body = response.content.decode()
    assert "Stap 2 van 3" in body
    assert 'type="hidden" name="birth_date" value="1975-05-01"' in body
    response = client.post(
        reverse("portal:check"), {**step1, "step": 1, "household": "couple"}
    )
    assert "Vul de geboortedatum van uw partner in." in response.content.decode()


@pytest.mark.django_db
def test_result_page_shows_engine_amount_and_report_date(client):
    answers = {**BASE, **CASES["partner_met_inkomen"]}
    expected = indicative_check(answers=answers, on=ON).bijstand
    response = client.post(reverse("portal:check"), {**_post_data(answers), "step": 2})
    body = response.content.decode()
    assert f'data-amount="{expected["indicative_monthly_benefit_eur"]}"' in body
    assert 'data-report-date="2027-04-01"' in body
    assert "geen besluit" in body


def _post_data(answers):
    out = {}
    for key, value in answers.items():
        if value is None or value is False:
            continue
        out[key] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return out
