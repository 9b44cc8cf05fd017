"""API routes of the kennisbank app (mounted under /api/v1/ by maxww.api.urls)."""

from rest_framework.routers import SimpleRouter

from .viewsets import InstrumentViewSet

router = SimpleRouter()
router.register("instruments", InstrumentViewSet, basename="instrument")
urlpatterns = router.urls
