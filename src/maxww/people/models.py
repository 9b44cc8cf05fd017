"""The person (pseudonymised), household facts, WW claims and access grants."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maxww.core.validators import HOUSE_NUMBER_ADDITION_MAX, STREET_MAX, TOWN_MAX
from maxww.organisations.models import Municipality, Organisation

from .constants import (
    ClaimStatus,
    EducationLevel,
    EndReason,
    GrantBasis,
    HouseholdType,
    WerkverkennerOutcome,
)
from .query import PersonQuerySet


class Person(models.Model):
    """Someone in or near the end of WW. The BSN is hashed for look-up and
    encrypted for display; it is never a key and never logged."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Unique through Meta.constraints: a plain unique index, without the
    # ``varchar_pattern_ops`` copy Django adds for ``unique=True`` (never used).
    bsn_hash = models.CharField(max_length=64, editable=False)
    bsn_encrypted = models.TextField(editable=False)
    initials = models.CharField(_("voorletters"), max_length=20, blank=True)
    first_name = models.CharField(_("roepnaam"), max_length=80, blank=True)
    surname_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=120)
    birth_date = models.DateField(_("geboortedatum"))
    street = models.CharField(_("straat"), max_length=STREET_MAX, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=10, blank=True)
    house_number_addition = models.CharField(
        _("toevoeging"), max_length=HOUSE_NUMBER_ADDITION_MAX, blank=True
    )
    town = models.CharField(_("woonplaats"), max_length=TOWN_MAX, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("gemeente"),
        db_index=False,  # (municipality, last_name) below serves it
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_people",
        verbose_name=_("bronhouder"),
        help_text=_("De organisatie die deze gegevens aanleverde (meestal UWV)."),
    )
    portal_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("portaalaccount"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        indexes = [models.Index(fields=["municipality", "last_name"])]
        constraints = [
            models.UniqueConstraint(fields=["bsn_hash"], name="person_bsn_hash_unique")
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        first = self.first_name or self.initials
        return " ".join(p for p in (first, self.surname_prefix, self.last_name) if p)

    @property
    def sort_name(self) -> str:
        """Listed the Dutch way: 'Berg, Jan van den' (sorted on the surname)."""
        rest = " ".join(
            p for p in (self.first_name or self.initials, self.surname_prefix) if p
        )
        return f"{self.last_name}, {rest}" if rest else self.last_name

    def missing_address(self) -> list[str]:
        """The parts of the postal address still empty (Dutch labels), for follow-up."""
        parts = (
            ("street", _("straat")),
            ("house_number", _("huisnummer")),
            ("postcode", _("postcode")),
            ("town", _("woonplaats")),
        )
        return [str(label) for name, label in parts if not getattr(self, name)]

    @property
    def address_lines(self) -> tuple[str, str]:
        """Street line and postcode line as a Dutch envelope shows them."""
        number = f"{self.house_number}" + (
            f"-{self.house_number_addition}" if self.house_number_addition else ""
        )
        pc = self.postcode
        pc = f"{pc[:4]} {pc[4:]}" if len(pc) == 6 else pc
        return f"{self.street} {number}".strip(), f"{pc}  {self.town.upper()}".strip()

    def age_on(self, on) -> int:
        years = on.year - self.birth_date.year
        return years - (
            (on.month, on.day) < (self.birth_date.month, self.birth_date.day)
        )


class Household(models.Model):
    """What is known of the household; partial knowledge is normal before consent."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="household"
    )
    household_type = models.CharField(
        _("leefvorm"),
        max_length=20,
        choices=HouseholdType.choices,
        default=HouseholdType.UNKNOWN,
    )
    partner_birth_date = models.DateField(
        _("geboortedatum partner"), null=True, blank=True
    )
    partner_net_monthly_income = models.DecimalField(
        _("netto maandinkomen partner"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
    )
    co_residents_27_plus = models.PositiveSmallIntegerField(
        _("medebewoners van 27 jaar of ouder"),
        null=True,
        blank=True,
        help_text=_("Anderen dan aanvrager en partner die als kostendeler tellen."),
    )
    children = models.PositiveSmallIntegerField(_("kinderen"), null=True, blank=True)
    assets = models.DecimalField(
        _("vermogen"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    debts = models.DecimalField(
        _("schulden"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    home_equity = models.DecimalField(
        _("overwaarde eigen woning"),
        max_digits=11,
        decimal_places=2,
        null=True,
        blank=True,
    )
    known_on = models.DateField(_("bekend per"), null=True, blank=True)

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self) -> str:
        return f"{self.get_household_type_display()}"


class WWClaim(models.Model):
    """One WW benefit as UWV reports it; newer extracts update it in place."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="claims")
    claim_ref = models.CharField(_("uitkeringsnummer UWV"), max_length=40)
    start_date = models.DateField(_("eerste WW-dag"))
    max_end_date = models.DateField(_("laatste WW-dag (maximaal)"), db_index=True)
    daily_wage = models.DecimalField(_("dagloon"), max_digits=8, decimal_places=2)
    hours_lost = models.DecimalField(
        _("verloren uren per week"), max_digits=4, decimal_places=1
    )
    occupation_code = models.CharField(_("beroepscode"), max_length=10, blank=True)
    occupation = models.CharField(_("beroep"), max_length=120, blank=True)
    sector = models.CharField(_("sector"), max_length=80, blank=True)
    education_level = models.CharField(
        _("opleidingsniveau"),
        max_length=10,
        choices=EducationLevel.choices,
        default=EducationLevel.UNKNOWN,
    )
    werkverkenner = models.CharField(
        _("Werkverkenner"),
        max_length=10,
        choices=WerkverkennerOutcome.choices,
        default=WerkverkennerOutcome.UNKNOWN,
    )
    in_doelgroepregister = models.BooleanField(_("in doelgroepregister"), default=False)
    is_flex_worker = models.BooleanField(_("flexwerker"), default=False)
    was_self_employed = models.BooleanField(_("voormalig zzp'er"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ClaimStatus.choices,
        default=ClaimStatus.ACTIVE,
    )
    actual_end_date = models.DateField(_("werkelijke einddatum"), null=True, blank=True)
    end_reason = models.CharField(
        _("reden einde"), max_length=20, choices=EndReason.choices, blank=True
    )
    extract_date = models.DateField(_("peildatum bestand"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("WW-uitkering")
        verbose_name_plural = _("WW-uitkeringen")
        indexes = [models.Index(fields=["status", "max_end_date"])]
        constraints = [
            # Not ``unique=True``: that adds an unused ``varchar_pattern_ops`` index.
            models.UniqueConstraint(fields=["claim_ref"], name="claim_ref_unique")
        ]

    def __str__(self) -> str:
        return self.claim_ref

    @property
    def duration_months(self) -> int:
        delta = (self.max_end_date.year - self.start_date.year) * 12
        return delta + self.max_end_date.month - self.start_date.month


class AccessGrant(models.Model):
    """A legal basis for one organisation to see one person.

    This is the single source of truth for the central privacy rule: caseload
    (own file), consent (for this organisation and purpose) or a bijstand
    application there. Services create and revoke grants; revoking is immediate.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="grants")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="grants"
    )
    basis = models.CharField(_("grondslag"), max_length=20, choices=GrantBasis.choices)
    source = models.CharField(
        _("bron"),
        max_length=80,
        blank=True,
        help_text=_(
            "Waar de grondslag vandaan komt, bv. consent:<uuid> of import:<id>."
        ),
    )
    granted_at = models.DateTimeField(_("verleend op"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("grondslag voor inzage")
        verbose_name_plural = _("grondslagen voor inzage")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "basis", "source"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_grant_per_source",
            )
        ]
        indexes = [
            models.Index(
                fields=["organisation", "person"],
                condition=Q(revoked_at__isnull=True),
                name="active_grant_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.person_id} ({self.basis})"
