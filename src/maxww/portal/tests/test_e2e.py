"""Browser journeys through Mijn Max-WW, checked with axe-core (WCAG 2.2 AA).

Run separately: ``pytest maxww/portal/tests/test_e2e.py`` (needs chromium).
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from django.utils.html import escape

import pytest

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.people.models import Person
from maxww.portal.services import indicative_check
from maxww.voorlichting.constants import InvitationStatus
from maxww.voorlichting.models import Invitation

from .conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("MAXWW_SCREENSHOTS", "/tmp/maxww-portal-shots"))

HOUSEHOLDS = {
    "alleen": {"household": "single", "assets": "2000"},
    "partner": {
        "household": "couple",
        "partner_birth_date": "1979-02-03",
        "partner_income": "850",
        "assets": "5000",
    },
    "ouder_met_kostendeler": {
        "household": "single_parent",
        "co_residents_27_plus": "1",
        "assets": "0",
    },
    "te_veel_vermogen": {"household": "single", "assets": "90000"},
}


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _nav(page, name: str) -> None:
    menu = page.get_by_role("navigation", name="Mijn Max-WW")
    with page.expect_navigation():
        menu.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()


def _fill_check(page, answers: dict) -> None:
    page.goto("/mijn/check/")
    assert_accessible(page)
    page.get_by_label("Wat is uw geboortedatum?").fill("1972-09-14")
    page.get_by_role("radio", name="Ja", exact=True).check()
    page.get_by_label("Wat is uw laatste dag WW?").fill("2027-02-28")
    page.get_by_role("button", name="Volgende").click()
    household_labels = {
        "single": "Ik woon alleen",
        "couple": "Ik woon samen met een partner",
        "single_parent": "Ik heb geen partner en zorg",
    }
    page.get_by_label(household_labels[answers["household"]]).check()
    if "partner_birth_date" in answers:
        page.get_by_label("Wat is de geboortedatum van uw partner?").fill(
            answers["partner_birth_date"]
        )
    page.get_by_label("Hoeveel andere mensen").fill(
        answers.get("co_residents_27_plus", "0")
    )
    page.get_by_label("Hoeveel verdient uw partner").fill(
        answers.get("partner_income", "0")
    )
    assert_accessible(page)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Hoeveel geld en bezit").fill(answers["assets"])
    page.get_by_label("Hoeveel schulden").fill("0")
    page.get_by_role("radio", name="Nee", exact=True).check()
    assert_accessible(page)
    page.get_by_role("button", name="Bekijk de uitkomst").click()


@pytest.mark.parametrize("name", HOUSEHOLDS)
def test_anonymous_check_matches_the_rules_engine(portal_page, name):
    answers = HOUSEHOLDS[name]
    page = portal_page
    _fill_check(page, answers)
    result = page.get_by_test_id("check-result")
    result.wait_for()
    assert_accessible(page)
    _shot(page, f"check-{name}")
    expected = indicative_check(
        answers={
            "birth_date": dt.date(1972, 9, 14),
            "ww_end_known": "yes",
            "ww_end_date": dt.date(2027, 2, 28),
            "household": answers["household"],
            "partner_birth_date": dt.date.fromisoformat(answers["partner_birth_date"])
            if "partner_birth_date" in answers
            else None,
            "co_residents_27_plus": int(answers.get("co_residents_27_plus", 0)),
            "partner_income": Decimal(answers.get("partner_income", "0")),
            "own_income": Decimal("0"),
            "assets": Decimal(answers["assets"]),
            "debts": Decimal("0"),
            "owns_home": "no",
            "home_equity": Decimal("0"),
        },
        on=timezone.localdate(),
    ).bijstand
    assert result.get_attribute("data-amount") == str(
        expected["indicative_monthly_benefit_eur"]
    )
    assert result.get_attribute("data-norm") == str(expected["norm_monthly_eur"])
    assert result.get_attribute("data-entitled") == (
        "true" if expected["entitled"] else "false"
    )
    assert result.get_attribute("data-report-date") == "2027-03-01"
    assert "geen besluit" in page.content()
    assert page.get_by_role("button", name="Bewaar mijn antwoorden").count() == 0


def test_client_declines_reschedules_withdraws_consent_and_sees_the_log(
    portal_page, world
):
    log_access(
        user=world.coach,
        action=Action.VIEWED,
        obj=world.person,
        person_ref=str(world.person.uuid),
        legal_basis=LegalBasis.CONSENT,
        purpose="begeleiding naar werk",
    )
    page = portal_page
    page.goto("/mijn/inloggen/")
    assert_accessible(page)
    page.get_by_label("Gebruikersnaam").fill("inwoner")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Welkom, Fatima").wait_for()
    assert_accessible(page)
    _shot(page, "home")

    _nav(page, "Afspraken")
    assert_accessible(page)
    page.get_by_role("button", name="Ik kan niet komen").click()
    page.get_by_text("U bent afgemeld").wait_for()
    world.invitation.refresh_from_db()
    assert world.invitation.status == InvitationStatus.DECLINED

    page.get_by_role("link", name="Andere datum kiezen").click()
    assert_accessible(page)
    _shot(page, "reschedule")
    page.get_by_label("zaal 3").check()
    page.get_by_role("button", name="Verzet mijn afspraak").click()
    page.get_by_text("Uw afspraak is verzet").wait_for()
    assert (
        Invitation.objects.get(person=world.person, session=world.later).status
        == InvitationStatus.ACCEPTED
    )
    _shot(page, "invitations")

    _nav(page, "Mijn plan")
    page.get_by_text("Solliciteren op logistieke functies").wait_for()
    assert_accessible(page)
    _shot(page, "plan")

    _nav(page, "Mijn cv")
    assert_accessible(page)

    assert Person.objects.visible_to(world.coach).filter(pk=world.person.pk).exists()
    _nav(page, "Toestemmingen")
    assert_accessible(page)
    page.get_by_role(
        "button", name="Trek toestemming voor Randstad Drechtsteden in"
    ).click()
    page.get_by_text("Uw toestemming is ingetrokken").wait_for()
    assert (
        not Person.objects.visible_to(world.coach).filter(pk=world.person.pk).exists()
    )
    _shot(page, "consents")

    _nav(page, "Wie zag mijn gegevens")
    assert_accessible(page)
    table = page.get_by_role("table")
    assert "Randstad Drechtsteden" in table.inner_text()
    assert "begeleiding naar werk" in table.inner_text()
    assert escape(world.other.last_name) not in page.content()
    _shot(page, "view-log")
