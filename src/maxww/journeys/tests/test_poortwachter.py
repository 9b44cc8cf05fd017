"""Journey of the poortwachter: a handover comes in, the 48-hour checks, the route."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

import pytest

from maxww.handover.models import BijstandApplication
from maxww.handover.services import hand_over
from maxww.handover.tests.factories import traject_ready_for_handover

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


@pytest.fixture
def handed_over():
    s = traject_ready_for_handover()
    hand_over(
        traject=s.traject,
        to_organisation=s.municipality_org,
        by=s.coach,
        on=timezone.localdate(),
    )
    return s


def test_gatekeeper_receives_checks_and_routes(browser_page, live_server, handed_over):
    s = handed_over
    page = browser_page
    name = s.traject.person.last_name
    login(page, s.gatekeeper.username)
    page.goto(live_server.url + reverse("handover:applications"))
    shot(page, "poortwachter-01-incoming")
    page.get_by_role("link", name="Aanvraag registreren").first.click()

    # Application in 2099, received in 1990: refused, the rest kept.
    page.get_by_label("Aanvraagdatum").fill("2099-01-01")
    page.get_by_label("Ontvangen op").fill("1990-01-01T10:00")
    page.get_by_label("Bezittingen (€)").fill("1500")
    page.get_by_role("button", name="Aanvraag registreren").click()
    page.locator(".utrecht-form-field--invalid").first.wait_for()
    shot(page, "poortwachter-02-application-refused")
    assert_error(page, page.get_by_label("Aanvraagdatum"), "Kies een datum tussen")
    assert_error(page, page.get_by_label("Ontvangen op"), "Kies een datum tussen")
    assert_kept(page.get_by_label("Aanvraagdatum"), "2099-01-01")
    assert_kept(page.get_by_label("Ontvangen op"), "1990-01-01T10:00")
    assert_kept(page.get_by_label("Bezittingen (€)"), "1500")
    assert not BijstandApplication.objects.exists()
    now = timezone.localtime()
    page.get_by_label("Aanvraagdatum").fill(now.date().isoformat())
    page.get_by_label("Ontvangen op").fill(now.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Aanvraag registreren").click()
    page.get_by_text("De aanvraag is geregistreerd").wait_for()
    assert page.get_by_text(name).first.is_visible()

    # The five checks, the first with the keyboard.
    for n, kind in enumerate(
        ("identity", "residence", "income", "assets", "household")
    ):
        form = page.locator(f"form:has(button[name='save-{kind}'])")
        form.get_by_label("Uitkomst").select_option("ok")
        if n == 0:
            tab_to_and_press_enter(
                page,
                form.get_by_role("button", name="Opslaan"),
                start=form.get_by_label("Uitkomst"),
            )
        else:
            form.get_by_role("button", name="Opslaan").click()
        page.get_by_text("vastgelegd").first.wait_for()

    # The route: without work experience it is refused, the choices kept.
    page.get_by_label("Motivatie").select_option("high")
    page.get_by_label("Binnen 3 maanden").check()
    page.get_by_role("button", name="Route kiezen").click()
    page.locator(".utrecht-form-field--invalid").first.wait_for()
    assert_error(page, page.get_by_label("Werkervaring"), "Dit veld is vereist.")
    assert page.get_by_label("Motivatie").input_value() == "high"
    assert page.get_by_label("Binnen 3 maanden").is_checked()
    page.get_by_label("Werkervaring").fill("Orderpicker, 8 jaar")
    page.get_by_label("Klantmanager").select_option(str(s.case_manager.pk))
    page.get_by_role("button", name="Route kiezen").click()
    page.get_by_text("De route is gekozen").wait_for()
    shot(page, "poortwachter-03-routed")
    app = BijstandApplication.objects.get()
    assert app.route == "arbeidsmarkt"
    assert app.case_manager == s.case_manager
    assert not app.checks.filter(status="open").exists()

    # A new application at the desk with impossible personal data.
    page.goto(live_server.url + reverse("handover:application_new"))
    page.get_by_label("BSN").fill("123456782")
    type_past_limits(page.get_by_label("Achternaam"), "Jansen" * 83 + "-Jans")
    page.get_by_label("Geboortedatum", exact=True).fill("2030-01-01")
    page.get_by_label("Postcode").fill("ABCDEF")
    page.get_by_label("Huisnummer").fill("0")
    page.get_by_role("button", name="Aanvraag registreren").click()
    page.locator(".utrecht-form-field--invalid").first.wait_for()
    shot(page, "poortwachter-04-new-refused")
    assert_error(
        page, page.get_by_label("Achternaam"), "niet meer dan 120 tekens bevat"
    )
    assert_error(
        page,
        page.get_by_label("Geboortedatum", exact=True),
        "Een geboortedatum ligt niet in de toekomst.",
    )
    assert_error(page, page.get_by_label("Postcode"), "Vul een Nederlandse postcode in")
    assert_error(page, page.get_by_label("Huisnummer"), "Vul een huisnummer in")
    assert_kept(page.get_by_label("Postcode"), "ABCDEF")
    assert_kept(page.get_by_label("Huisnummer"), "0")
    assert len(page.get_by_label("Achternaam").input_value()) == 503
    page.get_by_label("Geboortedatum", exact=True).fill("1800-01-01")
    page.get_by_role("button", name="Aanvraag registreren").click()
    page.locator(".utrecht-form-field--invalid").first.wait_for()
    assert_error(
        page,
        page.get_by_label("Geboortedatum", exact=True),
        "Vul een geboortedatum in na",
    )
    assert BijstandApplication.objects.count() == 1
