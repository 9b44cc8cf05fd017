"""Choices for handovers, bijstand applications, gatekeeper checks and routes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The dossier document and the signed package that carries it.
DOSSIER_FORMAT = "maxww-handover"
DOSSIER_VERSION = "1.0"
PACKAGE_FORMAT = "maxww-handover-package"
PACKAGE_VERSION = "1.0"
PACKAGE_SUFFIX = ".maxww-handover.json"
# How long an exported package may be imported.
PACKAGE_VALID_DAYS = 30
# Working days the gatekeeper has for each check (48 working hours, 24 per day).
CHECK_WORKING_DAYS = 2


class HandoverStatus(models.TextChoices):
    SENT = "sent", _("Verstuurd")
    RECEIVED = "received", _("Ontvangen")
    ACCEPTED = "accepted", _("Aanvraag geregistreerd")


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    CHECKING = "checking", _("In controle")
    ROUTE_CHOSEN = "route_chosen", _("Route gekozen")
    DECIDED = "decided", _("Besloten")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


OPEN_APPLICATION_STATUSES = (
    ApplicationStatus.RECEIVED,
    ApplicationStatus.CHECKING,
    ApplicationStatus.ROUTE_CHOSEN,
)


class ApplicationSource(models.TextChoices):
    HANDOVER = "handover", _("Warme overdracht")
    FRESH = "fresh", _("Nieuwe aanvraag")


class CheckKind(models.TextChoices):
    IDENTITY = "identity", _("Identiteit")
    RESIDENCE = "residence", _("Woonadres")
    INCOME = "income", _("Inkomen")
    ASSETS = "assets", _("Vermogen")
    HOUSEHOLD = "household", _("Leefvorm en kostendelers")


class CheckStatus(models.TextChoices):
    OPEN = "open", _("Open")
    OK = "ok", _("In orde")
    PROBLEM = "problem", _("Probleem")


class Route(models.TextChoices):
    WORK = "arbeidsmarkt", _("Arbeidsmarkt (werk)")
    PARTICIPATION = "participatie", _("Participatie en activering")
    CARE = "zorg", _("Zorg")


class TimeToWork(models.TextChoices):
    WITHIN_3_MONTHS = "within_3_months", _("Binnen 3 maanden")
    WITHIN_1_YEAR = "within_1_year", _("Binnen 1 jaar")
    LONGER = "longer", _("Langer dan 1 jaar")


class Motivation(models.TextChoices):
    HIGH = "high", _("Hoog")
    MEDIUM = "medium", _("Gemiddeld")
    LOW = "low", _("Laag")


class Barrier(models.TextChoices):
    LANGUAGE = "language", _("Taal")
    HEALTH = "health", _("Gezondheid")
    DEBTS = "debts", _("Schulden")
    CHILDCARE = "childcare", _("Kinderopvang")
    TRANSPORT = "transport", _("Vervoer")
    HOUSING = "housing", _("Huisvesting")
