"""Screening services: the public surface other apps and the views call.

- ``import_extract`` — land a UWV extract (all or nothing)
- ``move_cohorts`` — the nightly window move
- ``refresh_screening`` — windows, target groups, pre-check and risk for claims
- ``train_model`` / ``active_model`` — the risk model
- ``select_for_voorlichting`` / ``open_selections`` / ``mark_selection``
- ``override_target_groups`` / ``funnel``
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from maxww.people.constants import ClaimStatus
from maxww.screening.constants import Window

from .frame import claims_frame
from .imports import import_extract
from .refresh import move_cohorts, refresh_records
from .risk import (
    FeatureNotAllowedError,
    NotEnoughDataError,
    active_model,
    select_features,
    train_model,
)
from .selection import (
    clear_override,
    funnel,
    mark_selection,
    open_selections,
    override_target_groups,
    select_for_voorlichting,
)

__all__ = [
    "FeatureNotAllowedError",
    "NotEnoughDataError",
    "active_model",
    "clear_override",
    "funnel",
    "import_extract",
    "mark_selection",
    "move_cohorts",
    "open_selections",
    "override_target_groups",
    "refresh_records",
    "refresh_screening",
    "select_features",
    "select_for_voorlichting",
    "train_model",
]


@transaction.atomic
def refresh_screening(
    *, on: dt.date, claim_ids: Iterable[int] | None = None
) -> dict[str, int]:
    """Recompute windows, target groups, pre-check and risk; one write per record.

    Without ``claim_ids`` every active claim is refreshed (the nightly run).
    Returns counts: claims, created (records), moved, target_groups, prechecked,
    precheck_changed, scored.
    """
    if claim_ids is None:
        # Active claims, plus ended ones whose record is not marked ended yet.
        frame = claims_frame(
            where=Q(status=ClaimStatus.ACTIVE) | ~Q(screening__window=Window.ENDED)
        )
    else:
        frame = claims_frame(claim_ids=list(claim_ids))
    return refresh_records(frame, on=on, model=active_model()).as_dict()
