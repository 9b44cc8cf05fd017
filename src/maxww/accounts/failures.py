"""Dutch texts for a refused OpenID Connect login, one per reason."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .assurance import AssuranceLevel


def message_for(reason: str, *, config=None, **details: Any) -> tuple[str, str]:
    """(title, text) for the failure page."""
    organisation = getattr(config, "organisation_name", "") or _("uw organisatie")
    if reason == "unknown_person":
        return _("U bent niet bekend bij Max-WW"), _(
            "U bent ingelogd met DigiD, maar Max-WW heeft geen gegevens van u. "
            "Daarom is er geen account voor u gemaakt. Krijgt u een WW-uitkering "
            "en heeft u een uitnodiging van ons gekregen? Bel dan het nummer in "
            "uw uitnodiging."
        )
    if reason == "assurance_too_low":
        minimum = AssuranceLevel(config.minimum_assurance).label
        used = details.get("level")
        used_text = AssuranceLevel(used).label if used else _("een onbekend niveau")
        return _("Inloggen met een hoger niveau nodig"), _(
            "U logde in met %(used)s. Voor Mijn Max-WW is minimaal %(minimum)s "
            "nodig, bijvoorbeeld met de DigiD app. Log opnieuw in."
        ) % {"used": used_text, "minimum": minimum}
    if reason == "unknown_staff":
        return _("Geen maxww-account gevonden"), _(
            "Bij %(organisation)s is geen maxww-account voor u bekend. De "
            "functioneel beheerder van uw organisatie maakt uw account en rol "
            "aan; daarna kunt u hier inloggen."
        ) % {"organisation": organisation}
    if reason == "expired":
        return _("Inloggen is verlopen"), _(
            "Het antwoord van de inlogdienst was al verlopen. Controleer of de "
            "klok van uw computer goed staat en probeer het opnieuw."
        )
    if reason in ("state", "no_login"):
        return _("Deze inlogpoging is niet geldig"), _(
            "Deze inlogpoging is verlopen of niet in deze browser gestart. "
            "Begin opnieuw met inloggen."
        )
    if reason == "cancelled":
        return _("Inloggen afgebroken"), _(
            "Het inloggen is afgebroken bij de inlogdienst. U bent niet ingelogd."
        )
    if reason == "provider_error":
        return _("De inlogdienst is niet bereikbaar"), _(
            "Maxww kon de inlogdienst niet bereiken. Probeer het over een paar "
            "minuten opnieuw."
        )
    return _("Inloggen is niet gelukt"), _(
        "Het antwoord van de inlogdienst kon niet worden gecontroleerd. "
        "Probeer het opnieuw."
    )
