"""Errors and the moment helper shared by the traject service modules."""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone


class TransitionError(ValidationError):
    """A state change the traject's state machine does not allow."""


class ConsentRequiredError(ValidationError):
    """An organisation would see a person without a recorded legal basis."""


def _at(on: date) -> datetime:
    """A timezone-aware moment on the given day (now if it is today)."""
    now = timezone.localtime()
    if now.date() == on:
        return now
    return timezone.make_aware(datetime.combine(on, time(9, 0)))
