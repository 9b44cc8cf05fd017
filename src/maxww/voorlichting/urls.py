"""UI routes of the voorlichting app (mounted at /voorlichting/ in maxww.urls)."""

app_name = "voorlichting"
urlpatterns: list = []
