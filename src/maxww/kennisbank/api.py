"""API for the kennisbank: instruments (no personal data)."""

from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from . import services
from .models import Instrument


class InstrumentSerializer(serializers.ModelSerializer):
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    target_groups = serializers.ListField(
        source="target_group_list", child=serializers.CharField(), read_only=True
    )

    class Meta:
        model = Instrument
        fields = [
            "uuid",
            "name",
            "description",
            "conditions",
            "amount",
            "cost_unit",
            "max_units",
            "funder",
            "phase",
            "regions",
            "target_groups",
            "contact",
            "source",
            "is_active",
        ]


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

    def get_queryset(self):
        p = self.request.query_params
        if self.action != "list":
            return Instrument.objects.prefetch_related("regions")
        return services.search_instruments(
            text=p.get("q", ""),
            phase=p.get("phase", ""),
            region_code=p.get("region", ""),
            target_group=p.get("target_group", ""),
            funder=p.get("funder", ""),
        ).order_by("name")
