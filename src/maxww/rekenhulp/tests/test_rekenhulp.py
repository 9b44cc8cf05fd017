"""Rekenhulp: the rules engine through the API, the page and the maxww command."""

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal

from django.urls import reverse

import pytest

from maxww.organisations.constants import Role
from maxww.rules import BijstandCase, Household, WWCase, evaluate_bijstand, evaluate_ww

pytestmark = pytest.mark.django_db

WW = {
    "reference_date": "2026-03-02",
    "birth_date": "1975-05-14",
    "weeks_worked_last_36": 36,
    "years_with_208_hours_last_5": 5,
    "employment_history_years_before_2016": 20,
    "employment_history_years_from_2016": 6,
    "daily_wage_eur": "180.00",
}
BIJSTAND = {
    "reference_date": "2026-03-02",
    "household": "single",
    "applicant_birth_date": "1980-01-01",
    "partner_birth_date": None,
    "co_residents_27_plus": 0,
    "net_monthly_income_eur": "200",
    "assets_eur": "2500",
    "debts_eur": "0",
    "home_equity_eur": "0",
}


@pytest.fixture
def api(client, make_user):
    client.force_login(make_user(role=Role.COACH))
    return client


def test_ww_api_answers_like_the_engine(api):
    response = api.post(reverse("rules-ww"), WW, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    expected = evaluate_ww(
        WWCase(date(2026, 3, 2), date(1975, 5, 14), 36, 5, 20, 6, Decimal("180.00")),
        on=date(2026, 3, 2),
    )
    # UWV's worked example: 20 years before 2016 + 6 from 2016 -> 23 months.
    assert Decimal(body["duration_months"]) == expected.duration_months == Decimal(23)
    assert body["end_date"] == expected.end_date.isoformat()
    assert body["reasons"] and all("article" in r for r in body["reasons"])


def test_bijstand_api_accepts_a_list(api):
    couple = {**BIJSTAND, "household": "couple", "partner_birth_date": "1981-02-02"}
    response = api.post(
        reverse("rules-bijstand"), [BIJSTAND, couple], content_type="application/json"
    )
    assert response.status_code == 200
    single, pair = response.json()
    engine = evaluate_bijstand(
        BijstandCase(
            date(2026, 3, 2),
            Household.SINGLE,
            date(1980, 1, 1),
            None,
            0,
            Decimal(200),
            Decimal(2500),
            Decimal(0),
            Decimal(0),
        ),
        on=date(2026, 3, 2),
    )
    assert (
        Decimal(single["indicative_monthly_benefit_eur"])
        == engine.indicative_monthly_benefit_eur
    )
    assert Decimal(pair["norm_monthly_eur"]) > Decimal(single["norm_monthly_eur"])


def test_bad_input_gets_structured_errors_naming_row_and_field(api):
    bad = {**BIJSTAND, "household": "commune"}
    response = api.post(
        reverse("rules-bijstand"), [BIJSTAND, bad], content_type="application/json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors[0]["row"] == 2
    assert errors[0]["field"] == "household"


@pytest.mark.parametrize("birth", ["1800-01-01", "2030-01-01"])
def test_the_api_refuses_a_birth_date_no_applicant_can_have(api, birth):
    bad = {**BIJSTAND, "applicant_birth_date": birth}
    response = api.post(
        reverse("rules-bijstand"), [bad], content_type="application/json"
    )
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["applicant_birth_date"]


def test_the_api_needs_a_login(client):
    assert client.post(
        reverse("rules-ww"), WW, content_type="application/json"
    ).status_code in (401, 403)


def test_the_page_shows_the_result_and_its_reasons(api):
    data = {
        "law": "bijstand",
        **{f"bijstand-{k}": ("" if v is None else v) for k, v in BIJSTAND.items()},
    }
    html = api.post(
        reverse("rekenhulp:calculator") + "?law=bijstand", data
    ).content.decode()
    engine = evaluate_bijstand(
        BijstandCase(
            date(2026, 3, 2),
            Household.SINGLE,
            date(1980, 1, 1),
            None,
            0,
            Decimal(200),
            Decimal(2500),
            Decimal(0),
            Decimal(0),
        ),
        on=date(2026, 3, 2),
    )
    amount = (
        f"{engine.indicative_monthly_benefit_eur:,.2f}".replace(",", "X")
        .replace(".", ",")
        .replace("X", ".")
    )
    assert f"€ {amount}" in html
    assert "Participatiewet" in html  # the articles are cited


def test_the_page_keeps_what_was_typed_on_an_error(api):
    data = {
        "law": "ww",
        **{f"ww-{k}": v for k, v in WW.items()},
        "ww-weeks_worked_last_36": "40",
    }
    html = api.post(reverse("rekenhulp:calculator") + "?law=ww", data).content.decode()
    assert 'value="40"' in html
    assert 'value="180.00"' in html
    assert "utrecht-form-field--invalid" in html


def test_aggregate_roles_do_not_get_the_calculator(client, make_user):
    client.force_login(make_user(role=Role.ANALYST))
    assert client.get(reverse("rekenhulp:calculator")).status_code == 403


def test_cli_exits_2_naming_row_and_field(tmp_path):
    bad = tmp_path / "cases.json"
    bad.write_text(json.dumps([WW, {**WW, "birth_date": "gisteren"}]))
    result = subprocess.run(
        [sys.executable, "-m", "maxww", "rules", "ww", "--input", str(bad)],
        capture_output=True,
        text=True,
        check=False,
        env={"DJANGO_SETTINGS_MODULE": "maxww.conf.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "rij 2" in result.stderr and "birth_date" in result.stderr


def test_cli_writes_jsonl(tmp_path):
    good = tmp_path / "cases.json"
    good.write_text(json.dumps(WW))
    result = subprocess.run(
        [sys.executable, "-m", "maxww", "rules", "ww", "--input", str(good)],
        capture_output=True,
        text=True,
        check=False,
        env={"DJANGO_SETTINGS_MODULE": "maxww.conf.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[0])["duration_months"] == "23.0"


def test_api_takes_the_new_inputs_and_reports_the_svb_and_the_exemption(api):
    pensioners = {
        **BIJSTAND,
        "household": "couple",
        "applicant_birth_date": "1956-06-01",
        "partner_birth_date": "1966-02-01",
    }
    worker = {
        **BIJSTAND,
        "net_monthly_income_eur": None,
        "other_income_eur": "0",
        "income_from_work_eur": "800",
    }
    response = api.post(
        reverse("rules-bijstand"), [pensioners, worker], content_type="application/json"
    )
    assert response.status_code == 200
    first, second = response.json()
    # Participatiewet art. 22 onder c (2026): € 2.144,16, carried out by the SVB.
    assert (first["norm_monthly_eur"], first["entitled"]) == ("2144.16", True)
    assert first["aio_via_svb"] is True
    assert any(r["rule"] == "aio_svb" for r in first["reasons"])
    # Art. 31 lid 2 onder n: 25% of € 800 stays out of the income test.
    assert second["income_exemption_eur"] == "200.00"
    assert second["indicative_monthly_benefit_eur"] == "801.50"


def test_api_counts_the_income_of_a_partner_without_a_right_above_the_couple_norm(api):
    couple = {
        **BIJSTAND,
        "household": "couple",
        "applicant_birth_date": "1995-01-01",
        "partner_birth_date": "1990-03-01",
        "net_monthly_income_eur": None,
        "other_income_eur": "0",
        "partner_has_no_right": True,
        "partner_income_eur": "1500",
    }
    response = api.post(
        reverse("rules-bijstand"), [couple], content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    (result,) = response.json()
    # Art. 24 onder a: € 1.001,07; art. 32 lid 3: € 498,93 of the partner's counts.
    assert result["norm_monthly_eur"] == "1001.07"
    assert result["indicative_monthly_benefit_eur"] == "502.14"
    assert any(r["rule"] == "inkomen_partner_zonder_recht" for r in result["reasons"])


def test_the_page_shows_the_exemption_and_names_rules_in_dutch(api):
    data = {
        "law": "bijstand",
        **{f"bijstand-{k}": ("" if v is None else v) for k, v in BIJSTAND.items()},
        "bijstand-net_monthly_income_eur": "0",
        "bijstand-income_from_work_eur": "800",
        "bijstand-work_exemption_months_used": "0",
        "bijstand-single_parent_exemption_months_used": "0",
    }
    html = api.post(
        reverse("rekenhulp:calculator") + "?law=bijstand", data
    ).content.decode()
    assert "Vrijgelaten inkomsten uit arbeid" in html and "€ 200,00" in html
    assert "<strong>Vrijlating inkomsten uit arbeid</strong>" in html
    assert "<strong>inkomenstoets</strong>" not in html
    assert "<strong>Inkomenstoets</strong>" in html


def _page(api, **fields) -> str:
    data = {
        "law": "bijstand",
        **{f"bijstand-{k}": ("" if v is None else v) for k, v in BIJSTAND.items()},
        **{f"bijstand-{k}": v for k, v in fields.items()},
    }
    response = api.post(reverse("rekenhulp:calculator") + "?law=bijstand", data)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_counts_the_income_of_a_partner_without_a_right_as_the_api_does(api):
    html = _page(
        api,
        household="couple",
        applicant_birth_date="1995-01-01",
        partner_birth_date="1990-03-01",
        net_monthly_income_eur="0",
        partner_has_no_right="on",
        partner_income_eur="1500",
    )
    # Art. 24 onder a € 1.001,07 minus art. 32 lid 3's € 498,93.
    assert "€ 502,14" in html
    assert 'value="1500"' in html  # what was typed stays in the form


def test_the_page_applies_the_loonkostensubsidie_exemption_after_six_months(api):
    lks = {
        "reference_date": "2026-02-01",
        "net_monthly_income_eur": "0",
        "assets_eur": "0",
        "income_from_work_eur": "1000",
        "loonkostensubsidie_target_group": "on",
        "loonkostensubsidie_job": "on",
        "work_exemption_months_used": "6",
    }
    # Art. 31 lid 2 onder z: 15% of € 1.000; € 1.401,50 - € 850 = € 551,50.
    html = _page(api, **lks, lks_exemption_months_used="3")
    assert "€ 150,00" in html and "€ 551,50" in html
    # After its twelve months only with the college's judgement (onder aa).
    html = _page(api, **lks, lks_exemption_months_used="12")
    assert "€ 401,50" in html
    html = _page(
        api, **lks, lks_exemption_months_used="12", no_more_hours_possible="on"
    )
    assert "€ 150,00" in html and "€ 551,50" in html
