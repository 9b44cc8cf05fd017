"""OpenID Connect login for clients (DigiD through the municipality's broker).

The provider is the active client ``IdentityProvider`` or, for one broker, the
``OIDC_*`` environment variables (see docs/portal.md). The broker passes the
BSN in a claim (``bsn`` by default) and the DigiD level in ``acr``; we check the
level against the minimum, look the person up by the keyed BSN hash and log in
(or create) their portal account. Someone unknown to maxww gets no account.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

import structlog

from maxww.accounts.assurance import level_for, meets
from maxww.accounts.models import ProviderPurpose
from maxww.accounts.oidc import ProviderBackend, fail
from maxww.people.bsn import bsn_hash, is_valid_bsn, normalise_bsn
from maxww.people.models import Person

logger = structlog.stdlib.get_logger(__name__)

BACKEND = "maxww.portal.auth.ClientOIDCBackend"


def person_for(claims: dict[str, Any], claim: str) -> Person | None:
    """The person whose BSN is in ``claim``, or None (invalid or unknown)."""
    raw = str(claims.get(claim, "") or "")
    if not is_valid_bsn(raw):
        return None
    return Person.objects.filter(bsn_hash=bsn_hash(normalise_bsn(raw))).first()


class ClientOIDCBackend(ProviderBackend):
    """Map an OIDC identity to the portal account of a known person."""

    purpose = ProviderPurpose.CLIENTS
    callback_name = "portal:oidc_authentication_callback"
    create_users = True

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        minimum = self.config.minimum_assurance
        if minimum and not meets(claims.get("acr"), minimum):
            fail(self.request, "assurance_too_low", level=level_for(claims.get("acr")))
            return False
        if person_for(claims, self.config.claim) is None:
            fail(self.request, "unknown_person")
            return False
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet:
        person = person_for(claims, self.config.claim)
        if person is None or person.portal_user_id is None:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(pk=person.portal_user_id, role="")

    def create_user(self, claims: dict[str, Any]):
        person = person_for(claims, self.config.claim)
        if person is None:
            return None
        if person.portal_user_id is not None:
            # The person's account is a staff account: never used for a client.
            fail(self.request, "unknown_person")
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
