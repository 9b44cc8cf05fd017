"""Bulk state moves, for voorlichting (one query per state, not per traject)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from maxww.organisations.models import Organisation
from maxww.trajects.constants import OPEN_STATES, TRANSITIONS, TrajectState
from maxww.trajects.models import Traject, TrajectEvent

if TYPE_CHECKING:
    from maxww.organisations.models import User


@transaction.atomic
def bulk_move(
    *,
    person_ids: Iterable[int],
    organisation: Organisation,
    to: TrajectState | str,
    by: User | None,
    on: date,
    reason: str = "",
) -> int:
    """Set-based: open trajects where missing and move those allowed to ``to``.

    Used by invitations (→ invited) and attendance (→ attended); trajects that
    are already further along stay where they are. Returns the number moved.
    """
    ids = set(person_ids)
    _open_missing(ids, organisation, by=by, on=on, reason=reason)
    return _move(ids, organisation, TrajectState(to), by=by, on=on)


def _open_missing(
    ids: set[int], organisation: Organisation, *, by: User | None, on: date, reason: str
) -> None:
    """Signal a traject for each person without an open one (with its event)."""
    existing = dict(
        Traject.objects.filter(
            person_id__in=ids, organisation=organisation, state__in=OPEN_STATES
        ).values_list("person_id", "id")
    )
    new = [
        Traject(
            person_id=pid,
            organisation=organisation,
            reason=reason,
            signalled_date=on,
            state_date=on,
        )
        for pid in ids - set(existing)
    ]
    Traject.objects.bulk_create(new, batch_size=2000)
    created = Traject.objects.filter(
        person_id__in=ids - set(existing),
        organisation=organisation,
        state=TrajectState.SIGNALLED,
    ).values_list("id", flat=True)
    TrajectEvent.objects.bulk_create(
        [
            TrajectEvent(
                traject_id=tid,
                event="traject_signalled",
                to_state=TrajectState.SIGNALLED,
                by=by,
                on=on,
                detail={"reason": reason} if reason else {},
            )
            for tid in created
        ]
    )


def _move(
    ids: set[int],
    organisation: Organisation,
    target: TrajectState,
    *,
    by: User | None,
    on: date,
) -> int:
    """Move the trajects whose state allows ``target``; the number moved."""
    sources = [s for s, targets in TRANSITIONS.items() if target in targets]
    movable = list(
        Traject.objects.filter(
            person_id__in=ids, organisation=organisation, state__in=sources
        ).values_list("id", "state")
    )
    if not movable:
        return 0
    Traject.objects.filter(id__in=[m[0] for m in movable]).update(
        state=target, state_date=on
    )
    TrajectEvent.objects.bulk_create(
        [
            TrajectEvent(
                traject_id=tid,
                event="traject_state_changed",
                from_state=state,
                to_state=target,
                by=by,
                on=on,
            )
            for tid, state in movable
        ]
    )
    return len(movable)
