"""API for regions and organisations (no personal data)."""

from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from maxww.api.lookups import CODE_LOOKUP
from maxww.organisations.models import Organisation, Region
from maxww.policy import Perm
from maxww.policy.drf import api_policy

from .serializers import (
    MeSerializer,
    OrganisationSerializer,
    RegionSerializer,
)


@extend_schema_view(
    list=extend_schema(summary=_("Arbeidsmarktregio's met gemeenten en instellingen")),
    retrieve=extend_schema(summary=_("Eén arbeidsmarktregio")),
)
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RegionSerializer
    lookup_field = "code"
    lookup_value_regex = CODE_LOOKUP
    policy = {"list": Perm.REFERENCE_READ, "retrieve": Perm.REFERENCE_READ}
    queryset = Region.objects.select_related("config").prefetch_related(
        "municipalities"
    )


@extend_schema_view(
    list=extend_schema(summary=_("Organisaties")),
    retrieve=extend_schema(summary=_("Eén organisatie")),
)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.select_related("region")
    filterset_fields = ["kind"]
    policy = {"list": Perm.REFERENCE_READ, "retrieve": Perm.REFERENCE_READ}


@api_policy(get=Perm.SIGNED_IN)
@extend_schema(summary=_("De ingelogde gebruiker"), responses=MeSerializer)
@api_view(["GET"])
def me(request: Request) -> Response:
    user = request.user
    data = {
        "username": user.username,
        "role": user.role,
        "organisation": user.organisation.name if user.organisation_id else None,
        "region": user.organisation.region.code if user.organisation_id else None,
    }
    return Response(MeSerializer(data).data)
