"""Viewsets for trajects and consents: start from the visible people."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from maxww.api.filters import StrictBooleanFilter
from maxww.policy import Perm
from maxww.policy.drf import AuditedMixin, PersonScopedMixin
from maxww.trajects import services
from maxww.trajects.constants import TrajectState
from maxww.trajects.models import Consent, Traject

from .serializers import (
    ConsentSerializer,
    TrajectDetailSerializer,
    TrajectSerializer,
    TransitionSerializer,
)


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
class TrajectViewSet(AuditedMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "uuid"
    filterset_class = TrajectFilter
    policy = {
        "list": Perm.TRAJECT_READ,
        "retrieve": Perm.TRAJECT_READ,
        "transition": Perm.TRAJECT_MOVE,
    }
    audit_object_type = "trajects.traject"
    audit_purpose = "API: trajecten"

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
        with transaction.atomic():
            traject = services.transition(
                traject=traject,
                to=to,
                by=request.user,
                on=timezone.localdate(),
                outcome=outcome,
                **data,
            )
        return Response(TrajectSerializer(traject).data)


@extend_schema_view(
    list=extend_schema(summary=_("Toestemmingen van personen die u mag zien")),
    retrieve=extend_schema(summary=_("Eén toestemming")),
    create=extend_schema(summary=_("Mondelinge toestemming vastleggen")),
)
class ConsentViewSet(
    AuditedMixin,
    PersonScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    lookup_field = "uuid"
    serializer_class = ConsentSerializer
    filterset_fields = ["purpose"]
    policy = {
        "list": Perm.CONSENT_READ,
        "retrieve": Perm.CONSENT_READ,
        "create": Perm.CONSENT_RECORD,
        "withdraw": Perm.CONSENT_WITHDRAW,
    }
    audit_object_type = "trajects.consent"
    audit_purpose = "API: toestemmingen"

    def get_queryset(self):
        # The consents of visible people that concern this organisation: given
        # to it or recorded by it. Another organisation's consents are not ours
        # to read, even for a person we may see.
        organisation_id = getattr(self.request.user, "organisation_id", None)
        return (
            self.scope(Consent.objects.all())
            .filter(
                Q(recipient_id=organisation_id)
                | Q(recorded_by__organisation_id=organisation_id)
            )
            .select_related("person", "recipient", "recorded_by")
            .order_by("-given_at")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
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

    @extend_schema(
        summary=_("Toestemming intrekken (inzage stopt direct)"),
        request=None,
        responses={200: ConsentSerializer},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, uuid=None):
        consent = self.get_object()
        services.withdraw_consent(
            consent=consent, by=request.user, on=timezone.localdate()
        )
        return Response(ConsentSerializer(consent).data, status=status.HTTP_200_OK)
