"""Forms on the traject page; each posts to one service."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maxww.core.forms import ReadOnceModelChoiceField, UtrechtFormMixin
from maxww.core.validators import (
    CONTACT_DATE,
    NOTE_LENGTH,
    SUMMARY_MAX,
    TASK_DUE,
)
from maxww.organisations.models import Organisation, User
from maxww.policy import Perm, holders
from maxww.policy.objects import consent_recipients

from .constants import (
    Childcare,
    ConsentKind,
    ConsentPurpose,
    ContactChannel,
    ContractType,
    LanguageLevel,
    Outcome,
    PlanActionKind,
    TrajectState,
)

DATE = {"type": "date"}


class _SetupForm(forms.Form):
    """Runs ``setup(**kwargs)`` before UtrechtFormMixin validates and marks fields.

    Subclasses list the extra keyword arguments in ``setup_kwargs``; choices and
    querysets set in ``setup`` are then in place when the form is validated.
    """

    setup_kwargs: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        extra = {k: kwargs.pop(k) for k in self.setup_kwargs if k in kwargs}
        super().__init__(*args, **kwargs)
        self.setup(**extra)

    def setup(self, **kwargs) -> None:
        """Adjust fields for this request."""


class TransitionForm(UtrechtFormMixin, _SetupForm):
    setup_kwargs = ("allowed",)

    to = forms.ChoiceField(label=_("Naar fase"), choices=TrajectState.choices)
    outcome = forms.ChoiceField(
        label=_("Uitkomst (bij afsluiten)"),
        choices=[("", "—"), *Outcome.choices],
        required=False,
    )
    employer_name = forms.CharField(
        label=_("Werkgever"), max_length=150, required=False
    )
    hours_per_week = forms.DecimalField(
        label=_("Uren per week"),
        max_digits=4,
        decimal_places=1,
        required=False,
        min_value=0,
        max_value=60,
    )
    work_start_date = forms.DateField(
        label=_("Startdatum werk"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    contract_type = forms.ChoiceField(
        label=_("Soort contract"),
        choices=[("", "—"), *ContractType.choices],
        required=False,
    )
    outcome_note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[NOTE_LENGTH],
    )

    def setup(self, allowed=()) -> None:
        if allowed:
            self.fields["to"].choices = [
                (s.value, s.label) for s in TrajectState if s in allowed
            ]


class CoachForm(UtrechtFormMixin, _SetupForm):
    setup_kwargs = ("region_id",)

    coach = ReadOnceModelChoiceField(
        label=_("Vaste contactpersoon"), queryset=User.objects.none()
    )

    def setup(self, region_id=None) -> None:
        self.fields["coach"].queryset = (
            User.objects.filter(
                is_active=True,
                role__in=holders(Perm.BE_COACH),
                organisation__region_id=region_id,
            )
            .select_related("organisation")
            .order_by("organisation__name", "last_name")
        )
        self.fields["coach"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} · {u.organisation}"
            + (f" · {u.sector_specialisation}" if u.sector_specialisation else "")
        )


class ConsentForm(UtrechtFormMixin, _SetupForm):
    setup_kwargs = ("region_id",)

    purpose = forms.ChoiceField(label=_("Doel"), choices=ConsentPurpose.choices)
    recipient = ReadOnceModelChoiceField(
        label=_("Ontvangende organisatie"), queryset=Organisation.objects.none()
    )
    kind = forms.ChoiceField(
        label=_("Vorm"),
        choices=ConsentKind.choices,
        widget=forms.RadioSelect,
        initial=ConsentKind.SIGNED_FORM,
    )
    form_file = forms.FileField(
        label=_("Ondertekend formulier (pdf of foto, max. 5 MB)"), required=False
    )
    scope = forms.CharField(
        label=_("Reikwijdte"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Welke gegevens, voor welke periode."),
        validators=[NOTE_LENGTH],
    )

    def setup(self, region_id=None) -> None:
        self.fields["recipient"].queryset = consent_recipients(region_id)


class JobreadyForm(UtrechtFormMixin, forms.Form):
    own_transport = forms.BooleanField(label=_("Eigen vervoer"), required=False)
    hours_available = forms.IntegerField(
        label=_("Beschikbare uren per week"), min_value=0, max_value=60
    )
    childcare = forms.ChoiceField(label=_("Kinderopvang"), choices=Childcare.choices)
    qualifications = forms.CharField(
        validators=[NOTE_LENGTH],
        label=_("Diploma's en certificaten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    recent_experience = forms.BooleanField(
        label=_("Werkervaring in de laatste 2 jaar"), required=False, initial=True
    )
    language = forms.ChoiceField(
        label=_("Nederlandse taal"), choices=LanguageLevel.choices
    )
    health_limits = forms.CharField(
        validators=[NOTE_LENGTH],
        label=_("Gezondheidsbeperkingen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PlanActionForm(UtrechtFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort afspraak"), choices=PlanActionKind.choices)
    description = forms.CharField(label=_("Afspraak"), max_length=200)
    weekly_target = forms.IntegerField(
        label=_("Doel per week"),
        required=False,
        min_value=0,
        max_value=50,
        help_text=_("Bijvoorbeeld 10 sollicitaties per week."),
    )


class ReviewForm(UtrechtFormMixin, forms.Form):
    applications = forms.IntegerField(
        label=_("Sollicitaties deze week"), min_value=0, max_value=200
    )
    notes = forms.CharField(
        validators=[NOTE_LENGTH],
        label=_("Notities"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ContactForm(UtrechtFormMixin, forms.Form):
    channel = forms.ChoiceField(label=_("Kanaal"), choices=ContactChannel.choices)
    contact_date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        validators=[CONTACT_DATE],
    )
    summary = forms.CharField(
        label=_("Samenvatting"),
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_step = forms.CharField(
        label=_("Volgende stap"), max_length=200, required=False
    )


class TaskForm(UtrechtFormMixin, forms.Form):
    title = forms.CharField(label=_("Taak"), max_length=200)
    due_date = forms.DateField(
        label=_("Uiterlijk op"),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        validators=[TASK_DUE],
    )


class DurabilityForm(UtrechtFormMixin, forms.Form):
    still_working = forms.TypedChoiceField(
        label=_("Werkt de persoon nog?"),
        choices=[("yes", _("Ja")), ("no", _("Nee"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
