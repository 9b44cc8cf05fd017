"""API routes of the rekenhulp app (mounted under /api/v1/)."""

from django.urls import path

from .api import BijstandRulesView, WWRulesView

urlpatterns = [
    path("rules/ww", WWRulesView.as_view(), name="rules-ww"),
    path("rules/bijstand", BijstandRulesView.as_view(), name="rules-bijstand"),
]
