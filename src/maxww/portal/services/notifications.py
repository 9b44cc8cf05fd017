"""Mail to the client: a notification, a new invitation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

import structlog

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.people.models import Person
from maxww.voorlichting.models import Invitation

logger = structlog.stdlib.get_logger(__name__)


def notify_client(
    person: Person, subject: str, template: str, context: Mapping[str, Any]
) -> bool:
    """E-mail the client (plain text from ``template``); False without address.

    Other apps call this, e.g. voorlichting for a new invitation. The message
    links to Mijn Max-WW and carries no more personal data than needed.
    """
    if not person.email:
        return False
    body = render_to_string(template, {"person": person, **context})
    sent = EmailMessage(
        subject=str(subject).replace("\n", " "),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
    ).send()
    log_access(
        user=None,
        action=Action.SENT,
        object_type="portal.notification",
        person_ref=str(person.uuid),
        legal_basis=LegalBasis.SELF,
        purpose="bericht aan de inwoner zelf",
        event="client_notified",
    )
    logger.info("client_notified", template=template, sent=bool(sent))
    return bool(sent)


def notify_new_invitation(invitation: Invitation) -> bool:
    """Tell the client about a new invitation (for the voorlichting app to call)."""
    return notify_client(
        invitation.person,
        subject=_("Uitnodiging: %(title)s") % {"title": invitation.session.title},
        template="portal/email/invitation_new.txt",
        context={"invitation": invitation, "session": invitation.session},
    )
