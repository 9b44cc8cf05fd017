"""The view log: who looked at the client's data, and logging the client's own views."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.utils.translation import gettext as _

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.models import AccessLog
from maxww.audit.services import log_access
from maxww.organisations.constants import Role
from maxww.people.models import Person

if TYPE_CHECKING:
    from django.http import HttpRequest


@dataclass(frozen=True)
class LogLine:
    """One line of 'Wie heeft mijn gegevens bekeken', without staff names."""

    timestamp: dt.datetime
    organisation: str
    role: str
    action: str
    what: str
    basis: str
    purpose: str


def _what(object_type: str) -> str:
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type.split(".")[-1].replace("_", " ") or _("gegevens")
    return str(model._meta.verbose_name)


def view_log(person: Person, *, limit: int = 500) -> list[LogLine]:
    """Who (organisation and role) saw, changed or received the person's data.

    The client's own actions (basis 'self') are left out. Staff names are not
    shown (DPIA choice, see docs/portal.md); the privacy officer can tell them.
    """
    rows = (
        AccessLog.objects.filter(person_ref=str(person.uuid))
        .exclude(legal_basis=LegalBasis.SELF)
        .order_by("-timestamp", "-id")
        .values(
            "timestamp",
            "organisation",
            "role",
            "action",
            "object_type",
            "legal_basis",
            "purpose",
        )[:limit]
    )
    roles = dict(Role.choices)
    actions = dict(Action.choices)
    bases = dict(LegalBasis.choices)
    return [
        LogLine(
            timestamp=r["timestamp"],
            organisation=r["organisation"] or _("onbekend"),
            role=str(roles.get(r["role"], r["role"] or _("systeem"))),
            action=str(actions.get(r["action"], r["action"])),
            what=_what(r["object_type"]),
            basis=str(bases.get(r["legal_basis"], r["legal_basis"])),
            purpose=r["purpose"],
        )
        for r in rows
    ]


def shared_with(person: Person) -> list[Any]:
    """What the handover app shared about the person, if it offers that."""
    try:
        from maxww.handover import services as handover_services
    except ImportError:
        return []
    function = getattr(handover_services, "shared_with", None)
    return list(function(person)) if function else []


def _log_self(person: Person, obj: Any, action: Action, event: str) -> None:
    log_access(
        user=person.portal_user,
        action=action,
        obj=obj,
        person_ref=str(person.uuid),
        legal_basis=LegalBasis.SELF,
        purpose="eigen gegevens via Mijn Max-WW",
        event=event,
    )


def log_own_view(person: Person, *, what: str, request: HttpRequest) -> None:
    """Record that the client looked at their own data (basis 'self')."""
    log_access(
        user=request.user,
        action=Action.VIEWED,
        object_type=f"portal.{what}",
        person_ref=str(person.uuid),
        legal_basis=LegalBasis.SELF,
        purpose="eigen gegevens via Mijn Max-WW",
        request=request,
        event=f"portal_{what}_viewed",
    )
