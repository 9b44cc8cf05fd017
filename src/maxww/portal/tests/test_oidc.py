"""OpenID Connect (DigiD through a broker) maps a BSN claim to a known person."""

import pytest

from maxww.organisations.tests.factories import UserFactory
from maxww.people.tests.factories import PersonFactory, synthetic_bsn

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.OIDC_RP_CLIENT_ID = "maxww"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.OIDC_BSN_CLAIM = "bsn"
    from maxww.portal.auth import ClientOIDCBackend

    return ClientOIDCBackend()


def test_known_bsn_gets_a_client_account_linked_to_the_person(backend):
    bsn = synthetic_bsn(4242)
    person = PersonFactory(bsn=bsn)
    claims = {"sub": "x", "bsn": bsn}
    assert backend.verify_claims(claims)
    assert not backend.filter_users_by_claims(claims).exists()
    user = backend.create_user(claims)
    person.refresh_from_db()
    assert person.portal_user == user
    assert user.role == ""
    assert not user.has_usable_password()
    assert list(backend.filter_users_by_claims(claims)) == [user]


def test_unknown_or_invalid_bsn_gets_no_account(backend):
    assert not backend.verify_claims({"bsn": synthetic_bsn(777)})
    assert not backend.verify_claims({"bsn": "123456789"})
    assert not backend.verify_claims({})
    assert backend.create_user({"bsn": "123"}) is None


def test_a_staff_account_is_never_used_for_a_client(backend):
    bsn = synthetic_bsn(99)
    staff = UserFactory(username="medewerker")
    PersonFactory(bsn=bsn, portal_user=staff)
    assert not backend.filter_users_by_claims({"bsn": bsn}).exists()


def test_login_page_offers_digid_only_when_configured(client, settings):
    assert "Inloggen met DigiD" not in client.get("/mijn/inloggen/").content.decode()
