"""API routes of the kennisbank app (mounted under /api/v1/ in maxww.api.urls)."""

urlpatterns: list = []
