"""A national batch run of the rules engine: the uploaded file, its progress, its result."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("afgekeurd")


class RuleBatch(models.Model):
    """One uploaded file of WW or bijstand cases, evaluated by the task worker.

    The input and the result live on disk (``MEDIA_ROOT/rules-batches/``), not in
    the database; ``errors`` holds the first row/field errors of a rejected file.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    law = models.CharField(_("wet"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus, default=BatchStatus.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    input_file = models.FileField(_("invoer"), upload_to="rules-batches/in/")
    output_format = models.CharField(_("uitvoerformaat"), max_length=10)
    output_file = models.FileField(
        _("uitvoer"), upload_to="rules-batches/out/", blank=True
    )
    rows_total = models.PositiveIntegerField(_("rijen"), default=0)
    rows_done = models.PositiveIntegerField(_("rijen klaar"), default=0)
    error_count = models.PositiveIntegerField(_("fouten"), default=0)
    errors = models.JSONField(_("eerste fouten"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rekenbatch")
        verbose_name_plural = _("rekenbatches")

    def __str__(self) -> str:
        return f"{self.law} {self.uuid}"
