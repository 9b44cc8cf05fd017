"""UI routes of the trajects app (mounted at /trajects/ in maxww.urls)."""

app_name = "trajects"
urlpatterns: list = []
