"""Everything held on one person as JSON-ready data (AVG art. 15).

Rows are found through every foreign-key chain (Django's deletion collector).
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid as uuid_module
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.admin.utils import NestedObjects
from django.db import models, router

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.models import AccessLog
from maxww.audit.services import log_access
from maxww.core.security import mask_bsns

if TYPE_CHECKING:
    from django.http import HttpRequest

    from maxww.organisations.models import User
    from maxww.people.models import Person


# Never exported: look-up hashes, ciphertext and secrets.
_SECRET_SUFFIXES = ("_hash", "_encrypted", "password", "key", "secret", "token")


def _masked(value: object) -> object:
    """Strings with any BSN masked, also inside JSON (e.g. a handover dossier)."""
    if isinstance(value, str):
        return mask_bsns(value)
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(v) for v in value]
    return value


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid_module.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, bytes | memoryview):
        return "<binair>"
    return _masked(value)


def _is_secret(f: models.Field) -> bool:
    return f.name.endswith(_SECRET_SUFFIXES) or f.name == "bsn"


def _row(obj: models.Model) -> dict[str, object]:
    data: dict[str, object] = {}
    for f in obj._meta.concrete_fields:
        if _is_secret(f):
            continue
        data[f.attname] = _plain(f.value_from_object(obj))
    return data


@dataclass
class _Collected:
    """The person's rows: all of them, those to delete first, and blockers."""

    objects: list[models.Model]
    first: list[models.Model]
    blocking: list[models.Model]


def _flatten(collector: NestedObjects) -> list[models.Model]:
    return [obj for instances in collector.data.values() for obj in instances]


def _collect(person: Person) -> _Collected:
    """Every row that goes when the person goes.

    Rows that protect one of the person's rows (a placement protects its
    traject) are the person's own data too: erasure deletes them first. Only
    what protects *those* blocks erasure.
    """
    using = router.db_for_write(type(person))
    collector = NestedObjects(using=using)
    collector.collect([person])
    objects = _flatten(collector)
    first: list[models.Model] = []
    blocking: list[models.Model] = []
    if collector.protected:
        inner = NestedObjects(using=using)
        inner.collect(list(collector.protected))
        first = _flatten(inner)
        blocking = list(inner.protected)
    return _Collected(objects=[*objects, *first], first=first, blocking=blocking)


def subject_export(
    *, person: Person, user: User | None, request: HttpRequest | None = None
) -> dict[str, object]:
    """Everything maxww holds on ``person``, grouped by kind of record."""
    from maxww.people.bsn import decrypt_bsn, mask_bsn

    collected = _collect(person)
    grouped: dict[str, list[dict[str, object]]] = defaultdict(list)
    for obj in [*collected.objects, *collected.blocking]:
        grouped[obj._meta.label_lower].append(_row(obj))
    for rows in grouped.values():
        rows.sort(key=lambda r: str(r.get("id", "")))
    log_rows = list(
        AccessLog.objects.filter(person_ref=str(person.uuid))
        .order_by("id")
        .values(
            "timestamp",
            "organisation",
            "role",
            "action",
            "event",
            "legal_basis",
            "purpose",
        )
    )
    log_access(
        user=user,
        action=Action.EXPORTED,
        obj=person,
        person_ref=str(person.uuid),
        legal_basis=LegalBasis.SELF,
        purpose="inzageverzoek (AVG art. 15)",
        request=request,
        event="person_subject_exported",
    )
    try:
        bsn = mask_bsn(decrypt_bsn(person.bsn_encrypted))
    except Exception:  # a broken ciphertext must not block the export
        bsn = ""
    return {
        "person": str(person.uuid),
        "bsn": bsn,
        "records": {label: grouped[label] for label in sorted(grouped)},
        "access_log": [{k: _plain(v) for k, v in row.items()} for row in log_rows],
    }
