"""Screening API: people in windows (visible_to, logged), extract upload, model card."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import api_view, parser_classes, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from maxww.api.schema import ErrorSerializer
from maxww.audit.constants import LegalBasis
from maxww.audit.services import log_list
from maxww.screening.constants import SCREENING_ROLES, ImportStatus, PreCheck, Window
from maxww.screening.models import ScreeningRecord
from maxww.screening.query import apply_filters, visible_records
from maxww.screening.services import active_model
from maxww.screening.services.uploads import start_import, store_upload

from .serializers import (
    ExtractImportResultSerializer,
    ImportUploadSerializer,
    RiskModelCardSerializer,
    ScreeningRecordSerializer,
)


class ScreeningRole(IsAuthenticated):
    def has_permission(self, request, view) -> bool:
        return (
            super().has_permission(request, view)
            and request.user.role in SCREENING_ROLES
        )


class ScreeningRecordFilter(filters.FilterSet):
    window = filters.ChoiceFilter(choices=Window.choices)
    precheck = filters.ChoiceFilter(choices=PreCheck.choices)
    municipality = filters.CharFilter(field_name="person__municipality__code")
    target_group = filters.CharFilter(method="filter_target_group")

    class Meta:
        model = ScreeningRecord
        fields = ["window", "precheck", "municipality", "target_group"]

    def filter_target_group(self, queryset, name, value):
        return apply_filters(queryset, {"window": "all", "target_group": value})


@extend_schema_view(
    list=extend_schema(
        summary="Personen in een screeningsvenster",
        description="Alleen personen waarvoor uw organisatie een grondslag heeft; "
        "elke opvraging wordt gelogd. Zonder filter op venster: alle vensters.",
    )
)
class ScreeningRecordViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ScreeningRecordSerializer
    permission_classes = [ScreeningRole]
    filterset_class = ScreeningRecordFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ScreeningRecord.objects.none()
        return visible_records(self.request.user).order_by("claim__max_end_date", "pk")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        people = [row["person"] for row in response.data.get("results", [])]
        log_list(
            user=request.user,
            people=people,
            object_type="screening.screeningrecord",
            legal_basis=LegalBasis.CASELOAD,
            purpose="screening API",
            request=request,
        )
        return response


@extend_schema(
    summary="UWV-bestand inlezen",
    description="CSV of XLSX (multipart, veld 'file'). Alles of niets: bij fouten "
    "status 400 met elke foute regel (line, column, reason). Een bestand boven de "
    "drempel voor direct inlezen (IMPORT_INLINE_BYTES) wordt op de achtergrond "
    "ingelezen: status 202, met de voortgang (progress) in het antwoord. Een te "
    "groot bestand: 413, zonder dat het gelezen is.",
    request={"multipart/form-data": ImportUploadSerializer},
    responses={
        201: ExtractImportResultSerializer,
        200: OpenApiResponse(
            ExtractImportResultSerializer, description="Al eerder ingelezen"
        ),
        202: OpenApiResponse(
            ExtractImportResultSerializer, description="Op de achtergrond bezig"
        ),
        400: ExtractImportResultSerializer,
        413: OpenApiResponse(ErrorSerializer, description="Bestand te groot"),
    },
)
@api_view(["POST"])
@parser_classes([MultiPartParser])
@permission_classes([ScreeningRole])
def upload_extract(request):
    serializer = ImportUploadSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    extract = store_upload(serializer.validated_data["file"], by=request.user)
    ran_now = start_import(extract)
    extract.refresh_from_db()
    body = ExtractImportResultSerializer(extract).data
    if not ran_now:
        return Response(body, status=status.HTTP_202_ACCEPTED)
    if extract.status != ImportStatus.DONE:
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    return Response(
        body,
        status=status.HTTP_200_OK if extract.is_duplicate else status.HTTP_201_CREATED,
    )


@extend_schema(
    summary="Modelkaart van het actieve risicomodel",
    description="Gegevens, kalibratie (10 groepen), prestaties per groep en gewichten. "
    "Geen persoonsgegevens.",
    responses={
        200: RiskModelCardSerializer,
        404: OpenApiResponse(ErrorSerializer, description="Nog geen model getraind"),
    },
)
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def model_card(request):
    model = active_model()
    if model is None:
        raise NotFound("Er is nog geen risicomodel getraind.")
    return Response(RiskModelCardSerializer(model).data)
