"""Choices for instruments in the kennisbank."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Funder(models.TextChoices):
    UWV = "uwv", _("UWV")
    MUNICIPALITY = "municipality", _("Gemeente")
    OTHER = "other", _("Anders (werkgever, fonds, rijk)")


class Phase(models.TextChoices):
    """Where an instrument can be used: during WW, in bijstand, or both."""

    WW = "ww", _("WW-fase")
    BIJSTAND = "bijstand", _("Bijstand")
    BOTH = "both", _("WW en bijstand")


class CostUnit(models.TextChoices):
    ONCE = "once", _("eenmalig")
    PER_PLACEMENT = "per_placement", _("per plaatsing")
    PER_HOUR = "per_hour", _("per uur")
    PER_MONTH = "per_month", _("per maand")
    PER_PERSON = "per_person", _("per deelnemer")
    NONE = "none", _("geen kosten")


class TargetGroup(models.TextChoices):
    """Target groups named in domain.md §8."""

    ALL = "all", _("Iedereen")
    LONG_WW = "long_ww", _("Lange WW / Max-WW")
    SHORT_WW = "short_ww", _("Kort-WW")
    YOUTH = "youth", _("Jongeren tot 27")
    OLDER = "older", _("55-plussers")
    DISABILITY = "disability", _("Arbeidsbeperking / doelgroepregister")
    FLEX = "flex", _("Flexwerkers")
    SELF_EMPLOYED = "self_employed", _("Voormalig zzp'ers")
