"""Employers and vacancies: create an employer, save a vacancy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import structlog

from maxww.matching.models import Employer, Vacancy
from maxww.matching.validators import normalise_kvk, normalise_postcode

if TYPE_CHECKING:
    from maxww.organisations.models import Organisation, User

logger = structlog.stdlib.get_logger(__name__)


def create_employer(*, by: User, organisation: Organisation, **fields: Any) -> Employer:
    """Create an employer in the organisation's region (validated once, here)."""
    fields["kvk_number"] = normalise_kvk(fields.get("kvk_number", ""))
    if fields.get("postcode"):
        fields["postcode"] = normalise_postcode(fields["postcode"])
    employer = Employer(organisation=organisation, region=organisation.region, **fields)
    employer.full_clean()
    employer.save()
    logger.info("employer_created", employer=str(employer.uuid), by=by.pk)
    return employer


def save_vacancy(*, by: User, vacancy: Vacancy | None = None, **fields: Any) -> Vacancy:
    """Create (or update) a vacancy; its region is the creating organisation's."""
    if fields.get("postcode"):
        fields["postcode"] = normalise_postcode(fields["postcode"])
    if vacancy is None:
        vacancy = Vacancy(
            organisation=by.organisation,
            region=by.organisation.region,
            created_by=by,
        )
    for name, value in fields.items():
        setattr(vacancy, name, value)
    vacancy.full_clean()
    created = vacancy.pk is None
    vacancy.save()
    logger.info(
        "vacancy_created" if created else "vacancy_changed",
        vacancy=str(vacancy.uuid),
        by=by.pk,
    )
    return vacancy
