"""Filter form of the dashboard and the input form of the business case."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from maxww.core.formatting import nl_money, nl_text
from maxww.core.forms import UtrechtFormMixin
from maxww.organisations.models import Municipality, Region
from maxww.rules.dates import add_months
from maxww.screening.constants import TargetGroup

from .business_case import BEARERS, Activity, Parameters
from .constants import EFFECT_DEFAULT, EFFECT_HIGH, EFFECT_LOW
from .services import DashboardFilter


class MonthInput(forms.DateInput):
    input_type = "month"

    def format_value(self, value):
        if isinstance(value, dt.date):
            return value.strftime("%Y-%m")
        return value


class MonthField(forms.DateField):
    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]


class DashboardFilterForm(UtrechtFormMixin, forms.Form):
    region = forms.ModelChoiceField(
        Region.objects.all(), label=_("Regio"), required=False, empty_label=_("Alle")
    )
    municipality = forms.ModelChoiceField(
        Municipality.objects.select_related("region"),
        label=_("Gemeente"),
        required=False,
        empty_label=_("Alle"),
    )
    target_group = forms.ChoiceField(
        label=_("Doelgroep"),
        required=False,
        choices=[("", _("Alle")), *TargetGroup.choices],
    )
    start = MonthField(label=_("Van maand"), required=False)
    end = MonthField(label=_("Tot en met maand"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("De eindmaand ligt vóór de beginmaand."))
        region, municipality = cleaned.get("region"), cleaned.get("municipality")
        if region and municipality and municipality.region_id != region.pk:
            self.add_error("municipality", _("Deze gemeente ligt niet in de regio."))
        return cleaned

    def to_filter(self, default: DashboardFilter) -> DashboardFilter:
        """The filter for the services; invalid or empty fields keep the default."""
        data = getattr(self, "cleaned_data", {}) if self.is_valid() else {}
        start = data.get("start") or default.start
        end = data.get("end")
        end = (
            add_months(end.replace(day=1), 1) - dt.timedelta(days=1)
            if end
            else default.end
        )
        region = data.get("region")
        municipality = data.get("municipality")
        if not self.is_bound or not self.data:
            region_id = default.region_id
        else:
            region_id = region.pk if region else None
        return DashboardFilter(
            start=start.replace(day=1),
            end=end,
            region_id=region_id,
            municipality_id=municipality.pk if municipality else None,
            target_group=data.get("target_group", ""),
        )


def _slider(min_value, max_value, step) -> dict[str, str]:
    return {"min": str(min_value), "max": str(max_value), "step": str(step)}


class BusinessCaseForm(UtrechtFormMixin, forms.Form):
    """The what-if inputs; every field has a default so an empty GET shows a case."""

    reach = forms.IntegerField(
        label=_("Bereik (personen per jaar)"),
        min_value=0,
        max_value=100000,
        initial=1000,
        widget=forms.NumberInput(attrs=_slider(0, 5000, 50)),
    )
    baseline_percent = forms.DecimalField(
        label=_("Doorstroom zonder aanpak (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        initial=6,
        help_text=_(
            "Landelijk 5,5–6% van wie de WW verlaat; standaard de regio van de gebruiker."
        ),
        widget=forms.NumberInput(attrs=_slider(0, 20, 0.1)),
    )
    effect_percent = forms.DecimalField(
        label=_("Effect op doorstroom (% minder)"),
        min_value=0,
        max_value=100,
        decimal_places=1,
        initial=EFFECT_DEFAULT * 100,
        help_text=_("UWV-schatting Bossche aanpak: 30–40% minder doorstroom."),
        widget=forms.NumberInput(attrs=_slider(0, 60, 1)),
    )
    norm_monthly = forms.DecimalField(
        label=_("Bijstandsnorm per maand (€)"),
        min_value=0,
        max_value=10000,
        decimal_places=2,
        help_text=_("Standaard: norm alleenstaande 21+ uit de rekenregels."),
    )
    duration_months = forms.DecimalField(
        label=_("Gemiddelde duur bijstand (maanden)"),
        min_value=0,
        max_value=240,
        decimal_places=1,
        initial=24,
        widget=forms.NumberInput(attrs=_slider(0, 120, 1)),
    )
    duration_source = forms.CharField(
        label=_("Bron voor de duur"),
        max_length=300,
        required=False,
        initial=_("Aanname: de onderzoeken noemen geen duur."),
    )
    cost_voorlichting = forms.DecimalField(
        label=_("Kosten voorlichting per persoon (€)"),
        min_value=0,
        max_value=100000,
        decimal_places=2,
        initial=50,
        widget=forms.NumberInput(attrs=_slider(0, 1000, 10)),
    )
    bearer_voorlichting = forms.ChoiceField(
        label=_("Betaald door"), choices=[(b, b) for b in BEARERS], initial="UWV"
    )
    cost_coaching = forms.DecimalField(
        label=_("Kosten begeleiding per persoon (€)"),
        min_value=0,
        max_value=100000,
        decimal_places=2,
        initial=600,
        widget=forms.NumberInput(attrs=_slider(0, 5000, 50)),
    )
    bearer_coaching = forms.ChoiceField(
        label=_("Betaald door"), choices=[(b, b) for b in BEARERS], initial="gemeente"
    )
    cost_instruments = forms.DecimalField(
        label=_("Kosten instrumenten per persoon (€)"),
        min_value=0,
        max_value=100000,
        decimal_places=2,
        initial=150,
        widget=forms.NumberInput(attrs=_slider(0, 5000, 50)),
    )
    bearer_instruments = forms.ChoiceField(
        label=_("Betaald door"), choices=[(b, b) for b in BEARERS], initial="gemeente"
    )

    def __init__(
        self,
        data=None,
        *,
        norm_default,
        norm_source: str,
        baseline=None,
        measured=None,
    ):
        initial = {"norm_monthly": norm_default}
        if baseline is not None:
            initial["baseline_percent"] = round(baseline * 100, 2)
        if measured is not None and measured.reach:
            initial["reach"] = measured.reach
        if measured is not None and measured.instruments_per_person is not None:
            initial["cost_instruments"] = round(measured.instruments_per_person, 2)
        # Always bound: empty fields fall back to the defaults, so a plain GET
        # (and a page without JavaScript) shows a complete case.
        merged = {name: f.initial for name, f in self.base_fields.items()} | initial
        merged = {k: str(v) for k, v in merged.items() if v is not None}
        merged |= {k: v for k, v in (data or {}).items() if v != ""}
        super().__init__(merged, initial=initial)
        self.norm_source = norm_source
        if measured is not None and measured.reach:
            self.fields["reach"].help_text = _(
                "Standaard: gemeten WW-einden in uw regio, afgelopen 12 maanden."
            )
        if measured is not None and measured.instruments_source:
            self.fields["cost_instruments"].help_text = measured.instruments_source
        self.fields["cost_voorlichting"].help_text = _(
            "Aanname: de kennisbank heeft geen kosten voor voorlichting."
        )
        self.fields["cost_coaching"].help_text = _(
            "Aanname: de kennisbank heeft geen kosten voor begeleiding."
        )
        self.fields["norm_monthly"].help_text = _("Standaard %(norm)s: %(source)s") % {
            "norm": nl_money(norm_default),
            "source": nl_text(norm_source),
        }

    def parameters(self) -> Parameters:
        d = self.cleaned_data
        return Parameters(
            reach=d["reach"],
            baseline_rate=float(d["baseline_percent"]) / 100,
            effect=float(d["effect_percent"]) / 100,
            norm_monthly=float(d["norm_monthly"]),
            duration_months=float(d["duration_months"]),
            duration_source=d.get("duration_source") or "",
            norm_source=self.norm_source,
            activities=(
                Activity(
                    "Voorlichting",
                    float(d["cost_voorlichting"]),
                    d["bearer_voorlichting"],
                ),
                Activity(
                    "Begeleiding", float(d["cost_coaching"]), d["bearer_coaching"]
                ),
                Activity(
                    "Instrumenten",
                    float(d["cost_instruments"]),
                    d["bearer_instruments"],
                ),
            ),
        )


# The whole reported range, in steps of one percentage point.
EFFECT_RANGE = tuple(
    round(EFFECT_LOW + i / 100, 2)
    for i in range(round((EFFECT_HIGH - EFFECT_LOW) * 100) + 1)
)
