"""The client's own consents: list, give, withdraw."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from maxww.audit.constants import Action
from maxww.organisations.models import Organisation
from maxww.people.models import Person
from maxww.policy import objects as policy_objects
from maxww.trajects.constants import ConsentKind, ConsentPurpose
from maxww.trajects.models import Consent
from maxww.trajects.services import give_consent, withdraw_consent

from .viewlog import _log_self

if TYPE_CHECKING:
    from maxww.organisations.models import User


def consents_for(person: Person) -> QuerySet[Consent]:
    return Consent.objects.filter(person=person).select_related("recipient")


def consent_recipients(person: Person) -> QuerySet[Organisation]:
    """Organisations of the person's region a client may give consent to."""
    return policy_objects.consent_recipients(policy_objects.person_region_id(person))


def withdraw_own_consent(
    *, person: Person, consent_uuid: Any, by: User, on: dt.date
) -> Consent:
    """Withdraw one of the client's consents; the recipient loses access at once."""
    consent = consents_for(person).filter(uuid=consent_uuid).first()
    if consent is None:
        raise Http404(_("Toestemming niet gevonden."))
    consent = withdraw_consent(consent=consent, by=by, on=on)
    _log_self(person, consent, Action.CHANGED, "consent_withdrawn_by_client")
    return consent


def give_own_consent(
    *, person: Person, purpose: str, recipient_id: Any, by: User, on: dt.date
) -> Consent:
    """Give consent from the portal, only to an organisation of the own region."""
    recipient = consent_recipients(person).filter(pk=recipient_id).first()
    if recipient is None:
        raise ValidationError({"recipient": _("Kies een organisatie uit de lijst.")})
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Kies waarvoor u toestemming geeft.")})
    if Consent.objects.filter(
        person=person, purpose=purpose, recipient=recipient, withdrawn_at__isnull=True
    ).exists():
        raise ValidationError(_("U gaf deze toestemming al."))
    consent = give_consent(
        person=person,
        purpose=purpose,
        recipient=recipient,
        by=by,
        on=on,
        kind=ConsentKind.VERBAL,
        scope=_("Gegeven via Mijn Max-WW"),
    )
    _log_self(person, consent, Action.CREATED, "consent_given_by_client")
    return consent
