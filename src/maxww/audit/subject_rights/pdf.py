"""The subject export rendered as a PDF for the person to read."""

from __future__ import annotations

import datetime as dt
import decimal
from collections import defaultdict
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.models import AccessLog
from maxww.audit.services import log_access
from maxww.core.formatting import nl_bool, nl_date, nl_time
from maxww.core.security import mask_bsns

from .export import _collect, _is_secret

if TYPE_CHECKING:
    from django.http import HttpRequest

    from maxww.organisations.models import User
    from maxww.people.models import Person


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
