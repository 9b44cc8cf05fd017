"""A client's invitations: see them, answer them, choose another session."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

import structlog

from maxww.audit.constants import Action
from maxww.people.models import Person
from maxww.voorlichting.constants import SEAT_STATUSES, InvitationStatus
from maxww.voorlichting.models import Invitation, Session
from maxww.voorlichting.services import CapacityError, respond, with_counts

from .notifications import notify_client
from .viewlog import _log_self

logger = structlog.stdlib.get_logger(__name__)


def invitations_for(person: Person) -> QuerySet[Invitation]:
    """The client's invitations, newest session first."""
    return (
        Invitation.objects.filter(person=person)
        .select_related("session")
        .order_by("-session__starts_at")
    )


def own_invitation(person: Person, invitation_uuid: Any) -> Invitation:
    invitation = (
        Invitation.objects.select_related("session__created_by", "session__region")
        .filter(person=person, uuid=invitation_uuid)
        .first()
    )
    if invitation is None:
        raise Http404(_("Uitnodiging niet gevonden."))
    return invitation


def _changeable(invitation: Invitation) -> None:
    if invitation.status in (InvitationStatus.ATTENDED, InvitationStatus.NO_SHOW):
        raise ValidationError(_("Deze bijeenkomst is al geweest."))
    if invitation.session.attendance_closed_at or (
        invitation.session.starts_at <= timezone.now()
    ):
        raise ValidationError(_("Deze bijeenkomst is al begonnen of geweest."))


def reschedule_options(invitation: Invitation) -> QuerySet[Session]:
    """Later sessions of the same region and format with a free seat."""
    taken = Invitation.objects.filter(person_id=invitation.person_id).values(
        "session_id"
    )
    return (
        with_counts(
            Session.objects.filter(
                region_id=invitation.session.region_id,
                format=invitation.session.format,
                starts_at__gt=timezone.now(),
                attendance_closed_at__isnull=True,
            )
            .exclude(pk__in=taken)
            .select_related("organisation")
        )
        .filter(capacity__gt=F("seats_taken"))
        .order_by("starts_at")
    )


@transaction.atomic
def respond_to_invitation(
    *, person: Person, invitation_uuid: Any, accepted: bool, on: dt.date
) -> Invitation:
    """The client says they come or not; the organiser hears of a decline."""
    invitation = own_invitation(person, invitation_uuid)
    _changeable(invitation)
    invitation = respond(invitation=invitation, accepted=accepted, on=on)
    _log_self(person, invitation, Action.CHANGED, "invitation_answered_by_client")
    if not accepted:
        _notify_organiser(invitation, old=invitation.session, new=None)
    notify_client(
        person,
        subject=_("Uw reactie op de uitnodiging is ontvangen"),
        template="portal/email/invitation_answered.txt",
        context={"invitation": invitation, "accepted": accepted},
    )
    return invitation


@transaction.atomic
def reschedule_invitation(
    *, person: Person, invitation_uuid: Any, session_uuid: Any, on: dt.date
) -> Invitation:
    """Move the client to another session of the same region with a free seat.

    The old invitation becomes 'declined', the new one 'accepted' (the client
    chose it), with the original inviter kept.
    """
    old = own_invitation(person, invitation_uuid)
    _changeable(old)
    if old.status == InvitationStatus.DECLINED:
        _refuse_second_booking(person, old)
    target = (
        Session.objects.select_for_update()
        .filter(uuid=session_uuid, region_id=old.session.region_id)
        .first()
    )
    if target is None or target.pk not in set(
        reschedule_options(old).values_list("pk", flat=True)
    ):
        raise ValidationError(_("Kies een andere bijeenkomst met een vrije plaats."))
    taken = target.invitations.filter(status__in=SEAT_STATUSES).count()
    if taken >= target.capacity:
        raise CapacityError(_("De bijeenkomst is vol."))
    respond(invitation=old, accepted=False, on=on)
    new = Invitation.objects.create(
        session=target,
        person=person,
        status=InvitationStatus.ACCEPTED,
        channel=old.channel,
        invited_by=old.invited_by,
        invited_date=on,
        responded_date=on,
    )
    _log_self(person, new, Action.CHANGED, "invitation_rescheduled_by_client")
    _notify_organiser(old, old=old.session, new=target)
    notify_client(
        person,
        subject=_("Uw nieuwe afspraak"),
        template="portal/email/invitation_rescheduled.txt",
        context={"old": old.session, "new": target},
    )
    logger.info("invitation_rescheduled", old=str(old.uuid), new=str(new.uuid))
    return new


def _refuse_second_booking(person: Person, cancelled: Invitation) -> None:
    """A cancelled invitation moves only when no other appointment still stands."""
    standing = (
        Invitation.objects.filter(
            person=person,
            status__in=(InvitationStatus.INVITED, InvitationStatus.ACCEPTED),
            session__starts_at__gt=timezone.now(),
            session__attendance_closed_at__isnull=True,
        )
        .exclude(pk=cancelled.pk)
        .select_related("session")
        .order_by("session__starts_at")
        .first()
    )
    if standing is not None:
        raise ValidationError(
            _(
                "Deze afspraak is afgemeld. U staat al ingeschreven voor "
                "%(session)s; verzet die afspraak als u een andere datum wilt."
            )
            % {"session": standing.session}
        )


def _notify_organiser(
    invitation: Invitation, *, old: Session, new: Session | None
) -> int:
    """Tell who planned the session (and its hosts) that a client changed."""
    recipients = {old.created_by.email} if old.created_by.email else set()
    recipients |= {e for e in old.hosts.values_list("email", flat=True) if e}
    if not recipients:
        return 0
    body = render_to_string(
        "portal/email/organiser_changed.txt",
        {"old": old, "new": new, "invitation": invitation},
    )
    subject = (
        _("Afmelding voor %(session)s") if new is None else _("Verzet: %(session)s")
    ) % {"session": old}
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=sorted(recipients),
    ).send()
