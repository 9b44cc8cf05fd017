"""The REST API under /api/v1/: the root view, then each app's ``api/urls.py``.

Every app with an API has the same package: ``api/serializers.py``,
``api/viewsets.py`` (each view with its ``policy``) and ``api/urls.py``.
"""

from django.urls import include, path

from rest_framework.routers import DefaultRouter

from maxww.policy import Perm


class _Router(DefaultRouter):
    """The router whose root view (the list of endpoints) any staff user may read."""

    class APIRootView(DefaultRouter.APIRootView):
        policy = {"get": Perm.STAFF}


router = _Router()

APPS = (
    "organisations",
    "rekenhulp",
    "screening",
    "trajects",
    "voorlichting",
    "kennisbank",
    "matching",
    "handover",
)
urlpatterns = [
    *router.urls,
    *[path("", include(f"maxww.{app}.api.urls")) for app in APPS],
]
