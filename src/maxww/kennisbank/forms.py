"""Filter and registration forms of the kennisbank."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maxww.core.forms import UtrechtFormMixin
from maxww.organisations.models import Region

from .constants import Funder, Phase, TargetGroup
from .models import Instrument


def _blank(label, choices):
    return [("", label), *choices]


def _regions():
    return _blank(_("Alle regio's"), list(Region.objects.values_list("code", "name")))


class InstrumentFilterForm(UtrechtFormMixin, forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    phase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=_blank(_("Alle fasen"), Phase.choices)
    )
    # A callable, because UtrechtFormMixin validates a bound form in __init__.
    region = forms.ChoiceField(label=_("Regio"), required=False, choices=_regions)
    target_group = forms.ChoiceField(
        label=_("Doelgroep"),
        required=False,
        choices=_blank(_("Alle doelgroepen"), TargetGroup.choices),
    )
    funder = forms.ChoiceField(
        label=_("Financier"),
        required=False,
        choices=_blank(_("Alle financiers"), Funder.choices),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read the regions once per form: validating, fingerprinting and
        # rendering the field each called the callable (a query) again.
        self.fields["region"].choices = _regions()


class InstrumentUseForm(UtrechtFormMixin, forms.Form):
    instrument = forms.ModelChoiceField(
        label=_("Instrument"), queryset=Instrument.objects.filter(is_active=True)
    )
    used_on = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"})
    )
    units = forms.IntegerField(
        label=_("Aantal eenheden"),
        required=False,
        min_value=1,
        help_text=_("Bij een bedrag per uur of per maand: het aantal uren of maanden."),
    )
    cost = forms.DecimalField(
        label=_("Kosten (euro)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text=_("Leeg laten: berekend uit het bedrag van het instrument."),
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=300)
