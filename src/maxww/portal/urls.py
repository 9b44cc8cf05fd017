"""UI routes of the portal app (mounted at /portal/ in maxww.urls)."""

app_name = "portal"
urlpatterns: list = []
