"""The client's own trajects and plan actions."""

from __future__ import annotations

from django.db.models import QuerySet

from maxww.people.models import Person
from maxww.trajects.models import PlanAction, Traject


def trajects_for(person: Person) -> QuerySet[Traject]:
    """The client's trajects with coach and organisation, open ones first."""
    return (
        Traject.objects.filter(person=person)
        .select_related("coach__organisation", "organisation")
        .order_by("ended_date", "-signalled_date")
    )


def plan_actions_for(person: Person) -> QuerySet[PlanAction]:
    return (
        PlanAction.objects.filter(traject__person=person)
        .select_related("traject")
        .order_by("done_date", "-agreed_date")
    )
