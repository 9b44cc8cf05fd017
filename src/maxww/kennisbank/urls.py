"""UI routes of the kennisbank app (mounted at /kennisbank/ in maxww.urls)."""

app_name = "kennisbank"
urlpatterns: list = []
