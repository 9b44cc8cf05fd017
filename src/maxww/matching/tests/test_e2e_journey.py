"""Browser journey: vacancy → ranked candidates → proposal → coach sees it → hire."""

import datetime as dt

from django.utils import timezone

import pytest

from conftest import login
from maxww.matching.models import Placement
from maxww.organisations.models import Organisation
from maxww.trajects.constants import Outcome, TrajectState
from maxww.trajects.models import DurabilityCheck

from .factories import EmployerFactory, proposable_candidate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


def test_adviser_proposes_coach_sees_hire_ends_traject(browser_page, make_user):
    page = browser_page
    today = timezone.localdate()
    profile = proposable_candidate(make_user, today=today)
    wsp = Organisation.objects.get(name="Baanbrekend")
    EmployerFactory(name="DC Dordtse Kil", organisation=wsp)

    # The employer adviser creates a vacancy and sees the candidate ranked.
    login(page, "emre")
    page.goto("/matching/")
    page.get_by_role("link", name="Nieuwe vacature").click()
    page.get_by_label("Werkgever").select_option(label="DC Dordtse Kil")
    page.get_by_label("Functietitel").fill("Orderpicker dagdienst")
    page.get_by_label("Beroep (ISCO-08)").select_option(
        label="Laders, lossers en orderpickers (9333)"
    )
    page.get_by_label("Uren per week (minimaal)").fill("24")
    page.get_by_label("Uren per week (maximaal)").fill("36")
    page.get_by_label("Postcode werkplek").fill("3311 AB")
    page.get_by_label("Startdatum").fill((today + dt.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De vacature is opgeslagen.").wait_for()
    row = page.get_by_role("row").filter(has_text="Sanne Kandidaat")
    assert "Beroep komt precies overeen" in row.inner_text()
    row.get_by_role("button", name="Voorstellen").click()
    page.get_by_text("De kandidaat is voorgesteld.").wait_for()

    # The coach sees the proposed vacancy for their candidate.
    page.get_by_role("button", name="Uitloggen").click()
    login(page, "kees")
    page.goto(f"/matching/kandidaat/{profile.traject.uuid}/")
    proposals = page.get_by_role("table", name="Voorstellen aan werkgevers")
    assert "Orderpicker dagdienst" in proposals.inner_text()
    assert "Voorgesteld" in proposals.inner_text()

    # The hire ends the traject with outcome work and schedules the checks.
    proposals.get_by_role("link", name="Aangenomen").click()
    page.get_by_label("Uren per week").fill("32")
    page.get_by_label("Startdatum werk").fill(
        (today + dt.timedelta(days=14)).isoformat()
    )
    page.get_by_role("button", name="Plaatsing opslaan").click()
    page.get_by_text("Geplaatst.").wait_for()

    traject = profile.traject
    traject.refresh_from_db()
    assert traject.state == TrajectState.ENDED and traject.outcome == Outcome.WORK
    assert Placement.objects.filter(traject=traject).count() == 1
    assert sorted(
        DurabilityCheck.objects.filter(traject=traject).values_list("months", flat=True)
    ) == [3, 6]
