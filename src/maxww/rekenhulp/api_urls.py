"""API routes of the rekenhulp app (mounted under /api/v1/ in maxww.api.urls)."""

urlpatterns: list = []
