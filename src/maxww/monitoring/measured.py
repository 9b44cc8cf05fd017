"""Measured inputs for the business case: reach, placements and instrument costs.

Aggregates of the last twelve full months in the user's region; each comes with
a Dutch source line that the page shows and the exports carry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from .services import DashboardFilter, _model, _person_filter, default_filter, funnel


@dataclass(frozen=True)
class Measured:
    """What was measured, with where it came from (None when not measured)."""

    reach: int | None
    placements: int | None
    instruments_per_person: float | None
    instruments_source: str


def measure(*, on: dt.date, region_id: int | None) -> Measured:
    """The region's WW ends, programme placements and instrument costs per person.

    Instrument costs: the costs registered in the kennisbank (``InstrumentUse``)
    per person reached; without registrations, the kennisbank's per-placement
    amounts of the instruments open to the region × the measured placements.
    """
    f: DashboardFilter = default_filter(on=on, region_id=region_id)
    people = {r["_id"]: r["people"] for r in funnel(f).rows}
    reach, placed = people.get("ww_ends"), people.get("placed")
    use = _model("kennisbank.InstrumentUse")
    instrument = _model("kennisbank.Instrument")
    if not reach or use is None or instrument is None:
        return Measured(reach or None, placed, None, "")
    used = (
        use.objects.filter(used_on__range=(f.start, f.end))
        .filter(_person_filter(f))
        .aggregate(total=Sum("cost"), n=Count("person", distinct=True))
    )
    if used["n"]:
        return Measured(
            reach,
            placed,
            float(used["total"]) / reach,
            _("Kennisbank: € %(total)s aan ingezette instrumenten over %(n)s personen.")
            % {"total": f"{used['total']:.0f}", "n": used["n"]},
        )
    open_to_region = instrument.objects.filter(
        is_active=True, cost_unit="per_placement", amount__isnull=False
    )
    if region_id:
        open_to_region = open_to_region.filter(Q(regions=region_id) | Q(regions=None))
    items = list(open_to_region.distinct().values_list("name", "amount"))
    if not items or not placed:
        return Measured(reach, placed, None, "")
    per_placement = sum(float(a) for _n, a in items)
    names = ", ".join(f"{n} (€ {a:.0f} per plaatsing)" for n, a in items)
    return Measured(
        reach,
        placed,
        per_placement * placed / reach,
        _(
            "Kennisbank: %(names)s × %(placed)s gemeten plaatsingen via een "
            "traject ÷ %(reach)s WW-einden (nog geen ingezette instrumenten "
            "geregistreerd)."
        )
        % {"names": names, "placed": placed, "reach": reach},
    )
