"""OpenID Connect login through mozilla-django-oidc, one provider at a time.

The start view remembers which provider (``ProviderConfig``) a login is for; the
callback hands it to the backends on the request, and only the backend of the
same purpose (clients or staff) answers. On top of mozilla-django-oidc (state,
nonce, PKCE) the ID token is checked in full with PyJWT: RS256 key from the
provider's JWKS, issuer, audience, expiry. A refused login leaves a reason on
the request; the callback shows it in Dutch.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from django.contrib import auth
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.generic import View

import jwt
import requests
import structlog
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify, import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from .failures import message_for
from .providers import ProviderConfig, provider_by_key

logger = structlog.stdlib.get_logger(__name__)

PENDING_KEY = "maxww_oidc"  # during a login: the provider's key and purpose
LOGIN_KEY = "maxww_oidc_login"  # after it: where to log out
# Seconds of clock difference allowed between maxww and the provider.
CLOCK_LEEWAY = 30


def fail(request: HttpRequest, reason: str, **details: Any) -> None:
    """Remember why a login was refused (shown by the callback view)."""
    request.maxww_oidc_failure = (reason, details)


class ProviderSettingsMixin:
    """``get_settings`` answers from the provider first, then from settings."""

    config: ProviderConfig | None = None
    callback_name = ""

    def get_settings(self, attr: str, *args: Any) -> Any:
        config = self.config
        if config is not None:
            values = {
                "OIDC_RP_SCOPES": config.scopes,
                "OIDC_USE_NONCE": True,
                "OIDC_USE_PKCE": True,
                "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
                "OIDC_AUTHENTICATION_CALLBACK_URL": self.callback_name,
                "OIDC_TIMEOUT": 10,
                "OIDC_VERIFY_KID": True,
                "OIDC_ALLOW_UNSECURED_JWT": False,
            }
            if attr in values:
                return values[attr]
        return import_from_settings(attr, *args)


class ProviderBackend(ProviderSettingsMixin, OIDCAuthenticationBackend):
    """Code flow against the provider on the request; subclasses map the claims."""

    purpose = ""
    create_users = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        config = getattr(request, "maxww_oidc_provider", None)
        if config is None or config.purpose != self.purpose or "nonce" not in kwargs:
            return None
        self.config = config
        self.OIDC_OP_TOKEN_ENDPOINT = config.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = config.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = config.jwks_uri
        self.OIDC_RP_CLIENT_ID = config.client_id
        self.OIDC_RP_CLIENT_SECRET = config.client_secret
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException as exc:
            logger.warning("oidc_provider_error", error=exc.__class__.__name__)
            fail(request, "provider_error")
        except SuspiciousOperation as exc:
            logger.warning("oidc_token_refused", error=str(exc))
            if not hasattr(request, "maxww_oidc_failure"):
                fail(request, "invalid_token")
        return None

    def get_settings(self, attr: str, *args: Any) -> Any:
        if attr == "OIDC_CREATE_USER":
            return self.create_users
        return super().get_settings(attr, *args)

    def verify_token(self, token, **kwargs):
        """The ID token's signature (JWKS), issuer, audience, expiry and nonce."""
        key = self.retrieve_matching_jwk(token)
        try:
            payload = jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=self.config.client_id,
                issuer=self.config.issuer or None,
                leeway=CLOCK_LEEWAY,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            fail(self.request, "expired")
            raise SuspiciousOperation("ID token expired") from exc
        except jwt.InvalidTokenError as exc:
            fail(self.request, "invalid_token")
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc
        if "nonce" in kwargs and payload.get("nonce") != kwargs["nonce"]:
            fail(self.request, "invalid_token")
            raise SuspiciousOperation("ID token nonce does not match")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """Userinfo claims, with acr, amr and sub as the ID token has them."""
        claims = {}
        if self.OIDC_OP_USER_ENDPOINT:
            claims = super().get_userinfo(access_token, id_token, payload)
            if claims.get("sub") not in (None, payload["sub"]):
                raise SuspiciousOperation("userinfo sub differs from the ID token")
        claims.update({k: payload[k] for k in ("sub", "acr", "amr") if k in payload})
        self.request.maxww_oidc_amr = [str(v) for v in claims.get("amr") or []]
        return claims

    def update_user(self, user, claims):
        return user


class ProviderStartView(ProviderSettingsMixin, OIDCAuthenticationRequestView):
    """Send the browser to the provider (state, nonce and PKCE in the session)."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)

    def get_provider(self, **kwargs: Any) -> ProviderConfig | None:
        raise NotImplementedError

    def get(self, request, **kwargs):
        config = self.get_provider(**kwargs)
        if config is None:
            raise Http404("Geen identity provider")
        self.config = config
        self.OIDC_OP_AUTH_ENDPOINT = config.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = config.client_id
        request.session[PENDING_KEY] = {"key": config.key, "purpose": config.purpose}
        return super().get(request)


class ProviderCallbackView(ProviderSettingsMixin, OIDCAuthenticationCallbackView):
    """Back from the provider: check, log in, or show why not."""

    purpose = ""
    template_name = "accounts/oidc_failure.html"
    retry_url_name = "login"

    def get(self, request, **kwargs):
        pending = request.session.get(PENDING_KEY) or {}
        config = None
        if pending.get("purpose") == self.purpose:
            config = provider_by_key(pending.get("key", ""), self.purpose)
        if config is None or "oidc_states" not in request.session:
            return self.refuse("no_login")
        self.config = config
        request.maxww_oidc_provider = config
        if request.GET.get("error"):
            super().get(request)
            return self.refuse("cancelled")
        try:
            return super().get(request)
        except SuspiciousOperation:
            return self.refuse("state")

    def login_failure(self):
        reason, details = getattr(self.request, "maxww_oidc_failure", ("failed", {}))
        return self.refuse(reason, **details)

    def refuse(self, reason: str, **details: Any) -> HttpResponse:
        logger.info(
            "oidc_login_refused",
            reason=reason,
            provider=self.config.key if self.config else "",
        )
        title, text = message_for(reason, config=self.config, **details)
        return render(
            self.request,
            self.template_name,
            {
                "title": title,
                "text": text,
                "retry_url": reverse(self.retry_url_name),
            },
            status=400 if reason in ("state", "no_login") else 403,
        )

    def remember_login(self) -> None:
        """Keep where to log out (no token, no claims) in the new session."""
        self.request.session.pop(PENDING_KEY, None)
        self.request.session[LOGIN_KEY] = {
            "key": self.config.key,
            "client_id": self.config.client_id,
            "end_session": self.config.end_session_endpoint,
        }


@require_POST
def logout(request: HttpRequest, back_to: str = "") -> HttpResponse:
    """End the maxww session; after a provider login, end that session too.

    Then to ``back_to`` (a URL name): by default the staff login for staff and
    the portal login for clients.
    """
    role = getattr(request.user, "role", "")
    back_to = reverse(back_to or ("login" if role else "portal:login"))
    target = end_session_url(request, back_to=back_to)
    auth.logout(request)
    return redirect(target or back_to)


def end_session_url(request: HttpRequest, *, back_to: str) -> str | None:
    """The provider's end-session URL for a user who logged in there, or None.

    OpenID Connect RP-Initiated Logout 1.0 with ``client_id`` instead of an
    ``id_token_hint``, so no token is kept in the session.
    """
    login = request.session.get(LOGIN_KEY) or {}
    if not login.get("end_session"):
        return None
    query = urlencode(
        {
            "client_id": login["client_id"],
            "post_logout_redirect_uri": absolutify(request, back_to),
        }
    )
    return f"{login['end_session']}?{query}"


def end_session_origin(request: HttpRequest) -> str | None:
    """The origin of the end-session endpoint, for the CSP form-action list."""
    login = request.session.get(LOGIN_KEY) or {}
    if not login.get("end_session"):
        return None
    parts = urlsplit(login["end_session"])
    return f"{parts.scheme}://{parts.netloc}"
