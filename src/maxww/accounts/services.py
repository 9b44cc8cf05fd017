"""Two-factor authentication: TOTP devices and one-time recovery codes.

Built on django-otp: a confirmed ``TOTPDevice`` (an authenticator app) and a
``StaticDevice`` holding ten recovery codes, each usable once. Public
functions: ``has_two_factor``, ``start_totp_setup``, ``confirm_totp_setup``,
``new_recovery_codes``, ``verify_second_factor``, ``qr_svg``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

import qrcode
import qrcode.image.svg
import structlog
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

if TYPE_CHECKING:
    from django_otp.models import Device

    from maxww.organisations.models import User

logger = structlog.stdlib.get_logger(__name__)

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "authenticator-app"
RECOVERY_NAME = "herstelcodes"


def has_two_factor(user: User) -> bool:
    """True when the user has a confirmed second factor."""
    return user_has_device(user, confirmed=True)


def start_totp_setup(*, user: User) -> TOTPDevice:
    """The user's unconfirmed TOTP device (a fresh secret the first time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def new_recovery_codes(*, user: User) -> list[str]:
    """Replace the user's recovery codes by ten new ones; return them (shown once)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(
            [StaticToken(device=device, token=code) for code in codes]
        )
    logger.info("recovery_codes_created", user_id=user.pk)
    return codes


def confirm_totp_setup(
    *, user: User, device: TOTPDevice, token: str
) -> list[str] | None:
    """Confirm the device with a code from the app; returns new recovery codes.

    Returns None (and changes nothing) when the code is wrong.
    """
    if device.user_id != user.pk or not device.verify_token(_digits(token)):
        logger.info("totp_setup_failed", user_id=user.pk)
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(user=user)
    logger.info("totp_confirmed", user_id=user.pk)
    return codes


def _digits(token: str) -> str:
    return "".join(ch for ch in (token or "") if ch.isalnum()).lower()


def verify_second_factor(*, user: User, token: str) -> Device | None:
    """The confirmed device that accepts ``token`` (TOTP or recovery code), or None.

    A recovery code is removed once used.
    """
    cleaned = _digits(token)
    if not cleaned:
        return None
    for device in devices_for_user(user, confirmed=True):
        if device.verify_token(cleaned):
            logger.info(
                "second_factor_verified",
                user_id=user.pk,
                device=device.__class__.__name__,
            )
            return device
    logger.info("second_factor_failed", user_id=user.pk)
    return None


def retry_after_seconds(*, user: User) -> int:
    """Seconds until django-otp accepts another try (0 when it does now).

    After a wrong code every device waits a little longer before it checks
    the next one (exponential back-off), so a right code typed too soon is
    refused as well; the page says so instead of "wrong code".
    """
    now = timezone.now()
    seconds = 0.0
    for device in devices_for_user(user, confirmed=True):
        allowed, info = device.verify_is_allowed()
        if not allowed and info and info.get("locked_until"):
            seconds = max(seconds, (info["locked_until"] - now).total_seconds())
    return int(seconds + 0.999) if seconds > 0 else 0


def qr_svg(data: str) -> str:
    """An inline SVG QR code for ``data`` (no external image, CSP-safe)."""
    image = qrcode.make(
        data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2
    )
    svg = image.to_string(encoding="unicode")
    # A fixed on-screen size, and a text alternative for screen readers.
    _head, rest = svg.split(" version=", 1)
    return (
        '<svg width="220" height="220" role="img" '
        'aria-label="QR-code voor uw authenticator-app" version=' + rest
    )
