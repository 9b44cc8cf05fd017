"""UI routes of the screening app (mounted at /screening/ in maxww.urls)."""

app_name = "screening"
urlpatterns: list = []
