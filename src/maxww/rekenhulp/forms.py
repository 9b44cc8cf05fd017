"""The Rekenhulp forms: the rules engine's input contract, in Dutch."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maxww.core.forms import UtrechtFormMixin
from maxww.core.validators import validate_birth_date
from maxww.rules.io import BIJSTAND_COUNTS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class WWForm(UtrechtFormMixin, forms.Form):
    reference_date = forms.DateField(
        label=_("Eerste werkloosheidsdag"), widget=DateInput()
    )
    birth_date = forms.DateField(
        label=_("Geboortedatum"), widget=DateInput(), validators=[validate_birth_date]
    )
    weeks_worked_last_36 = forms.IntegerField(
        label=_("Gewerkte weken in de laatste 36 weken"),
        min_value=0,
        max_value=36,
        help_text=_("Wekeneis: minstens 26 van de 36 weken."),
    )
    years_with_208_hours_last_5 = forms.IntegerField(
        label=_("Jaren met minstens 208 betaalde uren (laatste 5 kalenderjaren)"),
        min_value=0,
        max_value=5,
        help_text=_("Jareneis: in minstens 4 van de 5 jaar."),
    )
    employment_history_years_before_2016 = forms.IntegerField(
        label=_("Arbeidsverleden: jaren vóór 2016"), min_value=0, max_value=60
    )
    employment_history_years_from_2016 = forms.IntegerField(
        label=_("Arbeidsverleden: jaren vanaf 2016"), min_value=0, max_value=60
    )
    daily_wage_eur = forms.DecimalField(
        label=_("Dagloon (€)"),
        min_value=0,
        decimal_places=2,
        max_digits=9,
        help_text=_(
            "Het dagloon volgens UWV; boven het maximumdagloon wordt afgetopt."
        ),
    )


def _months_used(name: str, label: str, help_text: str) -> forms.IntegerField:
    """Months an art. 31 lid 2 exemption was used; the bound is the rules' own."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=BIJSTAND_COUNTS[name],
        initial=0,
        required=False,
        help_text=help_text,
    )


class BijstandForm(UtrechtFormMixin, forms.Form):
    HOUSEHOLDS = [
        ("single", _("Alleenstaand")),
        ("couple", _("Gehuwd of samenwonend")),
        ("single_parent", _("Alleenstaande ouder")),
    ]
    reference_date = forms.DateField(
        label=_("Peildatum (eerste bijstandsdag)"), widget=DateInput()
    )
    household = forms.ChoiceField(label=_("Leefvorm"), choices=HOUSEHOLDS)
    applicant_birth_date = forms.DateField(
        label=_("Geboortedatum aanvrager"),
        widget=DateInput(),
        validators=[validate_birth_date],
    )
    partner_birth_date = forms.DateField(
        label=_("Geboortedatum partner"),
        required=False,
        widget=DateInput(),
        validators=[validate_birth_date],
        help_text=_("Alleen invullen bij gehuwd of samenwonend."),
    )
    has_children = forms.BooleanField(
        label=_("Er zijn kinderen in het gezin"), required=False
    )
    co_residents_27_plus = forms.IntegerField(
        label=_("Andere medebewoners van 27 jaar of ouder"),
        min_value=0,
        max_value=50,
        initial=0,
        help_text=_(
            "Kostendelers naast aanvrager en partner (niet: commerciële huurders, studenten met studiefinanciering)."
        ),
    )
    net_monthly_income_eur = forms.DecimalField(
        label=_("Overig netto inkomen per maand (€)"),
        min_value=0,
        decimal_places=2,
        initial=0,
        help_text=_(
            "Netto inkomen dat niet uit werk komt, bijvoorbeeld een uitkering."
        ),
    )
    income_from_work_eur = forms.DecimalField(
        label=_("Netto inkomsten uit werk per maand (€)"),
        min_value=0,
        decimal_places=2,
        initial=0,
        required=False,
        help_text=_(
            "Hierop kan een vrijlating gelden (artikel 31 lid 2 onder n, r en y)."
        ),
    )
    work_exemption_months_used = _months_used(
        "work_exemption_months_used",
        _("Maanden waarin de vrijlating van 25% al is gebruikt"),
        _("Die vrijlating geldt ten hoogste zes maanden."),
    )
    single_parent_exemption_months_used = _months_used(
        "single_parent_exemption_months_used",
        _("Maanden waarin de vrijlating voor alleenstaande ouders al is gebruikt"),
        _("Ten hoogste 30 maanden."),
    )
    lks_exemption_months_used = _months_used(
        "lks_exemption_months_used",
        _("Maanden waarin de vrijlating bij loonkostensubsidie al is gebruikt"),
        _(
            "Artikel 31 lid 2 onder z: ten hoogste twaalf maanden, na de zes "
            "maanden van onder n."
        ),
    )
    has_child_under_12 = forms.BooleanField(
        label=_("Volledige zorg voor een kind jonger dan 12 jaar"), required=False
    )
    medically_limited_hours = forms.BooleanField(
        label=_("Aanvrager of partner is medisch urenbeperkt"), required=False
    )
    loonkostensubsidie_target_group = forms.BooleanField(
        label=_("Aanvrager of partner hoort bij de doelgroep loonkostensubsidie"),
        required=False,
    )
    loonkostensubsidie_job = forms.BooleanField(
        label=_("Het inkomen uit werk komt uit een baan met loonkostensubsidie"),
        required=False,
        help_text=_("Een dienstbetrekking als bedoeld in artikel 10d lid 1 of 2."),
    )
    no_more_hours_possible = forms.BooleanField(
        label=_("Volgens het college kan niet meer uren worden gewerkt"),
        required=False,
        help_text=_(
            "Na de twaalf maanden vrijlating bij loonkostensubsidie (artikel 31 lid 2 "
            "onder aa)."
        ),
    )
    special_education_last_year = forms.BooleanField(
        label=_(
            "In het afgelopen jaar ingeschreven bij praktijkonderwijs of voortgezet speciaal onderwijs"
        ),
        required=False,
    )
    cannot_rely_on_parents = forms.BooleanField(
        label=_(
            "Jongere van 18-20 kan voor levensonderhoud niet terugvallen op de ouders"
        ),
        required=False,
    )
    partner_has_no_right = forms.BooleanField(
        label=_("De partner heeft zelf geen recht op bijstand"),
        required=False,
        help_text=_(
            "Bijvoorbeeld door detentie of verblijfsstatus; een partner jonger dan 18 telt vanzelf zo."
        ),
    )
    partner_income_eur = forms.DecimalField(
        label=_("Netto inkomen van de partner per maand (€)"),
        min_value=0,
        decimal_places=2,
        initial=0,
        required=False,
        help_text=_(
            "Alleen bij gehuwden. Heeft de partner zelf geen recht op bijstand, "
            "dan telt alleen het deel boven de norm mee (artikel 32 lid 3)."
        ),
    )
    assets_eur = forms.DecimalField(
        label=_("Bezittingen (€)"), min_value=0, decimal_places=2, initial=0
    )
    debts_eur = forms.DecimalField(
        label=_("Schulden (€)"), min_value=0, decimal_places=2, initial=0
    )
    home_equity_eur = forms.DecimalField(
        label=_("Overwaarde eigen woning (€)"), min_value=0, decimal_places=2, initial=0
    )

    def record(self) -> dict:
        data = dict(self.cleaned_data)
        if data["household"] != "couple":
            data["partner_birth_date"] = None
        return {
            k: v for k, v in data.items() if v is not None or k == "partner_birth_date"
        }
