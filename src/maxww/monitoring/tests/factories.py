"""Helpers that build aggregate histories for monitoring tests."""

from __future__ import annotations

import datetime as dt
import uuid

from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import ClaimStatus, EndReason
from maxww.people.tests.factories import PersonFactory, WWClaimFactory
from maxww.screening.models import ClaimOutcome, ScreeningRecord


def ended_claims(
    *,
    municipality,
    end: dt.date,
    bijstand: int = 0,
    work: int = 0,
    other: int = 0,
    target_groups: str = "",
) -> list:
    """Ended WW claims with a recorded outcome: ``bijstand`` entered bijstand."""
    claims = []
    plan = (
        [("bijstand", EndReason.MAXIMUM)] * bijstand
        + [("work", EndReason.WORK)] * work
        + [("other", EndReason.MAXIMUM)] * other
    )
    owner = OrganisationFactory(uwv=True, region=municipality.region)
    for kind, reason in plan:
        # A surname that cannot occur by chance in a page, so tests can look for it.
        person = PersonFactory(
            municipality=municipality,
            owner=owner,
            last_name=f"Achternaam{uuid.uuid4().hex[:10]}",
        )
        claim = WWClaimFactory(
            person=person,
            start_date=end - dt.timedelta(days=365),
            max_end_date=end,
            status=ClaimStatus.ENDED,
            actual_end_date=end,
            end_reason=reason,
        )
        ClaimOutcome.objects.create(
            claim=claim,
            entered_bijstand=kind == "bijstand",
            recorded_on=end,
        )
        ScreeningRecord.objects.create(
            claim=claim, person=person, target_groups=target_groups
        )
        claims.append(claim)
    return claims


def active_claims(*, municipality, end: dt.date, n: int, risk: float | None = None):
    """Running claims ending on ``end``, optionally with a risk score."""
    claims = []
    for _ in range(n):
        person = PersonFactory(municipality=municipality)
        claim = WWClaimFactory(
            person=person, start_date=end - dt.timedelta(days=365), max_end_date=end
        )
        ScreeningRecord.objects.create(claim=claim, person=person, risk_score=risk)
        claims.append(claim)
    return claims
