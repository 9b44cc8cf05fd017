"""Portal limits and choices."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# CV uploads: PDF or Word, at most 5 MB.
CV_EXTENSIONS = ("pdf", "docx")
CV_MAX_BYTES = 5 * 1024 * 1024
# Magic bytes per extension, so a renamed executable is refused.
CV_SIGNATURES = {"pdf": b"%PDF", "docx": b"PK\x03\x04"}


def validate_cv_size(file) -> None:
    if file.size > CV_MAX_BYTES:
        raise ValidationError(
            _("Het bestand is te groot. Het mag maximaal 5 MB zijn."), code="too_big"
        )


class CheckHousehold(models.TextChoices):
    """Household in plain words; values are the rules engine's."""

    SINGLE = "single", _("Ik woon alleen (of met anderen, zonder partner)")
    COUPLE = "couple", _("Ik woon samen met een partner of ben getrouwd")
    SINGLE_PARENT = (
        "single_parent",
        _("Ik heb geen partner en zorg voor mijn kind(eren)"),
    )
