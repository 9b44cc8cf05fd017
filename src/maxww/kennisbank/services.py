"""Kennisbank services: search instruments, register their use, sum their cost."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Sum

import structlog

from .models import Instrument, InstrumentUse

if TYPE_CHECKING:
    from maxww.organisations.models import User
    from maxww.people.models import Person
    from maxww.trajects.models import Traject

logger = structlog.stdlib.get_logger(__name__)


def search_instruments(
    *,
    text: str = "",
    phase: str = "",
    region_code: str = "",
    target_group: str = "",
    funder: str = "",
    include_inactive: bool = False,
):
    """Instruments matching the filters, with their regions prefetched."""
    qs = (
        Instrument.objects.all()
        if include_inactive
        else Instrument.objects.filter(is_active=True)
    )
    return qs.search(
        text=text,
        phase=phase,
        region_code=region_code,
        target_group=target_group,
        funder=funder,
    ).prefetch_related("regions")


def default_cost(instrument: Instrument, *, units: int | None = None) -> Decimal:
    """The cost of one use: amount × units (capped at max_units), else amount."""
    amount = instrument.amount or Decimal("0")
    if units is None:
        return amount
    if instrument.max_units:
        units = min(units, instrument.max_units)
    return amount * units


def register_use(
    *,
    instrument: Instrument,
    by: User,
    on: date,
    cost: Decimal | None = None,
    units: int | None = None,
    person: Person | None = None,
    traject: Traject | None = None,
    note: str = "",
) -> InstrumentUse:
    """Record that an instrument was used for a person (from the traject context).

    ``cost`` defaults to the instrument's amount (times ``units``, capped).
    Give the traject (preferred) or the person.
    """
    if person is None:
        if traject is None:
            raise ValueError("register_use needs a traject or a person")
        person = traject.person
    if cost is None:
        cost = default_cost(instrument, units=units)
    use = InstrumentUse.objects.create(
        instrument=instrument,
        person=person,
        traject=traject,
        cost=cost,
        used_on=on,
        note=note,
        registered_by=by,
        organisation=by.organisation,
    )
    logger.info(
        "instrument_use_registered",
        instrument=instrument.pk,
        use=str(use.uuid),
        organisation=by.organisation_id,
    )
    return use


def cost_summary(*, organisation_ids: list[int] | None = None) -> list[dict]:
    """Total cost and number of uses per instrument (aggregated in the database)."""
    qs = InstrumentUse.objects.all()
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    return list(
        qs.values("instrument__name")
        .annotate(uses=Count("id"), total=Sum("cost"))
        .order_by("-total")
    )


def uses_for_traject(traject: Traject):
    """The instruments used in one traject, newest first."""
    return InstrumentUse.objects.filter(traject=traject).select_related(
        "instrument", "registered_by"
    )


def cost_per_placement(*, placed_traject_ids: list[int]) -> Decimal | None:
    """Summed instrument cost of these (placed) trajects divided by their number."""
    if not placed_traject_ids:
        return None
    total = InstrumentUse.objects.filter(traject_id__in=placed_traject_ids).aggregate(
        total=Sum("cost")
    )["total"] or Decimal("0")
    return (total / len(placed_traject_ids)).quantize(Decimal("0.01"))


def cost_for_people(*, person_ids: list[int]) -> Decimal:
    """The summed instrument cost for these people (e.g. the placed ones)."""
    total = InstrumentUse.objects.filter(person_id__in=person_ids).aggregate(
        total=Sum("cost")
    )["total"]
    return total or Decimal("0")
