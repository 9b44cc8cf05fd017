"""API routes of the kennisbank app (mounted under /api/v1/ in maxww.api.urls)."""

from rest_framework.routers import SimpleRouter

from .api import InstrumentViewSet

router = SimpleRouter()
router.register("instruments", InstrumentViewSet, basename="instrument")
urlpatterns = router.urls
