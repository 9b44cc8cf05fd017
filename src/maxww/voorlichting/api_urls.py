"""API routes of the voorlichting app (mounted under /api/v1/ in maxww.api.urls)."""

urlpatterns: list = []
