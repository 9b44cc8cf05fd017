"""API routes of the voorlichting app (mounted under /api/v1/ by maxww.api.urls)."""

from rest_framework.routers import SimpleRouter

from .viewsets import SessionViewSet

router = SimpleRouter()
router.register("sessions", SessionViewSet, basename="session")
urlpatterns = router.urls
