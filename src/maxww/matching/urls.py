"""UI routes of the matching app (mounted at /matching/ in maxww.urls)."""

app_name = "matching"
urlpatterns: list = []
