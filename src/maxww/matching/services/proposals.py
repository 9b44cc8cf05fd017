"""Proposals and hires, and the figures about them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

import structlog

from maxww.matching.constants import PROPOSAL_TRANSITIONS, ProposalStatus, VacancyStatus
from maxww.matching.models import CandidateProfile, Placement, Proposal, Vacancy
from maxww.trajects.constants import Outcome, TrajectState
from maxww.trajects.models import Traject

from .profiles import has_consent_to_propose
from .ranking import _rank

if TYPE_CHECKING:
    from maxww.organisations.models import User

logger = structlog.stdlib.get_logger(__name__)


class ProposalError(ValidationError):
    """A proposal or status change that is not allowed (Dutch message)."""


@transaction.atomic
def propose(
    *,
    vacancy: Vacancy,
    traject: Traject,
    by: User,
    on: date,
    note: str = "",
) -> Proposal:
    """Propose a candidate for a vacancy, recording the score and its reasons."""
    if vacancy.status != VacancyStatus.OPEN:
        raise ProposalError(_("Deze vacature is niet meer open."))
    if not traject.is_open:
        raise ProposalError(_("Dit traject is afgesloten."))
    if not has_consent_to_propose(traject, vacancy.region):
        raise ProposalError(
            _("De kandidaat heeft geen toestemming gegeven om voorgesteld te worden.")
        )
    if Proposal.objects.filter(vacancy=vacancy, traject=traject).exists():
        raise ProposalError(_("Deze kandidaat is al voorgesteld voor deze vacature."))
    profile = CandidateProfile.objects.filter(traject=traject).first()
    score, reasons = 0, []
    if profile is not None:
        ranked = _rank(
            CandidateProfile.objects.filter(pk=profile.pk),
            Vacancy.objects.filter(pk=vacancy.pk),
            on=on,
            limit=1,
            by_vacancy=True,
        )
        if ranked:
            score, reasons = ranked[0].score, ranked[0].reasons_as_dicts()
    proposal = Proposal.objects.create(
        vacancy=vacancy,
        traject=traject,
        proposed_by=by,
        organisation=by.organisation,
        proposed_date=on,
        score=score,
        reasons=reasons,
        note=note,
    )
    logger.info(
        "proposal_created",
        proposal=str(proposal.uuid),
        vacancy=str(vacancy.uuid),
        traject=str(traject.uuid),
        by=by.pk,
    )
    return proposal


@transaction.atomic
def set_proposal_status(
    *,
    proposal: Proposal,
    status: ProposalStatus | str,
    by: User,
    on: date,
    rejection_reason: str = "",
    note: str = "",
) -> Proposal:
    """Move a proposal to interview or rejected (hire goes through ``hire``)."""
    if status == ProposalStatus.HIRED:
        raise ProposalError(_("Gebruik ‘aangenomen’ met uren en startdatum."))
    if status not in PROPOSAL_TRANSITIONS[proposal.status]:
        raise ProposalError(
            _("Een voorstel met status ‘%(from)s’ kan niet naar ‘%(to)s’.")
            % {
                "from": ProposalStatus(proposal.status).label,
                "to": ProposalStatus(status).label,
            }
        )
    if status == ProposalStatus.REJECTED and not rejection_reason:
        raise ProposalError({"rejection_reason": _("Kies een reden van afwijzing.")})
    proposal.status = status
    if status == ProposalStatus.INTERVIEW:
        proposal.interview_date = on
    else:
        proposal.decided_date = on
        proposal.rejection_reason = rejection_reason
    if note:
        proposal.note = note
    proposal.save()
    logger.info(
        "proposal_status_changed", proposal=str(proposal.uuid), status=str(status)
    )
    return proposal


@transaction.atomic
def hire(
    *,
    proposal: Proposal,
    by: User,
    on: date,
    hours_per_week: Decimal | int,
    start_date: date,
    contract_type: str = "",
    fill_vacancy: bool = True,
) -> Placement:
    """Record a hire: the placement, and the traject ends with outcome work.

    The traject's ``transition`` schedules the 3- and 6-month durability checks.
    """
    if ProposalStatus.HIRED not in PROPOSAL_TRANSITIONS[proposal.status]:
        raise ProposalError(_("Dit voorstel is al afgerond."))
    from maxww.trajects.services import transition

    vacancy = proposal.vacancy
    transition(
        traject=proposal.traject,
        to=TrajectState.ENDED,
        by=by,
        on=on,
        outcome=Outcome.WORK,
        employer_name=vacancy.employer.name,
        hours_per_week=Decimal(str(hours_per_week)),
        work_start_date=start_date,
        contract_type=contract_type,
        note=_("Geplaatst via vacature %(t)s") % {"t": vacancy.title},
    )
    proposal.status = ProposalStatus.HIRED
    proposal.decided_date = on
    proposal.save(update_fields=["status", "decided_date"])
    placement = Placement.objects.create(
        proposal=proposal,
        traject=proposal.traject,
        vacancy=vacancy,
        employer=vacancy.employer,
        hours_per_week=Decimal(str(hours_per_week)),
        start_date=start_date,
        placed_by=by,
        organisation=by.organisation,
    )
    if fill_vacancy:
        Vacancy.objects.filter(pk=vacancy.pk).update(status=VacancyStatus.FILLED)
    logger.info(
        "placement_created",
        placement=str(placement.uuid),
        traject=str(proposal.traject.uuid),
        by=by.pk,
    )
    return placement


def proposals_for_traject(traject: Traject):
    """The proposals of one traject with vacancy and employer (for the coach)."""
    return Proposal.objects.filter(traject=traject).select_related(
        "vacancy__employer", "vacancy__occupation", "proposed_by"
    )


def adviser_ratios(*, organisation_ids: list[int] | None = None) -> list[dict]:
    """Per proposing user: proposals, hires and proposals per placement.

    "Few good proposals, not many CVs" (001 §3.2): a low ratio is good.
    """
    qs = Proposal.objects.all()
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    rows = (
        qs.values(
            "proposed_by_id",
            "proposed_by__username",
            "proposed_by__first_name",
            "proposed_by__last_name",
        )
        .annotate(
            proposals=Count("id"),
            placements=Count("id", filter=Q(status=ProposalStatus.HIRED)),
            interviews=Count(
                "id",
                filter=Q(status__in=[ProposalStatus.INTERVIEW, ProposalStatus.HIRED])
                | Q(interview_date__isnull=False),
            ),
        )
        .order_by("-placements", "proposed_by__username")
    )
    result = []
    for r in rows:
        name = " ".join(
            p for p in (r["proposed_by__first_name"], r["proposed_by__last_name"]) if p
        )
        result.append(
            {
                "user_id": r["proposed_by_id"],
                "name": name or r["proposed_by__username"],
                "proposals": r["proposals"],
                "interviews": r["interviews"],
                "placements": r["placements"],
                "ratio": round(r["proposals"] / r["placements"], 1)
                if r["placements"]
                else None,
            }
        )
    return result


def placement_counts(*, organisation_ids: list[int] | None = None) -> dict[str, int]:
    """Totals for monitoring: proposals, placements (aggregated in the database)."""
    proposals = Proposal.objects.all()
    placements = Placement.objects.all()
    if organisation_ids is not None:
        proposals = proposals.filter(organisation_id__in=organisation_ids)
        placements = placements.filter(organisation_id__in=organisation_ids)
    return {"proposals": proposals.count(), "placements": placements.count()}
