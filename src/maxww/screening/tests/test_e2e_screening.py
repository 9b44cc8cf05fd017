"""Browser journey: a coordinator uploads the extract, sees the cohorts and selects."""

from __future__ import annotations

import pytest

from conftest import login
from maxww.organisations.constants import Role
from maxww.screening.models import Selection

from .conftest import EXAMPLE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_uploads_extract_sees_cohorts_and_selects_for_voorlichting(
    browser_page, make_user, region, uwv
):
    # Wide windows so the fixed example file stays in the invite window over time.
    config = region.config
    config.screening_months = config.invitation_months = 24
    config.coaching_months = config.follow_up_months = config.documentation_months = 0
    config.save()
    make_user(role=Role.COORDINATOR, organisation=uwv, username="carla")
    page = browser_page
    page.set_default_timeout(45000)
    login(page, "carla")
    page.goto("/screening/import/")
    page.get_by_label("UWV-bestand (CSV of XLSX)").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Inlezen").click()
    page.get_by_text("Het bestand is ingelezen.").wait_for()
    assert page.locator(".mx-stat", has_text="nieuw").inner_text().startswith("20")

    page.get_by_role("link", name="Naar de cohorten").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Screening")
    assert page.get_by_text("20 personen gevonden.").is_visible()
    page.get_by_label("Voorcheck bijstand").select_option("likely")
    page.wait_for_url("**precheck=likely**")

    page.goto("/screening/uitnodigen/")
    checkboxes = page.locator("input[name=person]")
    assert checkboxes.count() == 20
    checkboxes.nth(0).check()
    checkboxes.nth(1).check()
    page.get_by_label("Reden van de selectie").fill("Alleenstaand en hoog in de lijst")
    page.get_by_role("button", name="Selecteer voor voorlichting").click()
    page.get_by_text("geselecteerd voor voorlichting").wait_for()
    assert Selection.objects.filter(status="open").count() == 2
    assert page.locator("input[name=person]").count() == 18
