"""API routes of the matching app (mounted under /api/v1/ in maxww.api.urls)."""

urlpatterns: list = []
