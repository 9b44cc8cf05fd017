"""Forms of the handover pages (Utrecht classes, Dutch labels)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maxww.core.forms import UtrechtFormMixin
from maxww.core.uploads import too_large_message
from maxww.core.validators import (
    APPLICATION_DATE,
    NAME_MAX,
    NOTE_LENGTH,
    RECEIVED_AT,
    validate_birth_date,
    validate_dutch_postcode,
    validate_house_number,
)
from maxww.organisations.constants import Role
from maxww.organisations.models import Municipality, Organisation, User
from maxww.people.bsn import InvalidBSNError, normalise_bsn
from maxww.people.constants import HouseholdType

from .constants import (
    ApplicationStatus,
    Barrier,
    CheckStatus,
    Motivation,
    Route,
    TimeToWork,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class HandoverForm(UtrechtFormMixin, forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Naar gemeente of sociale dienst"),
        queryset=Organisation.objects.none(),
        empty_label=None,
    )
    planned_talk_at = forms.DateTimeField(
        label=_("Overdrachtsgesprek (warme overdracht)"),
        required=False,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text=_("Het gesprek met klant, coach en klantmanager samen."),
    )
    notes = forms.CharField(
        validators=[NOTE_LENGTH],
        label=_("Toelichting voor de gemeente"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = organisations
        self._errors = None  # the mixin validated before the queryset was set


class ApplicationFactsForm(UtrechtFormMixin, forms.Form):
    conditionally_required = ("partner_birth_date",)

    application_date = forms.DateField(
        label=_("Aanvraagdatum"), widget=DateInput(), validators=[APPLICATION_DATE]
    )
    received_at = forms.DateTimeField(
        label=_("Ontvangen op"),
        widget=DateTimeInput(),
        validators=[RECEIVED_AT],
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text=_("De 48 werkuren voor de controles lopen vanaf dit moment."),
    )
    household_type = forms.ChoiceField(
        label=_("Leefvorm"), choices=HouseholdType.choices
    )
    partner_birth_date = forms.DateField(
        label=_("Geboortedatum partner"),
        required=False,
        widget=DateInput(),
        validators=[validate_birth_date],
    )
    co_residents_27_plus = forms.IntegerField(
        label=_("Medebewoners van 27 jaar of ouder (kostendelers)"),
        min_value=0,
        max_value=20,
        initial=0,
    )
    has_children = forms.BooleanField(label=_("Kinderen in huis"), required=False)
    net_monthly_income = forms.DecimalField(
        label=_("Netto maandinkomen huishouden (€)"), min_value=0, initial=0
    )
    assets = forms.DecimalField(label=_("Bezittingen (€)"), min_value=0, initial=0)
    debts = forms.DecimalField(label=_("Schulden (€)"), min_value=0, initial=0)
    home_equity = forms.DecimalField(
        label=_("Overwaarde eigen woning (€)"), min_value=0, initial=0
    )

    def clean(self):
        data = super().clean()
        if data.get("household_type") == HouseholdType.COUPLE and not data.get(
            "partner_birth_date"
        ):
            self.add_error(
                "partner_birth_date",
                _("Vul de geboortedatum van de partner in bij gehuwd/samenwonend."),
            )
        return data

    def facts(self) -> dict:
        d = self.cleaned_data
        return {
            k: d[k]
            for k in (
                "household_type",
                "partner_birth_date",
                "co_residents_27_plus",
                "has_children",
                "net_monthly_income",
                "assets",
                "debts",
                "home_equity",
            )
        }


class FreshApplicationForm(ApplicationFactsForm):
    bsn = forms.CharField(label=_("BSN"), max_length=11)
    initials = forms.CharField(label=_("Voorletters"), max_length=20, required=False)
    first_name = forms.CharField(label=_("Roepnaam"), max_length=80, required=False)
    surname_prefix = forms.CharField(
        label=_("Tussenvoegsel"), max_length=20, required=False
    )
    last_name = forms.CharField(label=_("Achternaam"), max_length=NAME_MAX)
    birth_date = forms.DateField(
        label=_("Geboortedatum"), widget=DateInput(), validators=[validate_birth_date]
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        required=False,
        validators=[validate_dutch_postcode],
    )
    house_number = forms.CharField(
        label=_("Huisnummer"),
        max_length=5,
        required=False,
        validators=[validate_house_number],
    )
    municipality = forms.ModelChoiceField(
        label=_("Woongemeente"), queryset=Municipality.objects.none()
    )
    same_person = forms.BooleanField(
        label=_(
            "Ik heb beide vergeleken: het is dezelfde persoon. Registreer de "
            "aanvraag in het bestaande dossier."
        ),
        required=False,
    )

    field_order = [
        "bsn",
        "initials",
        "first_name",
        "surname_prefix",
        "last_name",
        "birth_date",
        "postcode",
        "house_number",
        "municipality",
    ]

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self._errors = None  # the mixin validated before the queryset was set

    def clean_bsn(self) -> str:
        try:
            return normalise_bsn(self.cleaned_data["bsn"])
        except InvalidBSNError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_postcode(self) -> str:
        return self.cleaned_data["postcode"].replace(" ", "").upper()


class CheckForm(UtrechtFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Uitkomst"), choices=CheckStatus.choices)
    note = forms.CharField(label=_("Notitie"), required=False, max_length=1000)


class RouteForm(UtrechtFormMixin, forms.Form):
    work_experience = forms.CharField(
        validators=[NOTE_LENGTH],
        label=_("Werkervaring"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Laatste werk, sector, hoe lang."),
    )
    barriers = forms.MultipleChoiceField(
        label=_("Belemmeringen"),
        choices=Barrier.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    motivation = forms.ChoiceField(label=_("Motivatie"), choices=Motivation.choices)
    expected_time_to_work = forms.ChoiceField(
        label=_("Verwachte tijd tot werk"),
        choices=TimeToWork.choices,
        widget=forms.RadioSelect,
    )
    care_needs = forms.BooleanField(
        label=_("Zorgvragen die eerst aandacht nodig hebben"), required=False
    )
    route = forms.ChoiceField(
        label=_("Route"),
        choices=[("", _("Voorstel volgen")), *list(Route.choices)],
        required=False,
        help_text=_("Laat leeg om de voorgestelde route te kiezen."),
    )
    reason = forms.CharField(
        validators=[NOTE_LENGTH],
        label=_("Reden (verplicht als u afwijkt van het voorstel)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    case_manager = forms.ModelChoiceField(
        label=_("Klantmanager"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Automatisch: de minst belaste klantmanager"),
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_manager"].queryset = User.objects.filter(
            organisation=organisation, role=Role.CASE_MANAGER, is_active=True
        ).order_by("last_name", "first_name")
        self.fields["case_manager"].label_from_instance = lambda u: (
            u.get_full_name() or u.username
        )
        self._errors = None  # the mixin validated before the queryset was set

    def answers(self) -> dict:
        d = self.cleaned_data
        return {
            "work_experience": d["work_experience"],
            "barriers": list(d["barriers"]),
            "motivation": d["motivation"],
            "expected_time_to_work": d["expected_time_to_work"],
            "care_needs": d["care_needs"],
        }


class ApplicationFilterForm(UtrechtFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle open")), *list(ApplicationStatus.choices)],
    )
    route = forms.ChoiceField(
        label=_("Route"),
        required=False,
        choices=[("", _("Alle")), *list(Route.choices)],
    )
    overdue = forms.BooleanField(label=_("Alleen te laat"), required=False)
    mine = forms.BooleanField(label=_("Alleen mijn caseload"), required=False)


PACKAGE_MAX_BYTES = 10 * 1024 * 1024  # one dossier as JSON; read whole to verify


class ImportForm(UtrechtFormMixin, forms.Form):
    package = forms.FileField(
        label=_("Overdrachtspakket (.maxww-handover.json)"),
        help_text=_("Een ondertekend pakket uit de omgeving van UWV of een partner."),
    )

    def clean_package(self):
        package = self.cleaned_data["package"]
        if package.size > PACKAGE_MAX_BYTES:
            raise forms.ValidationError(too_large_message(PACKAGE_MAX_BYTES))
        return package
