"""The tamper-evident hash chain over the access log.

Each entry stores the hash of the entry before it (``prev_hash``) and its own
``entry_hash = sha256(prev_hash + canonical JSON of its fields)``. Changing a
field breaks that entry's hash; deleting or reordering rows breaks the link
from the next entry to its predecessor. ``verify_chain`` walks the log in id
order and names the first entry where either check fails.

Writers take the chain lock before reading the last hash, so two concurrent
requests never chain onto the same predecessor: a transaction-scoped advisory
lock on PostgreSQL (taken inside ``maxww_audit_append``, audit migration 0005,
which also hashes and inserts); SQLite serialises writers already
(``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connections, router

# The fields that go into an entry's hash, in a fixed order.
HASHED_FIELDS = (
    "timestamp",
    "user_id",
    "username",
    "organisation",
    "role",
    "action",
    "event",
    "object_type",
    "object_ref",
    "person_ref",
    "legal_basis",
    "purpose",
    "request_id",
    "count",
)
# Arbitrary constant key of the PostgreSQL advisory lock that guards the chain.
CHAIN_LOCK_KEY = 0x6D78_7777_6175_64  # "mxwwaud"
GENESIS = ""


def _canonical_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def canonical_json(fields: Mapping[str, object]) -> str:
    """The entry's hashed fields as compact JSON with sorted keys."""
    data = {name: _canonical_value(fields.get(name)) for name in HASHED_FIELDS}
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(prev_hash: str, fields: Mapping[str, object]) -> str:
    """sha256 over the previous hash and the entry's canonical JSON."""
    return link(prev_hash, canonical_json(fields))


def link(prev_hash: str, body: str) -> str:
    """``entry_hash`` for an entry whose canonical JSON is already made."""
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def lock_chain() -> None:
    """Serialise chain writers until the current transaction ends."""
    from .models import AccessLog

    db = connections[router.db_for_write(AccessLog)]
    if db.vendor == "postgresql":
        with db.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def chain_head() -> str:
    """The entry_hash of the last entry, or the genesis value."""
    from .models import AccessLog

    last = (
        AccessLog.objects.order_by("-id").values_list("entry_hash", flat=True).first()
    )
    return last or GENESIS


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a verification run."""

    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""
    head: str = ""


def verify_rows(rows: Iterable[Mapping[str, object]]) -> ChainReport:
    """Check a sequence of entries (dicts with id, hashes and fields) in id order."""
    prev = GENESIS
    checked = 0
    for row in rows:
        checked += 1
        if row["prev_hash"] != prev:
            return ChainReport(
                ok=False,
                checked=checked,
                broken_id=int(row["id"]),
                reason="De verwijzing naar de vorige regel klopt niet: "
                "een regel is verwijderd, ingevoegd of verplaatst.",
            )
        if entry_hash(prev, row) != row["entry_hash"]:
            return ChainReport(
                ok=False,
                checked=checked,
                broken_id=int(row["id"]),
                reason="De inhoud van deze regel is gewijzigd na het vastleggen.",
            )
        prev = str(row["entry_hash"])
    return ChainReport(ok=True, checked=checked, head=prev)
