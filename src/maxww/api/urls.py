"""The REST API under /api/v1/: one router, each app registers its viewsets."""

from django.urls import include, path

from rest_framework.routers import DefaultRouter

from maxww.organisations.api import OrganisationViewSet, RegionViewSet, me
from maxww.policy import Perm


class _Router(DefaultRouter):
    """The router whose root view (the list of endpoints) any staff user may read."""

    class APIRootView(DefaultRouter.APIRootView):
        policy = {"get": Perm.STAFF}


router = _Router()
router.register("regions", RegionViewSet, basename="region")
router.register("organisations", OrganisationViewSet, basename="organisation")

# Each app adds its own routes in maxww/<app>/api_urls.py.
APPS = (
    "rekenhulp",
    "screening",
    "trajects",
    "voorlichting",
    "kennisbank",
    "matching",
    "handover",
)

urlpatterns = [
    path("me", me, name="api-me"),
    *router.urls,
    *[path("", include(f"maxww.{app}.api_urls")) for app in APPS],
]
