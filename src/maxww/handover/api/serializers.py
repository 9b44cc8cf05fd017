"""Serializers of the handover API."""

from __future__ import annotations

from rest_framework import serializers

from maxww.handover.models import BijstandApplication, GatekeeperCheck


class CheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = GatekeeperCheck
        fields = ["kind", "deadline", "status", "note", "done_at"]


class ApplicationSerializer(serializers.ModelSerializer):
    person = serializers.UUIDField(source="person.uuid", read_only=True)
    handover = serializers.UUIDField(
        source="handover.uuid", read_only=True, allow_null=True
    )
    case_manager = serializers.CharField(
        source="case_manager.username", read_only=True, allow_null=True
    )
    checks = CheckSerializer(many=True, read_only=True)

    class Meta:
        model = BijstandApplication
        fields = [
            "uuid",
            "person",
            "handover",
            "source",
            "application_date",
            "received_at",
            "household_type",
            "status",
            "route",
            "route_reason",
            "case_manager",
            "checks",
        ]


class PackageSerializer(serializers.Serializer):
    header = serializers.DictField()
    payload = serializers.DictField()
    signature = serializers.CharField()


class ImportResultSerializer(serializers.Serializer):
    handover = serializers.UUIDField()
    created = serializers.BooleanField()
    message = serializers.CharField()


class ImportErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()
