"""Screening API: people in windows (visible_to, logged), extract upload, model card."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import api_view, parser_classes
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from maxww.api.errors import PROBLEM_TYPE, problem
from maxww.api.schema import ErrorSerializer
from maxww.policy import Perm
from maxww.policy.drf import AuditedMixin, api_policy
from maxww.screening.constants import ImportStatus, PreCheck, Window
from maxww.screening.models import ScreeningRecord
from maxww.screening.query import apply_filters, visible_records
from maxww.screening.services import active_model
from maxww.screening.services.uploads import start_import, store_upload

from .serializers import (
    ExtractImportResultSerializer,
    ImportProblemSerializer,
    ImportUploadSerializer,
    RiskModelCardSerializer,
    ScreeningRecordSerializer,
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
class ScreeningRecordViewSet(
    AuditedMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    serializer_class = ScreeningRecordSerializer
    filterset_class = ScreeningRecordFilter
    policy = {"list": Perm.SCREENING_READ}
    audit_object_type = "screening.screeningrecord"
    audit_purpose = "screening API"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ScreeningRecord.objects.none()
        return visible_records(self.request.user).order_by("claim__max_end_date", "pk")


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
        400: ImportProblemSerializer,
        413: OpenApiResponse(ErrorSerializer, description="Bestand te groot"),
    },
)
@api_policy(post=Perm.SCREENING_IMPORT)
@api_view(["POST"])
@parser_classes([MultiPartParser])
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
        # A refused file is a problem document too; the per-row report rides along.
        return Response(
            problem(400, extract.message, code="import_rejected", report=body),
            status=status.HTTP_400_BAD_REQUEST,
            content_type=PROBLEM_TYPE,
        )
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
@api_policy(get=Perm.MODEL_CARD_READ)
@api_view(["GET"])
def model_card(request):
    model = active_model()
    if model is None:
        raise NotFound("Er is nog geen risicomodel getraind.")
    return Response(RiskModelCardSerializer(model).data)
