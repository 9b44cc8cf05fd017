"""Login with a second step, and the two-factor setup page."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout, user_login_failed
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django_otp import login as otp_login

from maxww.core.forms import LoginForm
from maxww.policy import Perm
from maxww.policy.views import FORM, requires

from . import services
from .forms import TokenForm
from .providers import staff_providers

PENDING_KEY = "maxww_2fa_pending"
# Seconds between the password step and the code step before starting over.
PENDING_SECONDS = 300


class LoginView(auth_views.LoginView):
    """Password first; users with a second factor then go to the code step."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_providers"] = staff_providers()
        return context

    def form_valid(self, form):
        user = form.get_user()
        if not services.has_two_factor(user):
            return super().form_valid(form)
        self.request.session[PENDING_KEY] = {
            "user_id": user.pk,
            "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
            "next": self.get_redirect_url(),
            "started": time.time(),
        }
        return redirect("accounts:verify")


def _pending_user(request: HttpRequest):
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("started", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None, None
    user = get_user_model().objects.filter(pk=pending["user_id"], is_active=True)
    return user.first(), pending


@requires(Perm.PUBLIC, methods=FORM)
@sensitive_post_parameters("token")
@csrf_protect
@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    """Second login step: a TOTP code or a recovery code."""
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, _("Log opnieuw in."))
        return redirect("login")
    credentials = {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, credentials=credentials)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.verify_second_factor(
            user=user, token=form.cleaned_data["token"]
        )
        if device is not None:
            del request.session[PENDING_KEY]
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            target = pending.get("next") or ""
            if not url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}
            ):
                target = resolve_url(settings.LOGIN_REDIRECT_URL)
            return redirect(target)
        # Count the failure with django-axes, like a wrong password.
        user_login_failed.send(
            sender=__name__, credentials=credentials, request=request
        )
        if not AxesProxyHandler.is_allowed(request, credentials):
            request.session.pop(PENDING_KEY, None)
            return get_lockout_response(request, credentials=credentials)
        wait = services.retry_after_seconds(user=user)
        if wait:
            form.add_error(
                "token",
                ngettext(
                    "Deze code klopt niet of is al gebruikt. Wacht %(n)s seconde "
                    "voor u het opnieuw probeert.",
                    "Deze code klopt niet of is al gebruikt. Wacht %(n)s seconden "
                    "voor u het opnieuw probeert.",
                    wait,
                )
                % {"n": wait},
            )
        else:
            form.add_error("token", _("Deze code klopt niet of is al gebruikt."))
    return render(request, "accounts/verify.html", {"form": form})


@requires(Perm.SIGNED_IN, methods=FORM)
@sensitive_post_parameters("token")
@never_cache
def setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app, or make new recovery codes."""
    user = request.user
    if services.has_two_factor(user) and not user.is_verified():
        # A device exists but this session never passed it: log in properly.
        logout(request)
        return redirect("login")
    if services.has_two_factor(user):
        if request.method == "POST" and request.POST.get("action") == "recovery":
            codes = services.new_recovery_codes(user=user)
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
        return render(request, "accounts/status.html")
    device = services.start_totp_setup(user=user)
    form = TokenForm(request.POST or None)
    form.fields["token"].help_text = _("De zescijferige code die de app nu toont.")
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_totp_setup(
            user=user, device=device, token=form.cleaned_data["token"]
        )
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
        form.add_error(
            "token", _("Deze code klopt niet. Controleer de tijd op uw telefoon.")
        )
    return render(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "qr_svg": services.qr_svg(device.config_url),
            "secret": _group(device.bin_key),
            "required": getattr(settings, "MAXWW_REQUIRE_2FA", False),
        },
    )


def _group(key: bytes) -> str:
    """The secret in base32, in groups of four for typing by hand."""
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
