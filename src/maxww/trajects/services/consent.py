"""Consent: record it (with its document), withdraw it, ask whether it holds."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

import structlog

from maxww.organisations.models import Organisation
from maxww.people.constants import GrantBasis
from maxww.people.models import Person
from maxww.people.services import grant_access, revoke_access
from maxww.policy import CLIENT, Perm, can, subject_of
from maxww.policy.objects import consent_recipients, person_region_id, require_withdraw
from maxww.trajects.constants import ConsentKind, ConsentPurpose
from maxww.trajects.models import Consent

from ._common import _at

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from maxww.organisations.models import User

logger = structlog.stdlib.get_logger(__name__)


def _validate_consent_file(form_file: UploadedFile | None, kind: str) -> None:
    if kind == ConsentKind.SIGNED_FORM and not form_file:
        raise ValidationError(
            {"form_file": _("Voeg het ondertekende formulier toe (pdf of foto).")}
        )
    if form_file:
        field = Consent._meta.get_field("form_file")
        for validator in field.validators:
            validator(form_file)


@transaction.atomic
def give_consent(
    *,
    person: Person,
    purpose: ConsentPurpose | str,
    recipient: Organisation,
    by: User,
    on: date,
    kind: ConsentKind | str = ConsentKind.VERBAL,
    scope: str = "",
    form_file: UploadedFile | None = None,
) -> Consent:
    """Record consent and give the recipient a legal basis to see the person.

    The policy's consent rules hold for every caller: only a caseworker who
    may record consent (or the client for themself), only to a recipient the
    person's region names, and one active consent per purpose and recipient.
    """
    _check_consent_recorder(by, person)
    _check_purpose_and_recipient(person, purpose, recipient)
    _validate_consent_file(form_file, kind)
    consent = Consent(
        person=person,
        purpose=purpose,
        recipient=recipient,
        kind=kind,
        scope=scope,
        given_at=_at(on),
        recorded_by=by,
    )
    if form_file:
        consent.form_file = form_file
    consent.save()
    grant_access(
        person=person,
        organisation=recipient,
        basis=GrantBasis.CONSENT,
        source=consent.grant_source,
    )
    logger.info(
        "consent_given",
        consent=str(consent.uuid),
        purpose=str(purpose),
        recipient=recipient.pk,
    )
    return consent


def _check_purpose_and_recipient(
    person: Person, purpose: ConsentPurpose | str, recipient: Organisation
) -> None:
    """A known purpose, a recipient the person's region names, and no active
    consent for the same purpose and recipient yet."""
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Onbekend doel van de toestemming.")})
    region_id = person_region_id(person)
    if not consent_recipients(region_id).filter(pk=recipient.pk).exists():
        raise ValidationError(
            {
                "recipient": _(
                    "%(org)s is geen organisatie waaraan in deze regio toestemming "
                    "kan worden gegeven."
                )
                % {"org": recipient}
            }
        )
    if Consent.objects.filter(
        person=person, purpose=purpose, recipient=recipient, withdrawn_at__isnull=True
    ).exists():
        raise ValidationError(
            _("Deze toestemming (doel en ontvanger) is al vastgelegd en loopt nog.")
        )


def _check_consent_recorder(by: User, person: Person) -> None:
    """The client for themself, or a caseworker who may see the person."""
    if subject_of(by) == CLIENT:
        if getattr(by, "person", None) != person:
            raise PermissionDenied(_("U kunt alleen voor uzelf toestemming geven."))
        return
    if not can(by, Perm.CONSENT_RECORD):
        raise PermissionDenied(_("Uw rol kan geen toestemming vastleggen."))
    if not Person.objects.visible_to(by).filter(pk=person.pk).exists():
        raise PermissionDenied(_("U heeft geen grondslag om deze persoon te zien."))


@transaction.atomic
def withdraw_consent(*, consent: Consent, by: User, on: date) -> Consent:
    """Withdraw consent; the recipient loses access with the next request.

    Only the client, the organisation that recorded it or the recipient may.
    """
    require_withdraw(by, consent)
    if consent.withdrawn_at is not None:
        raise ValidationError(_("Deze toestemming is al ingetrokken."))
    consent.withdrawn_at = _at(on)
    consent.save(update_fields=["withdrawn_at"])
    revoke_access(
        person=consent.person,
        organisation=consent.recipient,
        basis=GrantBasis.CONSENT,
        source=consent.grant_source,
    )
    logger.info("consent_withdrawn", consent=str(consent.uuid), by=by.pk)
    return consent


def has_consent(
    person: Person, purpose: ConsentPurpose | str, organisation: Organisation
) -> bool:
    """Whether an active consent covers this purpose for this organisation."""
    return Consent.objects.filter(
        person=person,
        purpose=purpose,
        recipient=organisation,
        withdrawn_at__isnull=True,
    ).exists()
