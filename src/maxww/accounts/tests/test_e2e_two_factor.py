"""Browser journey: set up an authenticator app, then log in with a code."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import login
from maxww.organisations.constants import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _code(device: TOTPDevice, drift: int = 0) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, drift=drift)
    return f"{value:06d}"


def test_staff_member_sets_up_2fa_and_then_needs_a_code(
    browser_page, make_user, settings
):
    settings.MAXWW_REQUIRE_2FA = True
    user = make_user(role=Role.COACH, username="tineke")
    page = browser_page
    login(page, "tineke")
    # Required: the app sends a staff member without a device to the setup page.
    page.wait_for_url("**/account/tweestapsverificatie/")
    assert page.locator("svg[role=img]").is_visible()
    device = TOTPDevice.objects.get(user=user)
    page.get_by_label("Verificatiecode").fill(_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    assert page.get_by_role("heading", name="Uw herstelcodes").is_visible()
    codes = page.locator(".mx-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name=re.compile("verder")).click()
    page.wait_for_url("**/")

    page.get_by_role("button", name="Uitloggen").click()
    login(page, "tineke")
    page.wait_for_url("**/account/inloggen/code/")
    page.get_by_label("Verificatiecode").fill("000000")
    page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_text("Deze code klopt niet").is_visible()
    # django-otp backs off after a wrong code; the page says how long.
    assert page.get_by_text(re.compile("Wacht [0-9]+ seconde")).is_visible()
    page.wait_for_timeout(1200)
    page.get_by_label("Verificatiecode").fill(codes[0])
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/")
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
