"""Choices for people, households and WW claims."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HouseholdType(models.TextChoices):
    SINGLE = "single", _("Alleenstaand")
    COUPLE = "couple", _("Gehuwd / samenwonend")
    SINGLE_PARENT = "single_parent", _("Alleenstaande ouder")
    UNKNOWN = "unknown", _("Onbekend")


class EducationLevel(models.TextChoices):
    """Highest completed education, in the bands UWV and CBS use."""

    PRIMARY = "primary", _("Basisonderwijs")
    LOW = "low", _("Vmbo / mbo 1")
    MIDDLE = "middle", _("Mbo 2–4, havo, vwo")
    HIGH = "high", _("Hbo / wo")
    UNKNOWN = "unknown", _("Onbekend")


class WerkverkennerOutcome(models.TextChoices):
    """UWV Werkverkenner: chance of work within a year (≤50% → extra service)."""

    LOW = "low", _("Kans op werk ≤ 50%")
    HIGH = "high", _("Kans op werk > 50%")
    UNKNOWN = "unknown", _("Niet ingevuld")


class ClaimStatus(models.TextChoices):
    ACTIVE = "active", _("Lopend")
    ENDED = "ended", _("Beëindigd")


class EndReason(models.TextChoices):
    MAXIMUM = "maximum", _("Maximale duur bereikt")
    WORK = "work", _("Werk gevonden")
    OTHER_INCOME = "other_income", _("Ander inkomen")
    MOVED = "moved", _("Verhuisd")
    OTHER = "other", _("Anders")


class GrantBasis(models.TextChoices):
    """The legal bases on which an organisation may see a person."""

    CASELOAD = "caseload", _("Eigen caseload")
    CONSENT = "consent", _("Toestemming")
    APPLICATION = "application", _("Bijstandsaanvraag")
