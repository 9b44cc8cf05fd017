from django.urls import path

from . import sso, views

app_name = "accounts"

urlpatterns = [
    path("tweestapsverificatie/", views.setup, name="setup"),
    path("inloggen/code/", views.verify, name="verify"),
    # Staff login through their organisation's identity provider.
    path("sso/callback/", sso.StaffCallbackView.as_view(), name="oidc_callback"),
    path("sso/<slug:slug>/", sso.StaffStartView.as_view(), name="oidc_start"),
]
