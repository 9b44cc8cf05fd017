"""API routes of the monitoring app (mounted under /api/v1/ in maxww.api.urls)."""

urlpatterns: list = []
