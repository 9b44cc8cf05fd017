"""Dashboard figures, all computed in the database with aggregate queries.

Public functions: ``DashboardFilter``, ``dashboard_tables``, ``funnel``,
``by_municipality``, ``doorstroom_by_region``, ``doorstroom_trend``,
``durability``, ``attendance_by_tone``, ``caseloads``, ``cost_per_placement``.
Every function returns raw aggregates in a :class:`~.privacy.Table`; call
:func:`~.privacy.protect` (``dashboard_tables`` does) before showing or exporting.

Definitions of every measure are in ``docs/monitoring.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

import structlog

from maxww.people.constants import ClaimStatus, EndReason
from maxww.people.models import WWClaim
from maxww.rules.dates import add_months

from .models import MonthlyAggregate
from .privacy import Column, Relation, Table

logger = structlog.stdlib.get_logger(__name__)


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


def bijstand_q(prefix: str = "") -> Q:
    """The one source of truth for "this WW claim ended in bijstand".

    The recorded outcome (``ClaimOutcome.entered_bijstand``) or a traject that
    ended with a bijstand application (the warm handover): before, the second
    was missing and the dashboard undercounted doorstroom.
    """
    q = Q(**{f"{prefix}outcome__entered_bijstand": True})
    traject = _model("trajects.Traject")
    if traject is not None:
        q |= Q(
            **{
                f"{prefix}person_id__in": traject.objects.filter(
                    outcome="bijstand_application"
                ).values("person_id")
            }
        )
    return q


def known_outcome_q(prefix: str = "") -> Q:
    """Ended claims whose outcome is known: recorded, or bijstand via a traject."""
    return Q(**{f"{prefix}status": ClaimStatus.ENDED}) & (
        Q(**{f"{prefix}outcome__isnull": False}) | bijstand_q(prefix)
    )


def _stage_filters() -> dict[str, Q]:
    """Per funnel stage, the condition on a WW claim (a person may be in several)."""
    stages: dict[str, Q] = {
        "screened": Q(screening__precheck__in=["likely", "unlikely"])
        | Q(screening__risk_score__isnull=False),
    }
    invitation = _model("voorlichting.Invitation")
    if invitation is not None:
        stages["invited"] = Q(person_id__in=invitation.objects.values("person_id"))
        stages["attended"] = Q(
            person_id__in=invitation.objects.filter(status="attended").values(
                "person_id"
            )
        )
    traject = _model("trajects.Traject")
    if traject is not None:
        coached = traject.objects.filter(
            Q(state__in=["coaching", "follow_up"]) | Q(events__to_state="coaching")
        )
        stages["coached"] = Q(person_id__in=coached.values("person_id"))
        stages["placed"] = Q(
            person_id__in=traject.objects.filter(outcome="work").values("person_id")
        )
        stages["to_work"] = Q(end_reason=EndReason.WORK) | stages["placed"]
    else:
        stages["placed"] = Q(pk__in=[])
        stages["to_work"] = Q(end_reason=EndReason.WORK)
    stages["to_bijstand"] = bijstand_q()
    return stages


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


def _claim_aggregates(stages: dict[str, Q]) -> dict:
    aggs = {"ww_ends": Count("pk")}
    aggs |= {key: Count("pk", filter=q) for key, q in stages.items()}
    aggs["known_outcome"] = Count("pk", filter=known_outcome_q())
    return aggs


AGGREGATE_FIELDS = (
    "ww_ends",
    "known_outcome",
    "screened",
    "invited",
    "attended",
    "coached",
    "placed",
    "to_work",
    "to_bijstand",
)


def uses_aggregates() -> bool:
    """Read history from ``MonthlyAggregate`` once it has been built."""
    return MonthlyAggregate.objects.exists()


def aggregates_refreshed_at() -> dt.datetime | None:
    row = MonthlyAggregate.objects.order_by("-refreshed_at").first()
    return row.refreshed_at if row else None


def _aggregates(f: DashboardFilter, *, geography: bool = True) -> QuerySet:
    qs = MonthlyAggregate.objects.filter(
        target_group=f.target_group,
        month__gte=f.start.replace(day=1),
        month__lte=f.end,
    )
    if geography:
        qs = qs.filter(_person_filter(f, ""))
    return qs


def _sums(*fields: str) -> dict:
    return {name: Coalesce(Sum(name), 0) for name in fields}


@transaction.atomic
def refresh_aggregates(*, on: dt.date) -> int:
    """Rebuild the monthly aggregates from the claims (all months, all areas).

    One grouped query per target group (and one for all claims); nothing is
    read per person. ``on`` is the reference date stored for the refresh.
    """
    from maxww.screening.constants import TargetGroup

    stages = _stage_filters()
    aggs = _claim_aggregates(stages)
    now = timezone.now()
    rows: list[MonthlyAggregate] = []
    for group in ["", *TargetGroup.values]:
        qs = WWClaim.objects.annotate(
            end_date=Coalesce("actual_end_date", "max_end_date")
        )
        if group:
            qs = qs.filter(screening__target_groups__contains=f",{group},")
        data = (
            qs.annotate(month=TruncMonth("end_date"))
            .values("month", "person__municipality_id")
            .annotate(**aggs)
            .order_by()
        )
        for row in data:
            month = row["month"]
            month = month.date() if isinstance(month, dt.datetime) else month
            rows.append(
                MonthlyAggregate(
                    month=month,
                    municipality_id=row["person__municipality_id"],
                    target_group=group,
                    refreshed_at=now,
                    **{k: row.get(k, 0) for k in AGGREGATE_FIELDS},
                )
            )
    MonthlyAggregate.objects.all().delete()
    MonthlyAggregate.objects.bulk_create(rows, batch_size=2000)
    from .forecast import refresh_forecasts

    cells = refresh_forecasts(on=on)
    logger.info(
        "monitoring_aggregates_refreshed",
        rows=len(rows),
        forecast_cells=cells,
        on=on.isoformat(),
    )
    return len(rows)


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
            "programma. Naar bijstand: de vastgelegde uitkomst of een traject dat "
            "eindigde met een bijstandsaanvraag."
        ),
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


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


MUNICIPALITY_KEYS = ("ww_ends", "known_outcome", "to_bijstand", "to_work")


def _municipality_counts(f: DashboardFilter) -> list[dict]:
    """Per municipality (with its id and region id): the counts of the period."""
    group = {
        "mid": F("municipality_id"),
        "rid": F("municipality__region_id"),
        "name": F("municipality__name"),
    }
    if uses_aggregates():
        return list(
            _aggregates(f)
            .values(**group)
            .annotate(**_sums(*MUNICIPALITY_KEYS))
            .order_by("name")
        )
    stages = _stage_filters()
    return list(
        ended_claims(f)
        .values(**{k: F(f"person__{v.name}") for k, v in group.items()})
        .annotate(
            ww_ends=Count("pk"),
            known_outcome=Count("pk", filter=known_outcome_q()),
            to_bijstand=Count("pk", filter=stages["to_bijstand"]),
            to_work=Count("pk", filter=stages["to_work"]),
        )
        .order_by("name")
    )


def _with_rates(row: dict) -> dict:
    row["other_outcome"] = row["known_outcome"] - row["to_bijstand"]
    row["doorstroom"] = _rate(row["to_bijstand"], row["known_outcome"])
    row["work_rate"] = _rate(row["to_work"], row["ww_ends"])
    return row


def _municipality_columns(name: str) -> list[Column]:
    return [
        Column("name", name, "text"),
        Column("ww_ends", _("WW-einden")),
        Column(
            "known_outcome",
            _("Met bekende uitkomst"),
            parts=("to_bijstand", "other_outcome"),
        ),
        Column("to_bijstand", _("Naar bijstand")),
        Column("other_outcome", "", complement=True),
        Column("doorstroom", _("Doorstroom"), "rate", "to_bijstand", "known_outcome"),
        Column("to_work", _("Naar werk")),
        Column("work_rate", _("Uitstroom naar werk"), "rate", "to_work", "ww_ends"),
    ]


def by_municipality(f: DashboardFilter, rows: list[dict] | None = None) -> Table:
    """WW ends, doorstroom and outflow to work per municipality (one query)."""
    data = _municipality_counts(f) if rows is None else rows
    rows = [_with_rates({"_id": f"m{r['mid']}", **r}) for r in data]
    total = {key: sum(r[key] for r in rows) for key in MUNICIPALITY_KEYS}
    total = _with_rates(total | {"name": _("Totaal")})
    return Table(
        key="municipalities",
        title=_("Per gemeente"),
        columns=_municipality_columns(_("Gemeente")),
        rows=rows,
        total=total,
    )


def doorstroom_by_region(f: DashboardFilter, rows: list[dict] | None = None) -> Table:
    """Per region in the period, for comparison (ignores the area filter).

    The sums of the municipality rows of all areas, with the total of all
    regions: the same figures as the dashboard of each region and of all.
    """
    everywhere = DashboardFilter(start=f.start, end=f.end, target_group=f.target_group)
    data = _municipality_counts(everywhere) if rows is None else rows
    regions: dict[int, dict] = {}
    names = dict(
        apps.get_model("organisations.Region").objects.values_list("pk", "name")
    )
    for r in data:
        reg = regions.setdefault(
            r["rid"],
            {"_id": f"r{r['rid']}", "name": names.get(r["rid"], "")}
            | dict.fromkeys(MUNICIPALITY_KEYS, 0),
        )
        for key in MUNICIPALITY_KEYS:
            reg[key] += r[key]
    rows = sorted((_with_rates(r) for r in regions.values()), key=lambda r: r["name"])
    total = {key: sum(r[key] for r in rows) for key in MUNICIPALITY_KEYS}
    return Table(
        key="regions",
        title=_("Doorstroom per regio"),
        columns=_municipality_columns(_("Regio")),
        rows=rows,
        total=_with_rates(total | {"name": _("Alle regio's")}),
    )


def doorstroom_trend(f: DashboardFilter, *, months: int = 36) -> Table:
    """Rolling 12-month doorstroom per region for the ``months`` up to ``f.end``.

    The database counts ends and bijstand per region and month; the rolling sums
    run over those monthly aggregates (a few hundred numbers, never people).
    """
    last = f.end.replace(day=1)
    first = add_months(last, -(months + 11))
    window = DashboardFilter(
        start=first, end=f.end, region_id=None, target_group=f.target_group
    )
    if uses_aggregates():
        data = (
            _aggregates(window, geography=False)
            .values("month", region=F("municipality__region__name"))
            .annotate(n=Sum("known_outcome"), bijstand=Sum("to_bijstand"))
            .order_by()
        )
    else:
        data = (
            ended_claims(window, geography=False)
            .filter(known_outcome_q())
            .annotate(month=TruncMonth("end_date"))
            .values("month", region=F("person__municipality__region__name"))
            .annotate(n=Count("pk"), bijstand=Count("pk", filter=bijstand_q()))
        )
    monthly: dict[tuple[str, dt.date], tuple[int, int]] = {}
    regions: set[str] = set()
    for row in data:
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        monthly[(row["region"], month)] = (row["n"], row["bijstand"])
        regions.add(row["region"])
    month_list = [add_months(first, i) for i in range(months + 12)]
    rows = []
    for i in range(11, len(month_list)):
        span = month_list[i - 11 : i + 1]
        row: dict = {
            "_id": month_list[i].strftime("%Y-%m"),
            "month": month_list[i].strftime("%Y-%m"),
        }
        for region in sorted(regions):
            n = sum(monthly.get((region, m), (0, 0))[0] for m in span)
            b = sum(monthly.get((region, m), (0, 0))[1] for m in span)
            row[f"n:{region}"] = n
            row[f"b:{region}"] = b
            row[f"r:{region}"] = _rate(b, n)
        rows.append(row)
    columns = [Column("month", _("Maand (12 maanden t/m)"), "text")] + [
        Column(f"r:{region}", region, "rate", f"b:{region}", f"n:{region}")
        for region in sorted(regions)
    ]
    hidden_counts = [
        Column(f"{p}:{region}", region, "count", additive=False, hidden=True)
        for region in sorted(regions)
        for p in "nb"
    ]
    return Table(
        key="trend",
        title=_("Doorstroom per regio, voortschrijdend over 12 maanden"),
        columns=columns + hidden_counts,
        rows=rows,
    )


def durability(f: DashboardFilter) -> Table:
    """Still working at the 3- and 6-month checks that were done in the period."""
    check = _model("trajects.DurabilityCheck")
    rows: list[dict] = []
    if check is not None:
        data = (
            check.objects.filter(
                checked_date__range=(f.start, f.end), still_working__isnull=False
            )
            .filter(_person_filter(f, "traject__person__"))
            .filter(_target_group_q(f, "traject__person__claims__"))
            .values("months")
            .annotate(
                checked=Count("pk", distinct=True),
                working=Count("pk", filter=Q(still_working=True), distinct=True),
            )
            .order_by("months")
        )
        rows = [
            r
            | {
                "_id": f"m{r['months']}",
                "label": _("%(n)s maanden") % {"n": r["months"]},
                "lost": r["checked"] - r["working"],
                "rate": _rate(r["working"], r["checked"]),
            }
            for r in data
        ]
    return Table(
        key="durability",
        title=_("Duurzaamheid van werk"),
        columns=[
            Column("label", _("Controle na"), "text"),
            Column(
                "checked", _("Gecontroleerd"), additive=False, parts=("working", "lost")
            ),
            Column("working", _("Werkt nog"), additive=False),
            Column("lost", "", complement=True),
            Column("rate", _("Duurzaam"), "rate", "working", "checked"),
        ],
        rows=rows,
        note="" if check is not None else _("Nog geen gegevens uit trajecten."),
    )


def attendance_by_tone(f: DashboardFilter) -> Table:
    """Attendance at sessions held in the period, by the region's session tone."""
    invitation = _model("voorlichting.Invitation")
    rows: list[dict] = []
    if invitation is not None:
        data = (
            invitation.objects.filter(session__starts_at__date__range=(f.start, f.end))
            .filter(_person_filter(f))
            .values(tone=F("session__region__config__session_tone"))
            .annotate(
                invited=Count("pk"),
                attended=Count("pk", filter=Q(status="attended")),
                no_show=Count("pk", filter=Q(status="no_show")),
            )
            .order_by("tone")
        )
        labels = {"strict": _("Verplichtend"), "open": _("Uitnodigend")}
        rows = [
            r
            | {
                "_id": r["tone"] or "unknown",
                "label": labels.get(r["tone"] or "", _("Onbekend")),
                "other": r["invited"] - r["attended"] - r["no_show"],
                "rate": _rate(r["attended"], r["invited"]),
            }
            for r in data
        ]
    return Table(
        key="attendance",
        title=_("Opkomst voorlichting naar toon"),
        columns=[
            Column("label", _("Toon"), "text"),
            Column(
                "invited",
                _("Uitgenodigd"),
                additive=False,
                parts=("attended", "no_show", "other"),
            ),
            Column("attended", _("Aanwezig"), additive=False),
            Column("no_show", _("Niet verschenen"), additive=False),
            Column("other", "", complement=True),
            Column("rate", _("Opkomst"), "rate", "attended", "invited"),
        ],
        rows=rows,
        note="" if invitation is not None else _("Nog geen gegevens uit voorlichting."),
    )


def caseloads(f: DashboardFilter, *, on: dt.date) -> Table:
    """Open trajects per coach and overdue tasks, per organisation (counts only)."""
    traject = _model("trajects.Traject")
    task = _model("trajects.Task")
    rows: list[dict] = []
    if traject is not None:
        per_coach = (
            traject.objects.exclude(state="ended")
            .filter(_person_filter(f))
            .values("organisation__name", "coach_id")
            .annotate(n=Count("pk"))
        )
        orgs: dict[str, dict] = {}
        for r in per_coach:
            o = orgs.setdefault(
                r["organisation__name"],
                {"name": r["organisation__name"], "coaches": 0, "open": 0, "max": 0},
            )
            o["open"] += r["n"]
            if r["coach_id"]:
                o["coaches"] += 1
                o["max"] = max(o["max"], r["n"])
            else:
                o["unassigned"] = o.get("unassigned", 0) + r["n"]
        overdue = {}
        if task is not None:
            overdue = dict(
                task.objects.filter(done_at__isnull=True, due_date__lt=on)
                .filter(_person_filter(f, "traject__person__"))
                .values_list("traject__organisation__name")
                .annotate(n=Count("pk"))
            )
        for o in orgs.values():
            o.setdefault("unassigned", 0)
            o["_id"] = o["name"]
            o["coached"] = o["open"] - o["unassigned"]
            o["mean"] = o["coached"] / o["coaches"] if o["coaches"] else None
            o["overdue"] = overdue.get(o["name"], 0)
        rows = sorted(orgs.values(), key=lambda o: o["name"])
    return Table(
        key="caseloads",
        title=_("Caseload per coach en achterstallige taken"),
        columns=[
            Column("name", _("Organisatie"), "text"),
            Column("open", _("Lopende trajecten"), parts=("coached", "unassigned")),
            Column("coached", _("Met coach")),
            Column("coaches", _("Coaches"), "number"),
            Column("mean", _("Gemiddeld per coach"), "estimate", den="coached"),
            Column("max", _("Hoogste caseload"), additive=False),
            Column("unassigned", _("Zonder coach")),
            Column("overdue", _("Taken over datum")),
        ],
        rows=rows,
        note=_(
            "Gemiddeld per coach: lopende trajecten mét coach gedeeld door het "
            "aantal coaches; trajecten zonder coach staan apart."
        )
        if traject is not None
        else _("Nog geen gegevens uit trajecten."),
    )


def cost_per_placement(f: DashboardFilter) -> Table:
    """Instrument costs in the period divided by work placements in the period."""
    use = _model("kennisbank.InstrumentUse")
    traject = _model("trajects.Traject")
    rows: list[dict] = []
    if use is not None and traject is not None:
        cost = (
            use.objects.filter(used_on__range=(f.start, f.end))
            .filter(_person_filter(f))
            .aggregate(total=Sum("cost"), people=Count("person", distinct=True))
        )
        placements = (
            traject.objects.filter(outcome="work")
            .filter(
                Q(work_start_date__range=(f.start, f.end))
                | Q(work_start_date__isnull=True, ended_date__range=(f.start, f.end))
            )
            .filter(_person_filter(f))
            .count()
        )
        total = float(cost["total"]) if cost["people"] else None
        rows = [
            {
                "_id": "instruments",
                "label": _("Instrumenten"),
                "people": cost["people"],
                "cost": total,
                "placements": placements,
                "per_placement": total / placements
                if total is not None and placements
                else None,
            }
        ]
    return Table(
        key="cost",
        title=_("Kosten per plaatsing"),
        columns=[
            Column("label", _("Kostenpost"), "text"),
            Column("people", _("Personen met instrument"), additive=False),
            Column(
                "cost", _("Kosten"), "money", den="people", empty=_("geen gegevens")
            ),
            Column("placements", _("Plaatsingen"), additive=False),
            Column(
                "per_placement",
                _("Kosten per plaatsing"),
                "money",
                num="cost",
                den="placements",
                empty=_("geen gegevens"),
            ),
        ],
        rows=rows,
        note=_(
            "Kosten uit de kennisbank (ingezette instrumenten); plaatsingen zijn "
            "trajecten met uitkomst werk, gestart in de periode."
        ),
    )


def dashboard_tables(f: DashboardFilter, *, on: dt.date, **forecasts) -> list[Table]:
    """Every dashboard table, protected together (see ``publication``)."""
    from .publication import dashboard_tables as published

    return published(f, on=on, **forecasts)
