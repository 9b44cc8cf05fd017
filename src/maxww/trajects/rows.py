"""The rows of the caseload tables as HTML, made in Python.

A caseload page lists 25 trajects and up to 25 overdue tasks. Through the
template engine every row cost about 0.3 ms of CPU (a dozen tags and
variables, two date filters, a URL): half of the page. ``format_html``
gives the same markup, escaped the same way, in a fraction of that. The table
around the rows stays in ``caseload.html``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from maxww.core.formatting import nl_date_table
from maxww.core.templatetags.row_urls import row_url_for

from .models import Task, Traject

# Badge per state, as _state_badge.html colours them.
_STATE_CLASS = {
    "coaching": " mx-badge--ok",
    "attended": " mx-badge--ok",
    "signalled": " mx-badge--warn",
    "follow_up": " mx-badge--warn",
}


def _days_left(days: int | None) -> SafeString:
    if days is None:
        return SafeString("—")
    if days < 31:
        return format_html('<span class="mx-badge mx-badge--bad">{}</span>', days)
    return format_html("{}", days)


def _next_task(t: Traject, no_task: str) -> SafeString:
    if t.next_task:
        due = t.next_due_date
        return format_html(
            "{} <small>({})</small>",
            t.next_task,
            "" if due is None else f"{due.day}-{due.month}",
        )
    return format_html('<span class="mx-badge mx-badge--warn">{}</span>', no_task)


def _coach(t: Traject, unassigned: str) -> SafeString:
    if t.coach_id is None:
        return format_html(
            '<td class="utrecht-table__cell">'
            '<span class="mx-badge mx-badge--warn">{}</span></td>',
            unassigned,
        )
    coach = t.coach
    return format_html(
        '<td class="utrecht-table__cell">{}</td>',
        coach.get_full_name() or coach.username,
    )


def traject_rows(trajects: Iterable[Traject], *, with_coach: bool) -> SafeString:
    """One ``<tr>`` per traject: name, state, WW end, days left, next task,
    overdue count and, for the organisation view, the coach.

    Each traject carries the caseload annotations and ``days_left``,
    ``next_task`` and ``state_label`` (set by the view).
    """
    no_task, unassigned = _("geen taak gepland"), _("nog toewijzen")
    return format_html_join(
        "\n",
        '<tr class="utrecht-table__row">'
        '<th scope="row" class="utrecht-table__cell">'
        '<a class="utrecht-link" href="{}">{}</a></th>'
        '<td class="utrecht-table__cell"><span class="mx-badge{}">{}</span></td>'
        '<td class="utrecht-table__cell">{}</td>'
        '<td class="utrecht-table__cell mx-num">{}</td>'
        '<td class="utrecht-table__cell">{}</td>'
        '<td class="utrecht-table__cell mx-num">{}</td>'
        "{}</tr>",
        (
            (
                row_url_for("trajects:detail", t.uuid),
                t.person.sort_name,
                _STATE_CLASS.get(t.state, ""),
                t.state_label,
                nl_date_table(t.ww_end_date) or "—",
                _days_left(t.days_left),
                _next_task(t, no_task),
                format_html('<span class="mx-badge mx-badge--bad">{}</span>', n)
                if (n := t.overdue_count)
                else "0",
                _coach(t, unassigned) if with_coach else "",
            )
            for t in trajects
        ),
    )


def overdue_rows(tasks: Iterable[Task], *, csrf_token: str) -> SafeString:
    """One ``<tr>`` per overdue task: title, person, due date, a "done" button."""
    done = _("Gedaan")
    return format_html_join(
        "\n",
        '<tr class="utrecht-table__row">'
        '<th scope="row" class="utrecht-table__cell">{}</th>'
        '<td class="utrecht-table__cell">'
        '<a class="utrecht-link" href="{}">{}</a></td>'
        '<td class="utrecht-table__cell">'
        '<span class="mx-badge mx-badge--bad">{}</span></td>'
        '<td class="utrecht-table__cell"><form method="post" action="{}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="caseload">'
        '<button class="utrecht-button utrecht-button--subtle" type="submit">{}'
        '<span class="mx-visually-hidden">: {}</span></button></form></td></tr>',
        (
            (
                task.title,
                row_url_for("trajects:detail", task.traject.uuid),
                task.traject.person.sort_name,
                nl_date_table(task.due_date),
                row_url_for("trajects:task_done", task.traject.uuid, task.pk),
                csrf_token,
                done,
                task.title,
            )
            for task in tasks
        ),
    )
