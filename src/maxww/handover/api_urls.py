"""API routes of the handover app (mounted under /api/v1/ in maxww.api.urls)."""

urlpatterns: list = []
