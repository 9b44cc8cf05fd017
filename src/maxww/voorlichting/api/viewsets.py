"""Viewsets for sessions: counts for everyone in the region, people by basis."""

from __future__ import annotations

from dataclasses import asdict
from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response

from maxww.people.models import Person
from maxww.policy import Perm
from maxww.policy.drf import AuditedMixin
from maxww.voorlichting import services
from maxww.voorlichting.models import Session

from .serializers import (
    InvitationSerializer,
    InviteResultSerializer,
    InviteSerializer,
    SessionSerializer,
)


class FormatIsAFilter(DefaultContentNegotiation):
    """``?format=`` filters sessions by their format; it does not pick a renderer.

    DRF reads ``?format=`` as a renderer choice, so ``?format=workshop_cv`` answered 404.
    """

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


@extend_schema_view(
    list=extend_schema(summary=_("Voorlichtingsbijeenkomsten in uw regio met opkomst")),
    retrieve=extend_schema(summary=_("Eén bijeenkomst met opkomst")),
)
class SessionViewSet(AuditedMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "uuid"
    policy = {
        "list": Perm.SESSION_READ,
        "retrieve": Perm.SESSION_READ,
        "invitations": Perm.SESSION_READ,
        "invite": Perm.SESSION_MANAGE,
    }
    # Sessions hold no person; their invitations do (see ``invitations``).
    audit_object_type = "voorlichting.invitation"
    audit_purpose = "API: uitnodigingen"
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
        self._audited = rows
        return Response(InvitationSerializer(rows, many=True).data)

    @extend_schema(
        summary=_("Personen uitnodigen (alles of niets bij te weinig plaatsen)"),
        request=InviteSerializer,
        responses={200: InviteResultSerializer},
    )
    @action(detail=True, methods=["post"])
    def invite(self, request, uuid=None):
        session = self.get_object()
        serializer = InviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invited = list(
            Person.objects.visible_to(request.user).filter(
                uuid__in=serializer.validated_data["people"]
            )
        )
        result = services.invite_people(
            session=session,
            people=[p.pk for p in invited],
            by=request.user,
            on=timezone.localdate(),
        )
        self._audited = invited
        return Response(InviteResultSerializer(asdict(result)).data)
