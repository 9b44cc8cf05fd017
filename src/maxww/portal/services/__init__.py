"""Mijn Max-WW: the indicative check, a client's own data, and notifications.

Public surface for other apps: ``indicative_check``, ``client_person``,
``notify_client``, ``notify_new_invitation``, ``open_cv``, ``latest_cv``,
``view_log``, ``shared_with``. Every function that depends on time takes ``on``.
A client is a User without a role linked as ``Person.portal_user``; every
function here that acts for a client takes the person resolved from the
logged-in user, never an id from the request.

The package re-exports them; the modules hold:

- ``client`` — ``is_client``, ``client_person``, ``link_portal_user``
- ``check`` — ``indicative_check``, ``ww_record``, ``bijstand_record``, ``save_check``
- ``invitations`` — ``invitations_for``, ``own_invitation``, ``reschedule_options``, ``respond_to_invitation``, ``reschedule_invitation``
- ``plan`` — ``trajects_for``, ``plan_actions_for``
- ``cv`` — ``upload_cv``, ``latest_cv``, ``open_cv``
- ``consent`` — ``consents_for``, ``consent_recipients``, ``give_own_consent``, ``withdraw_own_consent``
- ``viewlog`` — ``view_log``, ``shared_with``, ``log_own_view``
- ``notifications`` — ``notify_client``, ``notify_new_invitation``
"""

from __future__ import annotations

from .check import (
    CheckOutcome,
    bijstand_record,
    indicative_check,
    save_check,
    ww_record,
)
from .client import client_person, is_client, link_portal_user
from .consent import (
    consent_recipients,
    consents_for,
    give_own_consent,
    withdraw_own_consent,
)
from .cv import latest_cv, open_cv, upload_cv
from .invitations import (
    invitations_for,
    own_invitation,
    reschedule_invitation,
    reschedule_options,
    respond_to_invitation,
)
from .notifications import notify_client, notify_new_invitation
from .plan import plan_actions_for, trajects_for
from .viewlog import LogLine, log_own_view, shared_with, view_log

__all__ = [
    "CheckOutcome",
    "LogLine",
    "bijstand_record",
    "client_person",
    "consent_recipients",
    "consents_for",
    "give_own_consent",
    "indicative_check",
    "invitations_for",
    "is_client",
    "latest_cv",
    "link_portal_user",
    "log_own_view",
    "notify_client",
    "notify_new_invitation",
    "open_cv",
    "own_invitation",
    "plan_actions_for",
    "reschedule_invitation",
    "reschedule_options",
    "respond_to_invitation",
    "save_check",
    "shared_with",
    "trajects_for",
    "upload_cv",
    "view_log",
    "withdraw_own_consent",
    "ww_record",
]
