"""The closing report and the traject page's date helpers."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch

from maxww.organisations.models import Organisation, Region, RegionalConfig
from maxww.people.models import WWClaim
from maxww.rules.dates import add_months
from maxww.trajects.models import Contact, Task, Traject


def ww_end_date(traject: Traject) -> date | None:
    """The person's last WW day (latest claim end), or None without a claim.

    Read from the ``ww_end_date`` annotation when the traject was fetched with
    one (``caseload_annotations``, the traject page), so a page asks once.
    """
    if "ww_end_date" in traject.__dict__:
        return traject.ww_end_date
    return (
        WWClaim.objects.filter(person_id=traject.person_id)
        .order_by("-max_end_date")
        .values_list("max_end_date", flat=True)
        .first()
    )


def _regional_config(traject: Traject) -> RegionalConfig | None:
    """The traject's regional config; from ``organisation__region__config`` when
    the traject was fetched with it (the traject page), else one query."""
    organisation = traject.organisation
    if Organisation.region.is_cached(organisation):
        region = organisation.region
        if Region.config.is_cached(region):
            return getattr(region, "config", None)  # None: the region has none
    return RegionalConfig.objects.filter(region_id=organisation.region_id).first()


def _open_task_titles(traject: Traject) -> list[str]:
    """Titles of the open tasks, earliest due first (prefetched tasks if any)."""
    if "tasks" in getattr(traject, "_prefetched_objects_cache", {}):
        open_tasks = [t for t in traject.tasks.all() if t.done_at is None]
        return [t.title for t in sorted(open_tasks, key=lambda t: (t.due_date, t.pk))]
    return list(
        traject.tasks.filter(done_at__isnull=True).values_list("title", flat=True)
    )


def in_documentation_window(traject: Traject, *, on: date) -> bool:
    """Whether the traject is in the region's last month(s) before WW ends."""
    end = ww_end_date(traject)
    if end is None:
        return False
    config = _regional_config(traject)
    months = config.documentation_months if config else 1
    return add_months(end, -months) <= on <= end


def closing_report(traject: Traject) -> dict[str, Any]:
    """What was done and with what result: the summary the handover carries over.

    Plain data (strings, numbers, ISO dates) so it can be stored or sent as JSON.
    Uses the traject's prefetched sections when there are any (``DETAIL_PREFETCH``).
    """
    reviews = traject.reviews.all()
    last_check = traject.jobready_checks.first()
    end = ww_end_date(traject)
    return {
        "traject": str(traject.uuid),
        "organisation": str(traject.organisation),
        "coach": traject.coach.get_full_name() if traject.coach else "",
        "state": traject.get_state_display(),
        "signalled_date": traject.signalled_date.isoformat(),
        "ww_end_date": end.isoformat() if end else None,
        "jobready": None
        if last_check is None
        else {
            "date": last_check.checked_date.isoformat(),
            "is_jobready": last_check.is_jobready,
            "gaps": list(last_check.gaps),
        },
        "plan": [
            {
                "action": a.description,
                "weekly_target": a.weekly_target,
                "done": a.done_date.isoformat() if a.done_date else None,
            }
            for a in traject.plan_actions.all()
        ],
        "reviews": len(reviews),
        "applications": sum(r.applications for r in reviews),
        "contacts": [
            {
                "date": c.contact_date.isoformat(),
                "channel": c.get_channel_display(),
                "summary": c.summary,
                "next_step": c.next_step,
            }
            for c in traject.contacts.all()[:20]
        ],
        "open_tasks": _open_task_titles(traject),
        "outcome": traject.get_outcome_display() if traject.outcome else "",
        "outcome_code": traject.outcome,
        "employer_name": traject.employer_name,
        "hours_per_week": str(traject.hours_per_week)
        if traject.hours_per_week is not None
        else None,
        "work_start_date": traject.work_start_date.isoformat()
        if traject.work_start_date
        else None,
        "ended_date": traject.ended_date.isoformat() if traject.ended_date else None,
    }


# The sections of the traject page, fetched in one query each; closing_report
# reads the same lists. Use with prefetch_related_objects([traject], ...).
# The page shows who recorded a contact and who a task is assigned to; not who
# did a jobready check or a weekly review, so those are read without a join.
DETAIL_PREFETCH = (
    "jobready_checks",
    "plan_actions",
    "reviews",
    Prefetch("contacts", queryset=Contact.objects.select_related("by")),
    Prefetch(
        "tasks",
        queryset=Task.objects.select_related("assignee").order_by(
            "done_at", "due_date"
        ),
    ),
)


def days_left(end: date | None, on: date) -> int | None:
    return None if end is None else (end - on).days
