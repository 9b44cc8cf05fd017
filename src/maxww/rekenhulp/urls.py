"""UI routes of the rekenhulp app (mounted at /rekenhulp/ in maxww.urls)."""

app_name = "rekenhulp"
urlpatterns: list = []
