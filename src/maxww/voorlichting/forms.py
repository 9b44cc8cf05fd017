"""Forms for planning sessions and recording call outcomes."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maxww.core.forms import UtrechtFormMixin
from maxww.core.validators import NOTE_MAX, SESSION_DATE, TITLE_MAX
from maxww.organisations.constants import OrganisationKind
from maxww.organisations.models import User
from maxww.policy import Perm, holders

from .constants import CallOutcome, SessionFormat
from .models import Session


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


class SessionForm(UtrechtFormMixin, _SetupForm):
    setup_kwargs = ("user",)

    title = forms.CharField(
        label=_("Titel"), max_length=TITLE_MAX, initial="Max-WW in zicht"
    )
    format = forms.ChoiceField(label=_("Vorm"), choices=SessionFormat.choices)
    date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[SESSION_DATE],
    )
    start_time = forms.TimeField(
        label=_("Begintijd"),
        initial=dt.time(10, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"), min_value=15, max_value=480, initial=90
    )
    place = forms.CharField(label=_("Locatie"), max_length=150)
    address = forms.CharField(label=_("Adres"), max_length=200, required=False)
    capacity = forms.IntegerField(
        label=_("Aantal plaatsen"),
        min_value=1,
        max_value=500,
        initial=15,
        help_text=_("In de Drechtsteden: ongeveer 15 uitnodigingen, 5 tot 10 komen."),
    )
    hosts = forms.ModelMultipleChoiceField(
        label=_("Gastheren (UWV en gemeente)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Opmerkingen"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def setup(self, user: User | None = None) -> None:
        self.fields["hosts"].queryset = (
            User.objects.filter(
                is_active=True,
                role__in=holders(Perm.HOST_SESSION),
                organisation__region_id=user.organisation.region_id,
                organisation__kind__in=(
                    OrganisationKind.UWV,
                    OrganisationKind.MUNICIPALITY,
                    OrganisationKind.SHARED_SERVICE,
                ),
            )
            .select_related("organisation")
            .order_by("organisation__name", "last_name")
        )
        self.fields["hosts"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.organisation})"
        )

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("start_time"):
            starts = timezone.make_aware(
                dt.datetime.combine(data["date"], data["start_time"])
            )
            if starts < timezone.now():
                self.add_error("date", _("Kies een datum in de toekomst."))
            data["starts_at"] = starts
        return data


class CallOutcomeForm(UtrechtFormMixin, _SetupForm):
    setup_kwargs = ("sessions",)
    conditionally_required = ("new_session",)

    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=[("", "—"), *CallOutcome.choices]
    )
    new_session = forms.ModelChoiceField(
        label=_("Nieuwe bijeenkomst"),
        queryset=Session.objects.none(),
        required=False,
        help_text=_("Alleen bij ‘nieuwe datum afgesproken’."),
    )
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def setup(self, sessions=None) -> None:
        if sessions is not None:
            self.fields["new_session"].queryset = sessions
