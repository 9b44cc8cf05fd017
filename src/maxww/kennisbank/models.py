"""Instruments (Baanbonus, proefplaatsing, …) and their use in a traject."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maxww.organisations.models import Region
from maxww.people.models import Person

from .constants import CostUnit, Funder, Phase, TargetGroup
from .query import InstrumentQuerySet


class Instrument(models.Model):
    """A measure that helps someone from WW or bijstand to work.

    ``regions`` empty means the instrument is national. ``target_groups`` is a
    comma-delimited list of TargetGroup values (",youth,older,") so that it can
    be filtered with one LIKE on SQLite and PostgreSQL alike.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=120, unique=True)
    description = models.TextField(_("omschrijving"))
    conditions = models.TextField(_("voorwaarden"), blank=True)
    amount = models.DecimalField(
        _("bedrag"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    cost_unit = models.CharField(
        _("eenheid"), max_length=20, choices=CostUnit.choices, default=CostUnit.ONCE
    )
    max_units = models.PositiveIntegerField(
        _("maximaal aantal eenheden"),
        null=True,
        blank=True,
        help_text=_("Bijvoorbeeld 500 uur bij de Uitzendeuro."),
    )
    funder = models.CharField(_("financier"), max_length=20, choices=Funder.choices)
    phase = models.CharField(_("fase"), max_length=10, choices=Phase.choices)
    regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="instruments",
        verbose_name=_("regio's"),
        help_text=_("Leeg betekent: landelijk beschikbaar."),
    )
    target_groups = models.CharField(
        _("doelgroepen"), max_length=200, default=",all,", blank=True
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    source = models.CharField(
        _("bron"),
        max_length=300,
        blank=True,
        help_text=_("Vindplaats of bronvermelding, bv. '001 §3.3'."),
    )
    is_active = models.BooleanField(_("actief"), default=True)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")

    def __str__(self) -> str:
        return self.name

    @property
    def target_group_list(self) -> list[str]:
        return [g for g in self.target_groups.split(",") if g]

    @target_group_list.setter
    def target_group_list(self, groups: list[str]) -> None:
        self.target_groups = "," + ",".join(groups) + "," if groups else ",all,"

    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels.get(g, g)) for g in self.target_group_list]


class InstrumentUse(models.Model):
    """One use of an instrument for one person, with its cost (for monitoring)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        related_name="uses",
        verbose_name=_("instrument"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="instrument_uses",
        verbose_name=_("persoon"),
    )
    traject = models.ForeignKey(
        "trajects.Traject",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instrument_uses",
        verbose_name=_("traject"),
    )
    cost = models.DecimalField(_("kosten"), max_digits=9, decimal_places=2)
    used_on = models.DateField(_("datum"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-used_on"]
        verbose_name = _("inzet instrument")
        verbose_name_plural = _("inzet instrumenten")

    def __str__(self) -> str:
        return f"{self.instrument} ({self.used_on})"
