"""Granting and revoking access to a person, and opening a person with audit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from maxww.audit.constants import Action
from maxww.audit.services import log_access

from .constants import GrantBasis
from .models import AccessGrant, Person

if TYPE_CHECKING:
    from django.http import HttpRequest

    from maxww.organisations.models import Organisation, User


def grant_access(
    *,
    person: Person,
    organisation: Organisation,
    basis: GrantBasis | str,
    source: str = "",
) -> AccessGrant:
    """Give an organisation a legal basis to see a person (idempotent)."""
    grant, _ = AccessGrant.objects.get_or_create(
        person=person,
        organisation=organisation,
        basis=basis,
        source=source,
        revoked_at__isnull=True,
    )
    return grant


def grant_access_bulk(
    *,
    person_ids: Iterable[int],
    organisation: Organisation,
    basis: GrantBasis | str,
    source: str,
) -> int:
    """Grant one basis for many people in one insert; existing grants stay."""
    rows = [
        AccessGrant(
            person_id=pid, organisation=organisation, basis=basis, source=source
        )
        for pid in person_ids
    ]
    AccessGrant.objects.bulk_create(rows, ignore_conflicts=True, batch_size=5000)
    return len(rows)


def revoke_access(
    *,
    person: Person,
    organisation: Organisation | None = None,
    basis: GrantBasis | str,
    source: str = "",
) -> int:
    """End grants at once; access stops with the next request."""
    grants = AccessGrant.objects.filter(
        person=person, basis=basis, revoked_at__isnull=True
    )
    if organisation is not None:
        grants = grants.filter(organisation=organisation)
    if source:
        grants = grants.filter(source=source)
    return grants.update(revoked_at=timezone.now())


def basis_for(user: User, person: Person) -> str | None:
    """The strongest active basis the user's organisation has for this person."""
    return (
        Person.objects.visible_to(user)
        .with_basis(user)
        .filter(pk=person.pk)
        .values_list("basis", flat=True)
        .first()
    )


@transaction.atomic
def open_person(
    *,
    user: User,
    uuid: str,
    purpose: str,
    request: HttpRequest | None = None,
    action: Action | str = Action.VIEWED,
) -> Person:
    """Fetch a person the user may see and log the access; 404 otherwise.

    A person without a basis gets the same 404 as one that does not exist,
    so ids cannot be probed.
    """
    person = (
        Person.objects.visible_to(user)
        .with_basis(user)
        .select_related("municipality", "household")
        .filter(uuid=uuid)
        .first()
    )
    if person is None:
        raise Http404("Persoon niet gevonden of geen grondslag voor inzage.")
    log_access(
        user=user,
        action=action,
        obj=person,
        person_ref=str(person.uuid),
        legal_basis=person.basis,
        purpose=purpose,
        request=request,
    )
    return person
