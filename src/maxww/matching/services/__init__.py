"""Matching services: employers, vacancies, profiles, ranking, proposals, hires.

Public surface for other apps: ``rank_candidates``, ``rank_vacancies``,
``propose``, ``set_proposal_status``, ``hire``, ``save_profile``,
``proposals_for_traject``, ``adviser_ratios``, ``placement_counts``,
``create_employer``, ``save_vacancy`` and ``import_vacancies`` (in
``maxww.matching.imports``).

The package re-exports them; the modules hold:

- ``employers`` — ``create_employer``, ``save_vacancy``
- ``profiles`` — ``save_profile``, ``has_consent_to_propose``
- ``ranking`` — ``rank_candidates``, ``rank_vacancies``, ``apportion``, ``Match``, ``Reason``
- ``proposals`` — ``propose``, ``set_proposal_status``, ``hire``, ``proposals_for_traject``, ``adviser_ratios``, ``placement_counts``
"""

from __future__ import annotations

from .employers import create_employer, save_vacancy
from .profiles import has_consent_to_propose, save_profile
from .proposals import (
    ProposalError,
    adviser_ratios,
    hire,
    placement_counts,
    proposals_for_traject,
    propose,
    set_proposal_status,
)
from .ranking import Match, Reason, apportion, rank_candidates, rank_vacancies

__all__ = [
    "Match",
    "ProposalError",
    "Reason",
    "adviser_ratios",
    "apportion",
    "create_employer",
    "has_consent_to_propose",
    "hire",
    "placement_counts",
    "proposals_for_traject",
    "propose",
    "rank_candidates",
    "rank_vacancies",
    "save_profile",
    "save_vacancy",
    "set_proposal_status",
]
