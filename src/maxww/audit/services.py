"""Log every view, export, print or change of personal data.

Use ``log_access`` from a service or view whenever personal data leaves the
database for a person's eyes or a file. It writes one append-only AccessLog
row and one structlog event; neither ever contains a BSN or a name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import structlog

from .constants import Action, LegalBasis
from .models import AccessLog

if TYPE_CHECKING:
    from django.db.models import Model
    from django.http import HttpRequest

    from maxww.organisations.models import User

logger = structlog.stdlib.get_logger("maxww.audit")


def _ref(obj: Model) -> str:
    key = getattr(obj, "uuid", None) or obj.pk
    return f"{obj._meta.label_lower}:{key}"


def log_access(
    *,
    user: User | None,
    action: Action | str,
    obj: Model | None = None,
    object_type: str = "",
    person_ref: str = "",
    legal_basis: LegalBasis | str,
    purpose: str = "",
    request: HttpRequest | None = None,
    count: int = 1,
    event: str = "",
) -> AccessLog:
    """Record one access to personal data (append-only) and emit an audit event."""
    action = Action(action)
    object_type = object_type or (obj._meta.label_lower if obj is not None else "")
    event = event or f"{object_type.split('.')[-1]}_{action.value}"
    entry = AccessLog.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        username=getattr(user, "username", "") or "",
        organisation=str(getattr(user, "organisation", "") or ""),
        role=getattr(user, "role", "") or "",
        action=action.value,
        event=event,
        object_type=object_type,
        object_ref=_ref(obj) if obj is not None else "",
        person_ref=str(person_ref),
        legal_basis=LegalBasis(legal_basis).value,
        purpose=purpose[:200],
        request_id=getattr(request, "request_id", "") if request else "",
        count=count,
    )
    logger.info(
        event,
        audit=True,
        user=entry.username,
        organisation=entry.organisation,
        action=entry.action,
        object_ref=entry.object_ref,
        person_ref=entry.person_ref,
        legal_basis=entry.legal_basis,
        count=count,
    )
    return entry


def log_list(
    *,
    user: User,
    people: Iterable[object],
    object_type: str,
    legal_basis: LegalBasis | str,
    purpose: str,
    request: HttpRequest | None = None,
) -> int:
    """Record that a page listed people: one row per person, in one insert.

    Per-person rows let a client see every list they appeared on (GDPR art. 15).
    Returns the number of rows written.
    """
    refs = [str(getattr(p, "uuid", p)) for p in people]
    if not refs:
        return 0
    common = {
        "user": user if user.is_authenticated else None,
        "username": user.username,
        "organisation": str(getattr(user, "organisation", "") or ""),
        "role": getattr(user, "role", "") or "",
        "action": Action.LISTED.value,
        "event": f"{object_type.split('.')[-1]}_listed",
        "object_type": object_type,
        "legal_basis": LegalBasis(legal_basis).value,
        "purpose": purpose[:200],
        "request_id": getattr(request, "request_id", "") if request else "",
    }
    AccessLog.objects.bulk_create(
        [
            AccessLog(person_ref=ref, object_ref=f"{object_type}:{ref}", **common)
            for ref in refs
        ]
    )
    logger.info(common["event"], audit=True, user=user.username, count=len(refs))
    return len(refs)
