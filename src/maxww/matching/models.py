"""Employers, vacancies, occupations, candidate profiles, proposals, placements."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maxww.core.validators import NOTE_LENGTH, SUMMARY_LENGTH
from maxww.organisations.models import Organisation, Region
from maxww.trajects.models import Traject

from .constants import (
    LanguageLevel,
    ProposalStatus,
    RejectionReason,
    Sector,
    Transport,
    VacancyStatus,
)
from .query import CandidateProfileQuerySet, VacancyQuerySet
from .validators import validate_kvk, validate_postcode

USER = settings.AUTH_USER_MODEL


def split_tags(value: str) -> list[str]:
    """Comma separated tags, lower case, without blanks or duplicates.

    >>> split_tags("VCA, heftruck ,vca")
    ['vca', 'heftruck']
    """
    seen: list[str] = []
    for part in (value or "").split(","):
        tag = part.strip().lower()
        if tag and tag not in seen:
            seen.append(tag)
    return seen


class Occupation(models.Model):
    """An ISCO-08 unit group (4 digits) with a Dutch label: the controlled list."""

    code = models.CharField(_("ISCO-08-code"), max_length=4, unique=True)
    label = models.CharField(_("beroep"), max_length=120)
    major_group = models.CharField(_("hoofdgroep"), max_length=1)

    class Meta:
        ordering = ["label"]
        verbose_name = _("beroep")
        verbose_name_plural = _("beroepen")

    def __str__(self) -> str:
        return f"{self.label} ({self.code})"

    @property
    def sub_major_group(self) -> str:
        return self.code[:2]


class Employer(models.Model):
    """An employer the WSP works with; one lead account manager."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, validators=[validate_kvk]
    )
    name = models.CharField(_("naam"), max_length=150)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("plaats"), max_length=80, blank=True)
    contact_persons = models.TextField(
        _("contactpersonen"),
        blank=True,
        help_text=_("Naam, functie en telefoon of e-mail; één per regel."),
        validators=[NOTE_LENGTH],
    )
    agreements = models.TextField(
        _("afspraken"),
        blank=True,
        help_text=_("Bijvoorbeeld SROI-afspraken, aantallen plaatsen, instrumenten."),
        validators=[NOTE_LENGTH],
    )
    account_manager = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employers",
        verbose_name=_("vaste accountmanager"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="employers",
        verbose_name=_("organisatie"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="employers",
        verbose_name=_("regio"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kvk_number"], name="one_employer_per_kvk_in_region"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Vacancy(models.Model):
    """A vacancy of an employer; shared with the region's organisations if flagged."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_ref = models.CharField(
        _("eigen kenmerk"),
        max_length=60,
        blank=True,
        help_text=_("Het kenmerk in het bronsysteem; maakt opnieuw importeren veilig."),
    )
    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("werkgever"),
    )
    title = models.CharField(_("functietitel"), max_length=150)
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("beroep"),
    )
    description = models.TextField(
        _("omschrijving"), blank=True, validators=[SUMMARY_LENGTH]
    )
    hours_min = models.PositiveSmallIntegerField(
        _("uren per week (minimaal)"), validators=[MaxValueValidator(60)]
    )
    hours_max = models.PositiveSmallIntegerField(
        _("uren per week (maximaal)"), validators=[MaxValueValidator(60)]
    )
    postcode = models.CharField(
        _("postcode werkplek"), max_length=7, validators=[validate_postcode]
    )
    location = models.CharField(_("plaats"), max_length=80, blank=True)
    requires_driving_licence = models.BooleanField(
        _("rijbewijs B nodig"), default=False
    )
    certificates = models.CharField(
        _("vereiste certificaten"),
        max_length=200,
        blank=True,
        help_text=_("Komma-gescheiden, bv. VCA, heftruck."),
    )
    language_level = models.CharField(
        _("taalniveau Nederlands"),
        max_length=10,
        choices=LanguageLevel.choices,
        default=LanguageLevel.NONE,
    )
    experience_years = models.PositiveSmallIntegerField(
        _("jaren ervaring"), default=0, validators=[MaxValueValidator(40)]
    )
    start_date = models.DateField(_("startdatum"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=VacancyStatus.choices,
        default=VacancyStatus.OPEN,
    )
    is_shared_in_region = models.BooleanField(
        _("delen in de regio"),
        default=True,
        help_text=_("Zichtbaar voor alle organisaties in de arbeidsmarktregio."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("aangemaakt door organisatie"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("regio"),
    )
    created_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        indexes = [models.Index(fields=["region", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_ref"],
                condition=~models.Q(external_ref=""),
                name="one_vacancy_per_external_ref",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_min__lte=models.F("hours_max")),
                name="vacancy_hours_min_le_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.employer}"

    def get_absolute_url(self) -> str:
        return reverse("matching:vacancy", kwargs={"uuid": self.uuid})

    def clean(self) -> None:
        super().clean()
        if (
            self.hours_min is not None
            and self.hours_max is not None
            and self.hours_min > self.hours_max
        ):
            raise ValidationError(
                {"hours_max": _("Het maximum aantal uren is lager dan het minimum.")}
            )

    @property
    def certificate_list(self) -> list[str]:
        return split_tags(self.certificates)


class CandidateProfile(models.Model):
    """What a person in a traject looks for and can do: the matching input."""

    traject = models.OneToOneField(
        Traject,
        on_delete=models.CASCADE,
        related_name="candidate_profile",
        verbose_name=_("traject"),
    )
    occupations = models.ManyToManyField(
        Occupation, related_name="candidates", verbose_name=_("gewenste beroepen")
    )
    skills = models.CharField(
        _("vaardigheden"),
        max_length=300,
        blank=True,
        help_text=_("Komma-gescheiden, bv. klantgericht, Excel, leidinggeven."),
    )
    hours_available = models.PositiveSmallIntegerField(
        _("beschikbaar (uren per week)"),
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    postcode = models.CharField(
        _("postcode woonadres"),
        max_length=7,
        blank=True,
        validators=[validate_postcode],
        help_text=_("Leeg: de postcode van de persoon."),
    )
    max_travel_km = models.PositiveSmallIntegerField(
        _("maximale reisafstand (km)"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    transport = models.CharField(
        _("vervoer"), max_length=10, choices=Transport.choices, default=Transport.BIKE
    )
    available_from = models.DateField(_("beschikbaar vanaf"))
    has_driving_licence = models.BooleanField(_("rijbewijs B"), default=False)
    certificates = models.CharField(
        _("certificaten"),
        max_length=200,
        blank=True,
        help_text=_("Komma-gescheiden, bv. VCA, heftruck."),
    )
    language_level = models.CharField(
        _("taalniveau Nederlands"),
        max_length=10,
        choices=LanguageLevel.choices,
        default=LanguageLevel.GOOD,
    )
    experience_years = models.PositiveSmallIntegerField(
        _("jaren werkervaring"), default=0, validators=[MaxValueValidator(50)]
    )
    limits = models.TextField(
        _("beperkingen en aandachtspunten"),
        blank=True,
        help_text=_("Alleen wat nodig is voor een passende match."),
        validators=[NOTE_LENGTH],
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CandidateProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("kandidaatprofiel")
        verbose_name_plural = _("kandidaatprofielen")

    def __str__(self) -> str:
        return f"profiel {self.traject.uuid}"

    @property
    def certificate_list(self) -> list[str]:
        return split_tags(self.certificates)


class Proposal(models.Model):
    """A candidate proposed for a vacancy, and how it went."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    vacancy = models.ForeignKey(
        Vacancy,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("vacature"),
    )
    traject = models.ForeignKey(
        Traject,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("traject"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )
    score = models.PositiveSmallIntegerField(_("matchscore"), default=0)
    reasons = models.JSONField(_("redenen"), default=list, blank=True)
    rejection_reason = models.CharField(
        _("reden afwijzing"), max_length=20, choices=RejectionReason.choices, blank=True
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    proposed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="proposals_made"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="proposals"
    )
    proposed_date = models.DateField(_("voorgesteld op"))
    interview_date = models.DateField(_("gesprek op"), null=True, blank=True)
    decided_date = models.DateField(_("besloten op"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_date", "-id"]
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "traject"], name="one_proposal_per_vacancy_traject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.vacancy_id}"


class Placement(models.Model):
    """A hire: links the proposal, the vacancy and the traject's outcome work."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, related_name="placement"
    )
    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="placements"
    )
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.PROTECT, related_name="placements"
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="placements"
    )
    hours_per_week = models.DecimalField(
        _("uren per week"), max_digits=4, decimal_places=1
    )
    start_date = models.DateField(_("startdatum"))
    placed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="placements"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")

    def __str__(self) -> str:
        return f"{self.employer} ({self.start_date})"
