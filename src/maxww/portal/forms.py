"""Portal forms: the check in steps, the client login, CV, consent, reschedule."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maxww.core.forms import UtrechtFormMixin
from maxww.core.validators import WW_END, validate_birth_date
from maxww.trajects.constants import ConsentPurpose

from .constants import CV_MAX_BYTES, CheckHousehold
from .services import is_client


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


ESTIMATE_FIELDS = (
    "ww_start_date",
    "years_with_208_hours_last_5",
    "years_before_2016",
    "years_from_2016",
)
YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]
MONEY = {"min_value": 0, "max_digits": 11, "decimal_places": 2, "initial": 0}

# (slug, title, fields) per step of the check.
STEPS: list[tuple[str, Any, tuple[str, ...]]] = [
    (
        "ww",
        _("Uw WW"),
        (
            "birth_date",
            "ww_end_known",
            "ww_end_date",
            "ww_start_date",
            "years_with_208_hours_last_5",
            "years_before_2016",
            "years_from_2016",
        ),
    ),
    (
        "huishouden",
        _("Uw huishouden"),
        (
            "household",
            "partner_birth_date",
            "has_children",
            "co_residents_27_plus",
            "partner_income",
            "own_income",
        ),
    ),
    (
        "geld",
        _("Uw geld en bezit"),
        ("assets", "debts", "owns_home", "home_equity"),
    ),
]


class _PreparedForm(forms.Form):
    """Runs ``prepare()`` right after Django's init, before UtrechtFormMixin.

    The mixin reads ``self.errors`` in its ``__init__``, which validates the
    form; fields and choices must be final by then.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepare()

    def prepare(self) -> None:
        """Adjust fields for this instance."""


class CheckForm(UtrechtFormMixin, _PreparedForm):
    """All questions of the check; ``step`` shows one step, earlier ones hidden.

    Answers of earlier steps travel along as hidden fields, so nothing is kept
    on the server and the check works without JavaScript.
    """

    conditionally_required = (
        "ww_end_date",
        "ww_start_date",
        "years_with_208_hours_last_5",
        "years_before_2016",
        "years_from_2016",
        "partner_birth_date",
    )

    birth_date = forms.DateField(
        label=_("Wat is uw geboortedatum?"),
        widget=DateInput(),
        validators=[validate_birth_date],
    )
    ww_end_known = forms.ChoiceField(
        label=_("Weet u wanneer uw WW stopt?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=_("Dit staat in de brief van UWV over uw WW-uitkering."),
    )
    ww_end_date = forms.DateField(
        label=_("Wat is uw laatste dag WW?"),
        required=False,
        widget=DateInput(),
        validators=[WW_END],
        help_text=_("Alleen invullen als u de datum weet."),
    )
    ww_start_date = forms.DateField(
        label=_("Wat was uw eerste dag zonder werk (de eerste dag WW)?"),
        required=False,
        widget=DateInput(),
        help_text=_("De eerste dag van uw WW-uitkering."),
    )
    years_with_208_hours_last_5 = forms.IntegerField(
        label=_(
            "In hoeveel van de laatste 5 jaar werkte u minstens 208 uur "
            "(ongeveer 4 uur per week)?"
        ),
        required=False,
        min_value=0,
        max_value=5,
    )
    years_before_2016 = forms.IntegerField(
        label=_("Hoeveel jaar werkte u vóór 2016?"),
        required=False,
        min_value=0,
        max_value=60,
        help_text=_("Tel de jaren waarin u minstens 208 uur betaald werk had."),
    )
    years_from_2016 = forms.IntegerField(
        label=_("Hoeveel jaar werkte u vanaf 2016?"),
        required=False,
        min_value=0,
        max_value=60,
    )
    household = forms.ChoiceField(
        label=_("Hoe woont u?"),
        choices=CheckHousehold.choices,
        widget=forms.RadioSelect,
    )
    partner_birth_date = forms.DateField(
        label=_("Wat is de geboortedatum van uw partner?"),
        required=False,
        widget=DateInput(),
        validators=[validate_birth_date],
        help_text=_("Alleen invullen als u een partner heeft."),
    )
    has_children = forms.BooleanField(
        label=_("Er wonen kinderen onder de 18 bij ons"), required=False
    )
    co_residents_27_plus = forms.IntegerField(
        label=_("Hoeveel andere mensen van 27 jaar of ouder wonen bij u?"),
        min_value=0,
        max_value=50,
        initial=0,
        help_text=_(
            "Niet uw partner. Wel bijvoorbeeld een volwassen kind of een ouder. "
            "Niet: iemand die een kamer huurt voor een normale prijs."
        ),
    )
    partner_income = forms.DecimalField(
        label=_("Hoeveel verdient uw partner netto per maand? (€)"),
        required=False,
        **MONEY,
        help_text=_(
            "Vul 0 in als u geen partner heeft of uw partner geen inkomen heeft."
        ),
    )
    own_income = forms.DecimalField(
        label=_("Heeft u na de WW zelf nog inkomen? Netto per maand (€)"),
        required=False,
        **MONEY,
        help_text=_("Bijvoorbeeld uit een baan van een paar uur. Anders 0."),
    )
    assets = forms.DecimalField(
        label=_("Hoeveel geld en bezit heeft u samen? (€)"),
        **MONEY,
        help_text=_("Spaargeld, geld op de bank, een auto van meer dan € 5.000."),
    )
    debts = forms.DecimalField(
        label=_("Hoeveel schulden heeft u samen? (€)"),
        **MONEY,
        help_text=_("Niet de hypotheek."),
    )
    owns_home = forms.ChoiceField(
        label=_("Heeft u een eigen huis?"), choices=YES_NO, widget=forms.RadioSelect
    )
    home_equity = forms.DecimalField(
        label=_("Hoeveel is uw huis meer waard dan de hypotheek? (€)"),
        required=False,
        **MONEY,
        help_text=_("Dit heet overwaarde. Vul 0 in als u het niet weet."),
    )

    def __init__(self, *args, step: int = 0, **kwargs):
        self.step = step
        super().__init__(*args, **kwargs)

    def prepare(self) -> None:
        """Drop later steps' fields and hide earlier ones (before the mixin runs)."""
        step = self.step
        keep = {name for _s, _t, names in STEPS[: step + 1] for name in names}
        current = set(STEPS[min(step, len(STEPS) - 1)][2])
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
            elif name not in current:
                self.fields[name].widget = forms.HiddenInput()

    @property
    def groups(self) -> list[tuple[str, list]]:
        """Visible fields in groups; the WW estimate questions get their own legend."""
        estimate = set(ESTIMATE_FIELDS)
        plain = [f for f in self if not f.is_hidden and f.name not in estimate]
        extra = [f for f in self if not f.is_hidden and f.name in estimate]
        groups: list[tuple[str, list]] = [("", plain)]
        if extra:
            groups.append(
                (_("Weet u uw laatste dag WW niet? Dan rekenen wij die uit."), extra)
            )
        return groups

    @property
    def hidden(self) -> list:
        return [f for f in self if f.is_hidden]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "ww_end_known" in self.fields:
            if data.get("ww_end_known") == "yes":
                if not data.get("ww_end_date"):
                    self.add_error("ww_end_date", _("Vul uw laatste dag WW in."))
            elif data.get("ww_end_known") == "no":
                for name in (
                    "ww_start_date",
                    "years_with_208_hours_last_5",
                    "years_before_2016",
                    "years_from_2016",
                ):
                    if data.get(name) in (None, ""):
                        self.add_error(
                            name,
                            _("Vul dit in, dan rekenen wij uw laatste WW-dag uit."),
                        )
        if "household" in self.fields:
            if data.get("household") == CheckHousehold.COUPLE:
                if not data.get("partner_birth_date"):
                    self.add_error(
                        "partner_birth_date",
                        _("Vul de geboortedatum van uw partner in."),
                    )
            else:
                data["partner_birth_date"] = None
                data["partner_income"] = data.get("partner_income") or 0
        if "owns_home" in self.fields and data.get("owns_home") == "no":
            data["home_equity"] = 0
        return data

    def answers(self) -> dict[str, Any]:
        """The cleaned answers as the services expect them."""
        return dict(self.cleaned_data)


class ClientLoginForm(UtrechtFormMixin, AuthenticationForm):
    """The local client login; staff accounts are sent to the staff login."""

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not is_client(user):
            raise forms.ValidationError(
                _(
                    "Dit is de inlog voor inwoners. Bent u medewerker? "
                    "Log dan in via de inlogpagina voor medewerkers."
                ),
                code="not_a_client",
            )


class CVForm(UtrechtFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Kies uw cv"),
        help_text=_("Een pdf of Word-bestand (docx), maximaal %(mb)s MB.")
        % {"mb": CV_MAX_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )


class ConsentForm(UtrechtFormMixin, _PreparedForm):
    purpose = forms.ChoiceField(
        label=_("Waarvoor geeft u toestemming?"), choices=ConsentPurpose.choices
    )
    recipient = forms.ChoiceField(label=_("Aan welke organisatie?"), choices=())

    def __init__(self, *args, recipients=(), **kwargs):
        self._recipients = recipients
        super().__init__(*args, **kwargs)

    def prepare(self) -> None:
        self.fields["recipient"].choices = [(o.pk, o.name) for o in self._recipients]


class RescheduleForm(UtrechtFormMixin, _PreparedForm):
    session = forms.ChoiceField(
        label=_("Kies een andere bijeenkomst"), widget=forms.RadioSelect, choices=()
    )

    def __init__(self, *args, sessions=(), **kwargs):
        self._sessions = sessions
        super().__init__(*args, **kwargs)

    def prepare(self) -> None:
        self.fields["session"].choices = [
            (
                str(s.uuid),
                f"{timezone.localtime(s.starts_at):%d-%m-%Y %H:%M} · {s.place} "
                f"({s.capacity - s.seats_taken} vrij)",
            )
            for s in self._sessions
        ]
