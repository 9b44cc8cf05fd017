"""API routes of the trajects app (mounted under /api/v1/ by maxww.api.urls)."""

from rest_framework.routers import SimpleRouter

from .viewsets import ConsentViewSet, TrajectViewSet

router = SimpleRouter()
router.register("trajects", TrajectViewSet, basename="traject")
router.register("consents", ConsentViewSet, basename="consent")
urlpatterns = router.urls
