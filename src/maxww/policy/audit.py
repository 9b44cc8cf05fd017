"""The access log written by the policy layer: who saw or changed which person.

``log_read`` takes the people a response showed or changed and writes one
row per person with the legal basis this user has for each (one query for the
bases, one insert per basis), so viewsets and views need not do it by hand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_people

from .rules import CLIENT, subject_of


def bases_for(user: Any, person_ids: Iterable[int]) -> dict[int, str]:
    """The strongest active basis per person for the user's organisation."""
    from maxww.people.models import AccessGrant

    ids = set(person_ids)
    if subject_of(user) == CLIENT:
        return dict.fromkeys(ids, LegalBasis.SELF.value)
    organisation_id = getattr(user, "organisation_id", None)
    if not ids or organisation_id is None:
        return {}
    best: dict[int, str] = {}
    rows = AccessGrant.objects.filter(
        person_id__in=ids, organisation_id=organisation_id, revoked_at__isnull=True
    ).values_list("person_id", "basis")
    for person_id, basis in rows:  # application < caseload < consent, as with_basis
        if person_id not in best or basis < best[person_id]:
            best[person_id] = basis
    return best


def log_read(
    *,
    user: Any,
    people: Iterable[Any],
    action: Action | str,
    object_type: str,
    purpose: str,
    request: HttpRequest | None = None,
) -> int:
    """One access-log row per person (objects with ``pk`` and ``uuid``)."""
    people = {p.pk: p for p in people if p is not None}
    if not people:
        return 0
    bases = bases_for(user, people)
    groups: dict[str, list[Any]] = defaultdict(list)
    for pk, person in people.items():
        # A person shown without a grant is shown on the caseload rule of a
        # role that needs none (e.g. a recorder of a consent): log it as such.
        groups[bases.get(pk, LegalBasis.CASELOAD.value)].append(person)
    action = Action(action)
    written = 0
    for basis, group in groups.items():
        written += log_people(
            user=user,
            people=group,
            action=action,
            object_type=object_type,
            legal_basis=basis,
            purpose=purpose,
            event=f"{object_type.split('.')[-1]}_{action.value}",
            request=request,
        )
    return written
