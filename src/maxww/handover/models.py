"""Handovers, signing keys, bijstand applications and the gatekeeper's checks."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maxww.core.validators import APPLICATION_DATE, RECEIVED_AT
from maxww.organisations.models import Organisation
from maxww.people.constants import HouseholdType
from maxww.people.models import Person

from .constants import (
    ApplicationSource,
    ApplicationStatus,
    CheckKind,
    CheckStatus,
    HandoverStatus,
    Route,
)

USER = settings.AUTH_USER_MODEL


def _money(label: str) -> models.DecimalField:
    return models.DecimalField(
        label, max_digits=11, decimal_places=2, default=0, blank=True
    )


class Handover(models.Model):
    """A dossier handed from a traject to a municipality, here or imported."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="handovers"
    )
    traject = models.ForeignKey(
        "trajects.Traject",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handovers",
        verbose_name=_("traject"),
        help_text=_("Leeg bij een overdracht uit een andere omgeving."),
    )
    from_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handovers_sent",
        verbose_name=_("van organisatie"),
    )
    from_name = models.CharField(_("van (naam)"), max_length=150)
    to_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="handovers_received",
        verbose_name=_("naar organisatie"),
    )
    document = models.JSONField(_("dossier"))
    version = models.CharField(_("versie dossierformaat"), max_length=10)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=HandoverStatus.choices,
        default=HandoverStatus.SENT,
    )
    planned_talk_at = models.DateTimeField(
        _("overdrachtsgesprek gepland op"), null=True, blank=True
    )
    notes = models.TextField(_("toelichting"), blank=True)
    package_id = models.UUIDField(
        _("pakket-id"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("Bij import: het pakket waarmee dit dossier binnenkwam."),
    )
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        indexes = [models.Index(fields=["to_organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.from_name} → {self.to_organisation} ({self.uuid})"


class OrganisationKey(models.Model):
    """This deployment's Ed25519 signing key for one organisation.

    The private key is stored encrypted (Fernet, key derived from
    FIELD_ENCRYPTION_KEY); the public key is given to the receiving side.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="signing_keys"
    )
    key_id = models.CharField(_("sleutel-id"), max_length=32, unique=True)
    public_key = models.CharField(_("publieke sleutel (base64)"), max_length=64)
    private_key_encrypted = models.TextField(editable=False)
    valid_from = models.DateTimeField(_("geldig vanaf"))
    expires_at = models.DateTimeField(_("verloopt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("ondertekeningssleutel")
        verbose_name_plural = _("ondertekeningssleutels")

    def __str__(self) -> str:
        return f"{self.organisation} {self.key_id}"


class TrustedKey(models.Model):
    """A public key of another deployment's organisation that we accept."""

    organisation_identifier = models.CharField(
        _("organisatie (naam of OIN)"), max_length=150
    )
    key_id = models.CharField(_("sleutel-id"), max_length=32, unique=True)
    public_key = models.CharField(_("publieke sleutel (base64)"), max_length=64)
    expires_at = models.DateTimeField(_("verloopt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation_identifier", "key_id"]
        verbose_name = _("vertrouwde sleutel")
        verbose_name_plural = _("vertrouwde sleutels")

    def __str__(self) -> str:
        return f"{self.organisation_identifier} {self.key_id}"


class BijstandApplication(models.Model):
    """A bijstand application at a municipality, with the facts as entered."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="bijstand_applications"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="bijstand_applications",
        verbose_name=_("gemeente / sociale dienst"),
    )
    handover = models.OneToOneField(
        Handover,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("overdracht"),
    )
    source = models.CharField(
        _("herkomst"), max_length=20, choices=ApplicationSource.choices
    )
    application_date = models.DateField(
        _("aanvraagdatum"), validators=[APPLICATION_DATE]
    )
    received_at = models.DateTimeField(_("ontvangen op"), validators=[RECEIVED_AT])
    household_type = models.CharField(
        _("leefvorm"),
        max_length=20,
        choices=HouseholdType.choices,
        default=HouseholdType.UNKNOWN,
    )
    partner_birth_date = models.DateField(
        _("geboortedatum partner"), null=True, blank=True
    )
    co_residents_27_plus = models.PositiveSmallIntegerField(
        _("medebewoners van 27 jaar of ouder"), default=0
    )
    has_children = models.BooleanField(_("kinderen in huis"), default=False)
    net_monthly_income = _money(_("netto maandinkomen (huishouden)"))
    assets = _money(_("bezittingen"))
    debts = _money(_("schulden"))
    home_equity = _money(_("overwaarde eigen woning"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
    )
    registered_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    case_manager = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bijstand_caseload",
        verbose_name=_("klantmanager"),
    )
    route = models.CharField(
        _("route"), max_length=20, choices=Route.choices, blank=True
    )
    route_reason = models.TextField(_("reden routekeuze"), blank=True)
    route_answers = models.JSONField(_("routegesprek"), default=dict, blank=True)
    route_chosen_at = models.DateTimeField(_("route gekozen op"), null=True, blank=True)
    route_chosen_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("bijstandsaanvraag")
        verbose_name_plural = _("bijstandsaanvragen")
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["case_manager", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.application_date} ({self.get_status_display()})"


class GatekeeperCheck(models.Model):
    """One check of the gatekeeper, due 48 working hours after receipt."""

    application = models.ForeignKey(
        BijstandApplication, on_delete=models.CASCADE, related_name="checks"
    )
    kind = models.CharField(_("controle"), max_length=20, choices=CheckKind.choices)
    deadline = models.DateTimeField(_("uiterlijk"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CheckStatus.choices,
        default=CheckStatus.OPEN,
    )
    note = models.TextField(_("notitie"), blank=True)
    done_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        ordering = ["application_id", "id"]
        verbose_name = _("poortwachterscontrole")
        verbose_name_plural = _("poortwachterscontroles")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"], name="one_check_per_kind"
            )
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_status_display()}"
