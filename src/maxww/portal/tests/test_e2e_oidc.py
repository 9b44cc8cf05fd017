"""Clients log in with DigiD through a real OpenID Connect provider (browser).

The provider is oidc-provider on Node.js (see accounts/tests/oidc_provider);
chromium goes through its login page. Nothing is mocked.
"""

from __future__ import annotations

import re

import pytest

from maxww.accounts.tests.oidc_provider import register
from maxww.organisations.models import User
from maxww.people.models import Person
from maxww.people.tests.factories import PersonFactory, synthetic_bsn

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def digid(oidc_provider):
    return register(oidc_provider, oidc_provider.digid)


def _digid_login(page, bsn: str, level: str = "midden") -> None:
    page.goto("/mijn/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.get_by_label("BSN").fill(bsn)
    page.get_by_label("Betrouwbaarheidsniveau").select_option(level)
    page.get_by_role("button", name="Inloggen bij provider").click()


@pytest.mark.parametrize("configured_by", ["beheerder", "environment"])
def test_known_client_logs_in_with_digid_and_out_at_the_broker(
    portal_page,
    oidc_provider,
    settings,
    configured_by,
):
    if configured_by == "beheerder":
        register(oidc_provider, oidc_provider.digid)
    else:
        issuer = oidc_provider.issuer
        settings.OIDC_RP_CLIENT_ID = oidc_provider.digid.client_id
        settings.OIDC_RP_CLIENT_SECRET = oidc_provider.digid.client_secret
        settings.OIDC_OP_ISSUER = issuer
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = issuer + "/auth"
        settings.OIDC_OP_TOKEN_ENDPOINT = issuer + "/token"
        settings.OIDC_OP_USER_ENDPOINT = issuer + "/me"
        settings.OIDC_OP_JWKS_ENDPOINT = issuer + "/jwks"
        settings.OIDC_OP_LOGOUT_ENDPOINT = issuer + "/session/end"
        settings.OIDC_RP_SCOPES = "openid bsn"
        settings.OIDC_BSN_CLAIM = "bsn"
        settings.OIDC_MIN_ASSURANCE = "midden"
    bsn = synthetic_bsn(52525)
    person = PersonFactory(bsn=bsn, first_name="Samira")
    page = portal_page

    _digid_login(page, bsn)
    page.wait_for_url("**/mijn/")
    assert page.get_by_role("heading", name=re.compile("Samira")).is_visible()
    person.refresh_from_db()
    assert person.portal_user is not None
    assert not person.portal_user.has_usable_password()
    assert person.portal_user.role == ""

    page.locator("#main").get_by_role("button", name="Uitloggen").click()
    # The broker's own logout page, then back to the maxww login page.
    page.get_by_role("button", name="Uitloggen bij provider").click()
    page.wait_for_url("**/mijn/inloggen/")
    page.goto("/mijn/")
    assert "/mijn/inloggen/" in page.url
    # The broker's session ended too: it asks for the BSN again.
    page.get_by_role("link", name="Inloggen met DigiD").click()
    assert page.get_by_label("BSN").is_visible()


def test_a_bsn_unknown_to_maxww_gets_a_dutch_page_and_no_account(portal_page, digid):
    users = User.objects.count()
    _digid_login(portal_page, synthetic_bsn(61616))
    assert portal_page.get_by_role(
        "heading", name="U bent niet bekend bij Max-WW"
    ).is_visible()
    assert User.objects.count() == users
    portal_page.goto("/mijn/")
    assert "/mijn/inloggen/" in portal_page.url


def test_digid_basis_is_refused_when_midden_is_the_minimum(portal_page, digid):
    bsn = synthetic_bsn(71717)
    person = PersonFactory(bsn=bsn)
    _digid_login(portal_page, bsn, level="basis")
    assert portal_page.get_by_role(
        "heading", name="Inloggen met een hoger niveau nodig"
    ).is_visible()
    assert portal_page.get_by_text(
        "U logde in met DigiD Basis. Voor Mijn Max-WW is minimaal DigiD Midden"
    ).is_visible()
    person.refresh_from_db()
    assert person.portal_user is None


def test_a_callback_with_a_forged_state_is_refused(portal_page, digid):
    page = portal_page
    starts = []
    page.on("request", lambda r: starts.append(r.url) if "/auth?" in r.url else None)
    page.goto("/mijn/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    assert page.get_by_label("BSN").is_visible()
    # The login this browser started carries state, nonce and PKCE.
    assert re.search(r"[?&]state=[^&]{32}", starts[0])
    assert "nonce=" in starts[0]
    assert "code_challenge_method=S256" in starts[0]
    # A callback with another state (e.g. a link from someone else) is refused.
    response = page.goto("/mijn/oidc/callback/?code=gestolen&state=vervalst")
    assert response.status == 400
    assert page.get_by_role(
        "heading", name="Deze inlogpoging is niet geldig"
    ).is_visible()
    page.goto("/mijn/")
    assert "/mijn/inloggen/" in page.url


def test_an_expired_id_token_is_refused(portal_page, digid, provider_clock):
    bsn = synthetic_bsn(91919)
    person = PersonFactory(bsn=bsn)
    # The provider's clock runs ten minutes behind: its ID token (valid for
    # five minutes) has expired by the time maxww reads it.
    provider_clock(-600)
    _digid_login(portal_page, bsn)
    assert portal_page.get_by_role("heading", name="Inloggen is verlopen").is_visible()
    person.refresh_from_db()
    assert person.portal_user is None
    assert not Person.objects.filter(portal_user__isnull=False).exists()
