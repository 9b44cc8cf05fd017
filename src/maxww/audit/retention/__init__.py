"""Retention: pseudonymise people once their region's retention period has passed.

The period (``RegionalConfig.retention_months``, default 24) runs from a
person's **last activity**: the latest of the end of each WW claim (actual end,
else the maximum end), each traject's closing date, each durability check
(due or done), each invitation, handover and bijstand application, and the
date the person was first recorded. A person is never touched while a
**hold** applies: an open traject, an open handover or bijstand application,
or a running WW claim (see ``HOLDS``).

For an expired person, in one transaction per chunk and set-based (no query
per person):

- identifiers are removed from the person: BSN hash and ciphertext, names,
  address and contact details; the birth date becomes 1 January of the birth
  year; the portal account is closed and emptied;
- records that hold only personal detail are **deleted** (``DELETE``):
  consents with their forms, contacts, work plan, jobready checks,
  candidate profiles, handovers, bijstand applications, CVs, saved checks,
  access grants;
- records that the aggregates count are **kept without free text**
  (``_pseudonymised_values``): claims, screening, trajects with their history
  and tasks, invitations, proposals, instrument use. Monitoring
  (``MonthlyAggregate``, forecasts, durability, cost per placement, caseloads)
  and the matching totals read only what stays, so they do not change, not
  even after the next refresh.

Each pseudonymised person gets one access-log row (``person_pseudonymised``,
person uuid only). ``apply_retention(dry_run=True)`` counts the same rows and
changes nothing.

Modules: ``holds`` (``HOLDS``, ``holds_of``), ``activity`` (``last_activity``),
``records`` (``DELETE``, ``KEEP``, ``PORTAL_ACCOUNT_CLOSED``, the pseudonymised
values, ``delete_files``), ``run`` (``apply_retention``, ``expired_people``,
the report and ``as_text``).
"""

from .activity import last_activity
from .holds import HOLDS, holds_of
from .records import (
    DELETE,
    KEEP,
    PORTAL_ACCOUNT_CLOSED,
    PSEUDONYM_NAME,
    PSEUDONYM_PREFIX,
    delete_files,
)
from .run import (
    RegionRetention,
    RetentionReport,
    apply_retention,
    as_text,
    expired_people,
)

__all__ = [
    "DELETE",
    "HOLDS",
    "KEEP",
    "PORTAL_ACCOUNT_CLOSED",
    "PSEUDONYM_NAME",
    "PSEUDONYM_PREFIX",
    "RegionRetention",
    "RetentionReport",
    "apply_retention",
    "as_text",
    "delete_files",
    "expired_people",
    "holds_of",
    "last_activity",
]
