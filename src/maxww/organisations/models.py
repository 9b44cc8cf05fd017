"""Regions, municipalities, organisations, users with roles and regional settings."""

from itertools import pairwise

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import OrganisationKind, ProcessStep, Role, SessionTone

cbs_municipality_code = RegexValidator(
    r"^GM\d{4}$", _("Een CBS-gemeentecode is 'GM' gevolgd door vier cijfers.")
)
cbs_region_code = RegexValidator(
    r"^AM\d{2}$", _("Een arbeidsmarktregiocode is 'AM' gevolgd door twee cijfers.")
)


class Region(models.Model):
    """An arbeidsmarktregio (one of the 35 labour-market regions)."""

    code = models.CharField(
        _("code"), max_length=4, unique=True, validators=[cbs_region_code]
    )
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("arbeidsmarktregio")
        verbose_name_plural = _("arbeidsmarktregio's")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality by its CBS code, belonging to one labour-market region."""

    code = models.CharField(
        _("CBS-code"), max_length=6, unique=True, validators=[cbs_municipality_code]
    )
    name = models.CharField(_("naam"), max_length=100)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("regio"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """An organisation that uses maxww: UWV office, municipality, WSP, partner."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("regio"),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="organisations",
        verbose_name=_("werkgebied (gemeenten)"),
        help_text=_("Gemeenten waarvoor deze organisatie werkt."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("moederorganisatie"),
        help_text=_(
            "Bij detachering: de organisatie waar iemand formeel in dienst is."
        ),
    )
    uwv_access_enabled = models.BooleanField(
        _("toegang tot UWV-gegevens"),
        default=True,
        help_text=_("Uitzetten sluit deze organisatie direct af van UWV-gegevens."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    # Sender block and contact details of the letters this organisation sends.
    letter_sender = models.TextField(
        _("afzender in brieven"),
        blank=True,
        max_length=300,
        help_text=_("Naam en postadres, één regel per regel, bv. Postbus 123."),
    )
    letter_place = models.CharField(
        _("plaats in brieven"),
        max_length=80,
        blank=True,
        help_text=_("De plaats boven de brief: 'Dordrecht, 3 december 2026'."),
    )
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(
        _("bereikbaar"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld: maandag t/m vrijdag van 9.00 tot 17.00 uur."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member: one organisation, one role."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, blank=True)
    sector_specialisation = models.CharField(
        _("sectorspecialisatie"),
        max_length=50,
        blank=True,
        help_text=_("Voor coaches: bv. techniek, administratief, zorg."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        """The name a colleague knows, not the login name (dropdowns, lists)."""
        return self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        if self.role and not self.organisation_id:
            raise ValidationError(
                {
                    "organisation": _(
                        "Een gebruiker met een rol hoort bij een organisatie."
                    )
                }
            )

    @property
    def region(self) -> Region | None:
        return self.organisation.region if self.organisation_id else None


def _default_steps() -> list[str]:
    return [s.value for s in ProcessStep]


def months_before_end(label: str, default: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
        help_text=_("Aantal maanden vóór de laatste WW-dag."),
    )


class RegionalConfig(models.Model):
    """How one region runs the Max-WW process: windows, tone, steps.

    Windows count back from the last day of WW (T): a person enters the
    screening window at T-``screening_months`` and so on (Bossche model: 7/6/3/2/1).
    """

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="config", verbose_name=_("regio")
    )
    screening_months = months_before_end(_("screening vanaf"), 7)
    invitation_months = months_before_end(_("uitnodigen vanaf"), 6)
    coaching_months = months_before_end(_("intensieve begeleiding vanaf"), 3)
    follow_up_months = months_before_end(_("opvolging vanaf"), 2)
    documentation_months = months_before_end(_("vastleggen vanaf"), 1)
    session_tone = models.CharField(
        _("toon voorlichting"),
        max_length=10,
        choices=SessionTone.choices,
        default=SessionTone.OPEN,
    )
    coaching_weeks = models.PositiveSmallIntegerField(
        _("duur begeleiding (weken)"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    enabled_steps = models.JSONField(
        _("ingeschakelde stappen"), default=_default_steps, blank=True
    )
    no_show_escalation_after = models.PositiveSmallIntegerField(
        _("escalatie na aantal keer niet verschenen"), default=2
    )
    sector_specialisations = models.JSONField(
        _("sectorspecialisaties coaches"),
        default=list,
        blank=True,
        help_text=_('Bijvoorbeeld ["techniek", "administratief", "zorg"].'),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("bewaartermijn (maanden)"), default=24
    )
    consent_recipients = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("ontvangers van toestemming"),
        help_text=_(
            "Organisaties van deze regio waaraan een inwoner toestemming kan geven. "
            "Leeg: elke actieve organisatie van de regio."
        ),
    )
    agreements = models.TextField(
        _("afspraken en contactpersonen"),
        blank=True,
        help_text=_("Samenwerkingsafspraken en vaste contactpersonen bij de partners."),
    )

    class Meta:
        verbose_name = _("regionale instelling")
        verbose_name_plural = _("regionale instellingen")

    def __str__(self) -> str:
        return f"{self.region}"

    def clean(self) -> None:
        super().clean()
        windows = [
            self.screening_months,
            self.invitation_months,
            self.coaching_months,
            self.follow_up_months,
            self.documentation_months,
        ]
        if any(a < b for a, b in pairwise(windows)):
            raise ValidationError(
                _(
                    "De vensters moeten aflopen: screening ≥ uitnodigen ≥ begeleiding ≥ opvolging ≥ vastleggen."
                )
            )
        unknown = set(self.enabled_steps or []) - {s.value for s in ProcessStep}
        if unknown:
            raise ValidationError(
                {"enabled_steps": _("Onbekende stap: %s") % ", ".join(sorted(unknown))}
            )

    def windows(self) -> list[tuple[str, int]]:
        """The enabled windows as (step, months before end), earliest first."""
        all_windows = [
            (ProcessStep.SCREENING.value, self.screening_months),
            (ProcessStep.INVITATION.value, self.invitation_months),
            (ProcessStep.COACHING.value, self.coaching_months),
            (ProcessStep.FOLLOW_UP.value, self.follow_up_months),
            (ProcessStep.DOCUMENTATION.value, self.documentation_months),
        ]
        enabled = set(self.enabled_steps or [])
        return [(step, months) for step, months in all_windows if step in enabled]


class RegionalConfigChange(models.Model):
    """One save of a region's configuration: who, when, and old → new per field."""

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="config_changes",
        verbose_name=_("regio"),
    )
    changed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)
    changes = models.JSONField(
        _("wijzigingen"), help_text=_("Per veld: [oude waarde, nieuwe waarde].")
    )

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("wijziging regionale instelling")
        verbose_name_plural = _("wijzigingen regionale instellingen")

    def __str__(self) -> str:
        return f"{self.region} {self.changed_at:%Y-%m-%d}"
