"""Data-subject rights: everything held on one person, and erasing it.

``subject_export`` gathers every row that points at the person (through any
chain of foreign keys, found with Django's deletion collector, so new apps are
covered without changes here) plus the access log about them, as JSON-ready
data (AVG art. 15); ``subject_export_pdf`` renders the same for the person to
read. ``erasure_report`` is the dry run of erasure (art. 17): what would be
deleted and what blocks it; ``erase_person`` deletes. Every one is logged.

Erasure is refused while the law needs the data (``HOLDS`` in retention: a
running WW claim, an open traject, an open handover or bijstand application)
or while another record the collector cannot remove points at the person.
The access log about the person stays (append-only, uuid only), as do the
monitoring aggregates, which hold no person.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid as uuid_module
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maxww.core.formatting import nl_bool, nl_date, nl_time
from maxww.core.security import mask_bsns

from .constants import Action, LegalBasis
from .models import AccessLog
from .retention import HOLDS, PORTAL_ACCOUNT_CLOSED, delete_files, holds_of
from .services import log_access

if TYPE_CHECKING:
    from django.http import HttpRequest

    from maxww.organisations.models import User
    from maxww.people.models import Person

# Never exported: look-up hashes, ciphertext and secrets.
_SECRET_SUFFIXES = ("_hash", "_encrypted", "password", "key", "secret", "token")


def _masked(value: object) -> object:
    """Strings with any BSN masked, also inside JSON (e.g. a handover dossier)."""
    if isinstance(value, str):
        return mask_bsns(value)
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(v) for v in value]
    return value


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid_module.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, bytes | memoryview):
        return "<binair>"
    return _masked(value)


def _is_secret(f: models.Field) -> bool:
    return f.name.endswith(_SECRET_SUFFIXES) or f.name == "bsn"


def _row(obj: models.Model) -> dict[str, object]:
    data: dict[str, object] = {}
    for f in obj._meta.concrete_fields:
        if _is_secret(f):
            continue
        data[f.attname] = _plain(f.value_from_object(obj))
    return data


@dataclass
class _Collected:
    """The person's rows: all of them, those to delete first, and blockers."""

    objects: list[models.Model]
    first: list[models.Model]
    blocking: list[models.Model]


def _flatten(collector: NestedObjects) -> list[models.Model]:
    return [obj for instances in collector.data.values() for obj in instances]


def _collect(person: Person) -> _Collected:
    """Every row that goes when the person goes.

    Rows that protect one of the person's rows (a placement protects its
    traject) are the person's own data too: erasure deletes them first. Only
    what protects *those* blocks erasure.
    """
    using = router.db_for_write(type(person))
    collector = NestedObjects(using=using)
    collector.collect([person])
    objects = _flatten(collector)
    first: list[models.Model] = []
    blocking: list[models.Model] = []
    if collector.protected:
        inner = NestedObjects(using=using)
        inner.collect(list(collector.protected))
        first = _flatten(inner)
        blocking = list(inner.protected)
    return _Collected(objects=[*objects, *first], first=first, blocking=blocking)


def subject_export(
    *, person: Person, user: User | None, request: HttpRequest | None = None
) -> dict[str, object]:
    """Everything maxww holds on ``person``, grouped by kind of record."""
    from maxww.people.bsn import decrypt_bsn, mask_bsn

    collected = _collect(person)
    grouped: dict[str, list[dict[str, object]]] = defaultdict(list)
    for obj in [*collected.objects, *collected.blocking]:
        grouped[obj._meta.label_lower].append(_row(obj))
    for rows in grouped.values():
        rows.sort(key=lambda r: str(r.get("id", "")))
    log_rows = list(
        AccessLog.objects.filter(person_ref=str(person.uuid))
        .order_by("id")
        .values(
            "timestamp",
            "organisation",
            "role",
            "action",
            "event",
            "legal_basis",
            "purpose",
        )
    )
    log_access(
        user=user,
        action=Action.EXPORTED,
        obj=person,
        person_ref=str(person.uuid),
        legal_basis=LegalBasis.SELF,
        purpose="inzageverzoek (AVG art. 15)",
        request=request,
        event="person_subject_exported",
    )
    try:
        bsn = mask_bsn(decrypt_bsn(person.bsn_encrypted))
    except Exception:  # a broken ciphertext must not block the export
        bsn = ""
    return {
        "person": str(person.uuid),
        "bsn": bsn,
        "records": {label: grouped[label] for label in sorted(grouped)},
        "access_log": [{k: _plain(v) for k, v in row.items()} for row in log_rows],
    }


# --- the PDF: the same data, for the person to read ---------------------------

# Dutch labels for fields that have no verbose name of their own.
_LABELS = {
    "postcode": "postcode",
    "created_at": "vastgelegd op",
    "updated_at": "laatst gewijzigd op",
    "status": "status",
    "route": "route",
    "sector": "sector",
    "in_doelgroepregister": "in doelgroepregister",
    "session": "voorlichting",
    "instrument": "instrument",
    "vacancy": "vacature",
    "employer": "werkgever",
    "organisation": "organisatie",
    "target_groups_derived": "doelgroepen (berekend)",
    "target_groups_override": "doelgroepen (aangepast)",
    "override_at": "doelgroepen aangepast op",
    "precheck_reasons": "redenen voorcheck",
    "precheck_on": "voorcheck op",
    "risk_reasons": "redenen risicoscore",
    "risk_model": "risicomodel",
    "bijstand_start_date": "start bijstand",
    "source": "bron",
    "recorded_on": "vastgelegd op",
    "selected_at": "geselecteerd op",
    "window": "fase in de screening",
    "status_changed_at": "status gewijzigd op",
    "at": "tijdstip",
    "html": "tekst",
}
# Left out of the PDF: internal keys and stored copies that are not readable.
_HIDDEN = {"id", "uuid", "package_id", "request_id", "task_id", "pdf", "html"}
# Sections in the order a person reads their file; the rest follows by title.
_ORDER = [
    "people.person",
    "people.household",
    "people.wwclaim",
    "screening.screeningrecord",
    "screening.claimoutcome",
    "voorlichting.invitation",
    "trajects.consent",
    "trajects.traject",
    "trajects.trajectevent",
    "trajects.jobreadycheck",
    "trajects.planaction",
    "trajects.planreview",
    "trajects.contact",
    "trajects.task",
    "trajects.durabilitycheck",
    "matching.candidateprofile",
    "matching.proposal",
    "matching.placement",
    "kennisbank.instrumentuse",
    "handover.handover",
    "handover.bijstandapplication",
    "handover.gatekeepercheck",
    "portal.curriculumvitae",
    "portal.savedcheck",
    "people.accessgrant",
]


def _label(f: models.Field) -> str:
    name = str(f.verbose_name)
    if name == f.name.replace("_", " "):
        name = _LABELS.get(f.name, name)
    return capfirst(name)


def _json_text(value: object) -> str:
    if isinstance(value, dict):
        return "; ".join(
            f"{k}: {_json_text(v)}"
            for k, v in value.items()
            if v not in (None, "", [], {})
        )
    if isinstance(value, list | tuple):
        return ", ".join(_json_text(v) for v in value)
    return mask_bsns(str(value))


def _display(obj: models.Model, f: models.Field, own: set[str]) -> str | None:
    """The field as a person reads it, or None to leave it out."""
    from maxww.organisations.models import User
    from maxww.people.models import Person

    if f.name in _HIDDEN or _is_secret(f) or f.name.endswith("_id"):
        return None
    if f.is_relation:
        target = f.related_model
        # The person, staff accounts and links between the person's own
        # records are structure, not content.
        if target in (Person, User) or target._meta.label_lower in own:
            return None
        related = getattr(obj, f.name, None)
        return str(related) if related is not None else None
    value = f.value_from_object(obj)
    if value in (None, "", [], {}):
        return None
    if f.choices:
        return str(getattr(obj, f"get_{f.name}_display")())
    if f.name == "event" and hasattr(obj, "label"):  # a traject event, in Dutch
        return str(obj.label)
    if isinstance(f, models.BooleanField):
        return nl_bool(value)
    if isinstance(f, models.FileField):
        return _("bestand aanwezig")
    if isinstance(f, models.BinaryField):
        return None
    if isinstance(value, dt.datetime):
        return f"{nl_date(value, long=True)}, {nl_time(value)}"
    if isinstance(value, dt.date):
        return nl_date(value, long=True)
    if isinstance(value, decimal.Decimal | float):
        return number_format(value)
    if isinstance(value, dict | list):
        # A model that knows how people read its JSON says so (a traject event:
        # 'kanaal: Telefoon', not 'channel: phone').
        items = getattr(obj, f"{f.name}_items", None)
        if items is not None:
            return "; ".join(f"{k}: {mask_bsns(v)}" for k, v in items) or None
        return _json_text(value) or None
    return mask_bsns(str(value))


def _sections(objects: list[models.Model]) -> list[dict[str, object]]:
    grouped: dict[str, list[models.Model]] = defaultdict(list)
    for obj in objects:
        grouped[obj._meta.label_lower].append(obj)
    own = set(grouped)
    grouped.pop("people.person", None)  # shown at the top, as "Over u"
    order = {label: i for i, label in enumerate(_ORDER)}
    labels = sorted(
        grouped,
        key=lambda label: (
            order.get(label, len(order)),
            str(grouped[label][0]._meta.verbose_name_plural),
        ),
    )
    sections = []
    for label in labels:
        rows = sorted(grouped[label], key=lambda o: o.pk or 0)
        meta = rows[0]._meta
        records = []
        for n, obj in enumerate(rows, start=1):
            fields = [
                (_label(f), shown)
                for f in meta.concrete_fields
                if (shown := _display(obj, f, own)) is not None
            ]
            title = capfirst(str(meta.verbose_name))
            records.append(
                {"title": f"{title} {n}" if len(rows) > 1 else title, "fields": fields}
            )
        sections.append(
            {"title": capfirst(str(meta.verbose_name_plural)), "records": records}
        )
    return sections


def subject_export_pdf(
    *,
    person: Person,
    user: User | None,
    on: dt.date,
    request: HttpRequest | None = None,
) -> bytes:
    """Everything held on ``person`` as a PDF the person can read (logged)."""
    from weasyprint import HTML

    from maxww.people.bsn import decrypt_bsn, mask_bsn

    collected = _collect(person)
    try:
        bsn = mask_bsn(decrypt_bsn(person.bsn_encrypted))
    except Exception:  # a broken ciphertext must not block the export
        bsn = ""
    entries = AccessLog.objects.filter(person_ref=str(person.uuid)).order_by("id")
    html = render_to_string(
        "audit/subject_export_pdf.html",
        {
            "person": person,
            "bsn": bsn,
            "on": on,
            "sections": _sections([*collected.objects, *collected.blocking]),
            "entries": entries,
        },
    )
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    log_access(
        user=user,
        action=Action.EXPORTED,
        obj=person,
        person_ref=str(person.uuid),
        legal_basis=LegalBasis.SELF,
        purpose="inzageverzoek (AVG art. 15), pdf",
        request=request,
        event="person_subject_exported_pdf",
    )
    return pdf


# --- erasure --------------------------------------------------------------------

BLOCK_MESSAGES = {
    "running_claim": gettext_lazy(
        "Er loopt nog een WW-uitkering. UWV heeft deze gegevens nodig om de WW "
        "uit te voeren (AVG art. 17 lid 3 onder b)."
    ),
    "open_traject": gettext_lazy(
        "Er loopt nog een traject. Sluit het traject eerst af; daarna kunnen de "
        "gegevens worden verwijderd."
    ),
    "open_handover": gettext_lazy(
        "Er loopt een overdracht of bijstandsaanvraag. De gemeente moet deze "
        "gegevens bewaren tot de aanvraag is afgehandeld (Participatiewet art. 41 "
        "en 43; AVG art. 17 lid 3 onder b)."
    ),
}


class ErasureRefusedError(ValidationError):
    """Erasure is not allowed (yet); the messages say why, in Dutch."""


@dataclass
class ErasureReport:
    """What erasing a person would delete, and what stops it."""

    person: str
    would_delete: dict[str, int] = field(default_factory=dict)
    blocked_by: dict[str, int] = field(default_factory=dict)

    @property
    def can_erase(self) -> bool:
        return not self.blocked_by

    @property
    def reasons(self) -> list[str]:
        """Why erasure is refused, one Dutch sentence per block."""
        reasons = [str(m) for c, m in BLOCK_MESSAGES.items() if c in self.blocked_by]
        others = sorted(k for k in self.blocked_by if k not in BLOCK_MESSAGES)
        if others:
            reasons.append(
                _(
                    "Andere gegevens verwijzen naar deze persoon en kunnen niet "
                    "automatisch worden verwijderd: %(kinds)s."
                )
                % {"kinds": ", ".join(others)}
            )
        return reasons


def _report(person: Person) -> tuple[ErasureReport, _Collected]:
    from maxww.people.models import Person

    collected = _collect(person)
    report = ErasureReport(person=str(person.uuid))
    for obj in collected.objects:
        label = obj._meta.label_lower
        report.would_delete[label] = report.would_delete.get(label, 0) + 1
    for obj in collected.blocking:
        label = obj._meta.label_lower
        report.blocked_by[label] = report.blocked_by.get(label, 0) + 1
    holds = (
        holds_of(Person.objects.filter(pk=person.pk))
        .values(*[f"hold_{code}" for code in HOLDS])
        .first()
        or {}
    )
    for code in HOLDS:
        if holds.get(f"hold_{code}"):
            report.blocked_by[code] = 1
    return report, collected


def erasure_report(
    *, person: Person, user: User | None, request: HttpRequest | None = None
) -> ErasureReport:
    """Dry run of erasure: counts per kind of record; nothing is deleted."""
    report, _collected = _report(person)
    log_access(
        user=user,
        action=Action.VIEWED,
        obj=person,
        person_ref=str(person.uuid),
        legal_basis=LegalBasis.ADMIN,
        purpose="verwijderverzoek, proefrun (AVG art. 17)",
        request=request,
        event="person_erasure_checked",
    )
    return report


def _stored_files(objects: list[models.Model]) -> list[tuple[object, str]]:
    files = []
    for obj in objects:
        for f in obj._meta.concrete_fields:
            if isinstance(f, models.FileField):
                name = getattr(obj, f.attname)
                name = getattr(name, "name", name)
                if name:
                    files.append((f.storage, name))
    return files


def erase_person(
    *,
    person: Person,
    user: User | None,
    reason: str,
    request: HttpRequest | None = None,
) -> ErasureReport:
    """Delete the person and everything that hangs on them (AVG art. 17).

    Refused (``ErasureRefusedError``, Dutch messages) while a hold applies. The
    access-log entry ``person_erased`` keeps only the uuid and the reason;
    stored files (consent forms, CVs) go once the transaction commits; a
    portal account is closed and emptied (the access log refers to it).
    """
    from maxww.organisations.models import User as UserModel

    reason = " ".join((reason or "").split())
    if not reason:
        raise ErasureRefusedError(_("Geef de reden van het verwijderverzoek op."))
    ref = str(person.uuid)
    with transaction.atomic():
        report, collected = _report(person)
        if report.can_erase:
            files = _stored_files(collected.objects)
            account = person.portal_user_id
            by_model: dict[type[models.Model], list[object]] = defaultdict(list)
            for obj in collected.first:
                by_model[type(obj)].append(obj.pk)
            for model, pks in by_model.items():
                model._base_manager.filter(pk__in=pks).delete()
            person.delete()
            if account:
                UserModel.objects.filter(pk=account).update(**PORTAL_ACCOUNT_CLOSED)
            log_access(
                user=user,
                action=Action.DELETED,
                obj=person,
                person_ref=ref,
                legal_basis=LegalBasis.ADMIN,
                purpose=f"verwijderverzoek (AVG art. 17): {reason}",
                request=request,
                count=1,
                event="person_erased",
            )
            transaction.on_commit(lambda: delete_files(files))
    if not report.can_erase:
        log_access(
            user=user,
            action=Action.VIEWED,
            obj=person,
            person_ref=ref,
            legal_basis=LegalBasis.ADMIN,
            purpose=f"verwijderverzoek geweigerd (AVG art. 17): {reason}",
            request=request,
            event="person_erasure_refused",
        )
        raise ErasureRefusedError(report.reasons)
    return report
