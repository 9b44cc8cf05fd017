"""The functional beheerder's form for their own region's configuration."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maxww.core.forms import UtrechtFormMixin
from maxww.core.validators import NOTE_MAX

from .constants import ProcessStep
from .models import Organisation, RegionalConfig


class SectorsField(forms.CharField):
    """Sectors as one comma-separated line; stored as a list."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        return [s.strip().lower() for s in text.split(",") if s.strip()]


class RegionalConfigForm(UtrechtFormMixin, forms.ModelForm):
    enabled_steps = forms.MultipleChoiceField(
        label=_("Ingeschakelde stappen"),
        choices=ProcessStep.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    no_show_escalation_after = forms.IntegerField(
        label=_("Escaleren na aantal keer niet verschenen"),
        min_value=1,
        max_value=10,
    )
    retention_months = forms.IntegerField(
        label=_("Bewaartermijn (maanden)"),
        min_value=6,
        max_value=120,
        help_text=_("Hoe lang gegevens na het einde van een traject bewaard blijven."),
    )
    sector_specialisations = SectorsField(
        label=_("Sectorspecialisaties van coaches"),
        required=False,
        max_length=300,
        help_text=_(
            "Gescheiden door komma's, bijvoorbeeld: techniek, zorg, logistiek."
        ),
    )
    agreements = forms.CharField(
        label=_("Afspraken en contactpersonen"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = RegionalConfig
        fields = [
            "screening_months",
            "invitation_months",
            "coaching_months",
            "follow_up_months",
            "documentation_months",
            "session_tone",
            "coaching_weeks",
            "enabled_steps",
            "no_show_escalation_after",
            "retention_months",
            "sector_specialisations",
            "agreements",
            "consent_recipients",
        ]
        widgets = {
            "session_tone": forms.RadioSelect,
            "consent_recipients": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this region's active organisations can be consent recipients.
        self.fields["consent_recipients"].queryset = Organisation.objects.filter(
            region_id=self.instance.region_id, is_active=True
        ).order_by("name")
        self.fields["consent_recipients"].required = False
