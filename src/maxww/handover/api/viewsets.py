"""API: bijstand applications (visible ones) and handover package export/import."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from maxww.api.schema import ErrorSerializer
from maxww.handover import services
from maxww.handover.models import GatekeeperCheck, Handover
from maxww.policy import Perm
from maxww.policy.drf import AuditedMixin

from .serializers import (
    ApplicationSerializer,
    ImportErrorSerializer,
    ImportResultSerializer,
    PackageSerializer,
)


@extend_schema_view(
    list=extend_schema(summary=_("Bijstandsaanvragen van uw organisatie")),
    retrieve=extend_schema(summary=_("Eén bijstandsaanvraag met controles")),
)
class ApplicationViewSet(AuditedMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ApplicationSerializer
    policy = {"list": Perm.APPLICATION_READ, "retrieve": Perm.APPLICATION_READ}
    audit_object_type = "handover.bijstandapplication"
    audit_purpose = "API: bijstandsaanvragen"
    lookup_field = "uuid"
    filter_backends: list = []

    def get_queryset(self):
        return (
            services.visible_applications(self.request.user)
            .select_related("person", "handover", "case_manager")
            .prefetch_related(
                Prefetch("checks", queryset=GatekeeperCheck.objects.order_by("id"))
            )
            .order_by("-received_at", "-id")
        )


class HandoverViewSet(viewsets.GenericViewSet):
    """Signed packages for exchange between deployments."""

    lookup_field = "uuid"
    serializer_class = PackageSerializer
    filter_backends: list = []
    policy = {"package": Perm.HANDOVER_SEND, "import_package": Perm.HANDOVER_RECEIVE}

    def get_queryset(self):
        from maxww.people.models import Person

        if getattr(self, "swagger_fake_view", False):
            return Handover.objects.none()
        return Handover.objects.filter(
            person__in=Person.objects.visible_to(self.request.user),
            from_organisation_id=self.request.user.organisation_id,
        ).select_related("person", "from_organisation", "to_organisation")

    @extend_schema(
        summary=_("Ondertekend overdrachtspakket exporteren"),
        responses={
            200: PackageSerializer,
            409: OpenApiResponse(
                ErrorSerializer,
                _("Geen geldige ondertekeningssleutel, of een ontvangen overdracht"),
            ),
        },
    )
    @action(detail=True, methods=["get"])
    def package(self, request, uuid=None):
        handover = self.get_object()  # 404 for an unknown or malformed uuid
        try:
            package = services.export_package(
                handover=handover, by=request.user, now=timezone.now(), request=request
            )
        except DjangoValidationError as exc:
            return Response(
                {"detail": " ".join(exc.messages)}, status=status.HTTP_409_CONFLICT
            )
        return Response(package)

    @extend_schema(
        summary=_("Overdrachtspakket importeren"),
        request=PackageSerializer,
        responses={
            201: ImportResultSerializer,
            200: ImportResultSerializer,
            422: OpenApiResponse(ImportErrorSerializer, _("Pakket geweigerd")),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
    )
    def import_package(self, request):
        try:
            if not isinstance(request.data, dict):
                # A bare number or list in the body; the service takes a package
                # as bytes, text or an object.
                raise services.PackageRejectedError(
                    "invalid_envelope", _("Een pakket is een JSON-object.")
                )
            result = services.import_package(
                request.data,
                organisation=request.user.organisation,
                by=request.user,
                now=timezone.now(),
                request=request,
            )
        except services.PackageRejectedError as exc:
            return Response(
                {"code": exc.code, "detail": exc.message},
                status=status.HTTP_422_UNPROCESSABLE_ENTITY,
            )
        return Response(
            {
                "handover": result.handover.uuid,
                "created": result.created,
                "message": result.message,
            },
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )
