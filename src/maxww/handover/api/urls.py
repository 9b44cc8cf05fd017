"""API routes of the handover app (mounted under /api/v1/ by maxww.api.urls)."""

from rest_framework.routers import SimpleRouter

from .viewsets import ApplicationViewSet, HandoverViewSet

router = SimpleRouter()
router.register("applications", ApplicationViewSet, basename="application")
router.register("handovers", HandoverViewSet, basename="handover")
urlpatterns = router.urls
