"""The start page per role and the health check."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from maxww.policy import Perm
from maxww.policy.views import READ, requires

from .navigation import items_for


@requires(Perm.SIGNED_IN, methods=READ)
def home(request):
    """Start page: what this role can do, with a link to each part.

    A client (no staff role, linked to a person) goes to Mijn Max-WW instead.
    """
    if not request.user.role and getattr(request.user, "person", None) is not None:
        return redirect("portal:home")
    return render(request, "core/home.html", {"tasks": items_for(request.user)})


@requires(Perm.PUBLIC, methods=READ)
def healthz(request):
    """200 with database status when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = {"status": "ok", "vendor": connection.vendor}
        status = 200
    except Exception as exc:  # any database failure means unhealthy
        database = {"status": "error", "error": exc.__class__.__name__}
        status = 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "error", "database": database},
        status=status,
    )
