"""Identity provider settings as the login code uses them.

``ProviderConfig`` comes from an ``IdentityProvider`` row or, for a
single-provider deployment, from the ``OIDC_*`` environment variables (client
login only). ``fetch_discovery`` reads and checks a discovery document.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

import requests

from .models import IdentityProvider, ProviderPurpose

ENV_KEY = "env"
DISCOVERY_SUFFIX = "/.well-known/openid-configuration"
_REQUIRED = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
_ENDPOINTS = (*_REQUIRED, "userinfo_endpoint", "end_session_endpoint")


@dataclass(frozen=True)
class ProviderConfig:
    key: str
    purpose: str
    name: str
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    end_session_endpoint: str
    client_id: str
    client_secret: str
    scopes: str
    claim: str
    user_field: str = "email"
    minimum_assurance: str = ""
    mfa_by_provider: bool = False
    organisation_id: int | None = None
    organisation_name: str = ""

    @classmethod
    def from_model(cls, provider: IdentityProvider) -> ProviderConfig:
        return cls(
            key=provider.slug,
            purpose=provider.purpose,
            name=provider.name,
            **{name: getattr(provider, name) for name in _ENDPOINTS},
            client_id=provider.client_id,
            client_secret=provider.client_secret,
            scopes=provider.scopes,
            claim=provider.claim,
            user_field=provider.user_field,
            minimum_assurance=provider.minimum_assurance,
            mfa_by_provider=provider.mfa_by_provider,
            organisation_id=provider.organisation_id,
            organisation_name=str(provider.organisation or ""),
        )

    @classmethod
    def from_settings(cls) -> ProviderConfig:
        """The client provider from OIDC_* variables (see docs/configuration.md)."""
        return cls(
            key=ENV_KEY,
            purpose=ProviderPurpose.CLIENTS,
            name="DigiD",
            issuer=getattr(settings, "OIDC_OP_ISSUER", ""),
            authorization_endpoint=settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
            token_endpoint=settings.OIDC_OP_TOKEN_ENDPOINT,
            userinfo_endpoint=settings.OIDC_OP_USER_ENDPOINT,
            jwks_uri=settings.OIDC_OP_JWKS_ENDPOINT,
            end_session_endpoint=getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", ""),
            client_id=settings.OIDC_RP_CLIENT_ID,
            client_secret=settings.OIDC_RP_CLIENT_SECRET,
            scopes=settings.OIDC_RP_SCOPES,
            claim=settings.OIDC_BSN_CLAIM,
            minimum_assurance=getattr(settings, "OIDC_MIN_ASSURANCE", ""),
        )


def client_provider() -> ProviderConfig | None:
    """The active client provider: the database first, then the environment."""
    row = IdentityProvider.objects.filter(
        purpose=ProviderPurpose.CLIENTS, is_active=True
    ).first()
    if row is not None:
        return ProviderConfig.from_model(row)
    if getattr(settings, "OIDC_RP_CLIENT_ID", ""):
        return ProviderConfig.from_settings()
    return None


def staff_provider(slug: str) -> ProviderConfig | None:
    row = (
        IdentityProvider.objects.select_related("organisation")
        .filter(purpose=ProviderPurpose.STAFF, is_active=True, slug=slug)
        .first()
    )
    return ProviderConfig.from_model(row) if row else None


def provider_by_key(key: str, purpose: str) -> ProviderConfig | None:
    if purpose == ProviderPurpose.CLIENTS:
        found = client_provider()
        return found if found and found.key == key else None
    return staff_provider(key)


def staff_providers() -> list[IdentityProvider]:
    """Active staff providers, for the buttons on the login page."""
    return list(
        IdentityProvider.objects.select_related("organisation").filter(
            purpose=ProviderPurpose.STAFF, is_active=True
        )
    )


def fetch_discovery(url: str) -> dict[str, str]:
    """The endpoints from a discovery document; ValidationError (Dutch) if wrong.

    The issuer must be the discovery URL without the well-known suffix
    (OpenID Connect Discovery 1.0, section 4.3).
    """
    try:
        response = requests.get(url, timeout=10, headers={"Accept": "application/json"})
        response.raise_for_status()
        document = response.json()
    except requests.RequestException as exc:
        raise ValidationError(
            _("Het discovery-document kon niet worden opgehaald: %(reason)s")
            % {"reason": exc.__class__.__name__}
        ) from exc
    except ValueError as exc:
        raise ValidationError(
            _("Het discovery-document is geen geldige JSON.")
        ) from exc
    missing = [key for key in _REQUIRED if not document.get(key)]
    if missing:
        raise ValidationError(
            _("In het discovery-document ontbreekt: %(keys)s.")
            % {"keys": ", ".join(missing)}
        )
    if url.removesuffix(DISCOVERY_SUFFIX).rstrip("/") != document["issuer"].rstrip("/"):
        raise ValidationError(
            _("De issuer %(issuer)s hoort niet bij dit discovery-adres.")
            % {"issuer": document["issuer"]}
        )
    return {key: str(document.get(key) or "") for key in _ENDPOINTS}
