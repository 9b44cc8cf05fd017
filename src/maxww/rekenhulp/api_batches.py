"""POST /api/v1/rules/batches: upload a file of cases; poll it; download the result.

Upload handling is deliberately minimal until the shared bounded-upload helpers
land: the size cap (``RULES_BATCH_MAX_BYTES``) is checked on the request's
Content-Length before the body is read, and the file goes to storage (Django
streams uploads above ``FILE_UPLOAD_MAX_MEMORY_SIZE`` to a temporary file).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.organisations.constants import CASEWORK_ROLES
from maxww.rules.io import SUPPORTED_FORMATS

from .api import RecordErrorSerializer
from .batches import FORMATS
from .models import BatchStatus, RuleBatch
from .tasks import run_rule_batch

DEFAULT_MAX_BYTES = 200 * 1024 * 1024


class CaseworkRole(BasePermission):
    message = _("Alleen voor medewerkers die met gevallen werken.")

    def has_permission(self, request, view) -> bool:
        return getattr(request.user, "role", None) in CASEWORK_ROLES


class RuleBatchUploadSerializer(serializers.Serializer):
    law = serializers.ChoiceField(choices=["ww", "bijstand"])
    file = serializers.FileField(
        help_text=_("CSV, JSON, JSONL of Parquet met één geval per rij.")
    )
    output_format = serializers.ChoiceField(choices=FORMATS, default="parquet")

    def validate_file(self, upload):
        suffix = Path(upload.name).suffix.lower()
        if suffix not in SUPPORTED_FORMATS:
            raise serializers.ValidationError(
                _("Onbekend formaat; gebruik %(formats)s.")
                % {"formats": ", ".join(SUPPORTED_FORMATS)}
            )
        return upload


class RuleBatchSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    progress_percent = serializers.SerializerMethodField()
    result_url = serializers.SerializerMethodField()
    errors = RecordErrorSerializer(many=True)

    class Meta:
        model = RuleBatch
        fields = [
            "uuid",
            "law",
            "status",
            "status_label",
            "rows_total",
            "rows_done",
            "progress_percent",
            "error_count",
            "errors",
            "output_format",
            "result_url",
            "created_at",
            "finished_at",
        ]

    def get_progress_percent(self, batch: RuleBatch) -> int:
        if batch.status == BatchStatus.DONE:
            return 100
        return int(100 * batch.rows_done / batch.rows_total) if batch.rows_total else 0

    def get_result_url(self, batch: RuleBatch) -> str | None:
        if batch.status != BatchStatus.DONE:
            return None
        return reverse("rules-batch-result", kwargs={"uuid": batch.uuid})


class TooLargeSerializer(serializers.Serializer):
    detail = serializers.CharField()
    max_bytes = serializers.IntegerField()


def _max_bytes() -> int:
    return int(getattr(settings, "RULES_BATCH_MAX_BYTES", DEFAULT_MAX_BYTES))


class RuleBatchCreateView(APIView):
    permission_classes = [IsAuthenticated, CaseworkRole]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary=_("Rekenbatch starten: een bestand met gevallen uploaden"),
        description=_(
            "Het bestand wordt door de taakverwerker doorgerekend; volg de voortgang "
            "via de teruggegeven batch en download daarna het resultaat."
        ),
        request={"multipart/form-data": RuleBatchUploadSerializer},
        responses={
            202: RuleBatchSerializer,
            411: OpenApiResponse(TooLargeSerializer, description=_("Lengte ontbreekt")),
            413: OpenApiResponse(TooLargeSerializer, description=_("Bestand te groot")),
        },
    )
    def post(self, request: Request) -> Response:
        limit = _max_bytes()
        length = request.META.get("CONTENT_LENGTH") or ""
        if not length.isdigit():
            return Response(
                {"detail": _("Content-Length ontbreekt."), "max_bytes": limit},
                status=status.HTTP_411_LENGTH_REQUIRED,
            )
        if int(length) > limit:
            return Response(
                {
                    "detail": _("Het bestand is groter dan %(limit)s bytes.")
                    % {"limit": limit},
                    "max_bytes": limit,
                },
                status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            )
        form = RuleBatchUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        batch = RuleBatch(
            law=form.validated_data["law"],
            output_format=form.validated_data["output_format"],
            created_by=request.user,
        )
        batch.input_file.save(
            f"{batch.uuid}{Path(upload.name).suffix.lower()}", upload, save=False
        )
        batch.save()
        _log(request, batch, Action.CREATED, "gevallen zonder persoonsidentificatie")
        run_rule_batch.enqueue(batch.pk)
        batch.refresh_from_db()
        return Response(
            RuleBatchSerializer(batch).data, status=status.HTTP_202_ACCEPTED
        )


def _log(
    request: Request, batch: RuleBatch, action: Action, purpose: str, count: int = 1
) -> None:
    """Audit one upload or download of a batch (the rows carry no identifiers)."""
    log_access(
        user=request.user,
        action=action,
        obj=batch,
        legal_basis=LegalBasis.AGGREGATE,
        purpose=f"rekenbatch: {purpose}",
        request=request,
        count=count,
    )


def _own(request: Request, uuid) -> RuleBatch:
    return get_object_or_404(RuleBatch, uuid=uuid, created_by=request.user)


class RuleBatchDetailView(APIView):
    permission_classes = [IsAuthenticated, CaseworkRole]

    @extend_schema(
        summary=_("Status en voortgang van een rekenbatch"),
        responses={200: RuleBatchSerializer},
    )
    def get(self, request: Request, uuid) -> Response:
        return Response(RuleBatchSerializer(_own(request, uuid)).data)


class RuleBatchResultView(APIView):
    permission_classes = [IsAuthenticated, CaseworkRole]

    @extend_schema(
        summary=_("Resultaat van een rekenbatch downloaden"),
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                description=_("Het resultaatbestand")
            )
        },
    )
    def get(self, request: Request, uuid):
        batch = _own(request, uuid)
        if batch.status != BatchStatus.DONE or not batch.output_file:
            return Response(
                {"detail": _("Deze batch heeft (nog) geen resultaat.")},
                status=status.HTTP_409_CONFLICT,
            )
        _log(request, batch, Action.EXPORTED, "resultaat gedownload", batch.rows_total)
        return FileResponse(
            batch.output_file.open("rb"),
            as_attachment=True,
            filename=Path(batch.output_file.name).name,
        )
