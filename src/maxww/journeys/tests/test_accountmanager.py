"""Journey of the WSP accountmanager: employer, vacancy, proposal, placement."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

import pytest

from maxww.matching.models import Employer, Placement, Proposal, Vacancy
from maxww.matching.tests.factories import proposable_candidate
from maxww.trajects.constants import Outcome, TrajectState

from .conftest import (
    JOURNEY,
    LONG_TITLE,
    assert_error,
    assert_kept,
    login,
    shot,
    tab_to_and_press_enter,
    type_past_limits,
)

pytestmark = JOURNEY


@pytest.fixture
def candidate(make_user):
    return proposable_candidate(make_user, today=timezone.localdate())


def test_accountmanager_adds_employer_and_vacancy_proposes_and_places(
    browser_page, live_server, candidate
):
    page = browser_page
    today = timezone.localdate()
    start = (today + dt.timedelta(days=14)).isoformat()
    login(page, "emre")

    # The employer: postcode ABCDEF and a short KvK number are refused.
    page.goto(live_server.url + reverse("matching:employer_new"))
    page.locator("#id_name").fill("DC Dordtse Kil")
    page.get_by_label("KvK-nummer").fill("1234")
    page.get_by_label("Sector").select_option(index=1)
    page.get_by_label("Adres").fill("Kilweg 1")
    page.get_by_label("Postcode").fill("ABCDEF")
    page.get_by_label("Plaats").fill("Dordrecht")
    page.get_by_role("button", name="Opslaan").click()
    page.locator(".utrecht-form-field--invalid").first.wait_for()
    shot(page, "accountmanager-01-employer-refused")
    assert_error(page, page.get_by_label("Postcode"), "Vul een postcode in")
    assert_error(page, page.get_by_label("KvK-nummer"), "precies 8 cijfers")
    assert_kept(page.get_by_label("Postcode"), "ABCDEF")
    assert_kept(page.locator("#id_name"), "DC Dordtse Kil")
    assert_kept(page.get_by_label("Adres"), "Kilweg 1")
    page.get_by_label("KvK-nummer").fill("12345678")
    page.get_by_label("Postcode").fill("3316 AB")
    tab_to_and_press_enter(
        page,
        page.get_by_role("button", name="Opslaan"),
        start=page.get_by_label("Afspraken"),
    )
    page.get_by_text("De werkgever is toegevoegd.").wait_for()
    assert Employer.objects.get().postcode == "3316AB"

    # The vacancy: a 3,000-character title starting in 9999 is refused.
    page.goto(live_server.url + reverse("matching:vacancy_new"))
    page.get_by_label("Werkgever").select_option(label="DC Dordtse Kil")
    type_past_limits(page.get_by_label("Functietitel"), LONG_TITLE)
    page.get_by_label("Beroep (ISCO-08)").select_option(
        label="Laders, lossers en orderpickers (9333)"
    )
    page.get_by_label("Uren per week (minimaal)").fill("24")
    page.get_by_label("Uren per week (maximaal)").fill("36")
    page.get_by_label("Postcode werkplek").fill("3311 AB")
    page.get_by_label("Startdatum").fill("9999-12-31")
    page.get_by_role("button", name="Opslaan").click()
    page.locator(".utrecht-form-field--invalid").first.wait_for()
    shot(page, "accountmanager-02-vacancy-refused")
    assert_error(page, page.get_by_label("Functietitel"), "niet meer dan 150 tekens")
    assert_error(page, page.get_by_label("Startdatum"), "Kies een datum tussen")
    assert_kept(page.get_by_label("Functietitel"), LONG_TITLE)
    assert_kept(page.get_by_label("Startdatum"), "9999-12-31")
    assert_kept(page.get_by_label("Uren per week (maximaal)"), "36")
    assert not Vacancy.objects.exists()
    page.get_by_label("Functietitel").fill("Orderpicker dagdienst")
    page.get_by_label("Startdatum").fill(start)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De vacature is opgeslagen.").wait_for()

    # Propose the ranked candidate.
    row = page.get_by_role("row").filter(has_text="Sanne Kandidaat")
    row.get_by_role("button", name="Voorstellen").click()
    page.get_by_text("De kandidaat is voorgesteld.").wait_for()
    shot(page, "accountmanager-03-proposed")
    proposal = Proposal.objects.get()

    # Place: a start in 1900 is refused, the hours kept; then the real date.
    page.goto(live_server.url + reverse("matching:proposal_hire", args=[proposal.uuid]))
    page.get_by_label("Uren per week").fill("32")
    page.get_by_label("Startdatum werk").fill("1900-01-01")
    page.get_by_role("button", name="Plaatsing opslaan").click()
    page.locator(".utrecht-form-field--invalid").first.wait_for()
    assert_error(page, page.get_by_label("Startdatum werk"), "Kies een datum tussen")
    assert_kept(page.get_by_label("Uren per week"), "32")
    assert_kept(page.get_by_label("Startdatum werk"), "1900-01-01")
    page.get_by_label("Startdatum werk").fill(start)
    page.get_by_role("button", name="Plaatsing opslaan").click()
    page.get_by_text("Geplaatst.").wait_for()
    shot(page, "accountmanager-04-placed")
    traject = candidate.traject
    traject.refresh_from_db()
    assert traject.state == TrajectState.ENDED and traject.outcome == Outcome.WORK
    assert Placement.objects.get().start_date.isoformat() == start
