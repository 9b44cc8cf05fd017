"""Consent, trajects with their history, jobready check, plan, contacts and tasks."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maxww.core.formatting import choice_label
from maxww.core.validators import (
    CONTACT_DATE,
    NOTE_LENGTH,
    SUMMARY_LENGTH,
    TASK_DUE,
)
from maxww.organisations.models import Organisation
from maxww.people.models import Person

from .constants import (
    CONSENT_EXTENSIONS,
    CONSENT_MAX_BYTES,
    EVENT_DETAIL_LABELS,
    EVENT_LABELS,
    Childcare,
    ConsentKind,
    ConsentPurpose,
    ContactChannel,
    ContractType,
    LanguageLevel,
    Outcome,
    PlanActionKind,
    TaskKind,
    TrajectState,
)

USER = settings.AUTH_USER_MODEL


def validate_consent_file_size(value) -> None:
    if value.size > CONSENT_MAX_BYTES:
        raise ValidationError(
            _("Het bestand is te groot (maximaal %(mb)s MB).")
            % {"mb": CONSENT_MAX_BYTES // (1024 * 1024)}
        )


class Consent(models.Model):
    """A person's consent for one purpose and one recipient organisation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("doel"), max_length=30, choices=ConsentPurpose.choices)
    recipient = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="consents_received",
        verbose_name=_("ontvangende organisatie"),
    )
    scope = models.TextField(
        _("reikwijdte"),
        blank=True,
        help_text=_("Welke gegevens, voor welke periode."),
        validators=[NOTE_LENGTH],
    )
    kind = models.CharField(_("vorm"), max_length=20, choices=ConsentKind.choices)
    form_file = models.FileField(
        _("ondertekend formulier"),
        upload_to="consents/%Y/%m/",
        blank=True,
        validators=[
            FileExtensionValidator(CONSENT_EXTENSIONS),
            validate_consent_file_size,
        ],
    )
    given_at = models.DateTimeField(_("gegeven op"))
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["person", "purpose", "recipient"])]
        constraints = [
            # One active consent per person, purpose and recipient.
            models.UniqueConstraint(
                fields=["person", "purpose", "recipient"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="consent_one_active_per_purpose_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} → {self.recipient}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    @property
    def grant_source(self) -> str:
        return f"consent:{self.uuid}"


class Traject(models.Model):
    """One person's way from signal to outcome, with a fixed coach."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="trajects"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="trajects",
        verbose_name=_("organisatie"),
    )
    coach = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_trajects",
        verbose_name=_("vaste contactpersoon"),
    )
    state = models.CharField(
        _("fase"),
        max_length=20,
        choices=TrajectState.choices,
        default=TrajectState.SIGNALLED,
    )
    reason = models.CharField(_("aanleiding"), max_length=200, blank=True)
    signalled_date = models.DateField(_("gesignaleerd op"))
    state_date = models.DateField(_("in deze fase sinds"))
    ended_date = models.DateField(_("afgesloten op"), null=True, blank=True)
    outcome = models.CharField(
        _("uitkomst"), max_length=30, choices=Outcome.choices, blank=True
    )
    employer_name = models.CharField(_("werkgever"), max_length=150, blank=True)
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
    )
    work_start_date = models.DateField(_("startdatum werk"), null=True, blank=True)
    contract_type = models.CharField(
        _("soort contract"), max_length=20, choices=ContractType.choices, blank=True
    )
    outcome_note = models.TextField(
        _("toelichting uitkomst"), blank=True, validators=[NOTE_LENGTH]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["-signalled_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=~Q(state="ended"),
                name="one_open_traject_per_person_and_organisation",
            )
        ]
        indexes = [models.Index(fields=["coach", "state"])]

    def __str__(self) -> str:
        return f"{self.get_state_display()} ({self.uuid})"

    @property
    def is_open(self) -> bool:
        return self.state != TrajectState.ENDED


class TrajectEvent(models.Model):
    """History: who changed what on a traject, and when."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="events"
    )
    event = models.CharField(_("gebeurtenis"), max_length=40)
    from_state = models.CharField(
        _("van"), max_length=20, choices=TrajectState.choices, blank=True
    )
    to_state = models.CharField(
        _("naar"), max_length=20, choices=TrajectState.choices, blank=True
    )
    detail = models.JSONField(_("details"), default=dict, blank=True)
    by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on = models.DateField(_("datum"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("trajectgebeurtenis")
        verbose_name_plural = _("trajectgebeurtenissen")

    def __str__(self) -> str:
        return f"{self.event} {self.from_state}→{self.to_state}"

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.event, self.event))

    @property
    def detail_items(self) -> list[tuple[str, str]]:
        """The details as a person reads them: ('kanaal', 'Telefoon'), ('werkfit', 'ja')."""
        choices = {
            "ContactChannel": ContactChannel,
            "PlanActionKind": PlanActionKind,
            "Outcome": Outcome,
        }
        items = []
        for key, value in (self.detail or {}).items():
            label, kind = EVENT_DETAIL_LABELS.get(key, (key, "text"))
            if kind == "bool":
                shown = "ja" if str(value) == "True" else "nee"
            elif kind in choices:
                shown = choice_label(choices[kind], value)
            else:
                shown = str(value)
            items.append((str(label), shown))
        return items


class JobreadyCheck(models.Model):
    """Is the person ready for work, and if not, which gaps to work on."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="jobready_checks"
    )
    checked_date = models.DateField(_("datum"))
    checked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    own_transport = models.BooleanField(_("eigen vervoer"), default=False)
    hours_available = models.PositiveSmallIntegerField(
        _("beschikbare uren per week"), validators=[MaxValueValidator(60)]
    )
    childcare = models.CharField(
        _("kinderopvang"),
        max_length=20,
        choices=Childcare.choices,
        default=Childcare.NOT_NEEDED,
    )
    qualifications = models.TextField(_("diploma's en certificaten"), blank=True)
    recent_experience = models.BooleanField(
        _("werkervaring in de laatste 2 jaar"), default=True
    )
    language = models.CharField(
        _("Nederlandse taal"),
        max_length=20,
        choices=LanguageLevel.choices,
        default=LanguageLevel.GOOD,
    )
    health_limits = models.TextField(_("gezondheidsbeperkingen"), blank=True)
    is_jobready = models.BooleanField(_("werkfit"), default=False)
    gaps = models.JSONField(_("aandachtspunten"), default=list, blank=True)

    class Meta:
        ordering = ["-checked_date", "-id"]
        verbose_name = _("werkfit-check")
        verbose_name_plural = _("werkfit-checks")

    def __str__(self) -> str:
        return f"{self.checked_date}: {self.is_jobready}"


class PlanAction(models.Model):
    """An agreed action in the work plan, e.g. 10 applications a week."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="plan_actions"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=PlanActionKind.choices)
    description = models.CharField(_("afspraak"), max_length=200)
    weekly_target = models.PositiveSmallIntegerField(
        _("doel per week"), null=True, blank=True
    )
    agreed_date = models.DateField(_("afgesproken op"))
    done_date = models.DateField(_("gedaan op"), null=True, blank=True)
    agreed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agreed_date", "id"]
        verbose_name = _("afspraak werkplan")
        verbose_name_plural = _("afspraken werkplan")

    def __str__(self) -> str:
        return self.description


class PlanReview(models.Model):
    """The weekly review of the work plan."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="reviews"
    )
    review_date = models.DateField(_("datum"))
    applications = models.PositiveSmallIntegerField(
        _("sollicitaties deze week"), default=0
    )
    on_track = models.BooleanField(_("op schema"), default=True)
    notes = models.TextField(_("notities"), blank=True)
    reviewed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-review_date", "-id"]
        verbose_name = _("weekgesprek")
        verbose_name_plural = _("weekgesprekken")

    def __str__(self) -> str:
        return f"{self.review_date}"


class Contact(models.Model):
    """One logged contact with the person."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="contacts"
    )
    channel = models.CharField(
        _("kanaal"), max_length=20, choices=ContactChannel.choices
    )
    contact_date = models.DateField(_("datum"), validators=[CONTACT_DATE])
    summary = models.TextField(_("samenvatting"), validators=[SUMMARY_LENGTH])
    next_step = models.CharField(_("volgende stap"), max_length=200, blank=True)
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-contact_date", "-id"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")

    def __str__(self) -> str:
        return f"{self.contact_date} {self.channel}"


class Task(models.Model):
    """Something to do for a traject, with a due date and an assignee."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(
        _("soort"), max_length=20, choices=TaskKind.choices, default=TaskKind.GENERAL
    )
    title = models.CharField(_("taak"), max_length=200)
    due_date = models.DateField(_("uiterlijk op"), db_index=True, validators=[TASK_DUE])
    assignee = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="traject_tasks",
        verbose_name=_("uitvoerder"),
    )
    done_at = models.DateTimeField(_("gedaan op"), null=True, blank=True)
    reminded_date = models.DateField(_("herinnerd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        indexes = [models.Index(fields=["assignee", "done_at", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, on) -> bool:
        return self.done_at is None and self.due_date < on


class DurabilityCheck(models.Model):
    """After a placement: is the person still working at +3 and +6 months?"""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="durability_checks"
    )
    months = models.PositiveSmallIntegerField(_("maanden na start"))
    due_date = models.DateField(_("controleren op"))
    task = models.OneToOneField(
        Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    still_working = models.BooleanField(_("werkt nog"), null=True, blank=True)
    checked_date = models.DateField(_("gecontroleerd op"), null=True, blank=True)
    checked_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_date"]
        verbose_name = _("duurzaamheidscontrole")
        verbose_name_plural = _("duurzaamheidscontroles")
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "months"], name="one_durability_check_per_moment"
            )
        ]

    def __str__(self) -> str:
        return f"+{self.months} mnd"
