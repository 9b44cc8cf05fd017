"""API for matching: occupations, employers, vacancies (with ranked candidates), proposals."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from maxww.api.filters import StrictBooleanFilter
from maxww.api.lookups import CODE_LOOKUP
from maxww.matching import services
from maxww.matching.constants import VacancyStatus
from maxww.matching.models import (
    CandidateProfile,
    Employer,
    Occupation,
    Proposal,
    Vacancy,
)
from maxww.people.models import Person
from maxww.policy import Perm
from maxww.policy.drf import AuditedMixin
from maxww.trajects.services import visible_trajects

from .serializers import (
    CandidateMatchSerializer,
    EmployerSerializer,
    OccupationSerializer,
    ProposalSerializer,
    VacancySerializer,
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
