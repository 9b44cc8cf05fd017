"""Forms of the matching pages (validation lives on the models and services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maxww.core.forms import UtrechtFormMixin
from maxww.core.validators import DateWindow
from maxww.organisations.constants import Role
from maxww.organisations.models import User
from maxww.trajects.constants import ContractType

from .constants import ProposalStatus, RejectionReason, Sector, VacancyStatus
from .models import CandidateProfile, Employer, Occupation, Vacancy
from .validators import normalise_kvk, normalise_postcode

DATE = {"type": "date"}
# A vacancy starts within two years; work starts within a year either way.
VACANCY_START = DateWindow(past_days=366, future_days=2 * 366)
WORK_START = DateWindow(past_days=366, future_days=366)


class OccupationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.label} ({obj.code})"


class EmployerForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Employer
        fields = [
            "name",
            "kvk_number",
            "sector",
            "address",
            "postcode",
            "city",
            "contact_persons",
            "agreements",
            "account_manager",
        ]
        widgets = {
            "contact_persons": forms.Textarea(attrs={"rows": 3}),
            "agreements": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account_manager"].queryset = User.objects.filter(
            role=Role.EMPLOYER_ADVISER, organisation__region=region
        ).order_by("first_name")

    def clean_kvk_number(self):
        return normalise_kvk(self.cleaned_data["kvk_number"])

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])


class VacancyForm(UtrechtFormMixin, forms.ModelForm):
    occupation = OccupationChoiceField(
        label=_("Beroep (ISCO-08)"), queryset=Occupation.objects.order_by("label")
    )

    class Meta:
        model = Vacancy
        fields = [
            "employer",
            "title",
            "occupation",
            "description",
            "hours_min",
            "hours_max",
            "postcode",
            "location",
            "start_date",
            "requires_driving_licence",
            "certificates",
            "language_level",
            "experience_years",
            "status",
            "is_shared_in_region",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, employers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if employers is not None:
            self.fields["employer"].queryset = employers
        self.fields["start_date"].validators.append(VACANCY_START)

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])


class VacancyFilterForm(UtrechtFormMixin, forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *VacancyStatus.choices],
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("Alle sectoren")), *Sector.choices],
    )
    scope = forms.ChoiceField(
        label=_("Van wie"),
        required=False,
        choices=[
            ("", _("Eigen en gedeeld in de regio")),
            ("own", _("Alleen eigen organisatie")),
        ],
    )


class ProfileForm(UtrechtFormMixin, forms.ModelForm):
    occupations = forms.ModelMultipleChoiceField(
        label=_("Gewenste beroepen"),
        queryset=Occupation.objects.order_by("label"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Kies een of meer beroepen; verwante beroepen tellen deels mee."),
    )

    class Meta:
        model = CandidateProfile
        fields = [
            "occupations",
            "skills",
            "hours_available",
            "available_from",
            "postcode",
            "max_travel_km",
            "transport",
            "has_driving_licence",
            "certificates",
            "language_level",
            "experience_years",
            "limits",
        ]
        widgets = {
            "available_from": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "limits": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])


class ProposeForm(UtrechtFormMixin, forms.Form):
    traject = forms.UUIDField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=300)


class ProposalStatusForm(UtrechtFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=[
            (ProposalStatus.INTERVIEW, ProposalStatus.INTERVIEW.label),
            (ProposalStatus.REJECTED, ProposalStatus.REJECTED.label),
        ],
    )
    rejection_reason = forms.ChoiceField(
        label=_("Reden van afwijzing"),
        required=False,
        choices=[("", "—"), *RejectionReason.choices],
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=300)


class HireForm(UtrechtFormMixin, forms.Form):
    hours_per_week = forms.DecimalField(
        label=_("Uren per week"), min_value=1, max_value=60, decimal_places=1
    )
    start_date = forms.DateField(
        label=_("Startdatum werk"),
        widget=forms.DateInput(attrs=DATE),
        validators=[WORK_START],
    )
    contract_type = forms.ChoiceField(
        label=_("Soort contract"), choices=ContractType.choices
    )


class ImportForm(UtrechtFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of XLSX)"),
        help_text=_("Zie de formaatbeschrijving; alles of niets wordt ingelezen."),
    )
