"""The access log: who saw or changed which personal data, why and when."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import Action, LegalBasis


class AppendOnlyError(RuntimeError):
    """The access log can only grow."""


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Het toegangslog kan niet gewijzigd worden.")

    def delete(self):
        raise AppendOnlyError("Het toegangslog kan niet verwijderd worden.")


class AccessLog(models.Model):
    """One view, export, print or change of personal data. Append-only.

    ``object_ref`` is a pseudonymous reference (model label and uuid), never a
    BSN or a name. ``prev_hash``/``entry_hash`` chain the entries (see chain.py);
    write through ``audit.services`` so the chain stays intact.
    """

    timestamp = models.DateTimeField(
        _("tijdstip"), default=timezone.now, editable=False, db_index=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=30, blank=True)
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    event = models.CharField(_("gebeurtenis"), max_length=60)
    object_type = models.CharField(_("soort gegeven"), max_length=60)
    object_ref = models.CharField(
        _("verwijzing"), max_length=80, blank=True, db_index=True
    )
    person_ref = models.CharField(
        _("persoon (uuid)"),
        max_length=36,
        blank=True,
        db_index=True,
        help_text=_("Zodat iemand kan zien wie zijn gegevens bekeek."),
    )
    legal_basis = models.CharField(
        _("grondslag"), max_length=20, choices=LegalBasis.choices
    )
    purpose = models.CharField(_("doel"), max_length=200, blank=True)
    request_id = models.CharField(_("request-id"), max_length=36, blank=True)
    count = models.PositiveIntegerField(_("aantal personen"), default=1)
    prev_hash = models.CharField(
        _("hash vorige regel"), max_length=64, blank=True, editable=False
    )
    entry_hash = models.CharField(
        _("hash"), max_length=64, blank=True, editable=False, db_index=True
    )

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.username} {self.event}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Het toegangslog kan niet gewijzigd worden.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Het toegangslog kan niet verwijderd worden.")

    @property
    def role_label(self) -> str:
        """The role as people read it (the code when it is no longer a role)."""
        from maxww.organisations.constants import Role

        try:
            return str(Role(self.role).label)
        except ValueError:
            return self.role
