"""Serializers for the screening API."""

from rest_framework import serializers

from maxww.api.schema import ErrorSerializer
from maxww.screening.models import RiskModel, ScreeningRecord


class RiskReasonSerializer(serializers.Serializer):
    feature = serializers.CharField()
    label = serializers.CharField()
    weight = serializers.FloatField()


class ScreeningRecordSerializer(serializers.ModelSerializer):
    person = serializers.UUIDField(source="person.uuid", read_only=True)
    name = serializers.CharField(source="person.full_name", read_only=True)
    municipality = serializers.CharField(
        source="person.municipality.code", read_only=True
    )
    claim = serializers.UUIDField(source="claim.uuid", read_only=True)
    max_end_date = serializers.DateField(source="claim.max_end_date", read_only=True)
    target_groups = serializers.ListField(
        source="target_group_list", child=serializers.CharField(), read_only=True
    )
    precheck_reasons = serializers.ListField(
        child=serializers.CharField(), read_only=True
    )
    risk_reasons = RiskReasonSerializer(many=True, read_only=True)
    selection_status = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = ScreeningRecord
        fields = [
            "person",
            "name",
            "municipality",
            "claim",
            "max_end_date",
            "window",
            "window_changed_on",
            "target_groups",
            "precheck",
            "precheck_reasons",
            "partner_income_flag",
            "risk_score",
            "risk_reasons",
            "selection_status",
        ]


class ScreeningRowErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    column = serializers.CharField(allow_blank=True)
    reason = serializers.CharField()


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class ExtractImportResultSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    status = serializers.CharField()
    progress = serializers.IntegerField(help_text="Voortgang in procenten.")
    is_duplicate = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    message = serializers.CharField()
    errors = ScreeningRowErrorSerializer(many=True)


class RiskModelCardSerializer(serializers.ModelSerializer):
    notice = serializers.SerializerMethodField()

    class Meta:
        model = RiskModel
        fields = [
            "version",
            "trained_at",
            "trained_on",
            "seed",
            "features",
            "coefficients",
            "intercept",
            "metrics",
            "calibration",
            "group_metrics",
            "notice",
        ]

    def get_notice(self, obj) -> str:
        return "Een score ordent alleen een lijst; een mens beslist."


class ImportProblemSerializer(ErrorSerializer):
    """A refused extract: the problem document with the import's report."""

    report = ExtractImportResultSerializer()
