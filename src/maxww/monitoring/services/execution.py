"""The execution tables: durability, attendance, caseloads, cost per placement."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _

from maxww.monitoring.privacy import TOTAL, Column, Table

from .doorstroom import _rate
from .filters import DashboardFilter, _model, _person_filter, _target_group_q


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
            _durability_row(
                f"m{r['months']}",
                _("%(n)s maanden") % {"n": r["months"]},
                r["checked"],
                r["working"],
            )
            for r in data
        ]
    checked, working = (sum(r[k] for r in rows) for k in ("checked", "working"))
    return Table(
        key="durability",
        title=_("Duurzaamheid van werk"),
        columns=[
            Column("label", _("Controle na"), "text"),
            Column("checked", _("Gecontroleerd"), parts=("working", "lost")),
            Column("working", _("Werkt nog")),
            Column("lost", "", complement=True),
            Column("rate", _("Duurzaam"), "rate", "working", "checked"),
        ],
        rows=rows,
        total=_durability_row(TOTAL, _("Alle controles"), checked, working)
        if rows
        else None,
        note="" if check is not None else _("Nog geen gegevens uit trajecten."),
    )


def _durability_row(row_id: str, label: str, checked: int, working: int) -> dict:
    return {
        "_id": row_id,
        "label": label,
        "checked": checked,
        "working": working,
        "lost": checked - working,
        "rate": _rate(working, checked),
    }


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
