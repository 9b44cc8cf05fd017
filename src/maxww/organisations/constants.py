"""Choices for organisations and roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    UWV = "uwv", _("UWV-vestiging")
    MUNICIPALITY = "municipality", _("Gemeente")
    SHARED_SERVICE = "shared_service", _("Gemeenschappelijke dienst (ISD/GR)")
    WSP = "wsp", _("Werkgeversservicepunt")
    PARTNER = "partner", _("Partner (uitzendbureau, re-integratie)")


class Role(models.TextChoices):
    UWV_ADVISER = "uwv_adviser", _("Adviseur UWV")
    COORDINATOR = "coordinator", _("Coördinator Max-WW")
    COACH = "coach", _("Werkcoach")
    EMPLOYER_ADVISER = "employer_adviser", _("Accountmanager werkgevers")
    GATEKEEPER = "gatekeeper", _("Poortwachter")
    CASE_MANAGER = "case_manager", _("Klantmanager")
    MANAGER = "manager", _("Manager")
    ANALYST = "analyst", _("Analist")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functioneel beheerder")


# Who may do what with these roles: maxww.policy.rules (the only role lists).


class SessionTone(models.TextChoices):
    STRICT = "strict", _("Verplichtend (aanwezigheid verwacht)")
    OPEN = "open", _("Uitnodigend (vrijwillig)")


class ProcessStep(models.TextChoices):
    SCREENING = "screening", _("Screening")
    INVITATION = "invitation", _("Uitnodiging voorlichting")
    COACHING = "coaching", _("Intensieve begeleiding")
    FOLLOW_UP = "follow_up", _("Nazorg / opvolging")
    DOCUMENTATION = "documentation", _("Vastleggen resultaat")
    HANDOVER = "handover", _("Warme overdracht")
