"""Choices for screening: windows, target groups, pre-check, import and selection."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Window(models.TextChoices):
    """Where a claim stands relative to its last WW day (T)."""

    BEFORE = "before", _("Nog niet in beeld")
    SCREENING = "screening", _("Screening")
    INVITATION = "invitation", _("Uitnodigen")
    COACHING = "coaching", _("Intensieve begeleiding")
    FOLLOW_UP = "follow_up", _("Opvolging")
    DOCUMENTATION = "documentation", _("Vastleggen")
    ENDED = "ended", _("WW beëindigd")


# Windows in which a person is "in the cohort" (between T-screening and T).
ACTIVE_WINDOWS = (
    Window.SCREENING,
    Window.INVITATION,
    Window.COACHING,
    Window.FOLLOW_UP,
    Window.DOCUMENTATION,
)


class TargetGroup(models.TextChoices):
    SHORT_WW = "short_ww", _("Korte WW (≤ 3 maanden)")
    LONG_WW = "long_ww", _("Lange WW")
    YOUTH = "youth", _("Jongere (< 27)")
    OLDER = "older", _("55-plus")
    DOELGROEPREGISTER = "doelgroepregister", _("Doelgroepregister")
    FLEX = "flex", _("Flexwerker")
    FORMER_SELF_EMPLOYED = "former_self_employed", _("Voormalig zelfstandige")


class PreCheck(models.TextChoices):
    """Indicative bijstand pre-check: never a decision."""

    LIKELY = "likely", _("Waarschijnlijk recht")
    UNLIKELY = "unlikely", _("Waarschijnlijk geen recht")
    UNKNOWN = "unknown", _("Onbekend")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Afgekeurd")


class SelectionStatus(models.TextChoices):
    OPEN = "open", _("Geselecteerd, nog niet uitgenodigd")
    INVITED = "invited", _("Uitgenodigd")
    DECLINED = "declined", _("Afgezien")


# Roles that screen cohorts and select people for voorlichting.
