"""OpenID Connect identity providers, set up by the functional admin.

One provider logs clients in (DigiD through the municipality's broker); every
organisation may have one provider for its staff (Entra ID, ADFS, Keycloak).
The client secret is stored encrypted (see ``secrets.py``); the endpoints are
filled from the provider's discovery document (see ``providers.py``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .assurance import AssuranceLevel
from .secrets import decrypt_secret, encrypt_secret


class ProviderPurpose(models.TextChoices):
    CLIENTS = "clients", _("Inwoners (DigiD via de broker van de gemeente)")
    STAFF = "staff", _("Medewerkers van één organisatie")


class UserField(models.TextChoices):
    EMAIL = "email", _("E-mailadres")
    USERNAME = "username", _("Gebruikersnaam")


class IdentityProvider(models.Model):
    """Where maxww sends someone to log in, and how it reads the answer."""

    name = models.CharField(
        _("naam"),
        max_length=100,
        help_text=_("Op de inlogknop: 'Inloggen met …', bv. DigiD of UWV-account."),
    )
    slug = models.SlugField(
        _("korte naam"), unique=True, help_text=_("In het adres van de inlogknop.")
    )
    purpose = models.CharField(_("voor"), max_length=10, choices=ProviderPurpose)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="identity_providers",
        verbose_name=_("organisatie"),
        help_text=_("Voor medewerkers: de organisatie van wie deze provider is."),
    )
    discovery_url = models.URLField(
        _("discovery-URL"),
        max_length=500,
        help_text=_(
            "Het adres van het discovery-document, eindigend op "
            "/.well-known/openid-configuration. maxww haalt het op bij opslaan."
        ),
    )
    client_id = models.CharField(_("client-ID"), max_length=255)
    client_secret_encrypted = models.TextField(editable=False, default="")
    scopes = models.CharField(
        _("scopes"), max_length=255, default="openid", help_text=_("Met spaties.")
    )
    claim = models.CharField(
        _("claim"),
        max_length=100,
        help_text=_(
            "Inwoners: de claim met het BSN (bv. bsn). Medewerkers: de claim "
            "die bij een bestaand account hoort (bv. email)."
        ),
    )
    user_field = models.CharField(
        _("koppelen aan"),
        max_length=10,
        choices=UserField,
        default=UserField.EMAIL,
        help_text=_("Medewerkers: het veld van het maxww-account dat de claim bevat."),
    )
    minimum_assurance = models.CharField(
        _("minimaal betrouwbaarheidsniveau"),
        max_length=15,
        choices=AssuranceLevel,
        default=AssuranceLevel.MIDDEN,
        help_text=_("Inwoners: lager dan dit niveau (de acr-claim) wordt geweigerd."),
    )
    mfa_by_provider = models.BooleanField(
        _("provider dwingt tweede factor af"),
        default=False,
        help_text=_(
            "Medewerkers: sla de maxww-code over, ook als de provider dat niet in "
            "de amr-claim meldt. Alleen aanzetten als de provider dat echt doet."
        ),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    # Filled from the discovery document.
    issuer = models.URLField(_("issuer"), max_length=500, blank=True)
    authorization_endpoint = models.URLField(max_length=500, blank=True)
    token_endpoint = models.URLField(max_length=500, blank=True)
    userinfo_endpoint = models.URLField(max_length=500, blank=True)
    jwks_uri = models.URLField(max_length=500, blank=True)
    end_session_endpoint = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["purpose", "name"]
        verbose_name = _("identity provider (OpenID Connect)")
        verbose_name_plural = _("identity providers (OpenID Connect)")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(purpose="staff"),
                name="one_staff_provider_per_organisation",
                violation_error_message=_(
                    "Deze organisatie heeft al een provider voor medewerkers."
                ),
            ),
            models.UniqueConstraint(
                fields=["purpose"],
                condition=Q(purpose="clients", is_active=True),
                name="one_active_client_provider",
                violation_error_message=_(
                    "Er is al een actieve provider voor inwoners; zet die eerst uit."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.purpose == ProviderPurpose.STAFF and not self.organisation_id:
            raise ValidationError(
                {
                    "organisation": _(
                        "Een provider voor medewerkers hoort bij een organisatie."
                    )
                }
            )

    @property
    def client_secret(self) -> str:
        return decrypt_secret(self.client_secret_encrypted)

    @client_secret.setter
    def client_secret(self, value: str) -> None:
        self.client_secret_encrypted = encrypt_secret(value)
