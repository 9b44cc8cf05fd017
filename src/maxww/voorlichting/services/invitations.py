"""Invitations: invite people (from a screening selection too), and their answer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

import structlog

from maxww.people.models import Person
from maxww.trajects.constants import TrajectState
from maxww.trajects.services import bulk_move
from maxww.voorlichting.constants import Channel, InvitationStatus
from maxww.voorlichting.models import Invitation, Session

from .sessions import seats_left

if TYPE_CHECKING:
    from maxww.organisations.models import User

logger = structlog.stdlib.get_logger(__name__)


class CapacityError(ValidationError):
    """More invitations than seats."""


@dataclass(frozen=True)
class InviteResult:
    invited: int
    already_invited: int
    not_visible: int


@transaction.atomic
def invite_people(
    *,
    session: Session,
    people: Iterable[Person] | Iterable[int],
    by: User,
    on: date,
    channel: str = Channel.LETTER,
) -> InviteResult:
    """Invite people to a session; all or nothing when seats run out.

    Only people the inviting user may see are invited; their trajects move to
    ``invited`` (opened where needed).
    """
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.attendance_closed_at is not None:
        raise ValidationError(
            _("Deze bijeenkomst is al geweest; nodig uit voor een nieuwe.")
        )
    ids = {getattr(p, "pk", p) for p in people}
    visible = set(
        Person.objects.visible_to(by).filter(pk__in=ids).values_list("pk", flat=True)
    )
    already = set(
        session.invitations.filter(person_id__in=visible).values_list(
            "person_id", flat=True
        )
    )
    new_ids = visible - already
    _check_seats(session, len(new_ids))
    _create_invitations(session, new_ids, channel=channel, by=by, on=on)
    bulk_move(
        person_ids=new_ids,
        organisation=session.organisation,
        to=TrajectState.INVITED,
        by=by,
        on=on,
        reason=_("Uitgenodigd voor voorlichting"),
    )
    _mark_selections_invited(new_ids)
    logger.info("people_invited", session=str(session.uuid), count=len(new_ids))
    return InviteResult(
        invited=len(new_ids),
        already_invited=len(already),
        not_visible=len(ids - visible),
    )


def _check_seats(session: Session, wanted: int) -> None:
    """Refuse the whole invitation when fewer seats are left than wanted."""
    left = seats_left(session)
    if wanted > left:
        raise CapacityError(
            _(
                "Er zijn nog %(left)s plaatsen vrij; u probeert %(n)s personen uit "
                "te nodigen. Kies minder personen of verhoog het aantal plaatsen."
            )
            % {"left": left, "n": wanted}
        )


def _create_invitations(
    session: Session, person_ids: set[int], *, channel: str, by: User, on: date
) -> None:
    """One invitation per person, in one insert."""
    Invitation.objects.bulk_create(
        [
            Invitation(
                session=session,
                person_id=pid,
                channel=channel,
                invited_by=by,
                invited_date=on,
            )
            for pid in sorted(person_ids)
        ]
    )


def _selection_model():
    """screening.Selection when the screening app provides it, else None."""
    if not apps.is_installed("maxww.screening"):
        return None
    try:
        from maxww.screening import models as screening_models
    except ImportError:
        return None
    return getattr(screening_models, "Selection", None)


def selections_available() -> bool:
    return _selection_model() is not None


def open_selections(*, user: User) -> QuerySet:
    """Open screening selections of people this user may see (empty if none)."""
    model = _selection_model()
    if model is None:
        return Person.objects.none()
    try:
        from maxww.screening import services as screening_services

        if hasattr(screening_services, "open_selections"):
            qs = screening_services.open_selections(organisation=user.organisation)
            return qs.filter(person__in=Person.objects.visible_to(user))
    except (ImportError, TypeError):
        pass
    return model.objects.filter(
        status="open", person__in=Person.objects.visible_to(user)
    ).select_related("person")


def _mark_selections_invited(person_ids: set[int]) -> None:
    model = _selection_model()
    if model is None or not person_ids:
        return
    field_names = {f.name for f in model._meta.get_fields()}
    if "status" in field_names:
        changes: dict = {"status": "invited"}
        if "status_changed_at" in field_names:
            changes["status_changed_at"] = timezone.now()
        model.objects.filter(person_id__in=person_ids, status="open").update(**changes)


def invite_from_selection(
    *, session: Session, by: User, on: date, limit: int | None = None
) -> InviteResult:
    """Invite the open screening selections (up to the seats left)."""
    person_ids = list(
        open_selections(user=by).values_list("person_id", flat=True)[
            : limit or seats_left(session)
        ]
    )
    return invite_people(session=session, people=person_ids, by=by, on=on)


@transaction.atomic
def respond(*, invitation: Invitation, accepted: bool, on: date) -> Invitation:
    """RSVP: the person says they come or not."""
    if invitation.status in (InvitationStatus.ATTENDED, InvitationStatus.NO_SHOW):
        raise ValidationError(_("Deze bijeenkomst is al geweest."))
    if (
        accepted
        and invitation.status == InvitationStatus.DECLINED
        and seats_left(invitation.session) < 1
    ):
        raise CapacityError(_("De bijeenkomst is vol."))
    invitation.status = (
        InvitationStatus.ACCEPTED if accepted else InvitationStatus.DECLINED
    )
    invitation.responded_date = on
    invitation.save(update_fields=["status", "responded_date"])
    return invitation
