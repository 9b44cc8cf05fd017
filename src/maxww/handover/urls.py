"""UI routes of the handover app (mounted at /overdracht/ in maxww.urls)."""

from django.urls import path

from . import views

app_name = "handover"
urlpatterns = [
    path("aanvragen/", views.applications, name="applications"),
    path("aanvragen/nieuw/", views.application_new, name="application_new"),
    path("aanvragen/<uuid:uuid>/", views.application_detail, name="application"),
    path("traject/<uuid:traject_uuid>/", views.start, name="start"),
    path("importeren/", views.import_view, name="import"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/dossier.pdf", views.pdf, name="pdf"),
    path("<uuid:uuid>/pakket/", views.package, name="package"),
]
