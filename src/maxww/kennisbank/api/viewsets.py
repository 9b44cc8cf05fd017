"""API for the kennisbank: instruments (no personal data)."""

from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from maxww.kennisbank import services
from maxww.kennisbank.models import Instrument
from maxww.policy import Perm

from .serializers import InstrumentSerializer, _SearchSerializer

_FILTERS = [
    OpenApiParameter("q", str, description="Zoektekst"),
    OpenApiParameter("phase", str, description="ww, bijstand of both"),
    OpenApiParameter("region", str, description="Regiocode, bv. AM24"),
    OpenApiParameter("target_group", str, description="Doelgroep"),
    OpenApiParameter("funder", str, description="uwv, municipality of other"),
]


@extend_schema_view(
    list=extend_schema(
        summary=_("Instrumenten zoeken en filteren"), parameters=_FILTERS
    ),
    retrieve=extend_schema(summary=_("Eén instrument")),
)
class InstrumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InstrumentSerializer
    lookup_field = "uuid"
    filter_backends: list = []
    policy = {"list": Perm.KENNISBANK_READ, "retrieve": Perm.KENNISBANK_READ}

    def get_queryset(self):
        if self.action != "list":
            return Instrument.objects.prefetch_related("regions")
        query = _SearchSerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)  # e.g. NUL, which PostgreSQL refuses
        p = query.validated_data
        return services.search_instruments(
            text=p["q"],
            phase=p["phase"],
            region_code=p["region"],
            target_group=p["target_group"],
            funder=p["funder"],
        ).order_by("name")
