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
from .privacy import Column, Table, protect

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
        stages["to_work"] = Q(end_reason=EndReason.WORK) | Q(
            person_id__in=traject.objects.filter(outcome="work").values("person_id")
        )
    else:
        stages["to_work"] = Q(end_reason=EndReason.WORK)
    stages["to_bijstand"] = Q(outcome__entered_bijstand=True)
    return stages


STAGE_LABELS = {
    "ww_ends": "WW eindigt in periode",
    "screened": "Gescreend (voorcheck of risicoscore)",
    "invited": "Uitgenodigd voor voorlichting",
    "attended": "Voorlichting bezocht",
    "coached": "Begeleid (traject)",
    "to_work": "Naar werk",
    "to_bijstand": "Naar bijstand",
}


def _claim_aggregates(stages: dict[str, Q]) -> dict:
    aggs = {"ww_ends": Count("pk")}
    aggs |= {key: Count("pk", filter=q) for key, q in stages.items()}
    aggs["known_outcome"] = Count(
        "pk", filter=Q(status=ClaimStatus.ENDED, outcome__isnull=False)
    )
    return aggs


AGGREGATE_FIELDS = (
    "ww_ends",
    "known_outcome",
    "screened",
    "invited",
    "attended",
    "coached",
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
    """The funnel from WW ends in the period to work or bijstand (one query)."""
    if uses_aggregates():
        totals = _aggregates(f).aggregate(**_sums(*AGGREGATE_FIELDS))
    else:
        totals = ended_claims(f).aggregate(**_claim_aggregates(_stage_filters()))
    rows = [
        {
            "stage": _(STAGE_LABELS[key]),
            "people": totals[key],
            "ends": totals["ww_ends"],
            "share": totals[key] / totals["ww_ends"] if totals["ww_ends"] else None,
        }
        for key in STAGE_LABELS
        if key in totals
    ]
    return Table(
        key="funnel",
        title=_("Trechter"),
        columns=[
            Column("stage", _("Stap"), "text"),
            Column("people", _("Personen"), additive=False),
            Column("share", _("Aandeel van WW-einden"), "rate", "people", "ends"),
        ],
        rows=rows,
        note=_(
            "Eén persoon telt in elke stap die hij bereikte; de stappen tellen niet "
            "op. Naar bijstand telt alleen beëindigde uitkeringen met een bekende uitkomst."
        ),
    )


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


def by_municipality(f: DashboardFilter) -> Table:
    """WW ends, doorstroom and outflow to work per municipality (one query)."""
    keys = ("ww_ends", "known_outcome", "to_bijstand", "to_work")
    if uses_aggregates():
        data = (
            _aggregates(f)
            .values(name=F("municipality__name"))
            .annotate(**_sums(*keys))
            .order_by("name")
        )
    else:
        stages = _stage_filters()
        data = (
            ended_claims(f)
            .values(name=F("person__municipality__name"))
            .annotate(
                ww_ends=Count("pk"),
                known_outcome=Count(
                    "pk", filter=Q(status=ClaimStatus.ENDED, outcome__isnull=False)
                ),
                to_bijstand=Count("pk", filter=stages["to_bijstand"]),
                to_work=Count("pk", filter=stages["to_work"]),
            )
            .order_by("name")
        )
    rows = []
    for row in data:
        row["doorstroom"] = _rate(row["to_bijstand"], row["known_outcome"])
        row["work_rate"] = _rate(row["to_work"], row["ww_ends"])
        rows.append(row)
    total = {key: sum(r[key] for r in rows) for key in keys}
    total["name"] = _("Totaal")
    total["doorstroom"] = _rate(total["to_bijstand"], total["known_outcome"])
    total["work_rate"] = _rate(total["to_work"], total["ww_ends"])
    return Table(
        key="municipalities",
        title=_("Per gemeente"),
        columns=[
            Column("name", _("Gemeente"), "text"),
            Column("ww_ends", _("WW-einden")),
            Column("known_outcome", _("Met bekende uitkomst")),
            Column("to_bijstand", _("Naar bijstand")),
            Column(
                "doorstroom", _("Doorstroom"), "rate", "to_bijstand", "known_outcome"
            ),
            Column("to_work", _("Naar werk")),
            Column("work_rate", _("Uitstroom naar werk"), "rate", "to_work", "ww_ends"),
        ],
        rows=rows,
        total=total,
    )


def doorstroom_by_region(f: DashboardFilter) -> Table:
    """Doorstroom per region in the period, for comparison (ignores the area filter)."""
    if uses_aggregates():
        data = (
            _aggregates(f, geography=False)
            .values(name=F("municipality__region__name"))
            .annotate(**_sums("known_outcome", "to_bijstand"))
            .order_by("name")
        )
    else:
        data = (
            ended_claims(f, geography=False)
            .filter(status=ClaimStatus.ENDED, outcome__isnull=False)
            .values(name=F("person__municipality__region__name"))
            .annotate(
                known_outcome=Count("pk"),
                to_bijstand=Count("pk", filter=Q(outcome__entered_bijstand=True)),
            )
            .order_by("name")
        )
    rows = [
        row | {"doorstroom": _rate(row["to_bijstand"], row["known_outcome"])}
        for row in data
    ]
    return Table(
        key="regions",
        title=_("Doorstroom per regio"),
        columns=[
            Column("name", _("Regio"), "text"),
            Column("known_outcome", _("Beëindigd met bekende uitkomst")),
            Column("to_bijstand", _("Naar bijstand")),
            Column(
                "doorstroom", _("Doorstroom"), "rate", "to_bijstand", "known_outcome"
            ),
        ],
        rows=rows,
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
            .filter(status=ClaimStatus.ENDED, outcome__isnull=False)
            .annotate(month=TruncMonth("end_date"))
            .values("month", region=F("person__municipality__region__name"))
            .annotate(
                n=Count("pk"),
                bijstand=Count("pk", filter=Q(outcome__entered_bijstand=True)),
            )
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
        row: dict = {"month": month_list[i].strftime("%Y-%m")}
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
                "label": _("%(n)s maanden") % {"n": r["months"]},
                "rate": _rate(r["working"], r["checked"]),
            }
            for r in data
        ]
    return Table(
        key="durability",
        title=_("Duurzaamheid van werk"),
        columns=[
            Column("label", _("Controle na"), "text"),
            Column("checked", _("Gecontroleerd"), additive=False),
            Column("working", _("Werkt nog"), additive=False),
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
                "label": labels.get(r["tone"] or "", _("Onbekend")),
                "rate": _rate(r["attended"], r["invited"]),
            }
            for r in data
        ]
    return Table(
        key="attendance",
        title=_("Opkomst voorlichting naar toon"),
        columns=[
            Column("label", _("Toon"), "text"),
            Column("invited", _("Uitgenodigd"), additive=False),
            Column("attended", _("Aanwezig"), additive=False),
            Column("no_show", _("Niet verschenen"), additive=False),
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
            o["mean"] = o["open"] / o["coaches"] if o["coaches"] else None
            o["overdue"] = overdue.get(o["name"], 0)
            o.setdefault("unassigned", 0)
        rows = sorted(orgs.values(), key=lambda o: o["name"])
    return Table(
        key="caseloads",
        title=_("Caseload per coach en achterstallige taken"),
        columns=[
            Column("name", _("Organisatie"), "text"),
            Column("open", _("Lopende trajecten")),
            Column("coaches", _("Coaches"), "number"),
            Column("mean", _("Gemiddeld per coach"), "estimate", den="open"),
            Column("max", _("Hoogste caseload"), additive=False),
            Column("unassigned", _("Zonder coach")),
            Column("overdue", _("Taken over datum")),
        ],
        rows=rows,
        note="" if traject is not None else _("Nog geen gegevens uit trajecten."),
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
        total = float(cost["total"] or 0)
        rows = [
            {
                "label": _("Instrumenten"),
                "people": cost["people"],
                "cost": total if cost["people"] else None,
                "placements": placements,
                "per_placement": total / placements if placements else None,
            }
        ]
    return Table(
        key="cost",
        title=_("Kosten per plaatsing"),
        columns=[
            Column("label", _("Kostenpost"), "text"),
            Column("people", _("Personen met instrument"), additive=False),
            Column("cost", _("Kosten"), "money", den="people"),
            Column("placements", _("Plaatsingen"), additive=False),
            Column(
                "per_placement", _("Kosten per plaatsing"), "money", den="placements"
            ),
        ],
        rows=rows,
        note=_(
            "Kosten uit de kennisbank (ingezette instrumenten); plaatsingen zijn "
            "trajecten met uitkomst werk, gestart in de periode."
        ),
    )


def dashboard_tables(f: DashboardFilter, *, on: dt.date) -> list[Table]:
    """Every dashboard table, protected (small cells suppressed)."""
    tables = [
        funnel(f),
        by_municipality(f),
        doorstroom_by_region(f),
        doorstroom_trend(f),
        durability(f),
        attendance_by_tone(f),
        caseloads(f, on=on),
        cost_per_placement(f),
    ]
    return [protect(t) for t in tables]
