"""Forms for screening: upload, list filters, selection and target-group override."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from maxww.core.forms import UtrechtFormMixin
from maxww.core.uploads import megabytes, too_large_message
from maxww.core.validators import NOTE_LENGTH
from maxww.organisations.models import Municipality

from .constants import PreCheck, SelectionStatus, TargetGroup, Window


class UploadForm(UtrechtFormMixin, forms.Form):
    file = forms.FileField(label=_("UWV-bestand (CSV of XLSX)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Met de kolommen uit de uitleg hieronder; ; of , als scheidingsteken. "
            "Maximaal %(mb)s MB."
        ) % {"mb": megabytes(settings.MAXWW_MAX_UPLOAD_BYTES)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Kies een CSV- of XLSX-bestand."))
        if upload.size > settings.MAXWW_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_large_message())
        return upload


STATUS_CHOICES = [
    ("", _("Alle")),
    ("none", _("Niet geselecteerd")),
    *SelectionStatus.choices,
]


class CohortFilterForm(UtrechtFormMixin, forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Alle"),
    )
    window = forms.ChoiceField(
        label=_("Venster"),
        required=False,
        choices=[("", _("In een venster")), *Window.choices, ("all", _("Alle"))],
    )
    target_group = forms.ChoiceField(
        label=_("Doelgroep"),
        required=False,
        choices=[("", _("Alle")), *TargetGroup.choices],
    )
    precheck = forms.ChoiceField(
        label=_("Voorcheck bijstand"),
        required=False,
        choices=[("", _("Alle")), *PreCheck.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=STATUS_CHOICES
    )

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Municipality.objects.all()
        if region is not None:
            qs = qs.filter(region=region)
        self.fields["municipality"].queryset = qs


class SelectionForm(UtrechtFormMixin, forms.Form):
    reason = forms.CharField(
        validators=[NOTE_LENGTH],
        label=_("Reden van de selectie"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Waarom nodigt u deze personen uit? Een score beslist niet; u wel."
        ),
    )


class OverrideForm(UtrechtFormMixin, forms.Form):
    groups = forms.MultipleChoiceField(
        label=_("Doelgroepen"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        validators=[NOTE_LENGTH],
        label=_("Reden van de aanpassing"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
