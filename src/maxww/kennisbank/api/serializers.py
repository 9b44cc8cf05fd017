"""Serializers of the kennisbank API."""

from rest_framework import serializers

from maxww.kennisbank.models import Instrument


class InstrumentSerializer(serializers.ModelSerializer):
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    target_groups = serializers.ListField(
        source="target_group_list", child=serializers.CharField(), read_only=True
    )

    class Meta:
        model = Instrument
        fields = [
            "uuid",
            "name",
            "description",
            "conditions",
            "amount",
            "cost_unit",
            "max_units",
            "funder",
            "phase",
            "regions",
            "target_groups",
            "contact",
            "source",
            "is_active",
        ]


class _SearchSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, default="")
    phase = serializers.CharField(required=False, allow_blank=True, default="")
    region = serializers.CharField(required=False, allow_blank=True, default="")
    target_group = serializers.CharField(required=False, allow_blank=True, default="")
    funder = serializers.CharField(required=False, allow_blank=True, default="")
