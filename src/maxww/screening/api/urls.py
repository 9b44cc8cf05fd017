"""API routes of the screening app (mounted under /api/v1/ by maxww.api.urls)."""

from django.urls import path

from rest_framework.routers import SimpleRouter

from .viewsets import ScreeningRecordViewSet, model_card, upload_extract

router = SimpleRouter()
router.register("screening/people", ScreeningRecordViewSet, basename="screening-person")

urlpatterns = [
    path("screening/imports", upload_extract, name="screening-import"),
    path("screening/model-card", model_card, name="screening-model-card"),
    *router.urls,
]
