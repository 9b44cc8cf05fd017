"""The privacy officer's search form for the access log."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maxww.core.forms import UtrechtFormMixin
from maxww.organisations.models import Organisation

from .constants import LegalBasis
from .services import AuditFilter


class AuditSearchForm(UtrechtFormMixin, forms.Form):
    username = forms.CharField(label=_("Gebruiker"), required=False, max_length=150)
    organisation = forms.ChoiceField(label=_("Organisatie"), required=False)
    person_ref = forms.UUIDField(
        label=_("Persoon (uuid)"),
        required=False,
        help_text=_("Het kenmerk van de persoon, niet het BSN."),
    )
    event = forms.CharField(
        label=_("Gebeurtenis"),
        required=False,
        max_length=60,
        help_text=_("Bijvoorbeeld person_viewed of exported."),
    )
    legal_basis = forms.ChoiceField(
        label=_("Grondslag"),
        required=False,
        choices=[("", _("Alle grondslagen")), *LegalBasis.choices],
    )
    date_from = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = Organisation.objects.order_by("name").values_list("name", flat=True)
        self.fields["organisation"].choices = [
            ("", _("Alle organisaties")),
            *[(n, n) for n in names],
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return data

    def criteria(self) -> AuditFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return AuditFilter(
            username=data.get("username") or "",
            organisation=data.get("organisation") or "",
            person_ref=str(data["person_ref"]) if data.get("person_ref") else "",
            event=data.get("event") or "",
            legal_basis=data.get("legal_basis") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
