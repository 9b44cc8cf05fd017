"""Top-level URLs: the UI per app, the API under /api/v1/, health and docs."""

from django.contrib import admin
from django.urls import include, path

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from maxww.accounts import oidc as accounts_oidc
from maxww.accounts.views import LoginView
from maxww.core import views as core_views
from maxww.policy import Perm
from maxww.policy.views import FORM, READ, WRITE, requires

admin.site.site_header = "maxww beheer"
admin.site.site_title = "maxww"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("healthz/ready", core_views.ready, name="healthz-ready"),
    path(
        "inloggen/",
        requires(Perm.PUBLIC, methods=FORM)(LoginView.as_view()),
        name="login",
    ),
    path("account/", include("maxww.accounts.urls")),
    path("audit/", include("maxww.audit.urls")),
    path(
        "uitloggen/",
        requires(Perm.PUBLIC, methods=WRITE)(accounts_oidc.logout),
        name="logout",
    ),
    # The admin has its own password-only login; send it through ours (2FA).
    path("beheer/login/", core_views.admin_login, name="admin-login-redirect"),
    path("beheer/", admin.site.urls),
    path("instellingen/", include("maxww.organisations.urls")),
    path("rekenhulp/", include("maxww.rekenhulp.urls")),
    path("screening/", include("maxww.screening.urls")),
    path("voorlichting/", include("maxww.voorlichting.urls")),
    path("trajecten/", include("maxww.trajects.urls")),
    path("matching/", include("maxww.matching.urls")),
    path("kennisbank/", include("maxww.kennisbank.urls")),
    path("overdracht/", include("maxww.handover.urls")),
    path("monitoring/", include("maxww.monitoring.urls")),
    path("mijn/", include("maxww.portal.urls")),
    path("api/v1/", include("maxww.api.urls")),
    path(
        "api/schema/",
        requires(Perm.PUBLIC, methods=READ)(SpectacularAPIView.as_view()),
        name="api-schema",
    ),
    path(
        "api/docs/",
        # Swagger UI sets inline styles; allow them on this page only.
        requires(Perm.PUBLIC)(
            csp_replace({"style-src": [SELF, UNSAFE_INLINE]})(
                SpectacularSwaggerSplitView.as_view(url_name="api-schema")
            )
        ),
        name="api-docs",
    ),
]

# JSON under /api/, the HTML page elsewhere.
handler400 = "maxww.api.views.bad_request"
handler404 = "maxww.api.views.page_not_found"
