"""The dashboard filter and the area and target-group conditions on claims."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from maxww.people.models import WWClaim
from maxww.rules.dates import add_months


@dataclass(frozen=True)
class DashboardFilter:
    """What the user filtered on; ``start``/``end`` are inclusive dates."""

    start: dt.date
    end: dt.date
    region_id: int | None = None
    municipality_id: int | None = None
    target_group: str = ""

    def as_text(self) -> dict[str, str]:
        from maxww.organisations.models import Municipality, Region

        region = Region.objects.filter(pk=self.region_id).first()
        municipality = Municipality.objects.filter(pk=self.municipality_id).first()
        return {
            _("Periode van"): self.start.isoformat(),
            _("Periode tot en met"): self.end.isoformat(),
            _("Regio"): str(region) if region else _("alle"),
            _("Gemeente"): str(municipality) if municipality else _("alle"),
            _("Doelgroep"): self.target_group or _("alle"),
        }


def default_filter(*, on: dt.date, region_id: int | None = None) -> DashboardFilter:
    """The last twelve full months before ``on``."""
    first = on.replace(day=1)
    return DashboardFilter(
        start=add_months(first, -12),
        end=first - dt.timedelta(days=1),
        region_id=region_id,
    )


def _model(label: str):
    """A model from another app, or None while that app has not landed yet."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _person_filter(f: DashboardFilter, prefix: str = "person__") -> Q:
    """The area filter on a person (or, with ``prefix=""``, a municipality FK).

    A region is resolved to its municipality ids first: ``municipality_id IN
    (…)`` lets PostgreSQL use a hashed filter instead of joining the region in.
    """
    if f.municipality_id:
        return Q(**{f"{prefix}municipality_id": f.municipality_id})
    if f.region_id:
        from maxww.organisations.models import Municipality

        ids = list(
            Municipality.objects.filter(region_id=f.region_id).values_list(
                "pk", flat=True
            )
        )
        return Q(**{f"{prefix}municipality_id__in": ids})
    return Q()


def _target_group_q(f: DashboardFilter, prefix: str = "") -> Q:
    if not f.target_group:
        return Q()
    return Q(**{f"{prefix}screening__target_groups__contains": f",{f.target_group},"})


def ended_claims(f: DashboardFilter, *, geography: bool = True) -> QuerySet[WWClaim]:
    """Claims whose WW ends in the period (actual end, else the maximum end)."""
    qs = WWClaim.objects.annotate(
        end_date=Coalesce("actual_end_date", "max_end_date")
    ).filter(end_date__range=(f.start, f.end))
    if geography:
        qs = qs.filter(_person_filter(f))
    return qs.filter(_target_group_q(f))
