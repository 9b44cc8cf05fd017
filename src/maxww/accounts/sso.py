"""Staff login through their own organisation's identity provider.

The provider's claim (e.g. ``email``) is matched to an existing maxww user of
that organisation with a role; nobody is created, roles stay maxww's. maxww's
own code step is skipped only when the provider asserts a second factor (``amr``
has ``mfa`` or ``otp``) or its setting says it always enforces one.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib import auth
from django.shortcuts import redirect

import structlog

from . import services
from .models import ProviderPurpose
from .oidc import ProviderBackend, ProviderCallbackView, ProviderStartView, fail
from .providers import ProviderConfig, staff_provider

logger = structlog.stdlib.get_logger(__name__)

BACKEND = "maxww.accounts.sso.StaffOIDCBackend"
# Set when the provider vouched for a second factor (read by the 2FA middleware).
MFA_BY_PROVIDER_KEY = "maxww_mfa_by_provider"
MFA_AMR = {"mfa", "otp", "hwk", "swk", "sc"}


def second_factor_asserted(config: ProviderConfig, amr: list[str]) -> bool:
    return config.mfa_by_provider or bool(MFA_AMR & set(amr))


class StaffOIDCBackend(ProviderBackend):
    purpose = ProviderPurpose.STAFF
    callback_name = "accounts:oidc_callback"

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        if not str(claims.get(self.config.claim) or ""):
            fail(self.request, "unknown_staff")
            return False
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]):
        value = str(claims[self.config.claim])
        lookup = (
            {"email__iexact": value}
            if self.config.user_field == "email"
            else {"username": value}
        )
        users = self.UserModel.objects.filter(
            organisation_id=self.config.organisation_id, is_active=True, **lookup
        ).exclude(role="")
        if not users:
            fail(self.request, "unknown_staff")
        return users


class StaffStartView(ProviderStartView):
    callback_name = StaffOIDCBackend.callback_name

    def get_provider(self, **kwargs: Any) -> ProviderConfig | None:
        return staff_provider(kwargs["slug"])


class StaffCallbackView(ProviderCallbackView):
    purpose = ProviderPurpose.STAFF
    callback_name = StaffOIDCBackend.callback_name

    def login_success(self):
        from .views import PENDING_KEY

        user, request = self.user, self.request
        target = self.success_url
        if second_factor_asserted(self.config, getattr(request, "maxww_oidc_amr", [])):
            auth.login(request, user, backend=BACKEND)
            request.session[MFA_BY_PROVIDER_KEY] = True
            self.remember_login()
            logger.info("staff_oidc_login", user_id=user.pk, mfa="provider")
            return redirect(target)
        if services.has_two_factor(user):
            # The same code step as after a password.
            request.session[PENDING_KEY] = {
                "user_id": user.pk,
                "backend": BACKEND,
                "next": target,
                "started": time.time(),
            }
            self.remember_login()
            return redirect("accounts:verify")
        auth.login(request, user, backend=BACKEND)
        self.remember_login()
        logger.info("staff_oidc_login", user_id=user.pk, mfa="none")
        return redirect(target)
