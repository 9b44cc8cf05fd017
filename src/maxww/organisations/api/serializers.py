"""Serializers of the organisations API."""

from rest_framework import serializers

from maxww.organisations.models import (
    Municipality,
    Organisation,
    Region,
    RegionalConfig,
)


class MunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["code", "name"]


class RegionalConfigSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegionalConfig
        fields = [
            "screening_months",
            "invitation_months",
            "coaching_months",
            "follow_up_months",
            "documentation_months",
            "session_tone",
            "coaching_weeks",
            "enabled_steps",
        ]


class RegionSerializer(serializers.ModelSerializer):
    municipalities = MunicipalitySerializer(many=True, read_only=True)
    config = RegionalConfigSerializer(read_only=True)

    class Meta:
        model = Region
        fields = ["code", "name", "municipalities", "config"]


class OrganisationSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "region"]


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    role = serializers.CharField()
    organisation = serializers.CharField(allow_null=True)
    region = serializers.CharField(allow_null=True)
