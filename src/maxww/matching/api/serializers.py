"""Serializers of the matching API."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from maxww.matching import services
from maxww.matching.models import (
    CandidateProfile,
    Employer,
    Occupation,
    Proposal,
    Vacancy,
)
from maxww.matching.validators import normalise_kvk, normalise_postcode
from maxww.trajects.services import visible_trajects


class OccupationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Occupation
        fields = ["code", "label", "major_group"]


class EmployerSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Employer
        fields = [
            "uuid",
            "kvk_number",
            "name",
            "sector",
            "address",
            "postcode",
            "city",
            "contact_persons",
            "agreements",
            "region",
        ]
        read_only_fields = ["uuid", "region"]
        # Uniqueness per region is checked by the service (region comes from the user).
        validators: list = []

    def validate_kvk_number(self, value):
        return normalise_kvk(value)

    def validate_postcode(self, value):
        return normalise_postcode(value)

    def create(self, validated_data):
        user = self.context["request"].user
        return services.create_employer(
            by=user, organisation=user.organisation, **validated_data
        )


class VacancySerializer(serializers.ModelSerializer):
    employer = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Employer.objects.all()
    )
    occupation = serializers.SlugRelatedField(
        slug_field="code", queryset=Occupation.objects.all()
    )
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Vacancy
        fields = [
            "uuid",
            "external_ref",
            "employer",
            "title",
            "occupation",
            "description",
            "hours_min",
            "hours_max",
            "postcode",
            "location",
            "requires_driving_licence",
            "certificates",
            "language_level",
            "experience_years",
            "start_date",
            "status",
            "is_shared_in_region",
            "region",
        ]
        read_only_fields = ["uuid", "region"]
        validators: list = []

    def validate_employer(self, employer):
        user = self.context["request"].user
        if employer.region_id != user.organisation.region_id:
            raise serializers.ValidationError(
                _("Deze werkgever hoort niet bij uw regio.")
            )
        return employer

    def create(self, validated_data):
        return services.save_vacancy(by=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return services.save_vacancy(
            by=self.context["request"].user, vacancy=instance, **validated_data
        )


class MatchReasonSerializer(serializers.Serializer):
    factor = serializers.CharField()
    points = serializers.FloatField()
    max_points = serializers.FloatField()
    ok = serializers.BooleanField()
    text = serializers.CharField()


class CandidateMatchSerializer(serializers.Serializer):
    traject = serializers.UUIDField()
    score = serializers.IntegerField()
    distance_km = serializers.FloatField(allow_null=True)
    reasons = MatchReasonSerializer(many=True)


class ProposalSerializer(serializers.ModelSerializer):
    vacancy = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Vacancy.objects.all()
    )
    traject = serializers.SlugRelatedField(
        slug_field="uuid", queryset=CandidateProfile.objects.none()
    )

    class Meta:
        model = Proposal
        fields = [
            "uuid",
            "vacancy",
            "traject",
            "status",
            "score",
            "reasons",
            "rejection_reason",
            "note",
            "proposed_date",
            "interview_date",
            "decided_date",
        ]
        read_only_fields = [
            "uuid",
            "status",
            "score",
            "reasons",
            "rejection_reason",
            "proposed_date",
            "interview_date",
            "decided_date",
        ]
        validators: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["traject"].queryset = visible_trajects(request.user)
            self.fields["vacancy"].queryset = Vacancy.objects.visible_to(request.user)

    def create(self, validated_data):
        user = self.context["request"].user
        return services.propose(
            vacancy=validated_data["vacancy"],
            traject=validated_data["traject"],
            by=user,
            on=timezone.localdate(),
            note=validated_data.get("note", ""),
        )
