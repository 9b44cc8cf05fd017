"""API routes of the portal app (mounted under /api/v1/ in maxww.api.urls)."""

urlpatterns: list = []
