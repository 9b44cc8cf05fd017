"""Erasure (AVG art. 17): the dry-run report, what blocks it, and deleting."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.retention import HOLDS, PORTAL_ACCOUNT_CLOSED, delete_files, holds_of
from maxww.audit.services import log_access

from .export import _collect, _Collected

if TYPE_CHECKING:
    from django.http import HttpRequest

    from maxww.organisations.models import User
    from maxww.people.models import Person


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
