"""Staff log in through their organisation's own provider (browser, real OIDC).

Two organisations, each with its own client at the test provider. A user is
matched by e-mail within the provider's organisation; maxww's code step is
skipped only when the provider asserts a second factor.
"""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import login
from maxww.accounts.tests.oidc_provider import register
from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import OrganisationFactory

HOME = re.compile(r"^http://[^/]+/$")
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def uwv(oidc_provider, settings):
    settings.MAXWW_REQUIRE_2FA = True
    organisation = OrganisationFactory(name="UWV Dordrecht", uwv=True)
    register(
        oidc_provider,
        oidc_provider.staff,
        purpose="staff",
        organisation=organisation,
        name="UWV-account",
        slug="uwv",
    )
    return organisation


def _sso_login(page, email: str, *, mfa: bool) -> None:
    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen met UWV-account (UWV Dordrecht)").click()
    page.get_by_label("E-mailadres").fill(email)
    if mfa:
        page.get_by_label("Met tweede factor").check()
    page.get_by_role("button", name="Inloggen bij provider").click()


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0):06d}"


def test_second_factor_at_the_provider_skips_the_maxww_code(
    browser_page, uwv, make_user
):
    user = make_user(role=Role.UWV_ADVISER, organisation=uwv, email="a.jansen@uwv.test")
    _device(user)
    page = browser_page
    _sso_login(page, "A.Jansen@uwv.test", mfa=True)
    page.wait_for_url(HOME)
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert page.get_by_text("Adviseur UWV · UWV Dordrecht").is_visible()
    # Logging out ends the session at UWV's provider too.
    page.get_by_role("banner").get_by_role("button", name="Uitloggen").click()
    page.get_by_role("button", name="Uitloggen bij provider").click()
    page.wait_for_url("**/inloggen/")
    page.get_by_role("link", name="Inloggen met UWV-account (UWV Dordrecht)").click()
    assert page.get_by_label("E-mailadres").is_visible()


def test_without_a_second_factor_at_the_provider_the_maxww_code_is_asked(
    browser_page, uwv, make_user
):
    user = make_user(role=Role.UWV_ADVISER, organisation=uwv, email="b.smit@uwv.test")
    device = _device(user)
    page = browser_page
    _sso_login(page, "b.smit@uwv.test", mfa=False)
    page.wait_for_url("**/account/inloggen/code/")
    page.goto("/screening/")
    assert "/inloggen/" in page.url  # not logged in before the code
    page.goto("/account/inloggen/code/")
    page.get_by_label("Verificatiecode").fill(_code(device))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(HOME)
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()


def test_without_a_second_factor_and_no_device_setup_is_required(
    browser_page, uwv, make_user
):
    make_user(role=Role.COACH, organisation=uwv, email="c.bakker@uwv.test")
    page = browser_page
    _sso_login(page, "c.bakker@uwv.test", mfa=False)
    page.wait_for_url("**/account/tweestapsverificatie/")
    assert page.locator("svg[role=img]").is_visible()


def test_a_provider_that_always_enforces_mfa_skips_the_code(
    browser_page, uwv, make_user
):
    uwv.identity_providers.update(mfa_by_provider=True)
    user = make_user(role=Role.ANALYST, organisation=uwv, email="d.vos@uwv.test")
    _device(user)
    page = browser_page
    _sso_login(page, "d.vos@uwv.test", mfa=False)
    page.wait_for_url(HOME)
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()


def test_a_user_of_another_organisation_is_refused(
    browser_page, uwv, make_user, oidc_provider
):
    gemeente = OrganisationFactory(name="Sociale Dienst Drechtsteden")
    register(
        oidc_provider,
        oidc_provider.other_staff,
        purpose="staff",
        organisation=gemeente,
        name="Gemeente-account",
        slug="gemeente",
    )
    make_user(role=Role.CASE_MANAGER, organisation=gemeente, email="e.kok@sdd.test")
    page = browser_page
    # Through UWV's provider: no account at UWV, so no login.
    _sso_login(page, "e.kok@sdd.test", mfa=True)
    assert page.get_by_role("heading", name="Geen maxww-account gevonden").is_visible()
    assert page.get_by_text("Bij UWV Dordrecht is geen maxww-account").is_visible()
    page.goto("/screening/")
    assert "/inloggen/" in page.url
    # Through the own organisation's provider it works (the provider still
    # knows the person, so it sends them straight back).
    page.goto("/inloggen/")
    page.get_by_role(
        "link", name="Inloggen met Gemeente-account (Sociale Dienst Drechtsteden)"
    ).click()
    page.wait_for_url(HOME)
    assert page.get_by_text("Klantmanager · Sociale Dienst Drechtsteden").is_visible()


def test_an_unknown_e_mail_gets_no_account_and_password_login_still_works(
    browser_page, uwv, make_user
):
    make_user(role=Role.COACH, organisation=uwv, username="wachtwoord")
    page = browser_page
    _sso_login(page, "nieuw@uwv.test", mfa=True)
    assert page.get_by_role("heading", name="Geen maxww-account gevonden").is_visible()
    assert not type(uwv.users.first()).objects.filter(email="nieuw@uwv.test").exists()
    login(page, "wachtwoord")
    page.wait_for_url("**/account/tweestapsverificatie/")
