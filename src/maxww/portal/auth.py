"""OpenID Connect login for clients (e.g. DigiD through a municipality's broker).

Active only when ``OIDC_RP_CLIENT_ID`` is set (see docs/portal.md). The broker
passes the BSN in a claim (``OIDC_BSN_CLAIM``, default ``bsn``); we look the
person up by the keyed BSN hash and log in (or create) their portal account.
Someone who is not known to maxww gets no account.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

import structlog
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from maxww.people.bsn import bsn_hash, is_valid_bsn, normalise_bsn
from maxww.people.models import Person

logger = structlog.stdlib.get_logger(__name__)


def _person_for(claims: dict[str, Any]) -> Person | None:
    raw = str(claims.get(getattr(settings, "OIDC_BSN_CLAIM", "bsn"), "") or "")
    if not is_valid_bsn(raw):
        return None
    bsn = normalise_bsn(raw)
    return Person.objects.filter(bsn_hash=bsn_hash(bsn)).first()


class ClientOIDCBackend(OIDCAuthenticationBackend):
    """Map an OIDC identity to the portal account of a known person."""

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return _person_for(claims) is not None

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet:
        person = _person_for(claims)
        if person is None or person.portal_user_id is None:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(pk=person.portal_user_id, role="")

    def create_user(self, claims: dict[str, Any]):
        person = _person_for(claims)
        if person is None:
            return None
        user = self.UserModel.objects.create_user(
            username=f"client-{person.uuid}",
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
        )
        user.set_unusable_password()
        user.save()
        person.portal_user = user
        person.save(update_fields=["portal_user"])
        logger.info("client_account_created", person_ref=str(person.uuid))
        return user

    def update_user(self, user, claims: dict[str, Any]):
        return user
