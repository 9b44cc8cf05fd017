"""UI routes of the monitoring app (mounted at /monitoring/ in maxww.urls)."""

from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("business-case/", views.business_case, name="business_case"),
]
