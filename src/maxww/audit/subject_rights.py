"""Data-subject rights: everything held on one person, and what erasure would touch.

``subject_export`` gathers every row that points at the person (through any
chain of foreign keys, found with Django's deletion collector, so new apps are
covered without changes here) plus the access log about them, as JSON-ready
data (AVG art. 15). ``erasure_report`` is the dry run of erasure (art. 17):
what would be deleted and what blocks it. Both are logged. Actual erasure and
the PDF rendering follow with the retention work.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid as uuid_module
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.admin.utils import NestedObjects
from django.db import models, router

from .constants import Action, LegalBasis
from .models import AccessLog
from .services import log_access

if TYPE_CHECKING:
    from django.http import HttpRequest

    from maxww.organisations.models import User
    from maxww.people.models import Person

# Never exported: look-up hashes, ciphertext and secrets.
_SECRET_SUFFIXES = ("_hash", "_encrypted", "password", "key", "secret", "token")


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid_module.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, bytes | memoryview):
        return "<binair>"
    return value


def _row(obj: models.Model) -> dict[str, object]:
    data: dict[str, object] = {}
    for f in obj._meta.concrete_fields:
        if f.name.endswith(_SECRET_SUFFIXES) or f.name in ("bsn",):
            continue
        data[f.attname] = _plain(f.value_from_object(obj))
    return data


def _related_objects(person: Person) -> tuple[list[models.Model], list[models.Model]]:
    collector = NestedObjects(using=router.db_for_write(type(person)))
    collector.collect([person])
    objects = [obj for instances in collector.data.values() for obj in instances]
    return objects, list(collector.protected)


def subject_export(
    *, person: Person, user: User | None, request: HttpRequest | None = None
) -> dict[str, object]:
    """Everything maxww holds on ``person``, grouped by kind of record."""
    from maxww.people.bsn import decrypt_bsn, mask_bsn

    objects, protected = _related_objects(person)
    grouped: dict[str, list[dict[str, object]]] = defaultdict(list)
    for obj in [*objects, *protected]:
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


@dataclass
class ErasureReport:
    """What erasing a person would delete, and what stops it."""

    person: str
    would_delete: dict[str, int] = field(default_factory=dict)
    blocked_by: dict[str, int] = field(default_factory=dict)

    @property
    def can_erase(self) -> bool:
        return not self.blocked_by


def erasure_report(
    *, person: Person, user: User | None, request: HttpRequest | None = None
) -> ErasureReport:
    """Dry run of erasure: counts per kind of record; nothing is deleted."""
    objects, protected = _related_objects(person)
    report = ErasureReport(person=str(person.uuid))
    for obj in objects:
        label = obj._meta.label_lower
        report.would_delete[label] = report.would_delete.get(label, 0) + 1
    for obj in protected:
        label = obj._meta.label_lower
        report.blocked_by[label] = report.blocked_by.get(label, 0) + 1
    log_access(
        user=user,
        action=Action.VIEWED,
        obj=person,
        person_ref=str(person.uuid),
        legal_basis=LegalBasis.ADMIN,
        purpose="verwijderverzoek, proefrun (AVG art. 17)",
        request=request,
        event="person_erasure_checked",
    )
    return report
