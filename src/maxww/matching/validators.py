"""Validators shared by forms, serializers and the import."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_KVK = re.compile(r"^\d{8}$")
_POSTCODE = re.compile(r"^[1-9]\d{3}\s?[A-Za-z]{2}$|^[1-9]\d{3}$")


def normalise_kvk(value: str) -> str:
    """Strip spaces and dots from a KvK number ("12 34 56 78" → "12345678")."""
    return re.sub(r"[\s.\-]", "", value or "")


def validate_kvk(value: str) -> None:
    """A KvK number has exactly eight digits; there is no check digit.

    (python-stdnum has no ``nl.kvk`` module in the locked version, and the
    KvK publishes no checksum, so format is all that can be checked offline.)
    """
    if not _KVK.match(normalise_kvk(value)):
        raise ValidationError(
            _("Een KvK-nummer bestaat uit precies 8 cijfers."), code="kvk"
        )


def normalise_postcode(value: str) -> str:
    """Upper case without space: "3311 ab" → "3311AB"."""
    return re.sub(r"\s", "", value or "").upper()


def validate_postcode(value: str) -> None:
    if value and not _POSTCODE.match(value.strip()):
        raise ValidationError(
            _("Vul een postcode in zoals 3311 AB (of alleen de 4 cijfers)."),
            code="postcode",
        )
