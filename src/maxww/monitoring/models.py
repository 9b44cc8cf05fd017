"""Monthly aggregates of the funnel, refreshed by a task (no personal data)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from maxww.organisations.models import Municipality


class MonthlyAggregate(models.Model):
    """Funnel counts of WW claims ending in one month in one municipality.

    ``target_group`` is empty for all claims, else one screening target-group
    code. Refreshed as a whole by ``services.refresh_aggregates`` (nightly task,
    demo load, ``maxww monitoring refresh``); the dashboard reads history from
    here so it stays fast with millions of claims.
    """

    month = models.DateField(_("maand"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+"
    )
    target_group = models.CharField(_("doelgroep"), max_length=30, blank=True)
    ww_ends = models.PositiveIntegerField(default=0)
    known_outcome = models.PositiveIntegerField(default=0)
    screened = models.PositiveIntegerField(default=0)
    invited = models.PositiveIntegerField(default=0)
    attended = models.PositiveIntegerField(default=0)
    coached = models.PositiveIntegerField(default=0)
    placed = models.PositiveIntegerField(default=0)
    to_work = models.PositiveIntegerField(default=0)
    to_bijstand = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("maandcijfer")
        verbose_name_plural = _("maandcijfers")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "municipality", "target_group"],
                name="one_aggregate_per_month_area_group",
            )
        ]
        indexes = [models.Index(fields=["target_group", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.municipality_id} {self.target_group}"


class MonthlyForecast(models.Model):
    """A stored forecast cell: expected bijstand inflow in one month, one area.

    ``kind`` is ``forecast`` (made on ``made_on`` for the coming 12 months) or
    ``backtest`` (made 12 months earlier, with ``actual`` filled in).
    """

    kind = models.CharField(max_length=10)
    made_on = models.DateField()
    month = models.DateField()
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+"
    )
    claims = models.PositiveIntegerField(default=0)
    scored = models.PositiveIntegerField(default=0)
    mean = models.FloatField(default=0.0)
    variance = models.FloatField(default=0.0)
    rate_sd = models.FloatField(default=0.0)
    calibration = models.FloatField(default=1.0)
    actual = models.PositiveIntegerField(null=True, blank=True)
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("prognosecel")
        verbose_name_plural = _("prognosecellen")
        indexes = [models.Index(fields=["kind", "municipality"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.month:%Y-%m} {self.municipality_id}"
