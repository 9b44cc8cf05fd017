"""Filters shared by the API's filtersets."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import django_filters

_TRUE = {"true", "1"}
_FALSE = {"false", "0"}


class StrictBooleanField(forms.NullBooleanField):
    """``true``/``false`` (or 1/0); anything else is invalid, not "no filter"."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValidationError(_("Kies true of false."), code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    """A boolean query filter that answers 400 to ``?mine=yes`` instead of ignoring it."""

    field_class = StrictBooleanField
