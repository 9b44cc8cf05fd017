"""Viewsets for trajects and consents: start from the visible people."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from maxww.api.filters import StrictBooleanFilter
from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access, log_list
from maxww.people.models import Person
from maxww.trajects import services
from maxww.trajects.constants import TrajectState
from maxww.trajects.models import Consent, Traject

from .serializers import (
    ConsentSerializer,
    TrajectDetailSerializer,
    TrajectSerializer,
    TransitionSerializer,
)


def _drf_error(exc: DjangoValidationError) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {
                k: [m for err in v for m in err.messages]
                for k, v in exc.error_dict.items()
            }
        )
    return ValidationError({"detail": exc.messages})


class TrajectFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=TrajectState.choices)
    mine = StrictBooleanFilter(method="filter_mine", label=_("Alleen mijn caseload"))

    class Meta:
        model = Traject
        fields = ["state", "mine"]

    def filter_mine(self, queryset, name, value):
        return queryset.filter(coach=self.request.user) if value else queryset


@extend_schema_view(
    list=extend_schema(summary=_("Trajecten van personen die u mag zien")),
    retrieve=extend_schema(summary=_("Eén traject met historie")),
)
class TrajectViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "uuid"
    filterset_class = TrajectFilter

    def get_queryset(self):
        return (
            services.visible_trajects(self.request.user)
            .select_related("person", "organisation", "coach")
            .order_by("-signalled_date", "-id")
        )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return TrajectDetailSerializer
        if self.action == "transition":
            return TransitionSerializer
        return TrajectSerializer

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        people = [row["person"] for row in response.data.get("results", [])]
        log_list(
            user=request.user,
            people=people,
            object_type="trajects.traject",
            legal_basis=LegalBasis.CASELOAD,
            purpose="API: trajecten",
            request=request,
        )
        return response

    def retrieve(self, request, *args, **kwargs):
        traject = self.get_object()
        log_access(
            user=request.user,
            action=Action.VIEWED,
            obj=traject,
            person_ref=str(traject.person.uuid),
            legal_basis=LegalBasis.CASELOAD,
            purpose="API: traject",
            request=request,
        )
        return Response(TrajectDetailSerializer(traject).data)

    @extend_schema(
        summary=_("Traject naar een andere fase (afsluiten met uitkomst)"),
        request=TransitionSerializer,
        responses={200: TrajectSerializer},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, uuid=None):
        traject = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        to = data.pop("to")
        outcome = data.pop("outcome", "")
        try:
            with transaction.atomic():
                traject = services.transition(
                    traject=traject,
                    to=to,
                    by=request.user,
                    on=timezone.localdate(),
                    outcome=outcome,
                    **data,
                )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(TrajectSerializer(traject).data)


@extend_schema_view(
    list=extend_schema(summary=_("Toestemmingen van personen die u mag zien")),
    retrieve=extend_schema(summary=_("Eén toestemming")),
    create=extend_schema(summary=_("Mondelinge toestemming vastleggen")),
)
class ConsentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    lookup_field = "uuid"
    serializer_class = ConsentSerializer
    filterset_fields = ["purpose"]

    def get_queryset(self):
        return (
            Consent.objects.filter(
                person__in=Person.objects.visible_to(self.request.user)
            )
            .select_related("person", "recipient", "recorded_by")
            .order_by("-given_at")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            with transaction.atomic():
                serializer.instance = services.give_consent(
                    person=data["person"],
                    purpose=data["purpose"],
                    recipient=data["recipient"],
                    scope=data.get("scope", ""),
                    kind=data["kind"],
                    by=self.request.user,
                    on=timezone.localdate(),
                )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc

    @extend_schema(
        summary=_("Toestemming intrekken (inzage stopt direct)"),
        request=None,
        responses={200: ConsentSerializer},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, uuid=None):
        consent = self.get_object()
        try:
            services.withdraw_consent(
                consent=consent, by=request.user, on=timezone.localdate()
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(ConsentSerializer(consent).data, status=status.HTTP_200_OK)
