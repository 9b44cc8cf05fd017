"""API routes of the rekenhulp app (mounted under /api/v1/)."""

from django.urls import path

from .viewsets import (
    BijstandRulesView,
    RuleBatchCreateView,
    RuleBatchDetailView,
    RuleBatchResultView,
    WWRulesView,
)

urlpatterns = [
    path("rules/ww", WWRulesView.as_view(), name="rules-ww"),
    path("rules/bijstand", BijstandRulesView.as_view(), name="rules-bijstand"),
    path("rules/batches", RuleBatchCreateView.as_view(), name="rules-batches"),
    path(
        "rules/batches/<uuid:uuid>", RuleBatchDetailView.as_view(), name="rules-batch"
    ),
    path(
        "rules/batches/<uuid:uuid>/result",
        RuleBatchResultView.as_view(),
        name="rules-batch-result",
    ),
]
