"""Information sessions, invitations, letter templates and call-back tasks."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from maxww.organisations.constants import SessionTone
from maxww.organisations.models import Organisation, Region
from maxww.people.models import Person

from .constants import CallOutcome, Channel, InvitationStatus, SessionFormat

USER = settings.AUTH_USER_MODEL


class Session(models.Model):
    """One planned information session or workshop."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("regio"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("organiserende organisatie"),
    )
    title = models.CharField(_("titel"), max_length=120, default="Max-WW in zicht")
    format = models.CharField(
        _("vorm"),
        max_length=20,
        choices=SessionFormat.choices,
        default=SessionFormat.GROUP_INFO,
    )
    starts_at = models.DateTimeField(_("begint om"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur (minuten)"),
        default=90,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    place = models.CharField(_("locatie"), max_length=150)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    hosts = models.ManyToManyField(
        USER, blank=True, related_name="hosted_sessions", verbose_name=_("gastheren")
    )
    notes = models.TextField(_("opmerkingen"), blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    attendance_closed_at = models.DateTimeField(
        _("aanwezigheid afgesloten op"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self) -> str:
        return f"{self.title} {self.starts_at:%d-%m-%Y %H:%M}"


class Invitation(models.Model):
    """One person invited to one session, and what became of it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="invitations"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InvitationStatus.choices,
        default=InvitationStatus.INVITED,
    )
    channel = models.CharField(
        _("kanaal"), max_length=10, choices=Channel.choices, default=Channel.LETTER
    )
    invited_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    invited_date = models.DateField(_("uitgenodigd op"))
    responded_date = models.DateField(_("gereageerd op"), null=True, blank=True)
    attended_at = models.DateTimeField(
        _("aanwezig geregistreerd"), null=True, blank=True
    )
    registered_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    letter_printed_at = models.DateTimeField(
        _("brief afgedrukt"), null=True, blank=True
    )
    emailed_at = models.DateTimeField(_("e-mail verstuurd"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="one_invitation_per_session"
            )
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.person_id} {self.status}"


class LetterTemplate(models.Model):
    """The invitation letter per region and tone; edited by functional admins.

    ``body`` is Django template text; available: ``person`` (name and address),
    ``session``, ``organisation``, ``on`` (letter date) and ``tone``.
    """

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="letter_templates"
    )
    tone = models.CharField(_("toon"), max_length=10, choices=SessionTone.choices)
    subject = models.CharField(_("onderwerp"), max_length=150)
    body = models.TextField(_("tekst"))
    signature = models.CharField(_("ondertekening"), max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "tone"], name="one_letter_template_per_tone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region} · {self.get_tone_display()}"


class CallTask(models.Model):
    """Call a no-show back ("nabellen") and record the outcome."""

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="call_task"
    )
    assignee = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="call_tasks",
        verbose_name=_("belt na"),
    )
    due_date = models.DateField(_("uiterlijk op"))
    escalated = models.BooleanField(
        _("geëscaleerd"),
        default=False,
        help_text=_("Vaker niet verschenen dan de regio toestaat."),
    )
    no_show_count = models.PositiveSmallIntegerField(
        _("keer niet verschenen"), default=1
    )
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=CallOutcome.choices, blank=True
    )
    outcome_note = models.CharField(_("toelichting"), max_length=300, blank=True)
    new_session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nieuwe bijeenkomst"),
    )
    done_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    done_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["done_at", "due_date", "id"]
        verbose_name = _("nabeltaak")
        verbose_name_plural = _("nabeltaken")

    def __str__(self) -> str:
        return f"nabellen {self.invitation_id}"
