"""Data-subject rights: everything held on one person, and erasing it.

``subject_export`` gathers every row that points at the person (through any
chain of foreign keys, found with Django's deletion collector, so new apps are
covered without changes here) plus the access log about them, as JSON-ready
data (AVG art. 15); ``subject_export_pdf`` renders the same for the person to
read. ``erasure_report`` is the dry run of erasure (art. 17): what would be
deleted and what blocks it; ``erase_person`` deletes. Every one is logged.

Erasure is refused while the law needs the data (``HOLDS`` in retention: a
running WW claim, an open traject, an open handover or bijstand application)
or while another record the collector cannot remove points at the person.
The access log about the person stays (append-only, uuid only), as do the
monitoring aggregates, which hold no person.

Modules: ``export`` (gathering the rows and the access log, ``subject_export``),
``pdf`` (``subject_export_pdf``), ``erasure`` (``erasure_report``,
``erase_person``, ``ErasureRefusedError``, ``BLOCK_MESSAGES``).
"""

from .erasure import (
    BLOCK_MESSAGES,
    ErasureRefusedError,
    ErasureReport,
    erase_person,
    erasure_report,
)
from .export import subject_export
from .pdf import subject_export_pdf

__all__ = [
    "BLOCK_MESSAGES",
    "ErasureRefusedError",
    "ErasureReport",
    "erase_person",
    "erasure_report",
    "subject_export",
    "subject_export_pdf",
]
