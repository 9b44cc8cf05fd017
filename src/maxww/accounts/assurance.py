"""DigiD assurance levels (betrouwbaarheidsniveaus) as a broker passes them in acr.

DigiD has four levels, lowest first: Basis, Midden, Substantieel and Hoog
(VNG, "DigiD Laag", https://vng.nl/artikelen/digid-laag). Brokers pass the
level in the ``acr`` claim, either as the SAML AuthnContextClassRef DigiD uses
or as the plain name; both are understood here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssuranceLevel(models.TextChoices):
    BASIS = "basis", _("DigiD Basis")
    MIDDEN = "midden", _("DigiD Midden")
    SUBSTANTIEEL = "substantieel", _("DigiD Substantieel")
    HOOG = "hoog", _("DigiD Hoog")


_SAML = "urn:oasis:names:tc:SAML:2.0:ac:classes:"
# The acr values per level, lowest level first.
ACR_VALUES: dict[str, tuple[str, ...]] = {
    AssuranceLevel.BASIS: ("basis", _SAML + "PasswordProtectedTransport"),
    AssuranceLevel.MIDDEN: ("midden", _SAML + "MobileTwoFactorContract"),
    AssuranceLevel.SUBSTANTIEEL: ("substantieel", _SAML + "Smartcard"),
    AssuranceLevel.HOOG: ("hoog", _SAML + "SmartcardPKI"),
}
_RANK = {level: rank for rank, level in enumerate(ACR_VALUES)}


def level_for(acr: str | None) -> AssuranceLevel | None:
    """The level an ``acr`` value stands for, or None when unknown."""
    value = (acr or "").strip().lower()
    for level, values in ACR_VALUES.items():
        if value in (v.lower() for v in values):
            return AssuranceLevel(level)
    return None


def meets(acr: str | None, minimum: str) -> bool:
    """True when ``acr`` is at least the ``minimum`` level (unknown is too low)."""
    level = level_for(acr)
    return level is not None and _RANK[level] >= _RANK[AssuranceLevel(minimum)]


def acr_values_from(minimum: str) -> str:
    """The ``acr_values`` request parameter: every level from ``minimum`` up."""
    return " ".join(
        values[1] for level, values in ACR_VALUES.items() if meets(level, minimum)
    )
