"""Extract imports, per-claim screening state, risk models, outcomes, selections."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maxww.organisations.models import Organisation
from maxww.people.models import Person, WWClaim

from .constants import ACTIVE_WINDOWS, ImportStatus, PreCheck, SelectionStatus, Window


def extract_upload_to(instance: "ExtractImport", filename: str) -> str:
    """Stored under the import's uuid: the original name may carry a person's name."""
    return f"imports/uwv/{instance.uuid}{Path(filename).suffix.lower()[:8]}"


class ExtractImport(models.Model):
    """One uploaded UWV extract: its status, progress and report (all or nothing)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="extract_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    file = models.FileField(
        _("bestand"),
        upload_to=extract_upload_to,
        max_length=200,
        blank=True,
        help_text="The uploaded file in MEDIA_ROOT until it is processed.",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ImportStatus.choices,
        default=ImportStatus.PENDING,
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    stage = models.CharField(_("stap"), max_length=120, blank=True)
    is_duplicate = models.BooleanField(_("al eerder ingelezen"), default=False)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("UWV-bestand")
        verbose_name_plural = _("UWV-bestanden")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)


class ScreeningRecord(models.Model):
    """The screening state of one WW claim: window, target groups, pre-check, risk."""

    claim = models.OneToOneField(
        WWClaim, on_delete=models.CASCADE, related_name="screening"
    )
    # The claim's person, kept here for the per-person indexes below. No
    # database constraint of its own: the claim's already guarantees the person
    # exists, and a second per-row check made bulk imports slower (the cascade
    # on delete is Django's, unchanged).
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="screening_records",
        db_constraint=False,
    )
    window = models.CharField(
        _("venster"), max_length=15, choices=Window.choices, default=Window.BEFORE
    )
    window_changed_on = models.DateField(_("in venster sinds"), null=True, blank=True)
    target_groups_derived = models.CharField(max_length=200, blank=True, default="")
    target_groups = models.CharField(
        _("doelgroepen"),
        max_length=200,
        blank=True,
        default="",
        help_text="Comma-wrapped codes (',youth,flex,') so filters stay simple.",
    )
    target_groups_override = models.CharField(max_length=200, null=True, blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # nearly always empty; never filtered on
    )
    override_at = models.DateTimeField(null=True, blank=True)
    override_reason = models.TextField(_("reden aanpassing"), blank=True)
    precheck = models.CharField(
        _("voorcheck bijstand"),
        max_length=10,
        choices=PreCheck.choices,
        default=PreCheck.UNKNOWN,
    )
    precheck_reasons = models.JSONField(default=list, blank=True)
    partner_income_flag = models.BooleanField(
        _("partnerinkomen maakt bijstand onwaarschijnlijk"), default=False
    )
    precheck_on = models.DateField(null=True, blank=True)
    risk_score = models.FloatField(_("risicoscore"), null=True, blank=True)
    risk_reasons = models.JSONField(default=list, blank=True)
    risk_model = models.ForeignKey(
        "RiskModel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,  # a handful of models; never filtered on
    )

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        indexes = [
            models.Index(fields=["window", "precheck"]),
            # The people in a window, by person: counts per organisation (joined
            # with its access grants) read only this index, not the records.
            models.Index(
                fields=["person", "window", "precheck"],
                condition=models.Q(window__in=ACTIVE_WINDOWS),
                name="screening_in_window_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.window}"

    @property
    def target_group_list(self) -> list[str]:
        return [c for c in self.target_groups.split(",") if c]


class RiskModel(models.Model):
    """A trained logistic regression, stored as its coefficients (no pickles)."""

    version = models.PositiveIntegerField(unique=True)
    trained_at = models.DateTimeField()
    trained_on = models.DateField(help_text="Reference date of the training data.")
    seed = models.IntegerField(default=0)
    features = models.JSONField(default=list)
    coefficients = models.JSONField(default=dict)
    intercept = models.FloatField()
    metrics = models.JSONField(default=dict)
    calibration = models.JSONField(default=list)
    group_metrics = models.JSONField(default=dict)
    settings = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("risicomodel")
        verbose_name_plural = _("risicomodellen")

    def __str__(self) -> str:
        return f"v{self.version}"


class ClaimOutcome(models.Model):
    """What happened after a claim ended: did the person enter bijstand?

    Monitoring reads this together with ``WWClaim.status/actual_end_date/end_reason``.
    """

    claim = models.OneToOneField(
        WWClaim, on_delete=models.CASCADE, related_name="outcome"
    )
    entered_bijstand = models.BooleanField(_("instroom bijstand"))
    bijstand_start_date = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=40, blank=True)
    recorded_on = models.DateField()

    class Meta:
        verbose_name = _("uitkomst WW-uitkering")
        verbose_name_plural = _("uitkomsten WW-uitkeringen")

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.entered_bijstand}"


class Selection(models.Model):
    """A person selected by a person (not a score) for voorlichting, with why."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="selections"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="selections"
    )
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reden"))
    selected_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SelectionStatus.choices,
        default=SelectionStatus.OPEN,
    )
    window = models.CharField(max_length=15, choices=Window.choices, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-selected_at"]
        verbose_name = _("selectie voor voorlichting")
        verbose_name_plural = _("selecties voor voorlichting")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=models.Q(status="open"),
                name="one_open_selection_per_person_org",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} ({self.status})"
