"""UI routes of the handover app (mounted at /handover/ in maxww.urls)."""

app_name = "handover"
urlpatterns: list = []
