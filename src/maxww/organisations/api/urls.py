"""API routes of the organisations app (mounted under /api/v1/ by maxww.api.urls)."""

from django.urls import path

from rest_framework.routers import SimpleRouter

from .viewsets import OrganisationViewSet, RegionViewSet, me

router = SimpleRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("organisations", OrganisationViewSet, basename="organisation")
urlpatterns = [path("me", me, name="api-me"), *router.urls]
