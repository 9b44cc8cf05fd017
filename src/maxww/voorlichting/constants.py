"""Choices for sessions, invitations and call tasks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionFormat(models.TextChoices):
    GROUP_INFO = "group_info", _("Groepsvoorlichting")
    WORKSHOP_CV = "workshop_cv", _("Workshop cv en solliciteren")
    JOBHUNTING = "jobhunting", _("Jobhunting")


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Uitgenodigd")
    ACCEPTED = "accepted", _("Komt")
    DECLINED = "declined", _("Afgemeld")
    ATTENDED = "attended", _("Aanwezig")
    NO_SHOW = "no_show", _("Niet verschenen")


class CallOutcome(models.TextChoices):
    REACHED = "reached", _("Bereikt")
    NEW_DATE = "new_date", _("Nieuwe datum afgesproken")
    DECLINED = "declined", _("Wil niet deelnemen")
    UNREACHABLE = "unreachable", _("Onbereikbaar")


class Channel(models.TextChoices):
    LETTER = "letter", _("Brief")
    EMAIL = "email", _("E-mail")


# Statuses that take a seat in the session.
SEAT_STATUSES = (
    InvitationStatus.INVITED,
    InvitationStatus.ACCEPTED,
    InvitationStatus.ATTENDED,
)


class LetterRunStatus(models.TextChoices):
    QUEUED = "queued", _("Wacht op verwerking")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


# A run in one of these is still to be finished by a worker.
OPEN_RUN_STATUSES = (LetterRunStatus.QUEUED, LetterRunStatus.RUNNING)
