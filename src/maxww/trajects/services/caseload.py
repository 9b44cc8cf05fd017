"""A coach's caseload: the list with its annotations, next tasks, overdue tasks."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import CharField, Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from maxww.people.models import Person, WWClaim
from maxww.trajects.constants import OPEN_STATES
from maxww.trajects.models import Task, Traject

from .lifecycle import visible_trajects

if TYPE_CHECKING:
    from maxww.organisations.models import User


def ww_end_date_subquery() -> Subquery:
    """Annotation: the last WW day of the traject's person (latest claim end)."""
    return Subquery(
        WWClaim.objects.filter(person=OuterRef("person_id"))
        .order_by("-max_end_date")
        .values("max_end_date")[:1]
    )


def access_basis_subquery(user: User) -> Subquery | Value:
    """Annotation: the strongest active legal basis of the user's organisation for
    the traject's person (what ``people.services.basis_for`` returns), so the
    traject page reads it with the traject instead of in a query of its own.
    A user without an organisation has no grants (and sees no traject)."""
    if not user.organisation_id:
        return Value(None, output_field=CharField())
    return Subquery(
        Person.objects.with_basis(user)
        .filter(pk=OuterRef("person_id"))
        .values("basis")[:1]
    )


def caseload_annotations(on: date) -> dict[str, Any]:
    """WW end date, next due date and overdue count as subqueries (no N+1)."""
    open_tasks = Task.objects.filter(traject=OuterRef("pk"), done_at__isnull=True)
    return {
        "ww_end_date": ww_end_date_subquery(),
        "next_due_date": Subquery(
            open_tasks.order_by("due_date").values("due_date")[:1]
        ),
        "overdue_count": Coalesce(
            Subquery(
                open_tasks.filter(due_date__lt=on)
                .order_by()
                .values("traject")
                .annotate(n=Count("id"))
                .values("n")[:1]
            ),
            0,
        ),
    }


def caseload(*, user: User, on: date) -> QuerySet[Traject]:
    """The user's open trajects with WW end, next task and overdue count."""
    return (
        visible_trajects(user)
        .filter(coach=user, state__in=OPEN_STATES)
        .select_related("person", "organisation")
        .annotate(**caseload_annotations(on))
        .order_by("ww_end_date", "id")
    )


def next_task_titles(traject_ids: list[int]) -> dict[int, str]:
    """The first open task's title per traject, in one query."""
    titles: dict[int, str] = {}
    for tid, title in (
        Task.objects.filter(traject_id__in=traject_ids, done_at__isnull=True)
        .order_by("traject_id", "due_date", "id")
        .values_list("traject_id", "title")
    ):
        titles.setdefault(tid, title)
    return titles


def overdue_tasks(*, user: User, on: date) -> QuerySet[Task]:
    """Open tasks assigned to this user that are past their due date."""
    return (
        Task.objects.filter(assignee=user, done_at__isnull=True, due_date__lt=on)
        .filter(traject__person__in=Person.objects.visible_to(user))
        .select_related("traject", "traject__person")
        .order_by("due_date")
    )
