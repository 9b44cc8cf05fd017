"""The warm handover: who may receive a dossier, on which consent, and handing it over."""

from __future__ import annotations

import uuid as uuid_lib
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

import structlog

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.handover.constants import DOSSIER_VERSION, HandoverStatus
from maxww.handover.dossier import build_document
from maxww.handover.models import Handover
from maxww.organisations.models import Organisation, User
from maxww.people.constants import GrantBasis
from maxww.people.models import Person
from maxww.people.services import grant_access

from ._common import RECEIVING_KINDS, HandoverRefusedError, _db

if TYPE_CHECKING:
    from django.http import HttpRequest

    from maxww.trajects.models import Consent, Traject

logger = structlog.stdlib.get_logger(__name__)


def receiving_organisations(person: Person) -> QuerySet[Organisation]:
    """Municipalities and shared services whose area holds the person's home."""
    return Organisation.objects.filter(
        kind__in=RECEIVING_KINDS,
        is_active=True,
        municipalities=person.municipality_id,
    ).order_by("name")


def consent_for(person: Person, organisation: Organisation) -> Consent | None:
    """The active consent to share with this municipality, if any."""
    from maxww.trajects.constants import ConsentPurpose
    from maxww.trajects.models import Consent

    return (
        Consent.objects.filter(
            person=person,
            purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
            recipient=organisation,
            withdrawn_at__isnull=True,
        )
        .select_related("recipient")
        .order_by("-given_at")
        .first()
    )


def check_allowed(*, traject: Traject, to_organisation: Organisation) -> Consent:
    """The consent that allows this handover, or HandoverRefusedError saying why."""
    if to_organisation.kind not in RECEIVING_KINDS:
        raise HandoverRefusedError(
            _(
                "%(org)s is geen gemeente of sociale dienst; een overdracht voor "
                "bijstand gaat alleen naar de gemeente."
            )
            % {"org": to_organisation.name}
        )
    if to_organisation.pk == traject.organisation_id:
        raise HandoverRefusedError(
            _("U kunt een dossier niet aan uw eigen organisatie overdragen.")
        )
    consent = consent_for(traject.person, to_organisation)
    if consent is None:
        raise HandoverRefusedError(
            _(
                "Er is geen geldige toestemming van de klant om gegevens te delen met "
                "%(org)s. Leg eerst de toestemming 'Gegevens delen met gemeente' vast "
                "voor deze organisatie; zonder toestemming mag UWV of een partner "
                "geen persoonsgegevens aan de gemeente geven."
            )
            % {"org": to_organisation.name}
        )
    return consent


def build_dossier(
    *,
    traject: Traject,
    to_organisation: Organisation,
    by: User | None,
    on: date,
    planned_talk_at: datetime | None = None,
    notes: str = "",
    handover_id: str | None = None,
    created_at: datetime | None = None,
) -> dict[str, Any]:
    """The handover dossier for one traject, or HandoverRefusedError.

    The document contains the decrypted BSN: it is meant for the receiving
    organisation only. ``by`` is recorded by :func:`hand_over`, not here.
    """
    consent = check_allowed(traject=traject, to_organisation=to_organisation)
    moment = created_at or timezone.make_aware(
        datetime.combine(on, timezone.localtime().time())
    )
    return build_document(
        traject=traject,
        to_organisation=to_organisation,
        consent=consent,
        handover_id=handover_id or str(uuid_lib.uuid4()),
        created_at=moment,
        planned_talk_at=planned_talk_at,
        notes=notes,
    )


def hand_over(
    *,
    traject: Traject,
    to_organisation: Organisation,
    by: User,
    on: date,
    planned_talk_at: datetime | None = None,
    notes: str = "",
    request: HttpRequest | None = None,
) -> Handover:
    """Send the dossier to a municipality in this deployment (a transfer).

    The receiving organisation gets access on the consent's basis; revoking the
    consent revokes that access too. Logged as ``handover_sent``.
    """
    with transaction.atomic(using=_db()):
        handover_id = uuid_lib.uuid4()
        document = build_dossier(
            traject=traject,
            to_organisation=to_organisation,
            by=by,
            on=on,
            planned_talk_at=planned_talk_at,
            notes=notes,
            handover_id=str(handover_id),
        )
        handover = Handover.objects.create(
            uuid=handover_id,
            person=traject.person,
            traject=traject,
            from_organisation=traject.organisation,
            from_name=traject.organisation.name,
            to_organisation=to_organisation,
            document=document,
            version=DOSSIER_VERSION,
            status=HandoverStatus.SENT,
            planned_talk_at=planned_talk_at,
            notes=notes,
            created_by=by,
        )
        grant_access(
            person=traject.person,
            organisation=to_organisation,
            basis=GrantBasis.CONSENT,
            source=f"consent:{document['consent']['uuid']}",
        )
        log_access(
            user=by,
            action=Action.SENT,
            obj=handover,
            person_ref=str(traject.person.uuid),
            legal_basis=LegalBasis.CONSENT,
            purpose=f"warme overdracht aan {to_organisation.name}",
            request=request,
            event="handover_sent",
        )
    logger.info("handover_sent", handover=str(handover.uuid), to=to_organisation.pk)
    return handover
