"""The client backend maps a BSN claim to a known person (no HTTP here).

The whole login, through a real provider in a browser, is in test_e2e_oidc.py.
"""

from django.test import RequestFactory
from django.urls import reverse

import pytest

from maxww.accounts.providers import ProviderConfig
from maxww.organisations.tests.factories import UserFactory
from maxww.people.tests.factories import PersonFactory, synthetic_bsn
from maxww.portal.auth import ClientOIDCBackend

pytestmark = pytest.mark.django_db

MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"


@pytest.fixture
def backend():
    backend = ClientOIDCBackend()
    backend.config = ProviderConfig(
        key="digid",
        purpose="clients",
        name="DigiD",
        issuer="http://127.0.0.1:1",
        authorization_endpoint="",
        token_endpoint="",
        userinfo_endpoint="",
        jwks_uri="",
        end_session_endpoint="",
        client_id="maxww",
        client_secret="x",
        scopes="openid bsn",
        claim="bsn",
        minimum_assurance="midden",
    )
    backend.request = RequestFactory().get("/mijn/oidc/callback/")
    return backend


def test_known_bsn_gets_a_client_account_linked_to_the_person(backend):
    bsn = synthetic_bsn(4242)
    person = PersonFactory(bsn=bsn)
    claims = {"sub": "x", "bsn": bsn, "acr": MIDDEN}
    assert backend.verify_claims(claims)
    assert not backend.filter_users_by_claims(claims).exists()
    user = backend.create_user(claims)
    person.refresh_from_db()
    assert person.portal_user == user
    assert user.role == ""
    assert not user.has_usable_password()
    assert list(backend.filter_users_by_claims(claims)) == [user]


def test_unknown_or_invalid_bsn_gets_no_account(backend):
    assert not backend.verify_claims({"bsn": synthetic_bsn(777), "acr": MIDDEN})
    assert backend.request.maxww_oidc_failure[0] == "unknown_person"
    assert not backend.verify_claims({"bsn": "123456789", "acr": MIDDEN})
    assert not backend.verify_claims({"acr": MIDDEN})
    assert backend.create_user({"bsn": "123"}) is None


def test_too_low_or_missing_assurance_is_refused_before_the_bsn(backend):
    bsn = synthetic_bsn(4343)
    PersonFactory(bsn=bsn)
    assert not backend.verify_claims({"bsn": bsn, "acr": "basis"})
    assert backend.request.maxww_oidc_failure == (
        "assurance_too_low",
        {"level": "basis"},
    )
    assert not backend.verify_claims({"bsn": bsn})
    assert backend.verify_claims({"bsn": bsn, "acr": "substantieel"})


def test_a_staff_account_is_never_used_for_a_client(backend):
    bsn = synthetic_bsn(99)
    staff = UserFactory(username="medewerker")
    person = PersonFactory(bsn=bsn, portal_user=staff)
    claims = {"bsn": bsn, "acr": MIDDEN}
    assert not backend.filter_users_by_claims(claims).exists()
    assert backend.create_user(claims) is None
    person.refresh_from_db()
    assert person.portal_user == staff


def test_login_page_offers_digid_only_when_configured(client):
    assert (
        "Inloggen met DigiD" not in client.get(reverse("portal:login")).content.decode()
    )
