"""Retention: pseudonymise people once their region's retention period has passed.

The period (``RegionalConfig.retention_months``, default 24) runs from a
person's **last activity**: the latest of the end of each WW claim (actual end,
else the maximum end), each traject's closing date, each durability check
(due or done), each invitation, handover and bijstand application, and the
date the person was first recorded. A person is never touched while a
**hold** applies: an open traject, an open handover or bijstand application,
or a running WW claim (see ``HOLDS``).

For an expired person, in one transaction per chunk and set-based (no query
per person):

- identifiers are removed from the person: BSN hash and ciphertext, names,
  address and contact details; the birth date becomes 1 January of the birth
  year; the portal account is closed and emptied;
- records that hold only personal detail are **deleted** (``DELETE``):
  consents with their forms, contacts, work plan, jobready checks,
  candidate profiles, handovers, bijstand applications, CVs, saved checks,
  access grants;
- records that the aggregates count are **kept without free text**
  (``_pseudonymised_values``): claims, screening, trajects with their history
  and tasks, invitations, proposals, instrument use. Monitoring
  (``MonthlyAggregate``, forecasts, durability, cost per placement, caseloads)
  and the matching totals read only what stays, so they do not change, not
  even after the next refresh.

Each pseudonymised person gets one access-log row (``person_pseudonymised``,
person uuid only). ``apply_retention(dry_run=True)`` counts the same rows and
changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models, transaction
from django.db.models import CharField, Exists, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import (
    Cast,
    Coalesce,
    Concat,
    Greatest,
    TruncDate,
    TruncYear,
)
from django.utils import timezone

import structlog

from maxww.rules.dates import add_months

from .constants import Action, LegalBasis
from .services import log_people

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from maxww.organisations.models import Region, User

logger = structlog.stdlib.get_logger("maxww.audit.retention")

# Replaces the BSN hash of a pseudonymised person: marks the row as done and
# keeps the column unique (real hashes are 64 hex digits, never this prefix).
PSEUDONYM_PREFIX = "bewaartermijn:"
PSEUDONYM_NAME = "[gepseudonimiseerd]"
CHUNK = 500
DEFAULT_MONTHS = 24


# --- holds: reasons never to touch a person -----------------------------------


def _open_traject() -> Exists:
    traject = apps.get_model("trajects", "Traject")
    return Exists(traject.objects.filter(person=OuterRef("pk")).exclude(state="ended"))


def _open_handover() -> Q:
    from maxww.handover.constants import OPEN_APPLICATION_STATUSES, HandoverStatus

    handover = apps.get_model("handover", "Handover")
    application = apps.get_model("handover", "BijstandApplication")
    return Q(
        Exists(
            handover.objects.filter(
                person=OuterRef("pk"),
                status__in=[HandoverStatus.SENT, HandoverStatus.RECEIVED],
            )
        )
    ) | Q(
        Exists(
            application.objects.filter(
                person=OuterRef("pk"), status__in=OPEN_APPLICATION_STATUSES
            )
        )
    )


def _running_claim() -> Exists:
    from maxww.people.constants import ClaimStatus
    from maxww.people.models import WWClaim

    return Exists(
        WWClaim.objects.filter(person=OuterRef("pk"), status=ClaimStatus.ACTIVE)
    )


# code -> (condition on Person, Dutch label for reports)
HOLDS: dict[str, tuple[Callable[[], Q | Exists], str]] = {
    "open_traject": (_open_traject, "lopend traject"),
    "open_handover": (_open_handover, "lopende overdracht of bijstandsaanvraag"),
    "running_claim": (_running_claim, "lopende WW-uitkering"),
}


def holds_of(people: QuerySet) -> QuerySet:
    """``people`` annotated with one boolean per hold (``hold_<code>``)."""
    return people.annotate(
        **{
            f"hold_{code}": models.ExpressionWrapper(
                condition(), output_field=models.BooleanField()
            )
            for code, (condition, _label) in HOLDS.items()
        }
    )


# --- the last activity ----------------------------------------------------------


def _latest(label: str, person_path: str, expression) -> Subquery:
    model = apps.get_model(label)
    return Subquery(
        model.objects.filter(**{person_path: OuterRef("pk")})
        .order_by()
        .values(person_path)
        .annotate(latest=Max(expression))
        .values("latest")[:1],
        output_field=models.DateField(),
    )


def last_activity() -> Greatest:
    """The date a person's retention period runs from (an SQL expression)."""
    floor = TruncDate("created_at")
    terms = [
        _latest(
            "people.WWClaim", "person", Coalesce("actual_end_date", "max_end_date")
        ),
        _latest("trajects.Traject", "person", Coalesce("ended_date", "state_date")),
        _latest("trajects.DurabilityCheck", "traject__person", "due_date"),
        _latest("trajects.DurabilityCheck", "traject__person", "checked_date"),
        _latest("voorlichting.Invitation", "person", "invited_date"),
        _latest("handover.Handover", "person", TruncDate("created_at")),
        _latest("handover.BijstandApplication", "person", "application_date"),
    ]
    # SQLite's MAX(a, b) is NULL when one side is: fall back to the floor.
    return Greatest(
        floor,
        *[Coalesce(term, floor, output_field=models.DateField()) for term in terms],
        output_field=models.DateField(),
    )


# --- what happens to an expired person's records ------------------------------

# (model, path to the person) deleted outright, in this order.
DELETE: tuple[tuple[str, str], ...] = (
    ("handover.GatekeeperCheck", "application__person"),
    ("handover.BijstandApplication", "person"),
    ("handover.Handover", "person"),
    ("trajects.Contact", "traject__person"),
    ("trajects.PlanReview", "traject__person"),
    ("trajects.PlanAction", "traject__person"),
    ("trajects.JobreadyCheck", "traject__person"),
    ("matching.CandidateProfile", "traject__person"),
    ("trajects.Consent", "person"),
    ("voorlichting.Letter", "invitation__person"),  # name and address as printed
    ("portal.CurriculumVitae", "person"),
    ("portal.SavedCheck", "person"),
    ("people.AccessGrant", "person"),
)


# A client's portal account once the person is gone: it cannot be deleted (the
# access log refers to it), so it is emptied and closed; "!" is an unusable
# password, and an inactive user's sessions end.
PORTAL_ACCOUNT_CLOSED = {
    "first_name": "",
    "last_name": "",
    "email": "",
    "is_active": False,
    "password": "!",
}

# Kept as they are: they hold no identifying detail and the aggregates count them.
KEEP: frozenset[str] = frozenset(
    {
        "screening.ClaimOutcome",
        "voorlichting.Invitation",
        "trajects.DurabilityCheck",
        "matching.Placement",
    }
)


def _model(label: str) -> type[models.Model] | None:
    """The model, or None while the app that holds it has not landed."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _pseudonymised_values() -> tuple[tuple[str, str, dict], ...]:
    """(model, path to the person, new values) for rows kept without detail."""
    return (
        (
            "people.Household",
            "person",
            {
                "partner_birth_date": None,
                "partner_net_monthly_income": None,
                "assets": None,
                "debts": None,
                "home_equity": None,
            },
        ),
        (
            "people.WWClaim",
            "person",
            {"claim_ref": Concat(Value(PSEUDONYM_PREFIX), Cast("id", CharField()))},
        ),
        ("screening.ScreeningRecord", "person", {"override_reason": ""}),
        ("screening.Selection", "person", {"reason": ""}),
        (
            "trajects.Traject",
            "person",
            {"reason": "", "employer_name": "", "outcome_note": ""},
        ),
        ("trajects.TrajectEvent", "traject__person", {"detail": {}}),
        # Kept: the caseload table counts undone tasks past their date.
        ("trajects.Task", "traject__person", {"title": ""}),
        ("matching.Proposal", "traject__person", {"note": "", "reasons": []}),
        ("voorlichting.CallTask", "invitation__person", {"outcome_note": ""}),
        ("kennisbank.InstrumentUse", "person", {"note": ""}),
        ("organisations.User", "person", PORTAL_ACCOUNT_CLOSED),
        (
            "people.Person",
            "",
            {
                "bsn_hash": Concat(Value(PSEUDONYM_PREFIX), Cast("uuid", CharField())),
                "bsn_encrypted": "",
                "initials": "",
                "first_name": "",
                "surname_prefix": "",
                "last_name": PSEUDONYM_NAME,
                "birth_date": TruncYear("birth_date"),
                "postcode": "",
                "house_number": "",
                "email": "",
                "phone": "",
                "portal_user": None,
                "updated_at": timezone.now(),
            },
        ),
    )


def _rows(model: type[models.Model], path: str, ids: list[int]) -> QuerySet:
    key = f"{path}__pk__in" if path else "pk__in"
    return model.objects.filter(**{key: ids})


def _file_names(ids: list[int]) -> list[tuple[object, str]]:
    """(storage, name) of every stored file on the rows that will be deleted."""
    files = []
    for label, path in DELETE:
        model = _model(label)
        if model is None:
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                names = _rows(model, path, ids).exclude(**{f.name: ""})
                files += [(f.storage, n) for n in names.values_list(f.name, flat=True)]
    return files


def delete_files(files: Iterable[tuple[object, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:  # already gone, or a storage hiccup: never undo the run
            logger.warning("retention_file_not_deleted", file_kind=name.split("/")[0])


# --- the run ------------------------------------------------------------------


@dataclass
class RegionRetention:
    """What retention did (or would do) in one region."""

    code: str
    name: str
    months: int
    cutoff: dt.date
    people: int = 0
    kept: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    pseudonymised: dict[str, int] = field(default_factory=dict)
    files: int = 0

    def add(self, target: dict[str, int], label: str, n: int) -> None:
        if n:
            target[label] = target.get(label, 0) + n


@dataclass
class RetentionReport:
    on: dt.date
    dry_run: bool
    regions: list[RegionRetention] = field(default_factory=list)

    @property
    def people(self) -> int:
        return sum(r.people for r in self.regions)

    def as_dict(self) -> dict[str, object]:
        return {
            "on": self.on.isoformat(),
            "dry_run": self.dry_run,
            "regions": [
                {
                    "code": r.code,
                    "name": r.name,
                    "months": r.months,
                    "cutoff": r.cutoff.isoformat(),
                    "people": r.people,
                    "kept": r.kept,
                    "deleted": r.deleted,
                    "pseudonymised": r.pseudonymised,
                    "files": r.files,
                }
                for r in self.regions
            ],
        }


def _kind(label: str) -> str:
    model = apps.get_model(label)
    return f"{model._meta.verbose_name_plural} ({model._meta.label_lower})"


def as_text(report: RetentionReport) -> str:
    """The report for people (the CLI prints this)."""
    dry = report.dry_run
    lines = [
        f"Bewaartermijn, peildatum {report.on.isoformat()}"
        + (" — PROEFRUN, er is niets gewijzigd" if dry else "")
    ]
    for r in report.regions:
        lines.append("")
        lines.append(
            f"{r.code} {r.name}: bewaartermijn {r.months} maanden, "
            f"laatste activiteit op of vóór {r.cutoff.isoformat()}"
        )
        people = "te pseudonimiseren personen" if dry else "gepseudonimiseerde personen"
        lines.append(f"  {people}: {r.people}")
        if r.kept:
            kept = ", ".join(
                f"{HOLDS[code][1]} {n}" for code, n in sorted(r.kept.items())
            )
            lines.append(f"  termijn verstreken maar behouden: {kept}")
        for title, counts in (
            ("te verwijderen" if dry else "verwijderd", r.deleted),
            (
                "zonder vrije tekst te bewaren"
                if dry
                else "zonder vrije tekst bewaard",
                r.pseudonymised,
            ),
        ):
            if counts:
                lines.append(f"  {title}:")
                lines += [
                    f"    {_kind(label)}: {n}" for label, n in sorted(counts.items())
                ]
        if r.files:
            files = "te verwijderen bestanden" if dry else "verwijderde bestanden"
            lines.append(f"  {files}: {r.files}")
    if not report.regions:
        lines.append("Geen regio's.")
    return "\n".join(lines) + "\n"


def _months(region: Region) -> int:
    config = getattr(region, "config", None)
    return config.retention_months if config is not None else DEFAULT_MONTHS


def expired_people(*, region: Region, cutoff: dt.date) -> QuerySet:
    """People of ``region`` whose last activity is on or before ``cutoff``.

    Not yet pseudonymised; holds are annotated (``hold_<code>``), not applied.
    """
    from maxww.people.models import Person

    return holds_of(
        Person.objects.filter(municipality__region=region)
        .exclude(bsn_hash__startswith=PSEUDONYM_PREFIX)
        .alias(last_activity=last_activity())
        .filter(last_activity__lte=cutoff)
    )


def _without_holds(people: QuerySet) -> QuerySet:
    return people.filter(**{f"hold_{code}": False for code in HOLDS})


def _process(
    *,
    report: RegionRetention,
    ids: list[int],
    dry_run: bool,
    user: User | None,
) -> None:
    """Delete and pseudonymise the rows of ``ids`` (one chunk), or count them."""
    from maxww.people.models import Person

    with transaction.atomic():
        if not dry_run:
            # Holds are checked again inside the transaction: a traject opened
            # since the selection keeps the person.
            people = _without_holds(
                holds_of(Person.objects.filter(pk__in=ids))
            ).values_list("pk", "uuid")
            pairs = list(people)
            ids = [pk for pk, _uuid in pairs]
        if not ids:
            return
        files = _file_names(ids)
        report.files += len(files)
        for label, path in DELETE:
            model = _model(label)
            if model is None:
                continue
            rows = _rows(model, path, ids)
            if dry_run:
                report.add(report.deleted, label, rows.count())
            else:
                _total, per_model = rows.delete()
                report.add(report.deleted, label, per_model.get(model._meta.label, 0))
        for label, path, values in _pseudonymised_values():
            model = _model(label)
            if model is None:
                continue
            rows = _rows(model, path, ids)
            if dry_run:
                report.add(report.pseudonymised, label, rows.count())
            else:
                report.add(report.pseudonymised, label, rows.update(**values))
        report.people += len(ids)
        if dry_run:
            return
        log_people(
            user=user,
            people=[str(u) for _pk, u in pairs],
            action=Action.PSEUDONYMISED,
            object_type="people.person",
            legal_basis=LegalBasis.ADMIN,
            purpose=(
                f"bewaartermijn verstreken ({report.months} maanden, "
                f"regio {report.code})"
            ),
            event="person_pseudonymised",
        )
        transaction.on_commit(lambda: delete_files(files))


def apply_retention(
    *,
    on: dt.date,
    dry_run: bool = False,
    region_code: str | None = None,
    user: User | None = None,
    chunk_size: int = CHUNK,
) -> RetentionReport:
    """Pseudonymise everyone whose retention period has passed on ``on``.

    One report per region; with ``dry_run`` nothing changes and nothing is
    logged in the access log.
    """
    from maxww.organisations.models import Region

    regions = Region.objects.select_related("config").order_by("code")
    if region_code:
        regions = regions.filter(code=region_code)
    report = RetentionReport(on=on, dry_run=dry_run)
    for region in regions:
        months = _months(region)
        cutoff = add_months(on, -months)
        result = RegionRetention(
            code=region.code, name=region.name, months=months, cutoff=cutoff
        )
        rows = expired_people(region=region, cutoff=cutoff).values_list(
            "pk", *[f"hold_{code}" for code in HOLDS]
        )
        ids: list[int] = []
        for pk, *holds in rows.iterator(chunk_size=5000):
            held = [code for code, on_hold in zip(HOLDS, holds, strict=True) if on_hold]
            for code in held:
                result.add(result.kept, code, 1)
            if not held:
                ids.append(pk)
        for start in range(0, len(ids), chunk_size):
            _process(
                report=result,
                ids=ids[start : start + chunk_size],
                dry_run=dry_run,
                user=user,
            )
        logger.info(
            "retention_applied",
            region=region.code,
            dry_run=dry_run,
            people=result.people,
            kept=sum(result.kept.values()),
            on=on.isoformat(),
        )
        report.regions.append(result)
    return report
