"""The invitation by e-mail, with the letter's template and tone."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template import Context
from django.utils import timezone
from django.utils.translation import gettext as _

import structlog

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.people.models import Person
from maxww.voorlichting.constants import InvitationStatus
from maxww.voorlichting.models import Invitation, Session

from .letters import letter_template, letter_text

if TYPE_CHECKING:
    from maxww.organisations.models import User

logger = structlog.stdlib.get_logger(__name__)


def send_invitation_emails(*, session: Session, by: User, on: date) -> int:
    """E-mail the invitation to everyone invited who has an address; returns sent."""
    tone, subject, body, signature = letter_template(session.region)
    rows = list(
        session.invitations.filter(
            person__in=Person.objects.visible_to(by),
            emailed_at__isnull=True,
            status__in=(InvitationStatus.INVITED, InvitationStatus.ACCEPTED),
        )
        .exclude(person__email="")
        .select_related("person")
    )
    subject_t, body_t = letter_text(subject), letter_text(body)
    messages = []
    for invitation in rows:
        ctx = Context(
            {"person": invitation.person, "session": session, "on": on, "tone": tone}
        )
        text = (
            _("Beste %(name)s,") % {"name": invitation.person.full_name}
            + "\n\n"
            + body_t.render(ctx)
            + "\n\n"
            + _("Met vriendelijke groet,")
            + "\n"
            + (signature or str(session.organisation))
        )
        messages.append(
            EmailMessage(
                subject=subject_t.render(ctx).replace("\n", " "),
                body=text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[invitation.person.email],
            )
        )
    if not messages:
        return 0
    sent = get_connection().send_messages(messages) or 0
    Invitation.objects.filter(pk__in=[i.pk for i in rows]).update(
        emailed_at=timezone.now()
    )
    for invitation in rows:
        log_access(
            user=by,
            action=Action.SENT,
            obj=invitation,
            person_ref=str(invitation.person.uuid),
            legal_basis=LegalBasis.CASELOAD,
            purpose="uitnodiging voorlichting per e-mail",
            event="invitation_emailed",
        )
    return sent
