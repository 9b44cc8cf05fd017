"""Information sessions, invitations, letter templates, letter runs and call-backs."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from maxww.core.formatting import nl_datetime
from maxww.core.validators import NOTE_LENGTH, SESSION_DATE
from maxww.organisations.constants import SessionTone
from maxww.organisations.models import Organisation, Region
from maxww.people.models import Person

from .constants import (
    OPEN_RUN_STATUSES,
    CallOutcome,
    Channel,
    InvitationStatus,
    LetterRunStatus,
    SessionFormat,
)

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
    starts_at = models.DateTimeField(_("begint om"), validators=[SESSION_DATE])
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
    notes = models.TextField(_("opmerkingen"), blank=True, validators=[NOTE_LENGTH])
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
        return f"{self.title} {nl_datetime(self.starts_at)}"


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
    ``session``, ``organisation``, ``on`` (letter date) and ``tone``. The Dutch
    filters (``nl_date_long``, ``nl_time``, ``nl_weekday``...) are loaded.
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


class LetterRun(models.Model):
    """One "print the letters" for a session, made by a background task.

    The task stores a ``Letter`` per invitation as it goes, so a run whose worker
    died is finished by a new task without printing anyone twice; ``pdf`` is
    all letters in one file once the run is done.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="letter_runs"
    )
    requested_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    request_id = models.CharField(max_length=36, blank=True)
    letter_date = models.DateField(_("briefdatum"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=LetterRunStatus.choices,
        default=LetterRunStatus.QUEUED,
    )
    total = models.PositiveIntegerField(_("brieven"), default=0)
    done = models.PositiveIntegerField(_("gemaakt"), default=0)
    # Invitations left out because the person's postal address is incomplete.
    skipped = models.PositiveIntegerField(_("niet gemaakt (adres)"), default=0)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    task_id = models.CharField(max_length=64, blank=True)
    message = models.TextField(_("melding"), blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last letter stored; a stale one means stuck."
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("briefopdracht")
        verbose_name_plural = _("briefopdrachten")
        constraints = [
            models.UniqueConstraint(
                fields=["session"],
                condition=models.Q(status__in=OPEN_RUN_STATUSES),
                name="one_open_letter_run_per_session",
            )
        ]

    def __str__(self) -> str:
        return f"brieven {self.session_id} {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (LetterRunStatus.DONE, LetterRunStatus.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class Letter(models.Model):
    """One invitation letter as printed in a run: exactly one per invitation."""

    run = models.ForeignKey(LetterRun, on_delete=models.CASCADE, related_name="letters")
    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="letters"
    )
    html = models.TextField(help_text="The letter as rendered, for the combined PDF.")
    pdf = models.BinaryField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "invitation"], name="one_letter_per_invitation_per_run"
            )
        ]

    def __str__(self) -> str:
        return f"brief {self.invitation_id} ({self.run_id})"
