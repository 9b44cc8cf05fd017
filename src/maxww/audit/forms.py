"""The privacy officer's search form for the access log."""

from django import forms
from django.utils.safestring import mark_safe
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
        help_text=mark_safe(  # a constant: no user input
            _("Bijvoorbeeld <code>person_viewed</code> of <code>exported</code>.")
        ),
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


class SubjectLookupForm(UtrechtFormMixin, forms.Form):
    """Find the person behind a request (inzage or verwijderen): BSN or uuid.

    Posted, never in a URL, so the BSN does not end up in a log line.
    """

    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=11,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text=_("Het burgerservicenummer uit het verzoek."),
    )
    person_ref = forms.UUIDField(
        label=_("Of: persoon (uuid)"),
        required=False,
        help_text=_("Het kenmerk uit het toegangslog."),
    )

    def clean(self):
        from maxww.people.bsn import InvalidBSNError, normalise_bsn

        data = super().clean()
        bsn = (data.get("bsn") or "").strip()
        if bsn:
            try:
                data["bsn"] = normalise_bsn(bsn)
            except InvalidBSNError as exc:
                self.add_error("bsn", str(exc))
        elif not data.get("person_ref") and not self.errors:
            raise forms.ValidationError(_("Vul een BSN of een uuid in."))
        return data

    def find(self, people):
        """The person in ``people`` that the form points at, or None."""
        from maxww.people.bsn import bsn_hash

        if self.cleaned_data.get("bsn"):
            return people.filter(bsn_hash=bsn_hash(self.cleaned_data["bsn"])).first()
        return people.filter(uuid=self.cleaned_data["person_ref"]).first()


class ErasureForm(UtrechtFormMixin, forms.Form):
    """The privacy officer confirms an erasure and says why (for the log)."""

    reason = forms.CharField(
        label=_("Reden"),
        max_length=150,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bijvoorbeeld: verzoek van betrokkene, brief van 3 maart, kenmerk "
            "2026-041. Geen naam of BSN: de reden komt in het toegangslog."
        ),
    )
    confirm = forms.BooleanField(
        label=_(
            "Ik heb de identiteit van de aanvrager gecontroleerd en begrijp dat "
            "verwijderen niet ongedaan kan worden."
        ),
    )
