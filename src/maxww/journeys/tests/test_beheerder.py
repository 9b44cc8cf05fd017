"""Journey of the functional beheerder: the region's configuration, validated."""

from __future__ import annotations

from django.urls import reverse

from maxww.organisations.constants import OrganisationKind, Role
from maxww.organisations.models import RegionalConfig
from maxww.organisations.tests.factories import OrganisationFactory, RegionFactory

from .conftest import (
    JOURNEY,
    assert_error,
    assert_kept,
    login,
    shot,
    tab_to_and_press_enter,
    type_past_limits,
)

pytestmark = JOURNEY


def test_beheerder_changes_the_regional_configuration(
    browser_page, live_server, make_user
):
    region = RegionFactory(code="AM24", name="Drechtsteden")
    sdd = OrganisationFactory(
        name="Sociale Dienst Drechtsteden",
        kind=OrganisationKind.SHARED_SERVICE,
        region=region,
    )
    make_user(role=Role.FUNCTIONAL_ADMIN, organisation=sdd, username="bea")
    page = browser_page
    login(page, "bea")
    page.goto(live_server.url + reverse("organisations:regional_config"))
    page.get_by_role(
        "heading", name="Instellingen van de regio Drechtsteden"
    ).wait_for()

    # Absurd: a retention of 1,000 months and a 2,000-character agreement.
    page.get_by_label("Bewaartermijn (maanden)").fill("1000")
    page.get_by_label("Escaleren na aantal keer niet verschenen").fill("0")
    agreements = "Afspraak met Baanbrekend. " * 80
    type_past_limits(page.get_by_label("Afspraken en contactpersonen"), agreements)
    page.get_by_role("button", name="Opslaan").click()
    page.locator(".utrecht-form-field--invalid").first.wait_for()
    shot(page, "beheerder-01-refused")
    assert_error(page, page.get_by_label("Bewaartermijn (maanden)"), "hoogstens 120")
    assert_error(
        page,
        page.get_by_label("Escaleren na aantal keer niet verschenen"),
        "minstens 1",
    )
    assert_error(
        page, page.get_by_label("Afspraken en contactpersonen"), "niet meer dan 1000"
    )
    assert_kept(page.get_by_label("Bewaartermijn (maanden)"), "1000")
    assert_kept(page.get_by_label("Afspraken en contactpersonen"), agreements)

    # A real change: keep data 24 months, sessions are voluntary.
    page.get_by_label("Bewaartermijn (maanden)").fill("24")
    page.get_by_label("Escaleren na aantal keer niet verschenen").fill("2")
    page.get_by_label("Afspraken en contactpersonen").fill("Baanbrekend: 10 plaatsen")
    page.get_by_label("Uitnodigend (vrijwillig)").check()
    tab_to_and_press_enter(
        page,
        page.get_by_role("button", name="Opslaan"),
        start=page.get_by_label("Afspraken en contactpersonen"),
    )
    page.get_by_text("De instellingen van Drechtsteden zijn opgeslagen.").wait_for()
    shot(page, "beheerder-02-saved")
    config = RegionalConfig.objects.get(region=region)
    assert config.retention_months == 24
    assert config.session_tone == "open"
    assert "Bewaartermijn" in page.locator("main").inner_text()
