"""UI routes of the monitoring app (mounted at /monitoring/ in maxww.urls)."""

app_name = "monitoring"
urlpatterns: list = []
