"""Candidate profiles and the consent that allows proposing a candidate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import structlog

from maxww.matching.models import CandidateProfile, Occupation
from maxww.matching.validators import normalise_postcode
from maxww.trajects.constants import ConsentPurpose
from maxww.trajects.models import Consent, Traject

if TYPE_CHECKING:
    from maxww.organisations.models import Region, User

logger = structlog.stdlib.get_logger(__name__)


def save_profile(
    *,
    traject: Traject,
    by: User,
    occupations: list[Occupation],
    **fields: Any,
) -> CandidateProfile:
    """Create or update the candidate profile of a traject."""
    if fields.get("postcode"):
        fields["postcode"] = normalise_postcode(fields["postcode"])
    profile = CandidateProfile.objects.filter(traject=traject).first()
    profile = profile or CandidateProfile(traject=traject)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.updated_by = by
    profile.full_clean()
    profile.save()
    profile.occupations.set(occupations)
    logger.info("candidate_profile_saved", traject=str(traject.uuid), by=by.pk)
    return profile


def has_consent_to_propose(traject: Traject, region: Region | None = None) -> bool:
    qs = Consent.objects.filter(
        person_id=traject.person_id,
        purpose=ConsentPurpose.PROPOSE_TO_EMPLOYERS,
        withdrawn_at__isnull=True,
    )
    if region is not None:
        qs = qs.filter(recipient__region=region)
    return qs.exists()
