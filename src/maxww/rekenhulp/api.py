"""POST /api/v1/rules/ww and /api/v1/rules/bijstand: one case or a list."""

from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .services import evaluate_records


class RuleReasonSerializer(serializers.Serializer):
    rule = serializers.CharField()
    article = serializers.CharField()
    inputs = serializers.DictField()
    value = serializers.JSONField(allow_null=True)
    outcome = serializers.CharField()


class WWInputSerializer(serializers.Serializer):
    reference_date = serializers.DateField(help_text=_("Eerste werkloosheidsdag."))
    birth_date = serializers.DateField()
    weeks_worked_last_36 = serializers.IntegerField(min_value=0, max_value=36)
    years_with_208_hours_last_5 = serializers.IntegerField(min_value=0, max_value=5)
    employment_history_years_before_2016 = serializers.IntegerField(min_value=0)
    employment_history_years_from_2016 = serializers.IntegerField(min_value=0)
    daily_wage_eur = serializers.DecimalField(max_digits=9, decimal_places=2)


class WWResultSerializer(serializers.Serializer):
    reference_date = serializers.DateField()
    entitled = serializers.BooleanField()
    duration_months = serializers.DecimalField(max_digits=4, decimal_places=1)
    end_date = serializers.DateField(allow_null=True)
    aow_date = serializers.DateField()
    capped_by_aow = serializers.BooleanField()
    monthly_amount_first_2_months_eur = serializers.DecimalField(
        max_digits=9, decimal_places=2
    )
    monthly_amount_after_eur = serializers.DecimalField(max_digits=9, decimal_places=2)
    municipality_report_date = serializers.DateField()
    reasons = RuleReasonSerializer(many=True)


class BijstandInputSerializer(serializers.Serializer):
    reference_date = serializers.DateField()
    household = serializers.ChoiceField(choices=["single", "couple", "single_parent"])
    applicant_birth_date = serializers.DateField()
    partner_birth_date = serializers.DateField(allow_null=True, required=False)
    has_children = serializers.BooleanField(required=False, default=False)
    co_residents_27_plus = serializers.IntegerField(min_value=0)
    net_monthly_income_eur = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        required=False,
        help_text=_(
            "Netto inkomen anders dan uit arbeid (oude naam van other_income_eur)."
        ),
    )
    other_income_eur = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        required=False,
        help_text=_(
            "Netto inkomen anders dan uit arbeid; geef dit of net_monthly_income_eur."
        ),
    )
    income_from_work_eur = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        required=False,
        help_text=_(
            "Netto inkomsten uit arbeid (vrijlating art. 31 lid 2 onder n, r, y)."
        ),
    )
    partner_has_no_right = serializers.BooleanField(required=False, default=False)
    cannot_rely_on_parents = serializers.BooleanField(required=False, default=False)
    medically_limited_hours = serializers.BooleanField(required=False, default=False)
    loonkostensubsidie_target_group = serializers.BooleanField(
        required=False, default=False
    )
    special_education_last_year = serializers.BooleanField(
        required=False, default=False
    )
    has_child_under_12 = serializers.BooleanField(required=False, default=False)
    work_exemption_months_used = serializers.IntegerField(
        min_value=0, required=False, default=0
    )
    single_parent_exemption_months_used = serializers.IntegerField(
        min_value=0, required=False, default=0
    )
    assets_eur = serializers.DecimalField(max_digits=11, decimal_places=2)
    debts_eur = serializers.DecimalField(max_digits=11, decimal_places=2)
    home_equity_eur = serializers.DecimalField(max_digits=11, decimal_places=2)


class BijstandResultSerializer(serializers.Serializer):
    reference_date = serializers.DateField()
    norm_monthly_eur = serializers.DecimalField(max_digits=9, decimal_places=2)
    cost_sharers = serializers.IntegerField()
    asset_limit_eur = serializers.DecimalField(max_digits=11, decimal_places=2)
    passes_asset_test = serializers.BooleanField()
    home_equity_above_limit = serializers.BooleanField()
    indicative_monthly_benefit_eur = serializers.DecimalField(
        max_digits=9, decimal_places=2
    )
    entitled = serializers.BooleanField()
    job_search_period_weeks = serializers.IntegerField()
    aio_via_svb = serializers.BooleanField(
        help_text=_("AOW-leeftijd bereikt: de SVB voert de bijstand uit (AIO).")
    )
    income_exemption_eur = serializers.DecimalField(max_digits=9, decimal_places=2)
    reasons = RuleReasonSerializer(many=True)


class RecordErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text=_("Volgnummer van het geval (vanaf 1)."))
    field = serializers.CharField()
    message = serializers.CharField()


class ErrorsSerializer(serializers.Serializer):
    errors = RecordErrorSerializer(many=True)


class _RulesView(APIView):
    law = ""

    def post(self, request: Request) -> Response:
        data = request.data
        single = not isinstance(data, list)
        records = [data] if single else data
        results, errors = evaluate_records(self.law, records)
        if errors:
            return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        return Response(results[0] if single else results)


WW_EXAMPLE = {
    "reference_date": "2026-03-02",
    "birth_date": "1975-05-14",
    "weeks_worked_last_36": 36,
    "years_with_208_hours_last_5": 5,
    "employment_history_years_before_2016": 20,
    "employment_history_years_from_2016": 6,
    "daily_wage_eur": "180.00",
}
BIJSTAND_EXAMPLE = {
    "reference_date": "2026-03-02",
    "household": "single",
    "applicant_birth_date": "1980-01-01",
    "partner_birth_date": None,
    "co_residents_27_plus": 0,
    "net_monthly_income_eur": "0",
    "assets_eur": "2500",
    "debts_eur": "0",
    "home_equity_eur": "0",
}


class WWRulesView(_RulesView):
    law = "ww"

    @extend_schema(
        summary=_("WW-recht, -duur, -einddatum en -bedrag berekenen"),
        description=_(
            "Eén geval of een lijst van gevallen; het antwoord heeft dezelfde vorm."
        ),
        request=WWInputSerializer,
        responses={200: WWResultSerializer, 400: ErrorsSerializer},
        examples=[
            OpenApiExample(
                "26 jaar arbeidsverleden", value=WW_EXAMPLE, request_only=True
            )
        ],
    )
    def post(self, request: Request) -> Response:
        return super().post(request)


class BijstandRulesView(_RulesView):
    law = "bijstand"

    @extend_schema(
        summary=_(
            "Indicatie bijstand: norm, kostendelers, vermogens- en inkomenstoets"
        ),
        description=_(
            "Eén geval of een lijst van gevallen; het antwoord heeft dezelfde vorm."
        ),
        request=BijstandInputSerializer,
        responses={200: BijstandResultSerializer, 400: ErrorsSerializer},
        examples=[
            OpenApiExample("Alleenstaande", value=BIJSTAND_EXAMPLE, request_only=True)
        ],
    )
    def post(self, request: Request) -> Response:
        return super().post(request)
