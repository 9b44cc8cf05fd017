"""Provider settings by the functional admin, checked against a real provider."""

from __future__ import annotations

import socket

from django.urls import reverse

import pytest

from maxww.accounts.admin import IdentityProviderForm
from maxww.accounts.models import IdentityProvider
from maxww.accounts.providers import client_provider
from maxww.accounts.tests.oidc_provider import register
from maxww.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _data(oidc_provider, **changes):
    data = {
        "name": "DigiD",
        "slug": "digid",
        "purpose": "clients",
        "discovery_url": oidc_provider.discovery_url,
        "client_id": oidc_provider.digid.client_id,
        "client_secret": oidc_provider.digid.client_secret,
        "scopes": "openid bsn",
        "claim": "bsn",
        "user_field": "email",
        "minimum_assurance": "midden",
        "is_active": "on",
    }
    return {**data, **changes}


def _errors(oidc_provider, **changes) -> dict:
    form = IdentityProviderForm(data=_data(oidc_provider, **changes))
    assert not form.is_valid()
    return form.errors


def test_saving_fetches_the_discovery_document_and_encrypts_the_secret(oidc_provider):
    form = IdentityProviderForm(data=_data(oidc_provider))
    assert form.is_valid(), form.errors
    provider = form.save()
    provider.refresh_from_db()
    assert provider.issuer == oidc_provider.issuer
    assert provider.token_endpoint == oidc_provider.issuer + "/token"
    assert provider.jwks_uri == oidc_provider.issuer + "/jwks"
    assert provider.end_session_endpoint == oidc_provider.issuer + "/session/end"
    assert oidc_provider.digid.client_secret not in provider.client_secret_encrypted
    assert provider.client_secret == oidc_provider.digid.client_secret
    assert client_provider().client_secret == oidc_provider.digid.client_secret


def test_an_edit_without_a_secret_keeps_the_old_one(oidc_provider):
    provider = register(oidc_provider, oidc_provider.digid)
    form = IdentityProviderForm(
        data=_data(oidc_provider, client_secret="", name="DigiD (broker)"),
        instance=provider,
    )
    assert form.is_valid(), form.errors
    form.save()
    provider.refresh_from_db()
    assert provider.name == "DigiD (broker)"
    assert provider.client_secret == oidc_provider.digid.client_secret


def test_a_wrong_discovery_url_is_refused_in_dutch(oidc_provider):
    wrong = oidc_provider.issuer + "/onbekend/.well-known/openid-configuration"
    assert "kon niet worden opgehaald" in str(
        _errors(oidc_provider, discovery_url=wrong)["discovery_url"]
    )
    # The same document through another host name names another issuer.
    other_host = oidc_provider.discovery_url.replace("127.0.0.1", "localhost")
    assert "hoort niet bij dit discovery-adres" in str(
        _errors(oidc_provider, discovery_url=other_host)["discovery_url"]
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    unreachable = f"http://127.0.0.1:{closed}/.well-known/openid-configuration"
    assert "kon niet worden opgehaald" in str(
        _errors(oidc_provider, discovery_url=unreachable)["discovery_url"]
    )
    assert not IdentityProvider.objects.exists()


def test_staff_providers_belong_to_one_organisation_each(oidc_provider):
    staff = {"purpose": "staff", "claim": "email", "scopes": "openid email"}
    assert "organisation" in _errors(oidc_provider, slug="uwv", **staff)
    uwv = OrganisationFactory(name="UWV Dordrecht")
    register(
        oidc_provider,
        oidc_provider.staff,
        purpose="staff",
        organisation=uwv,
        slug="uwv",
    )
    errors = _errors(oidc_provider, slug="uwv-2", organisation=uwv.pk, **staff)
    assert "heeft al een provider voor medewerkers" in str(errors)


def test_only_one_client_provider_is_active(oidc_provider):
    register(oidc_provider, oidc_provider.digid)
    errors = _errors(oidc_provider, slug="digid-2")
    assert "al een actieve provider voor inwoners" in str(errors)


def test_the_admin_lists_and_adds_providers(admin_client, oidc_provider):
    register(oidc_provider, oidc_provider.digid)
    page = admin_client.get(reverse("admin:accounts_identityprovider_changelist"))
    assert page.status_code == 200
    assert "DigiD" in page.content.decode()
    add = admin_client.get(reverse("admin:accounts_identityprovider_add"))
    assert add.status_code == 200
    assert "client-secret" in add.content.decode()
    assert oidc_provider.digid.client_secret not in page.content.decode()
