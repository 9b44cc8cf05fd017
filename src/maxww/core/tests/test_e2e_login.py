"""Browser journey: a demo user logs in and sees the start page of their role."""

import pytest

from conftest import login
from maxww.organisations.constants import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_logs_in_with_the_keyboard_and_sees_their_start_page(
    browser_page, make_user
):
    make_user(role=Role.COORDINATOR, username="carla", first_name="Carla")
    page = browser_page
    login(page, "carla")
    page.wait_for_url("**/")
    # The skip link is the first thing a keyboard user reaches, and it works.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.get_by_role("heading", level=1).inner_text() == "Goedendag, Carla"
    assert page.get_by_text("Coördinator Max-WW").first.is_visible()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert nav.get_by_role("link", name="API").is_visible()
    assert nav.get_by_role("link", name="Beheer").count() == 0


def test_wrong_password_keeps_the_user_on_the_login_page(browser_page, make_user):
    make_user(username="kees")
    login(browser_page, "kees", "verkeerd")
    assert "inloggen" in browser_page.url
    assert browser_page.get_by_role("alert").is_visible()
