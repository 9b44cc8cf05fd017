"""Choices for employers, vacancies, candidate profiles and proposals."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    LOGISTICS = "logistics", _("Logistiek en transport")
    CARE = "care", _("Zorg en welzijn")
    METAL = "metal", _("Metaal en techniek")
    CLEANING = "cleaning", _("Schoonmaak en facilitair")
    RETAIL = "retail", _("Detailhandel")
    ADMINISTRATION = "administration", _("Administratief en zakelijk")
    HOSPITALITY = "hospitality", _("Horeca")
    CONSTRUCTION = "construction", _("Bouw en installatie")
    FOOD = "food", _("Voedingsindustrie")
    GOVERNMENT = "government", _("Overheid en onderwijs")
    OTHER = "other", _("Overig")


class VacancyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Vervuld")
    CLOSED = "closed", _("Gesloten")


class LanguageLevel(models.TextChoices):
    """Dutch language level, ordered (the engine compares by position)."""

    NONE = "none", _("Geen eis")
    BASIC = "basic", _("Basis (A2)")
    GOOD = "good", _("Goed (B1)")
    FLUENT = "fluent", _("Vloeiend (B2 of hoger)")


LANGUAGE_ORDER = {v: i for i, v in enumerate(LanguageLevel.values)}


class Transport(models.TextChoices):
    CAR = "car", _("Eigen auto")
    PUBLIC = "public", _("Openbaar vervoer")
    BIKE = "bike", _("Fiets of scooter")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    INTERVIEW = "interview", _("Gesprek")
    HIRED = "hired", _("Aangenomen")
    REJECTED = "rejected", _("Afgewezen")


PROPOSAL_TRANSITIONS: dict[str, frozenset[str]] = {
    ProposalStatus.PROPOSED: frozenset(
        {ProposalStatus.INTERVIEW, ProposalStatus.HIRED, ProposalStatus.REJECTED}
    ),
    ProposalStatus.INTERVIEW: frozenset(
        {ProposalStatus.HIRED, ProposalStatus.REJECTED}
    ),
    ProposalStatus.HIRED: frozenset(),
    ProposalStatus.REJECTED: frozenset(),
}


class RejectionReason(models.TextChoices):
    EMPLOYER = "employer", _("Werkgever kiest een ander")
    CANDIDATE = "candidate", _("Kandidaat ziet ervan af")
    SKILLS = "skills", _("Past niet bij de eisen")
    HOURS = "hours", _("Uren of rooster passen niet")
    TRAVEL = "travel", _("Reistijd of vervoer")
    OTHER = "other", _("Anders")
