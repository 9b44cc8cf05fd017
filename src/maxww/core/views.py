"""The start page per role and the health check."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .navigation import items_for


@login_required
def home(request):
    """Start page: what this role can do, with a link to each part.

    A client (no staff role, linked to a person) goes to Mijn Max-WW instead.
    """
    if not request.user.role and getattr(request.user, "person", None) is not None:
        return redirect("portal:home")
    return render(request, "core/home.html", {"tasks": items_for(request.user)})


def admin_login(request):
    """The admin's login: ours (with 2FA) for visitors, 403 for logged-in non-admins.

    Sending a logged-in user without admin rights to our login would bounce
    them straight back to ``/beheer/``, which sends them here again.
    """
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect("admin:index")
        raise PermissionDenied
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("login") + (f"?{query}" if query else ""))


@require_GET
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
