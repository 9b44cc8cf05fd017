"""The Max-WW chain and the exits from WW, apart."""

from __future__ import annotations

from django.utils.translation import gettext as _

from maxww.monitoring.privacy import Column, Relation, Table

from .aggregates import (
    AGGREGATE_FIELDS,
    _aggregates,
    _claim_aggregates,
    _sums,
    uses_aggregates,
)
from .filters import DashboardFilter, ended_claims
from .outcomes import BIJSTAND_DEFINITION, _stage_filters

# (key, label, group): the programme's chain, then the outcomes of all WW ends.
STAGES = (
    ("ww_ends", "WW eindigt in periode", "chain"),
    ("screened", "Gescreend (voorcheck of risicoscore)", "chain"),
    ("invited", "Uitgenodigd voor voorlichting", "chain"),
    ("attended", "Voorlichting bezocht", "chain"),
    ("coached", "Begeleid in een traject (ook zonder voorlichting)", "chain"),
    ("placed", "Naar werk via een traject (plaatsing door het programma)", "chain"),
    ("ordinary_work", "Naar werk zonder traject (gewone uitstroom uit de WW)", "exit"),
    ("to_work", "Naar werk, totaal", "exit"),
    ("to_bijstand", "Naar bijstand", "exit"),
)
STAGE_GROUPS = {"chain": "Max-WW-keten", "exit": "Uitstroom uit de WW"}


def funnel(f: DashboardFilter) -> Table:
    """The programme's chain and the outcomes of all WW ends, apart (one query).

    The chain is not a strict funnel: a traject can start without a session.
    Work is split into placements through a traject and ordinary exits from
    WW to work, which the programme did not bring about.
    """
    if uses_aggregates():
        totals = _aggregates(f).aggregate(**_sums(*AGGREGATE_FIELDS))
    else:
        totals = ended_claims(f).aggregate(**_claim_aggregates(_stage_filters()))
    totals["ordinary_work"] = totals["to_work"] - totals.get("placed", 0)
    rows = [
        {
            "_id": key,
            "stage": _(label),
            "group": _(STAGE_GROUPS[group]),
            "people": totals[key],
            "ends": totals["ww_ends"],
            "share": totals[key] / totals["ww_ends"] if totals["ww_ends"] else None,
        }
        for key, label, group in STAGES
        if key in totals
    ]
    return Table(
        key="funnel",
        title=_("Max-WW-keten en uitstroom uit de WW"),
        columns=[
            Column("stage", _("Stap"), "text"),
            Column("group", _("Soort"), "text"),
            Column("people", _("Personen"), additive=False),
            Column("share", _("Aandeel van WW-einden"), "rate", "people", "ends"),
        ],
        rows=rows,
        note=_(
            "De keten telt wie elke stap van Max-WW bereikte; een traject kan ook "
            "zonder voorlichting beginnen, dus de stappen tellen niet op. Naar werk "
            "zonder traject is gewone uitstroom uit de WW, geen resultaat van het "
            "programma. "
        )
        + _(BIJSTAND_DEFINITION),
    )


def funnel_relations(funnel_table: Table) -> tuple[Table, list[Relation]]:
    """The sums inside the funnel: work = placed + ordinary, invited ⊇ attended."""
    people = {r["_id"]: r["people"] for r in funnel_table.rows}
    gaps = Table(
        key="funnel_gaps",
        title="",
        columns=[Column("not_attended", "", complement=True)],
        rows=[
            {
                "_id": "gap",
                "not_attended": people.get("invited", 0) - people.get("attended", 0),
            }
        ],
    )

    def ref(key):
        return ("funnel", key, "people")

    relations = [
        Relation(ref("to_work"), (ref("placed"), ref("ordinary_work"))),
        Relation(
            ref("invited"), (ref("attended"), ("funnel_gaps", "gap", "not_attended"))
        ),
    ]
    return gaps, relations
