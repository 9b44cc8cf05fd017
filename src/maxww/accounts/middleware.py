"""Two-factor enforcement, and the CSP entry for logging out at a provider."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .oidc import end_session_origin
from .sso import MFA_BY_PROVIDER_KEY

# Paths a half-logged-in user may still reach.
_ALWAYS_ALLOWED = ("/static/", "/healthz", "/favicon.ico")


def needs_two_factor(user) -> bool:
    """Staff are users with a role, staff or superuser status."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (getattr(user, "role", "") or user.is_staff or user.is_superuser)
    )


class RequireTwoFactorMiddleware:
    """Send a logged-in staff member who has not passed 2FA to the setup page.

    Users with a device pass the token step at login, so this only catches
    staff without a device (or sessions from before 2FA was switched on).
    Place after django_otp's OTPMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(settings, "MAXWW_REQUIRE_2FA", False) and self._blocked(request):
            if request.path.startswith("/api/"):
                from maxww.api.errors import problem_response

                return problem_response(
                    403,
                    "Tweestapsverificatie is verplicht.",
                    code="two_factor_required",
                )
            return redirect(reverse("accounts:setup"))
        return self.get_response(request)

    @staticmethod
    def _blocked(request: HttpRequest) -> bool:
        user = getattr(request, "user", None)
        if user is None or not needs_two_factor(user):
            return False
        if user.is_verified() or request.session.get(MFA_BY_PROVIDER_KEY):
            return False
        allowed = (
            *_ALWAYS_ALLOWED,
            reverse("accounts:setup"),
            reverse("accounts:verify"),
            reverse("logout"),
            reverse("login"),
        )
        return not request.path.startswith(allowed)


class ProviderLogoutCSPMiddleware:
    """Allow the logout form to go on to the provider's end-session endpoint.

    Chromium applies CSP form-action to the redirect after a form post, so a
    session that logged in through a provider gets that origin added. Place
    after django-csp's CSPMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        origin = end_session_origin(request) if hasattr(request, "session") else None
        response = self.get_response(request)
        if origin:
            update = getattr(response, "_csp_update", None) or {}
            update["form-action"] = [*update.get("form-action", []), origin]
            response._csp_update = update
        return response
