"""API routes of the trajects app (mounted under /api/v1/ in maxww.api.urls)."""

urlpatterns: list = []
