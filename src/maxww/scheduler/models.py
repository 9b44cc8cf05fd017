"""One row per run of a scheduled job: when it was due, how it ended."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """A run of a job for one slot of its schedule; a slot runs at most once."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("Bezig")
        SUCCEEDED = "succeeded", _("Gelukt")
        FAILED = "failed", _("Mislukt")

    job = models.CharField(_("taak"), max_length=64)
    due_at = models.DateTimeField(_("gepland voor"))
    started_at = models.DateTimeField(_("gestart"))
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    outcome = models.CharField(
        _("uitkomst"), max_length=16, choices=Outcome.choices, default=Outcome.RUNNING
    )
    exit_code = models.SmallIntegerField(_("afsluitcode"), null=True, blank=True)
    output = models.TextField(_("uitvoer"), blank=True)
    host = models.CharField(_("proces"), max_length=128, blank=True)

    class Meta:
        verbose_name = _("run van een geplande taak")
        verbose_name_plural = _("runs van geplande taken")
        ordering = ["-due_at", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "due_at"], name="one_run_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.due_at:%Y-%m-%d %H:%M}"
