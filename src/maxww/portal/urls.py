"""UI routes of the portal app (mounted at /mijn/ in maxww.urls)."""

from django.urls import path

from maxww.accounts import oidc as accounts_oidc
from maxww.policy import Perm
from maxww.policy.views import FORM, WRITE, requires

from . import oidc, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("check/", views.check, name="check"),
    path(
        "inloggen/",
        requires(Perm.PUBLIC, methods=FORM)(views.ClientLoginView.as_view()),
        name="login",
    ),
    path(
        "inloggen/digid/",
        requires(Perm.PUBLIC)(oidc.ClientStartView.as_view()),
        name="oidc_start",
    ),
    path(
        "oidc/callback/",
        requires(Perm.PUBLIC)(oidc.ClientCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
    path(
        "uitloggen/",
        requires(Perm.PUBLIC, methods=WRITE)(accounts_oidc.logout),
        {"back_to": "portal:login"},
        name="logout",
    ),
    path("afspraken/", views.invitations, name="invitations"),
    path(
        "afspraken/<uuid:uuid>/reactie/",
        views.invitation_respond,
        name="invitation_respond",
    ),
    path(
        "afspraken/<uuid:uuid>/verzetten/",
        views.invitation_reschedule,
        name="invitation_reschedule",
    ),
    path("plan/", views.plan, name="plan"),
    path("cv/", views.cv, name="cv"),
    path("cv/download/", views.cv_download, name="cv_download"),
    path("toestemmingen/", views.consents, name="consents"),
    path(
        "toestemmingen/<uuid:uuid>/intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("inzage/", views.view_log, name="view_log"),
    # For caseworkers with a legal basis: the person's newest CV.
    path("medewerker/cv/<uuid:uuid>/", views.staff_cv_download, name="staff_cv"),
]
