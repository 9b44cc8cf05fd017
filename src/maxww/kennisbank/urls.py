"""UI routes of the kennisbank app (mounted at /kennisbank/ in maxww.urls)."""

from django.urls import path

from . import views

app_name = "kennisbank"
urlpatterns = [
    path("", views.instruments, name="instruments"),
    path("<uuid:uuid>/", views.instrument_detail, name="instrument"),
    path("traject/<uuid:uuid>/", views.traject_uses, name="traject_uses"),
]
