"""Two-factor login: TOTP after the password, recovery codes once, lockout."""

from dataclasses import dataclass

from django.test import override_settings
from django.urls import reverse

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from maxww.accounts import services
from maxww.organisations.constants import Role
from maxww.organisations.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord-123"


def _code(device: TOTPDevice, offset: int = 0) -> str:
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=offset,
    )
    return f"{value:0{device.digits}d}"


@pytest.fixture(autouse=True)
def _no_otp_throttle(settings):
    """django-otp delays retries after a wrong code; tests retry at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@dataclass(frozen=True)
class TwoFactorUser:
    user: User
    device: TOTPDevice  # confirmed authenticator app
    codes: list[str]  # the one-time recovery codes


@pytest.fixture
def two_factor_user(make_user) -> TwoFactorUser:
    """A coach with a confirmed authenticator app and recovery codes."""
    user = make_user(role=Role.COACH, username="anna")
    device = services.start_totp_setup(user=user)
    codes = services.confirm_totp_setup(user=user, device=device, token=_code(device))
    device.refresh_from_db()
    # The confirming code may not be used again: step the clock on for logins.
    return TwoFactorUser(user, device, codes)


def _password_step(client, username="anna"):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def test_setup_confirms_the_device_and_shows_ten_recovery_codes(client, make_user):
    user = make_user(role=Role.COACH)
    client.force_login(user)
    page = client.get(reverse("accounts:setup"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(reverse("accounts:setup"), {"token": "000000"})
    assert "klopt niet" in wrong.content.decode()
    assert not services.has_two_factor(user)
    done = client.post(reverse("accounts:setup"), {"token": _code(device)})
    assert done.status_code == 200
    assert services.has_two_factor(user)
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    for code in codes:
        assert code in done.content.decode()
    # Shown once: the status page does not repeat them.
    again = client.get(reverse("accounts:setup")).content.decode()
    assert codes[0] not in again


def test_login_with_a_device_asks_for_a_valid_totp(client, two_factor_user):
    device = two_factor_user.device
    response = _password_step(client)
    assert response.status_code == 302
    assert response.url == reverse("accounts:verify")
    # Not logged in yet: the start page still wants a login.
    assert client.get(reverse("home")).status_code == 302
    ok = client.post(reverse("accounts:verify"), {"token": _code(device, offset=1)})
    assert ok.status_code == 302
    assert ok.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_token_is_refused(client, two_factor_user):
    _password_step(client)
    response = client.post(reverse("accounts:verify"), {"token": "123456"})
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_a_wrong_token_makes_the_next_try_wait(client, two_factor_user, settings):
    # A long back-off, so a slow machine cannot outlast it between the two posts.
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    settings.OTP_STATIC_THROTTLE_FACTOR = 60
    device = two_factor_user.device
    _password_step(client)
    client.post(reverse("accounts:verify"), {"token": "000000"})
    # Even the right code is refused during the back-off, and the page says why.
    response = client.post(
        reverse("accounts:verify"), {"token": _code(device, offset=1)}
    )
    assert "Wacht" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_the_code_step_needs_the_password_step_first(client, two_factor_user):
    device = two_factor_user.device
    response = client.post(
        reverse("accounts:verify"), {"token": _code(device, offset=1)}
    )
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def test_a_recovery_code_works_once(client, two_factor_user):
    codes = two_factor_user.codes
    _password_step(client)
    ok = client.post(reverse("accounts:verify"), {"token": codes[0]})
    assert ok.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client.logout()
    _password_step(client)
    again = client.post(reverse("accounts:verify"), {"token": codes[0]})
    assert again.status_code == 200
    assert "klopt niet" in again.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_tokens_lock_the_account_like_wrong_passwords(client, two_factor_user):
    _password_step(client)
    statuses = [
        client.post(reverse("accounts:verify"), {"token": "000000"}).status_code
        for _ in range(3)
    ]
    assert statuses[:2] == [200, 200]
    assert statuses[2] == 429
    # Locked: even the right password and a right code do not get in.
    again = _password_step(client)
    assert again.status_code == 429
    assert client.get(reverse("home")).status_code == 302


def test_demo_users_without_a_device_log_in_with_a_password_in_dev(client, make_user):
    make_user(role=Role.COACH, username="kees")
    response = _password_step(client, "kees")
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


@override_settings(MAXWW_REQUIRE_2FA=True)
def test_required_2fa_sends_staff_without_a_device_to_setup(client, make_user):
    make_user(role=Role.COACH, username="kees")
    _password_step(client, "kees")
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:setup")
    assert client.get(reverse("accounts:setup")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("api-me")).status_code == 403


@override_settings(MAXWW_REQUIRE_2FA=True)
def test_required_2fa_lets_verified_staff_through(client, two_factor_user):
    device = two_factor_user.device
    _password_step(client)
    client.post(reverse("accounts:verify"), {"token": _code(device, offset=1)})
    assert client.get(reverse("home")).status_code == 200


def test_the_admin_login_cannot_skip_the_code_step(client, two_factor_user):
    response = client.get(
        reverse("admin-login-redirect") + "?next=" + reverse("admin:index")
    )
    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=/beheer/"
    posted = client.post(
        reverse("admin-login-redirect"),
        {"username": "anna", "password": PASSWORD},
        follow=False,
    )
    assert posted.status_code in (302, 405)
    assert client.get(reverse("home")).status_code == 302
