"""Signing keys: generate our own, publish the public key, trust another's."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

import structlog

from maxww.handover import signing
from maxww.handover.models import OrganisationKey, TrustedKey
from maxww.organisations.models import Organisation

logger = structlog.stdlib.get_logger(__name__)


def generate_key(
    *, organisation: Organisation, now: datetime, valid_days: int | None = 730
) -> OrganisationKey:
    """A new Ed25519 signing key for the organisation (older keys stay valid)."""
    public, private_encrypted = signing.new_keypair()
    key = OrganisationKey.objects.create(
        organisation=organisation,
        key_id=signing.key_id_for(public),
        public_key=public,
        private_key_encrypted=private_encrypted,
        valid_from=now,
        expires_at=now + timedelta(days=valid_days) if valid_days else None,
    )
    logger.info("signing_key_generated", organisation=organisation.pk, key=key.key_id)
    return key


def active_key(organisation: Organisation, *, now: datetime) -> OrganisationKey:
    """The newest usable signing key, or ValidationError."""
    key = (
        OrganisationKey.objects.filter(
            organisation=organisation, revoked_at__isnull=True, valid_from__lte=now
        )
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .order_by("-valid_from", "-id")
        .first()
    )
    if key is None:
        raise ValidationError(
            _(
                "%(org)s heeft geen geldige ondertekeningssleutel. Maak er een met "
                "'maxww handover keygen --organisation \"%(org)s\"'."
            )
            % {"org": organisation.name}
        )
    return key


def public_key_file(key: OrganisationKey) -> dict[str, Any]:
    """What the other deployment needs to trust this key (JSON)."""
    return {
        "format": "maxww-public-key",
        "organisation": key.organisation.name,
        "key_id": key.key_id,
        "public_key": key.public_key,
        "algorithm": "Ed25519",
        "expires_at": key.expires_at.isoformat() if key.expires_at else None,
    }


def trust_key(
    *,
    organisation_identifier: str,
    public_key: str,
    expires_at: datetime | None = None,
) -> TrustedKey:
    """Register another deployment's public key (idempotent on the key id)."""
    try:
        signing.load_public(public_key)
    except (ValueError, TypeError) as exc:
        raise ValidationError(_("Dit is geen geldige Ed25519-sleutel.")) from exc
    key, _created = TrustedKey.objects.update_or_create(
        key_id=signing.key_id_for(public_key),
        defaults={
            "organisation_identifier": organisation_identifier,
            "public_key": public_key,
            "expires_at": expires_at,
        },
    )
    return key
