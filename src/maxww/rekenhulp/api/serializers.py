"""Serializers of the rekenhulp API (calculations and batches)."""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from maxww.api.schema import ErrorSerializer
from maxww.rekenhulp.batches import FORMATS
from maxww.rekenhulp.models import BatchStatus, RuleBatch
from maxww.rules.io import SUPPORTED_FORMATS


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
            "Netto inkomsten uit arbeid (vrijlating art. 31 lid 2 onder n, r, y, z, aa)."
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
    loonkostensubsidie_job = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Inkomsten uit arbeid uit een dienstbetrekking met loonkostensubsidie "
            "(art. 10d; vrijlating art. 31 lid 2 onder z en aa)."
        ),
    )
    lks_exemption_months_used = serializers.IntegerField(
        min_value=0, required=False, default=0
    )
    no_more_hours_possible = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Het college acht uitbreiding van de arbeidsomvang niet mogelijk "
            "(art. 31 lid 2 onder aa)."
        ),
    )
    partner_income_eur = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        required=False,
        help_text=_(
            "Netto inkomen van de partner; bij een partner zonder recht telt het "
            "alleen boven de gehuwdennorm (art. 32 lid 3)."
        ),
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


class ErrorsSerializer(ErrorSerializer):
    """A refused calculation: the problem document with the errors per row."""

    errors = RecordErrorSerializer(many=True)


class RuleBatchUploadSerializer(serializers.Serializer):
    law = serializers.ChoiceField(choices=["ww", "bijstand"])
    file = serializers.FileField(
        help_text=_("CSV, JSON, JSONL of Parquet met één geval per rij.")
    )
    output_format = serializers.ChoiceField(choices=FORMATS, default="parquet")

    def validate_file(self, upload):
        suffix = Path(upload.name).suffix.lower()
        if suffix not in SUPPORTED_FORMATS:
            raise serializers.ValidationError(
                _("Onbekend formaat; gebruik %(formats)s.")
                % {"formats": ", ".join(SUPPORTED_FORMATS)}
            )
        return upload


class RuleBatchSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    progress_percent = serializers.SerializerMethodField()
    result_url = serializers.SerializerMethodField()
    errors = RecordErrorSerializer(many=True)

    class Meta:
        model = RuleBatch
        fields = [
            "uuid",
            "law",
            "status",
            "status_label",
            "rows_total",
            "rows_done",
            "progress_percent",
            "error_count",
            "errors",
            "output_format",
            "result_url",
            "created_at",
            "finished_at",
        ]

    def get_progress_percent(self, batch: RuleBatch) -> int:
        if batch.status == BatchStatus.DONE:
            return 100
        return int(100 * batch.rows_done / batch.rows_total) if batch.rows_total else 0

    def get_result_url(self, batch: RuleBatch) -> str | None:
        if batch.status != BatchStatus.DONE:
            return None
        return reverse("rules-batch-result", kwargs={"uuid": batch.uuid})
