"""Browser journey: coach hands over → gatekeeper checks and routes → case manager."""

import pytest

from conftest import login
from maxww.handover.models import BijstandApplication

from .factories import traject_ready_for_handover

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_warm_handover_journey(browser_page, live_server):
    s = traject_ready_for_handover()
    page = browser_page
    name = s.traject.person.last_name

    login(page, s.coach.username)
    page.goto(f"/overdracht/traject/{s.traject.uuid}/")
    page.get_by_text("Toestemming aanwezig").wait_for()
    page.get_by_label("Overdrachtsgesprek (warme overdracht)").fill("2026-03-05T10:00")
    page.get_by_role("button", name="Dossier overdragen").click()
    page.get_by_text("Het dossier is overgedragen").wait_for()
    page.get_by_role("button", name="Uitloggen").click()

    login(page, s.gatekeeper.username)
    page.goto("/overdracht/aanvragen/")
    page.get_by_role("link", name="Aanvraag registreren").first.click()
    page.get_by_role("button", name="Aanvraag registreren").click()
    page.get_by_text("De aanvraag is geregistreerd").wait_for()
    assert page.get_by_role("heading", name="Overdrachtsdossier").is_visible()
    assert page.get_by_text(name).first.is_visible()
    for kind in ("identity", "residence", "income", "assets", "household"):
        form = page.locator(f"form:has(button[name='save-{kind}'])")
        form.get_by_label("Uitkomst").select_option("ok")
        form.get_by_role("button", name="Opslaan").click()
        page.get_by_text("vastgelegd").first.wait_for()
    page.get_by_label("Werkervaring").fill("Orderpicker, 8 jaar")
    page.get_by_label("Motivatie").select_option("high")
    page.get_by_label("Binnen 3 maanden").check()
    page.get_by_label("Klantmanager").select_option(str(s.case_manager.pk))
    page.get_by_role("button", name="Route kiezen").click()
    page.get_by_text("De route is gekozen").wait_for()
    page.get_by_role("button", name="Uitloggen").click()

    login(page, s.case_manager.username)
    page.goto("/overdracht/aanvragen/")
    page.get_by_role("link", name=name).first.click()
    page.get_by_role("heading", name="Overdrachtsdossier").wait_for()
    assert page.get_by_text("Arbeidsmarkt (werk)").first.is_visible()

    app = BijstandApplication.objects.get()
    assert app.route == "arbeidsmarkt"
    assert app.case_manager == s.case_manager
    assert not app.checks.filter(status="open").exists()
