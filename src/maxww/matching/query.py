"""QuerySets: which vacancies a user sees, which candidates may be proposed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef, Q

from maxww.trajects.constants import OPEN_STATES, ConsentPurpose

if TYPE_CHECKING:
    from maxww.organisations.models import Region, User


class VacancyQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> VacancyQuerySet:
        """Own organisation's vacancies plus those shared in the user's region."""
        if not getattr(user, "is_authenticated", False) or not user.organisation_id:
            return self.none()
        return self.filter(
            Q(organisation_id=user.organisation_id)
            | Q(is_shared_in_region=True, region_id=user.organisation.region_id)
        )

    def open(self) -> VacancyQuerySet:
        return self.filter(status="open")


def consent_to_propose(region: Region | None = None):
    """Exists(): an active consent to be proposed to employers (in a region).

    For use on a CandidateProfile queryset (person via the traject).
    """
    from maxww.trajects.models import Consent

    consents = Consent.objects.filter(
        person_id=OuterRef("traject__person_id"),
        purpose=ConsentPurpose.PROPOSE_TO_EMPLOYERS,
        withdrawn_at__isnull=True,
    )
    if region is not None:
        consents = consents.filter(recipient__region=region)
    return Exists(consents)


class CandidateProfileQuerySet(models.QuerySet):
    def proposable(self, region: Region | None = None) -> CandidateProfileQuerySet:
        """Profiles of open trajects whose person consented to be proposed."""
        return self.filter(traject__state__in=OPEN_STATES).filter(
            consent_to_propose(region)
        )
