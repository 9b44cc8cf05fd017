"""Selection for voorlichting, target-group overrides and the funnel."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

import structlog

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.people.models import Person
from maxww.screening.constants import (
    ACTIVE_WINDOWS,
    PreCheck,
    SelectionStatus,
    TargetGroup,
)
from maxww.screening.models import ScreeningRecord, Selection

if TYPE_CHECKING:
    from maxww.organisations.models import Organisation, Region, User

logger = structlog.stdlib.get_logger(__name__)


@transaction.atomic
def select_for_voorlichting(
    *, user: User, person_uuids: Iterable[str], reason: str
) -> list[Selection]:
    """Select visible people for voorlichting with a required reason.

    A person already openly selected by this organisation is not selected twice.
    People the user may not see are refused as a whole (nothing is selected).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Geef een reden voor de selectie.")
    uuids = list(dict.fromkeys(str(u) for u in person_uuids))
    if not uuids:
        raise ValidationError("Kies ten minste één persoon.")
    people = list(
        Person.objects.visible_to(user)
        .filter(uuid__in=uuids)
        .select_related(None)
        .only("pk", "uuid")
    )
    if len(people) != len(uuids):
        raise PermissionDenied("Niet alle gekozen personen zijn voor u zichtbaar.")
    already = set(
        Selection.objects.filter(
            person__in=people,
            organisation_id=user.organisation_id,
            status=SelectionStatus.OPEN,
        ).values_list("person_id", flat=True)
    )
    windows = dict(
        ScreeningRecord.objects.filter(person__in=people).values_list(
            "person_id", "window"
        )
    )
    rows = [
        Selection(
            person=p,
            organisation_id=user.organisation_id,
            selected_by=user,
            reason=reason,
            window=windows.get(p.pk, ""),
        )
        for p in people
        if p.pk not in already
    ]
    Selection.objects.bulk_create(rows)
    for p in people:
        if p.pk not in already:
            log_access(
                user=user,
                action=Action.CREATED,
                object_type="screening.selection",
                person_ref=str(p.uuid),
                legal_basis=LegalBasis.CASELOAD,
                purpose="selectie voorlichting",
                event="selection_created",
            )
    logger.info("people_selected", count=len(rows))
    return rows


def open_selections(
    *, organisation: Organisation | None = None, region: Region | None = None
):
    """Open selections for voorlichting (to invite), oldest first."""
    qs = Selection.objects.filter(status=SelectionStatus.OPEN).select_related(
        "person", "organisation", "selected_by"
    )
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if region is not None:
        qs = qs.filter(organisation__region=region)
    return qs.order_by("selected_at")


def mark_selection(*, selection: Selection, status: SelectionStatus | str) -> Selection:
    """Voorlichting reports back: invited or declined."""
    selection.status = SelectionStatus(status)
    selection.status_changed_at = timezone.now()
    selection.save(update_fields=["status", "status_changed_at"])
    return selection


@transaction.atomic
def override_target_groups(
    *, user: User, record: ScreeningRecord, groups: Iterable[str], reason: str
) -> ScreeningRecord:
    """Set target groups by hand (who/when/why); an empty reason is refused."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Geef een reden voor de aanpassing.")
    valid = {g.value for g in TargetGroup}
    chosen = [g for g in groups if g in valid]
    value = ("," + ",".join(chosen) + ",") if chosen else ""
    record.target_groups_override = value
    record.target_groups = value
    record.override_by = user
    record.override_at = timezone.now()
    record.override_reason = reason
    record.save(
        update_fields=[
            "target_groups_override",
            "target_groups",
            "override_by",
            "override_at",
            "override_reason",
        ]
    )
    return record


def clear_override(*, record: ScreeningRecord) -> ScreeningRecord:
    record.target_groups_override = None
    record.target_groups = record.target_groups_derived
    record.save(update_fields=["target_groups_override", "target_groups"])
    return record


def funnel(
    *, people, organisation: Organisation | None = None
) -> list[tuple[str, int]]:
    """In extract → in window → likely bijstand → selected → invited (aggregates).

    ``people``: person ids (``Person.objects.visible_ids``). Two counts that
    indexes answer (every record by person; those in a window from
    ``screening_in_window_idx``) instead of one pass over every record, which
    cost twice as much at 100,000 people.
    """
    records = ScreeningRecord.objects.filter(person__in=people)
    counts = records.aggregate(n_extract=Count("person", distinct=True))
    counts |= records.filter(window__in=ACTIVE_WINDOWS).aggregate(
        n_window=Count("person", distinct=True),
        n_likely=Count("person", distinct=True, filter=Q(precheck=PreCheck.LIKELY)),
    )
    selections = Selection.objects.filter(person__in=people)
    if organisation is not None:
        selections = selections.filter(organisation=organisation)
    sel = selections.aggregate(
        selected=Count("person", distinct=True),
        invited=Count(
            "person", distinct=True, filter=Q(status=SelectionStatus.INVITED)
        ),
    )
    return [
        ("In bestand", counts["n_extract"]),
        ("In venster", counts["n_window"]),
        ("Waarschijnlijk recht op bijstand", counts["n_likely"]),
        ("Geselecteerd", sel["selected"]),
        ("Uitgenodigd", sel["invited"]),
    ]
