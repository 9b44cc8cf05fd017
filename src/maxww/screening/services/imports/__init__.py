"""Import of the UWV extract: validate every row (polars), then land all or nothing.

Column layout: ``docs/formats/uwv-extract.md``. The same file twice (sha256) is a
no-op; a newer extract updates claims in place (matched on ``claim_ref``) and
people (matched on the keyed BSN hash) without duplicating them. No ORM call per
row: look-ups and writes go whole-frame through ``maxww.core.bulk`` (COPY on
PostgreSQL), and BSNs are hashed and encrypted in one batch.

Modules: ``columns`` (the file layout: ``COLUMNS``, ``REQUIRED``, ``OPTIONAL``,
codes), ``validation`` (``validate``: typed values and row errors as polars
expressions), ``pipeline`` (``import_extract``: read, validate, land all or
nothing, progress, ``mark_interrupted``), ``write`` (people, households, claims,
grants and screening, whole-frame).
"""

from .columns import COLUMNS, OPTIONAL, REQUIRED
from .pipeline import import_extract, mark_interrupted
from .validation import file_sha256, validate

__all__ = [
    "COLUMNS",
    "OPTIONAL",
    "REQUIRED",
    "file_sha256",
    "import_extract",
    "mark_interrupted",
    "validate",
]
