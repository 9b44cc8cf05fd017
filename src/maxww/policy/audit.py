"""The access log written by the policy layer: who saw or changed which person.

``log_read`` takes the people a response showed or changed and writes one
row per person with the legal basis this user has for each (one query for the
bases, one insert per basis). Viewsets reach it through ``AuditedMixin``; a
page notes its people with ``note_shown(request, ...)`` and ``@requires`` writes
them when the page answered successfully.
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
    event: str = "",
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
            event=event or f"{object_type.split('.')[-1]}_{action.value}",
            request=request,
        )
    return written


def note_shown(
    request: HttpRequest,
    people: Iterable[Any],
    *,
    object_type: str = "",
    purpose: str,
    action: Action | str = Action.LISTED,
    obj: Any = None,
    event: str = "",
) -> None:
    """Note that a page showed (or changed) these people.

    ``@requires`` writes the notes to the access log once the view has
    answered successfully (a refused or failed request shows nobody), with the
    legal basis this user has for each person.
    """
    pending = request.__dict__.setdefault("_policy_shown", [])
    pending.append(
        {
            "people": [p for p in people if p is not None],
            "object_type": object_type
            or (obj._meta.label_lower if obj is not None else ""),
            "purpose": purpose,
            "action": Action(action),
            "obj": obj,
            "event": event,
        }
    )


def flush(request: HttpRequest, status_code: int) -> None:
    """Write what the view noted with ``note_shown`` (only for a successful answer)."""
    from maxww.audit.services import log_access

    pending = request.__dict__.pop("_policy_shown", [])
    if status_code >= 400:
        return
    for note in pending:
        people, obj = note["people"], note["obj"]
        if obj is not None and len(people) == 1:
            person = people[0]
            basis = bases_for(request.user, [person.pk]).get(
                person.pk, LegalBasis.CASELOAD.value
            )
            log_access(
                user=request.user,
                action=note["action"],
                obj=obj,
                object_type=note["object_type"],
                person_ref=str(person.uuid),
                legal_basis=basis,
                purpose=note["purpose"],
                request=request,
                event=note["event"],
            )
        else:
            log_read(
                user=request.user,
                people=people,
                action=note["action"],
                object_type=note["object_type"],
                purpose=note["purpose"],
                request=request,
                event=note["event"],
            )
