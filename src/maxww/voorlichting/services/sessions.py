"""Sessions: plan one, list a region's with their counts, seats left."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Cast, NullIf

import structlog

from maxww.voorlichting.constants import SEAT_STATUSES, InvitationStatus
from maxww.voorlichting.models import Session

if TYPE_CHECKING:
    from maxww.organisations.models import Organisation, Region, User

logger = structlog.stdlib.get_logger(__name__)


@transaction.atomic
def plan_session(
    *,
    region: Region,
    organisation: Organisation,
    by: User,
    starts_at: datetime,
    place: str,
    capacity: int,
    format: str,
    hosts: Iterable[User] = (),
    title: str = "",
    address: str = "",
    duration_minutes: int = 90,
    notes: str = "",
) -> Session:
    """Plan a session; hosts come from UWV and the municipality."""
    session = Session(
        region=region,
        organisation=organisation,
        created_by=by,
        starts_at=starts_at,
        place=place,
        address=address,
        capacity=capacity,
        format=format,
        duration_minutes=duration_minutes,
        notes=notes,
    )
    if title:
        session.title = title
    session.full_clean()
    session.save()
    session.hosts.set(hosts)
    logger.info("session_planned", session=str(session.uuid), capacity=capacity)
    return session


def with_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Annotate invited, accepted, attended, no_shows and attendance rate (0–1).

    Ordered by start unless the caller chose an order: Django drops
    ``Meta.ordering`` from GROUP BY queries, which listed 23 Dec before 22 Dec.
    """
    if not sessions.query.order_by:
        sessions = sessions.order_by("starts_at", "id")
    attended = Count(
        "invitations", filter=Q(invitations__status=InvitationStatus.ATTENDED)
    )
    return sessions.annotate(
        invited_count=Count("invitations"),
        seats_taken=Count(
            "invitations", filter=Q(invitations__status__in=SEAT_STATUSES)
        ),
        attended_count=attended,
        no_show_count=Count(
            "invitations", filter=Q(invitations__status=InvitationStatus.NO_SHOW)
        ),
        declined_count=Count(
            "invitations", filter=Q(invitations__status=InvitationStatus.DECLINED)
        ),
    ).annotate(
        attendance_rate=Cast(F("attended_count"), FloatField())
        / NullIf(Cast(F("invited_count"), FloatField()), 0.0)
    )


def sessions_for(user: User) -> QuerySet[Session]:
    """Sessions of the user's region."""
    if not user.organisation_id:
        return Session.objects.none()
    return Session.objects.filter(region_id=user.organisation.region_id)


def seats_left(session: Session) -> int:
    taken = session.invitations.filter(status__in=SEAT_STATUSES).count()
    return session.capacity - taken
