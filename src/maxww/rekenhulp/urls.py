"""UI routes of the rekenhulp app (mounted at /rekenhulp/)."""

from django.urls import path

from . import views

app_name = "rekenhulp"
urlpatterns = [path("", views.calculator, name="calculator")]
