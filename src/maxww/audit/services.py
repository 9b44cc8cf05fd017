"""Log every view, export, print or change of personal data.

Use ``log_access`` from a service or view whenever personal data leaves the
database for a person's eyes or a file, and ``log_list`` for a page or export
that shows many people at once. Each writes append-only AccessLog rows,
hash-chained (see ``chain.py``), and one structlog event; neither ever
contains a BSN or a name: free text that looks like a BSN is masked.

Public functions: ``log_access``, ``log_list``, ``log_people``, ``verify_chain``,
``search_entries``, ``entries_csv``.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db import connections, models, router, transaction
from django.db.models import QuerySet
from django.utils import timezone

import structlog

from maxww.core.exporting import csv_value
from maxww.core.formatting import choice_label
from maxww.core.imports import neutralise_formula
from maxww.core.security import contains_bsn, mask_bsns
from maxww.organisations.constants import Role

from .chain import (
    CHAIN_LOCK_KEY,
    HASHED_FIELDS,
    ChainReport,
    canonical_json,
    chain_head,
    link,
    lock_chain,
    verify_rows,
)
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


def _clean(text: object, limit: int) -> str:
    """Free text for the log: BSN-looking numbers masked, cut to the column.

    A uuid is ours, not free text: some contain nine digits that pass the
    elfproef, and masking them would break "every list this person was on".
    """
    value = str(text or "")
    if _is_uuid(value):
        return value[:limit]
    if contains_bsn(value):
        logger.warning("audit_bsn_masked", audit=True)
        value = mask_bsns(value)
    return value[:limit]


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def _fields(obj: AccessLog) -> dict[str, object]:
    return {
        "timestamp": obj.timestamp,
        "user_id": obj.user_id,
        "username": obj.username,
        "organisation": obj.organisation,
        "role": obj.role,
        "action": obj.action,
        "event": obj.event,
        "object_type": obj.object_type,
        "object_ref": obj.object_ref,
        "person_ref": obj.person_ref,
        "legal_basis": obj.legal_basis,
        "purpose": obj.purpose,
        "request_id": obj.request_id,
        "count": obj.count,
    }


def _append(entries: list[AccessLog]) -> list[AccessLog]:
    """Chain ``entries`` onto the log in order and insert them.

    Every logged request waits for the chain lock, so the canonical JSON is made
    before taking it. On PostgreSQL one call to ``maxww_audit_append``
    (migration 0005) takes the lock, hashes and inserts inside the database; on
    SQLite (writers serialised anyway) the same steps run here.
    """
    bodies = [canonical_json(_fields(entry)) for entry in entries]
    if _db().vendor == "postgresql":
        return _append_in_database(entries, bodies)
    with transaction.atomic(using=_db().alias):
        lock_chain()
        prev = chain_head()
        for entry, body in zip(entries, bodies, strict=True):
            entry.prev_hash = prev
            entry.entry_hash = prev = link(prev, body)
        if len(entries) == 1:
            # A plain INSERT keeps the id on every backend.
            entries[0].save(force_insert=True)
        else:
            _insert_many(entries)
    return entries


def _append_in_database(entries: list[AccessLog], bodies: list[str]) -> list[AccessLog]:
    payload = [
        {**_fields(entry), "timestamp": _iso(entry.timestamp), "body": body}
        for entry, body in zip(entries, bodies, strict=True)
    ]
    rows = _call_append(payload)
    for entry, (pk, prev, digest) in zip(entries, rows, strict=True):
        entry.pk, entry.prev_hash, entry.entry_hash = pk, prev, digest
        entry._state.adding = False
    return entries


def _append_rows_in_database(rows: list[dict[str, object]]) -> None:
    """``_append_in_database`` for plain field dicts (a list page logs 25-50).

    No model instances are built, and a timestamp the rows share is made
    canonical once. The canonical JSON is the same as ``_append`` makes.
    """
    stamps: dict[object, str] = {}
    payload = []
    for row in rows:
        moment = row["timestamp"]
        stamp = stamps.get(moment) or stamps.setdefault(moment, _iso(moment))
        fields = {**row, "timestamp": stamp, "count": row.get("count", 1)}
        payload.append({**fields, "body": canonical_json(fields)})
    _call_append(payload)


def _call_append(payload: list[dict[str, object]]) -> list[tuple]:
    """One call of ``maxww_audit_append``: lock, hash and insert in the database.

    Returns ``(id, prev_hash, entry_hash)`` per entry, in order.
    """
    with _db().cursor() as cursor:
        cursor.execute(
            "SELECT new_id, new_prev, new_hash FROM maxww_audit_append(%s, %s::jsonb)",
            [CHAIN_LOCK_KEY, json.dumps(payload, ensure_ascii=False)],
        )
        return cursor.fetchall()


def _person_ref(person: object) -> str:
    """A person's uuid as logged; a UUID object needs no BSN check."""
    value = getattr(person, "uuid", person)
    if isinstance(value, uuid.UUID):
        return str(value)
    return _clean(value, 36)


def _db():
    """The connection the access log is written to (database routers respected)."""
    return connections[router.db_for_write(AccessLog)]


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


_COLUMNS = [f for f in AccessLog._meta.concrete_fields if not f.primary_key]
_ROWS_PER_INSERT = 50  # 50 x 16 parameters stays under SQLite's limit of 999


def _insert_many(entries: list[AccessLog]) -> None:
    """Multi-row INSERTs: a list page logs 50 rows, and bulk_create's per-field
    preparation took most of the time the chain lock was held. Only the
    timestamps need adapting for the backend; the other values are plain."""
    ops = _db().ops
    names = [f.attname for f in _COLUMNS]
    adapt = {i for i, f in enumerate(_COLUMNS) if isinstance(f, models.DateTimeField)}
    sql = "INSERT INTO {} ({}) VALUES ".format(
        ops.quote_name(AccessLog._meta.db_table),
        ", ".join(ops.quote_name(f.column) for f in _COLUMNS),
    )
    row = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    with _db().cursor() as cursor:
        for start in range(0, len(entries), _ROWS_PER_INSERT):
            chunk = entries[start : start + _ROWS_PER_INSERT]
            params: list[object] = []
            for entry in chunk:
                values = [getattr(entry, name) for name in names]
                for i in adapt:
                    values[i] = ops.adapt_datetimefield_value(values[i])
                params += values
            cursor.execute(sql + ", ".join([row] * len(chunk)), params)


def _actor(user: User | None) -> dict[str, object]:
    authenticated = user is not None and user.is_authenticated
    return {
        "user_id": user.pk if authenticated else None,
        "username": (getattr(user, "username", "") or "")[:150],
        "organisation": str(getattr(user, "organisation", "") or "")[:150],
        "role": getattr(user, "role", "") or "",
    }


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
    entry = AccessLog(
        timestamp=timezone.now(),
        **_actor(user),
        action=action.value,
        event=_clean(event, 60),
        object_type=_clean(object_type, 60),
        object_ref=_clean(_ref(obj), 80) if obj is not None else "",
        person_ref=_clean(person_ref, 36),
        legal_basis=LegalBasis(legal_basis).value,
        purpose=_clean(purpose, 200),
        request_id=(getattr(request, "request_id", "") if request else "")[:36],
        count=count,
    )
    _append([entry])
    logger.info(
        entry.event,
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
    return log_people(
        user=user,
        people=people,
        action=Action.LISTED,
        object_type=object_type,
        legal_basis=legal_basis,
        purpose=purpose,
        request=request,
    )


def log_people(
    *,
    user: User | None,
    people: Iterable[object],
    action: Action | str,
    object_type: str,
    legal_basis: LegalBasis | str,
    purpose: str,
    event: str = "",
    request: HttpRequest | None = None,
) -> int:
    """One row per person (a uuid, or an object with ``uuid``), in one insert.

    For work on many people at once: a list page, the retention run. Returns
    the number of rows written.
    """
    refs = [_person_ref(p) for p in people]
    if not refs:
        return 0
    action = Action(action)
    object_type = _clean(object_type, 60)
    common = {
        "timestamp": timezone.now(),
        **_actor(user),
        "action": action.value,
        "event": _clean(event or f"{object_type.split('.')[-1]}_{action.value}", 60),
        "object_type": object_type,
        "legal_basis": LegalBasis(legal_basis).value,
        "purpose": _clean(purpose, 200),
        "request_id": (getattr(request, "request_id", "") if request else "")[:36],
    }
    rows = [
        {**common, "object_ref": f"{object_type}:{ref}"[:80], "person_ref": ref}
        for ref in refs
    ]
    if _db().vendor == "postgresql":
        _append_rows_in_database(rows)
    else:
        _append([AccessLog(**row) for row in rows])
    logger.info(
        common["event"],
        audit=True,
        user=common["username"],
        action=action.value,
        count=len(refs),
    )
    return len(refs)


def verify_chain(*, chunk_size: int = 5000) -> ChainReport:
    """Walk the whole access log in id order and check every hash and link."""
    rows = (
        AccessLog.objects.order_by("id")
        .values("id", "prev_hash", "entry_hash", *HASHED_FIELDS)
        .iterator(chunk_size=chunk_size)
    )
    report = verify_rows(rows)
    logger.info(
        "audit_chain_verified",
        audit=True,
        ok=report.ok,
        checked=report.checked,
        broken_id=report.broken_id,
    )
    return report


# --- search and export for the privacy officer --------------------------------


@dataclass(frozen=True)
class AuditFilter:
    """What the privacy officer searches for; empty values mean 'any'."""

    username: str = ""
    organisation: str = ""
    person_ref: str = ""
    event: str = ""
    legal_basis: str = ""
    date_from: date | None = None
    date_to: date | None = None


def search_entries(*, criteria: AuditFilter) -> QuerySet[AccessLog]:
    """Access-log entries matching ``criteria``, newest first."""
    qs = AccessLog.objects.order_by("-id")
    if criteria.username:
        qs = qs.filter(username__iexact=criteria.username.strip())
    if criteria.organisation:
        qs = qs.filter(organisation__icontains=criteria.organisation.strip())
    if criteria.person_ref:
        qs = qs.filter(person_ref=criteria.person_ref.strip())
    if criteria.event:
        qs = qs.filter(event__icontains=criteria.event.strip())
    if criteria.legal_basis:
        qs = qs.filter(legal_basis=criteria.legal_basis)
    tz = timezone.get_current_timezone()
    if criteria.date_from:
        qs = qs.filter(
            timestamp__gte=datetime.combine(criteria.date_from, time.min, tzinfo=tz)
        )
    if criteria.date_to:
        end = criteria.date_to + timedelta(days=1)
        qs = qs.filter(timestamp__lt=datetime.combine(end, time.min, tzinfo=tz))
    return qs


CSV_COLUMNS = (
    ("id", "id"),
    ("timestamp", "tijdstip"),
    ("username", "gebruiker"),
    ("organisation", "organisatie"),
    ("role", "rol"),
    ("action", "handeling"),
    ("event", "gebeurtenis"),
    ("object_type", "soort"),
    ("object_ref", "verwijzing"),
    ("person_ref", "persoon"),
    ("legal_basis", "grondslag"),
    ("purpose", "doel"),
    ("request_id", "request_id"),
    ("count", "aantal"),
    ("entry_hash", "hash"),
)


def entries_csv(
    *, entries: QuerySet[AccessLog], user: User, request: HttpRequest | None = None
) -> str:
    """The entries as CSV (semicolon separated); the export is itself logged.

    Cells that a spreadsheet would run as a formula are neutralised.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([label for _, label in CSV_COLUMNS])
    count = 0
    names = [name for name, _ in CSV_COLUMNS]
    labels = {"action": Action, "legal_basis": LegalBasis, "role": Role}
    for row in entries.values_list(*names).iterator():
        count += 1
        writer.writerow(
            [
                neutralise_formula(
                    choice_label(labels[name], value)
                    if name in labels and value
                    else csv_value(value)
                )
                for name, value in zip(names, row, strict=True)
            ]
        )
    log_access(
        user=user,
        action=Action.EXPORTED,
        object_type="audit.accesslog",
        legal_basis=LegalBasis.ADMIN,
        purpose="export toegangslog",
        request=request,
        count=count,
        event="accesslog_exported",
    )
    return out.getvalue()
