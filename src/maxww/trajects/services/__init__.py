"""Trajects: consent, the state machine, coach assignment, plan, contacts, tasks.

Public surface for other apps: ``give_consent``, ``withdraw_consent``,
``has_consent``, ``signal``, ``ensure_traject``, ``transition``, ``assign_coach``,
``suggest_coach``, ``closing_report``, ``visible_trajects``. Every function takes
``on`` (a date) where time matters; none reads today's date itself.

The package re-exports them; the modules hold:

- ``_common`` — errors and the moment helper shared by the traject service modules
- ``consent`` — ``give_consent``, ``withdraw_consent``, ``has_consent``
- ``lifecycle`` — ``visible_trajects``, ``signal``, ``ensure_traject``, ``transition``, ``record_durability``, ``assign_coach``, ``suggest_coach``, ``sector_specialisation_for``
- ``caseload`` — ``caseload``, ``caseload_annotations``, ``next_task_titles``, ``overdue_tasks``, ``ww_end_date_subquery``, ``access_basis_subquery``
- ``plan`` — ``evaluate_jobready``, ``record_jobready_check``, ``add_plan_action``, ``complete_plan_action``, ``add_review``
- ``contacts`` — ``log_contact``, ``add_task``, ``complete_task``, ``send_reminders``
- ``closing`` — ``closing_report``, ``in_documentation_window``, ``ww_end_date``, ``days_left``, ``DETAIL_PREFETCH``
- ``bulk`` — ``bulk_move``
"""

from __future__ import annotations

from maxww.rules.dates import add_months

from ._common import ConsentRequiredError, TransitionError, _at
from .bulk import bulk_move
from .caseload import (
    access_basis_subquery,
    caseload,
    caseload_annotations,
    next_task_titles,
    overdue_tasks,
    ww_end_date_subquery,
)
from .closing import (
    DETAIL_PREFETCH,
    closing_report,
    days_left,
    in_documentation_window,
    ww_end_date,
)
from .consent import give_consent, has_consent, withdraw_consent
from .contacts import add_task, complete_task, log_contact, send_reminders
from .lifecycle import (
    assign_coach,
    ensure_traject,
    record_durability,
    sector_specialisation_for,
    signal,
    suggest_coach,
    transition,
    visible_trajects,
)
from .plan import (
    MIN_HOURS_JOBREADY,
    JobreadyResult,
    add_plan_action,
    add_review,
    complete_plan_action,
    evaluate_jobready,
    record_jobready_check,
)

__all__ = [
    "DETAIL_PREFETCH",
    "MIN_HOURS_JOBREADY",
    "ConsentRequiredError",
    "JobreadyResult",
    "TransitionError",
    "_at",
    "access_basis_subquery",
    "add_months",
    "add_plan_action",
    "add_review",
    "add_task",
    "assign_coach",
    "bulk_move",
    "caseload",
    "caseload_annotations",
    "closing_report",
    "complete_plan_action",
    "complete_task",
    "days_left",
    "ensure_traject",
    "evaluate_jobready",
    "give_consent",
    "has_consent",
    "in_documentation_window",
    "log_contact",
    "next_task_titles",
    "overdue_tasks",
    "record_durability",
    "record_jobready_check",
    "sector_specialisation_for",
    "send_reminders",
    "signal",
    "suggest_coach",
    "transition",
    "visible_trajects",
    "withdraw_consent",
    "ww_end_date",
    "ww_end_date_subquery",
]
