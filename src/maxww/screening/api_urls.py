"""API routes of the screening app (mounted under /api/v1/ in maxww.api.urls)."""

urlpatterns: list = []
