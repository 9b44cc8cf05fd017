"""The rules as an API: one calculation (POST rules/ww, rules/bijstand) and batches.

POST /api/v1/rules/batches: upload a file of cases; poll it; download the result.

The body passes the shared upload caps (``maxww.core.uploads``: refused by its
Content-Length before it is read, streamed to a temporary file); a batch has
its own, possibly smaller, cap (``RULES_BATCH_MAX_BYTES``). Refusals are
problem documents (``maxww.api.errors``).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from maxww.api.errors import PROBLEM_TYPE, Problem, problem
from maxww.api.schema import ErrorSerializer
from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.policy import Perm
from maxww.rekenhulp.models import BatchStatus, RuleBatch
from maxww.rekenhulp.services import evaluate_records
from maxww.rekenhulp.tasks import run_rule_batch

from .serializers import (
    BijstandInputSerializer,
    BijstandResultSerializer,
    ErrorsSerializer,
    RuleBatchSerializer,
    RuleBatchUploadSerializer,
    WWInputSerializer,
    WWResultSerializer,
)


class _RulesView(APIView):
    policy = {"post": Perm.RULES_CALCULATE}
    law = ""

    def post(self, request: Request) -> Response:
        data = request.data
        single = not isinstance(data, list)
        records = [data] if single else data
        results, errors = evaluate_records(self.law, records)
        if errors:
            # A problem document; the row and field errors ride along.
            return Response(
                problem(
                    400,
                    _("De invoer bevat %(n)d fout(en).") % {"n": len(errors)},
                    code="invalid_cases",
                    errors=errors,
                ),
                status=status.HTTP_400_BAD_REQUEST,
                content_type=PROBLEM_TYPE,
            )
        return Response(results[0] if single else results)


WW_EXAMPLE = {
    "reference_date": "2026-03-02",
    "birth_date": "1975-05-14",
    "weeks_worked_last_36": 36,
    "years_with_208_hours_last_5": 5,
    "employment_history_years_before_2016": 20,
    "employment_history_years_from_2016": 6,
    "daily_wage_eur": "180.00",
}


BIJSTAND_EXAMPLE = {
    "reference_date": "2026-03-02",
    "household": "single",
    "applicant_birth_date": "1980-01-01",
    "partner_birth_date": None,
    "co_residents_27_plus": 0,
    "net_monthly_income_eur": "0",
    "assets_eur": "2500",
    "debts_eur": "0",
    "home_equity_eur": "0",
}


class WWRulesView(_RulesView):
    law = "ww"

    @extend_schema(
        summary=_("WW-recht, -duur, -einddatum en -bedrag berekenen"),
        description=_(
            "Eén geval of een lijst van gevallen; het antwoord heeft dezelfde vorm."
        ),
        request=WWInputSerializer,
        responses={200: WWResultSerializer, 400: ErrorsSerializer},
        examples=[
            OpenApiExample(
                "26 jaar arbeidsverleden", value=WW_EXAMPLE, request_only=True
            )
        ],
    )
    def post(self, request: Request) -> Response:
        return super().post(request)


class BijstandRulesView(_RulesView):
    law = "bijstand"

    @extend_schema(
        summary=_(
            "Indicatie bijstand: norm, kostendelers, vermogens- en inkomenstoets"
        ),
        description=_(
            "Eén geval of een lijst van gevallen; het antwoord heeft dezelfde vorm."
        ),
        request=BijstandInputSerializer,
        responses={200: BijstandResultSerializer, 400: ErrorsSerializer},
        examples=[
            OpenApiExample("Alleenstaande", value=BIJSTAND_EXAMPLE, request_only=True)
        ],
    )
    def post(self, request: Request) -> Response:
        return super().post(request)


DEFAULT_MAX_BYTES = 200 * 1024 * 1024


def _max_bytes() -> int:
    return int(getattr(settings, "RULES_BATCH_MAX_BYTES", DEFAULT_MAX_BYTES))


class RuleBatchCreateView(APIView):
    policy = {"post": Perm.RULES_CALCULATE}
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
            411: OpenApiResponse(ErrorSerializer, description=_("Lengte ontbreekt")),
            413: OpenApiResponse(ErrorSerializer, description=_("Bestand te groot")),
        },
    )
    def post(self, request: Request) -> Response:
        limit = _max_bytes()
        length = request.META.get("CONTENT_LENGTH") or ""
        if not length.isdigit():
            raise Problem(
                _("Content-Length ontbreekt."),
                status_code=status.HTTP_411_LENGTH_REQUIRED,
                code="length_required",
                max_bytes=limit,
            )
        if int(length) > limit:
            raise Problem(
                _("Het bestand is groter dan %(limit)s bytes.") % {"limit": limit},
                status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
                code="upload_too_large",
                max_bytes=limit,
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
    policy = {"get": Perm.RULES_CALCULATE}

    @extend_schema(
        summary=_("Status en voortgang van een rekenbatch"),
        responses={200: RuleBatchSerializer},
    )
    def get(self, request: Request, uuid) -> Response:
        return Response(RuleBatchSerializer(_own(request, uuid)).data)


class RuleBatchResultView(APIView):
    policy = {"get": Perm.RULES_CALCULATE}

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
            raise Problem(
                _("Deze batch heeft (nog) geen resultaat."),
                status_code=status.HTTP_409_CONFLICT,
                code="no_result_yet",
            )
        _log(request, batch, Action.EXPORTED, "resultaat gedownload", batch.rows_total)
        return FileResponse(
            batch.output_file.open("rb"),
            as_attachment=True,
            filename=Path(batch.output_file.name).name,
        )
