"""Voorlichting: plan sessions, invite, letters and e-mail, attendance, nabellen.

Which module holds what (everything is re-exported here, so callers import
``maxww.voorlichting.services``):

- ``sessions``: ``plan_session``, ``with_counts``, ``sessions_for``, ``seats_left``
- ``invitations``: ``invite_people``, ``invite_from_selection``, ``respond``,
  ``open_selections``, ``selections_available``, ``CapacityError``, ``InviteResult``
- ``attendance``: ``register_attendance``, ``unregister_attendance``,
  ``close_attendance``, ``record_call_outcome``, ``open_call_tasks``,
  ``AttendanceError``, ``AttendanceResult``
- ``letters``: the letter's text and PDF (``letter_template``, ``letter_sections``,
  ``letters_html``, ``html_to_pdf``, ``letters_pdf``), who gets one
  (``printable_invitations``) and who lacks an address (``with_address``,
  ``without_address``, ``incomplete_addresses``)
- ``email``: ``send_invitation_emails``

Letters for a whole session are made in the background: see
``maxww.voorlichting.letters``.
"""

from .attendance import (
    AttendanceError,
    AttendanceResult,
    close_attendance,
    open_call_tasks,
    record_call_outcome,
    register_attendance,
    unregister_attendance,
)
from .email import send_invitation_emails
from .invitations import (
    CapacityError,
    InviteResult,
    invite_from_selection,
    invite_people,
    open_selections,
    respond,
    selections_available,
)
from .letters import (
    DEFAULT_LETTERS,
    html_to_pdf,
    incomplete_addresses,
    letter_sections,
    letter_template,
    letters_html,
    letters_pdf,
    printable_invitations,
    with_address,
    without_address,
)
from .sessions import plan_session, seats_left, sessions_for, with_counts

__all__ = [
    "DEFAULT_LETTERS",
    "AttendanceError",
    "AttendanceResult",
    "CapacityError",
    "InviteResult",
    "close_attendance",
    "html_to_pdf",
    "incomplete_addresses",
    "invite_from_selection",
    "invite_people",
    "letter_sections",
    "letter_template",
    "letters_html",
    "letters_pdf",
    "open_call_tasks",
    "open_selections",
    "plan_session",
    "printable_invitations",
    "record_call_outcome",
    "register_attendance",
    "respond",
    "seats_left",
    "selections_available",
    "send_invitation_emails",
    "sessions_for",
    "unregister_attendance",
    "with_address",
    "with_counts",
    "without_address",
]
