from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("tweestapsverificatie/", views.setup, name="setup"),
    path("inloggen/code/", views.verify, name="verify"),
]
