from django.urls import path

from maxww.policy import Perm
from maxww.policy.views import requires

from . import sso, views

app_name = "accounts"

urlpatterns = [
    path("tweestapsverificatie/", views.setup, name="setup"),
    path("inloggen/code/", views.verify, name="verify"),
    # Staff login through their organisation's identity provider.
    path(
        "sso/callback/",
        requires(Perm.PUBLIC)(sso.StaffCallbackView.as_view()),
        name="oidc_callback",
    ),
    path(
        "sso/<slug:slug>/",
        requires(Perm.PUBLIC)(sso.StaffStartView.as_view()),
        name="oidc_start",
    ),
]
