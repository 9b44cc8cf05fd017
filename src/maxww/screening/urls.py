"""UI routes of the screening app (mounted at /screening/ in maxww.urls)."""

from django.urls import path

from . import views

app_name = "screening"
urlpatterns = [
    path("", views.cohorts, name="cohorts"),
    path("uitnodigen/", views.invitations, name="invitations"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/hulp/", views.extract_help, name="extract_help"),
    path("import/sjabloon.csv", views.extract_template, name="extract_template"),
    path("import/<uuid:uuid>/", views.import_detail, name="import_detail"),
    path(
        "import/<uuid:uuid>/fouten.csv", views.import_errors_csv, name="import_errors"
    ),
    path("risicomodel/", views.model_card, name="model_card"),
    path("uitkering/<uuid:uuid>/doelgroepen/", views.override, name="override"),
]
