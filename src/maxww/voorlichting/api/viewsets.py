"""Viewsets for sessions: counts for everyone in the region, people by basis."""

from __future__ import annotations

from dataclasses import asdict
from types import SimpleNamespace

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response

from maxww.audit.constants import LegalBasis
from maxww.audit.services import log_list
from maxww.organisations.constants import Role
from maxww.people.models import Person
from maxww.voorlichting import services
from maxww.voorlichting.models import Session

from .serializers import (
    InvitationSerializer,
    InviteResultSerializer,
    InviteSerializer,
    SessionSerializer,
)

ORGANISERS = (Role.COORDINATOR, Role.UWV_ADVISER)


class FormatIsAFilter(DefaultContentNegotiation):
    """``?format=`` filters sessions by their format; it does not pick a renderer.

    DRF reads ``?format=`` as a renderer choice, so ``?format=workshop_cv`` answered 404.
    """

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


@extend_schema_view(
    list=extend_schema(summary=_("Voorlichtingsbijeenkomsten in uw regio met opkomst")),
    retrieve=extend_schema(summary=_("Eén bijeenkomst met opkomst")),
)
class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "uuid"
    serializer_class = SessionSerializer
    filterset_fields = ["format"]
    content_negotiation_class = FormatIsAFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Session.objects.none()
        return services.with_counts(
            services.sessions_for(self.request.user).select_related(
                "region", "organisation"
            )
        ).order_by("starts_at")

    @extend_schema(
        summary=_("Uitnodigingen van een bijeenkomst (personen die u mag zien)"),
        responses={200: InvitationSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def invitations(self, request, uuid=None):
        session = self.get_object()
        rows = list(
            session.invitations.filter(
                person__in=Person.objects.visible_to(request.user)
            ).select_related("person")
        )
        log_list(
            user=request.user,
            people=[i.person for i in rows],
            object_type="voorlichting.invitation",
            legal_basis=LegalBasis.CASELOAD,
            purpose="API: uitnodigingen",
            request=request,
        )
        return Response(InvitationSerializer(rows, many=True).data)

    @extend_schema(
        summary=_("Personen uitnodigen (alles of niets bij te weinig plaatsen)"),
        request=InviteSerializer,
        responses={200: InviteResultSerializer},
    )
    @action(detail=True, methods=["post"])
    def invite(self, request, uuid=None):
        if request.user.role not in ORGANISERS:
            raise PermissionDenied(_("Alleen een coördinator of adviseur nodigt uit."))
        session = self.get_object()
        serializer = InviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ids = list(
            Person.objects.filter(
                uuid__in=serializer.validated_data["people"]
            ).values_list("pk", flat=True)
        )
        try:
            result = services.invite_people(
                session=session, people=ids, by=request.user, on=timezone.localdate()
            )
        except DjangoValidationError as exc:
            raise ValidationError({"detail": exc.messages}) from exc
        return Response(InviteResultSerializer(asdict(result)).data)
