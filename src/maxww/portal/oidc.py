"""Client login views: start at the DigiD broker, come back, log out there too."""

from __future__ import annotations

from typing import Any

from django.contrib import auth
from django.shortcuts import redirect
from django.urls import reverse

import structlog

from maxww.accounts.assurance import acr_values_from
from maxww.accounts.models import ProviderPurpose
from maxww.accounts.oidc import (
    ProviderCallbackView,
    ProviderStartView,
)
from maxww.accounts.providers import ProviderConfig, client_provider

from .auth import BACKEND, ClientOIDCBackend

logger = structlog.stdlib.get_logger(__name__)


class ClientStartView(ProviderStartView):
    callback_name = ClientOIDCBackend.callback_name

    def get_provider(self, **kwargs: Any) -> ProviderConfig | None:
        return client_provider()

    def get_extra_params(self, request):
        minimum = self.config.minimum_assurance
        return {"acr_values": acr_values_from(minimum)} if minimum else {}


class ClientCallbackView(ProviderCallbackView):
    purpose = ProviderPurpose.CLIENTS
    callback_name = ClientOIDCBackend.callback_name
    template_name = "portal/oidc_failure.html"
    retry_url_name = "portal:login"

    @property
    def success_url(self) -> str:
        return self.request.session.get("oidc_login_next") or reverse("portal:home")

    def login_success(self):
        auth.login(self.request, self.user, backend=BACKEND)
        self.remember_login()
        logger.info("client_oidc_login", user_id=self.user.pk)
        return redirect(self.success_url)
