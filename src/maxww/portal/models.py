"""What the portal stores itself: a client's CV and checks they chose to keep."""

from __future__ import annotations

import uuid

from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from maxww.people.models import Person

from .constants import CV_EXTENSIONS, validate_cv_size


def _cv_path(instance: CurriculumVitae, filename: str) -> str:
    """Store under a random name: the original file name may hold the person's name."""
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"cv/{instance.uuid}.{extension}"


class CurriculumVitae(models.Model):
    """A CV the client uploaded; the newest one counts, older ones are kept."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cvs")
    file = models.FileField(
        _("bestand"),
        upload_to=_cv_path,
        validators=[FileExtensionValidator(CV_EXTENSIONS), validate_cv_size],
    )
    original_name = models.CharField(_("oorspronkelijke naam"), max_length=150)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("cv")
        verbose_name_plural = _("cv's")

    def __str__(self) -> str:
        return f"cv {self.uuid}"


class SavedCheck(models.Model):
    """An indicative bijstand check a logged-in client chose to keep."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="saved_checks"
    )
    answers = models.JSONField(_("antwoorden"))
    result = models.JSONField(_("uitkomst"))
    saved_at = models.DateTimeField(_("bewaard op"), auto_now_add=True)

    class Meta:
        ordering = ["-saved_at", "-id"]
        verbose_name = _("bewaarde check")
        verbose_name_plural = _("bewaarde checks")

    def __str__(self) -> str:
        return f"check {self.uuid}"
