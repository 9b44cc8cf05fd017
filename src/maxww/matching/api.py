"""API for matching: occupations, employers, vacancies (with ranked candidates), proposals."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from maxww.api.filters import StrictBooleanFilter
from maxww.api.lookups import CODE_LOOKUP
from maxww.people.models import Person
from maxww.policy import Perm
from maxww.policy.drf import AuditedMixin
from maxww.trajects.services import visible_trajects

from . import services
from .constants import VacancyStatus
from .models import CandidateProfile, Employer, Occupation, Proposal, Vacancy
from .validators import normalise_kvk, normalise_postcode


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


class VacancyFilter(django_filters.FilterSet):
    sector = django_filters.CharFilter(field_name="employer__sector")
    occupation = django_filters.CharFilter(field_name="occupation__code")
    is_shared_in_region = StrictBooleanFilter()

    class Meta:
        model = Vacancy
        fields = ["status", "sector", "occupation", "is_shared_in_region"]


@extend_schema_view(
    list=extend_schema(summary=_("Beroepenlijst (ISCO-08, Nederlandse namen)")),
    retrieve=extend_schema(summary=_("Eén beroep")),
)
class OccupationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OccupationSerializer
    queryset = Occupation.objects.all()
    lookup_field = "code"
    lookup_value_regex = CODE_LOOKUP
    pagination_class = None
    policy = {"list": Perm.REFERENCE_READ, "retrieve": Perm.REFERENCE_READ}


@extend_schema_view(
    list=extend_schema(summary=_("Werkgevers in de eigen regio")),
    retrieve=extend_schema(summary=_("Eén werkgever")),
    create=extend_schema(summary=_("Werkgever toevoegen")),
)
class EmployerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = EmployerSerializer
    queryset = Employer.objects.none()  # for the schema; see get_queryset
    lookup_field = "uuid"
    filterset_fields = ["sector"]
    policy = {
        "list": Perm.MATCHING_READ,
        "retrieve": Perm.MATCHING_READ,
        "create": Perm.MATCHING_WRITE,
    }

    def get_queryset(self):
        user = self.request.user
        if not getattr(user, "organisation_id", None):
            return Employer.objects.none()
        return Employer.objects.filter(
            region_id=user.organisation.region_id
        ).select_related("region")

    @transaction.atomic
    def perform_create(self, serializer):
        serializer.save()


@extend_schema_view(
    list=extend_schema(summary=_("Vacatures: eigen en gedeeld in de regio")),
    retrieve=extend_schema(summary=_("Eén vacature")),
    create=extend_schema(summary=_("Vacature aanmaken")),
    update=extend_schema(summary=_("Vacature wijzigen")),
    partial_update=extend_schema(summary=_("Vacature deels wijzigen")),
    candidates=extend_schema(
        summary=_("Kandidaten voor een vacature, beste eerst, met redenen"),
        responses=CandidateMatchSerializer(many=True),
    ),
)
class VacancyViewSet(
    AuditedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = VacancySerializer
    queryset = Vacancy.objects.none()  # for the schema; see get_queryset
    lookup_field = "uuid"
    filterset_class = VacancyFilter
    policy = {
        "list": Perm.MATCHING_READ,
        "retrieve": Perm.MATCHING_READ,
        "create": Perm.MATCHING_WRITE,
        "update": Perm.MATCHING_WRITE,
        "partial_update": Perm.MATCHING_WRITE,
        "candidates": Perm.MATCHING_WRITE,
    }
    # A vacancy holds no person; its candidates do (see ``candidates``).
    person_path = "traject__person"
    audit_object_type = "matching.candidateprofile"
    audit_purpose = "API: kandidaten voor vacature"

    def get_queryset(self):
        qs = Vacancy.objects.visible_to(self.request.user).select_related(
            "employer", "occupation", "region"
        )
        if self.action in ("update", "partial_update"):
            qs = qs.filter(organisation_id=self.request.user.organisation_id)
        return qs.order_by("start_date", "id")

    @transaction.atomic
    def perform_create(self, serializer):
        serializer.save()

    @transaction.atomic
    def perform_update(self, serializer):
        serializer.save()

    def audited_objects(self) -> list:
        # Only the candidates are personal data; a vacancy is company data.
        return getattr(self, "_candidates", [])

    @action(detail=True, methods=["get"], pagination_class=None)
    def candidates(self, request, uuid=None):
        vacancy = self.get_object()
        if vacancy.status != VacancyStatus.OPEN:
            return Response([])
        matches = services.rank_candidates(
            vacancy=vacancy,
            on=timezone.localdate(),
            profiles=CandidateProfile.objects.filter(
                traject__person__in=Person.objects.visible_to(request.user)
            ),
        )
        self._candidates = [m.profile for m in matches]
        data = [
            {
                "traject": m.profile.traject.uuid,
                "score": m.score,
                "distance_km": m.distance_km,
                "reasons": m.reasons_as_dicts(),
            }
            for m in matches
        ]
        return Response(CandidateMatchSerializer(data, many=True).data)


@extend_schema_view(
    list=extend_schema(summary=_("Voorstellen van zichtbare kandidaten")),
    retrieve=extend_schema(summary=_("Eén voorstel")),
    create=extend_schema(summary=_("Kandidaat voorstellen voor een vacature")),
)
class ProposalViewSet(
    AuditedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProposalSerializer
    queryset = Proposal.objects.none()  # for the schema; see get_queryset
    lookup_field = "uuid"
    filterset_fields = ["status"]
    policy = {
        "list": Perm.MATCHING_READ,
        "retrieve": Perm.MATCHING_READ,
        "create": Perm.MATCHING_WRITE,
    }
    person_path = "traject__person"
    audit_object_type = "matching.proposal"
    audit_purpose = "API: voorstellen"

    def get_queryset(self):
        user = self.request.user
        return Proposal.objects.filter(
            traject__in=visible_trajects(user),
            vacancy__in=Vacancy.objects.visible_to(user),
        ).select_related("vacancy", "traject__person")

    @transaction.atomic
    def perform_create(self, serializer):
        serializer.save()
