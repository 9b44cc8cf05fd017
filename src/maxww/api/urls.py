"""The REST API under /api/v1/: one router, each app registers its viewsets."""

from django.urls import path

from rest_framework.routers import DefaultRouter

from maxww.organisations.api import OrganisationViewSet, RegionViewSet, me

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("organisations", OrganisationViewSet, basename="organisation")

urlpatterns = [
    path("me", me, name="api-me"),
    *router.urls,
]
