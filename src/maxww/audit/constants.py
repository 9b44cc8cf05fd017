"""Audit event names (snake_case, past tense) and legal bases."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEWED = "viewed", _("bekeken")
    LISTED = "listed", _("in lijst getoond")
    EXPORTED = "exported", _("geëxporteerd")
    PRINTED = "printed", _("afgedrukt")
    CREATED = "created", _("aangemaakt")
    CHANGED = "changed", _("gewijzigd")
    DELETED = "deleted", _("verwijderd")
    PSEUDONYMISED = "pseudonymised", _("gepseudonimiseerd")
    SENT = "sent", _("verstuurd")
    RECEIVED = "received", _("ontvangen")


class LegalBasis(models.TextChoices):
    """Why a user may see a person (architecture: the central privacy rule)."""

    CASELOAD = "caseload", _("eigen caseload")
    CONSENT = "consent", _("toestemming")
    APPLICATION = "application", _("bijstandsaanvraag")
    SELF = "self", _("eigen gegevens")
    AGGREGATE = "aggregate", _("geaggregeerd, geen persoon")
    ADMIN = "admin", _("beheer")
