"""API routes of the voorlichting app (mounted under /api/v1/ in maxww.api.urls)."""

from rest_framework.routers import SimpleRouter

from .api.viewsets import SessionViewSet

router = SimpleRouter()
router.register("sessions", SessionViewSet, basename="session")
urlpatterns = router.urls
