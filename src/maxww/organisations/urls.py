"""The beheerder's pages for their own region."""

from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("regio/", views.regional_config, name="regional_config"),
]
