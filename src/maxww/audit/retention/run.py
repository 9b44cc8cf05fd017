"""The retention run per region and its report.

Expired people without holds are pseudonymised in chunks, set-based.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.apps import apps
from django.db import transaction

import structlog

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_people
from maxww.rules.dates import add_months

from .activity import last_activity
from .holds import HOLDS, holds_of
from .records import (
    CHUNK,
    DEFAULT_MONTHS,
    DELETE,
    PSEUDONYM_PREFIX,
    _file_names,
    _model,
    _pseudonymised_values,
    _rows,
    delete_files,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from maxww.organisations.models import Region, User


logger = structlog.stdlib.get_logger("maxww.audit.retention")


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
