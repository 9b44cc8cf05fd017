"""Browser journey: a klantmanager checks a pensioner household with income from work."""

import os

import pytest

from conftest import login
from maxww.organisations.constants import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_pensioner_with_income_from_work_gets_a_norm_and_the_svb_referral(
    browser_page, make_user
):
    make_user(role=Role.CASE_MANAGER, username="kim")
    page = browser_page
    login(page, "kim")
    page.wait_for_url("**/")
    page.goto("/rekenhulp/?law=bijstand")
    page.get_by_label("Peildatum (eerste bijstandsdag)").fill("2026-01-05")
    page.get_by_label("Geboortedatum aanvrager").fill("1958-01-01")
    page.get_by_label("Netto inkomsten uit werk per maand (€)").fill("800")
    page.get_by_label("Bezittingen (€)").fill("1000")
    page.get_by_label("Bezittingen (€)").press("Enter")
    result = page.locator("table.utrecht-table")
    # Participatiewet art. 22 onder a (2026): € 1.564,69; art. 31 lid 2 onder n:
    # 25% of € 800 = € 200 exempt (no six-month limit at AOW age).
    assert "€ 1.564,69" in result.inner_text()
    assert "€ 200,00" in result.inner_text()
    assert "Verwijs door naar de SVB" in result.inner_text()
    assert "€ 964,69" in result.inner_text()
    if os.environ.get("MAXWW_SCREENSHOTS"):
        page.screenshot(path=os.environ["MAXWW_SCREENSHOTS"], full_page=True)
