"""The start page per role, the health check and the readiness check."""

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

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


def _login_with_next(request) -> str:
    """Our login (with 2FA), passing on the admin's own ``next``."""
    query = request.META.get("QUERY_STRING", "")
    return reverse("login") + (f"?{query}" if query else "")


@requires(Perm.CONFIGURE, methods=READ, login_url=_login_with_next)
def admin_login(request):
    """The admin's login: ours (with 2FA) for visitors, 403 for logged-in non-admins.

    Sending a logged-in user without admin rights to our login would bounce
    them straight back to ``/beheer/``, which sends them here again; the
    policy answers 403 instead. A beheerder goes on to the admin.
    """
    if not request.user.is_staff:
        raise PermissionDenied
    return redirect("admin:index")


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


_migrated = False  # once the schema is up to date it stays so for this process


def _pending_migrations() -> int:
    """The number of migrations not yet applied to the database."""
    global _migrated
    if _migrated:
        return 0
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrated = pending == 0
    return pending


@requires(Perm.PUBLIC, methods=READ)
def ready(request):
    """Readiness: 503 until the database answers and every migration is applied.

    The scheduled jobs are reported too (a failed last run, or a job that missed
    a whole period because no scheduler runs): status "degraded", still 200, so a
    failing nightly job never takes the web processes out of service.
    """
    from maxww.scheduler.services import schedule_status

    database = {"status": "ok", "vendor": connection.vendor}
    try:
        pending = _pending_migrations()
        statuses = [] if pending else schedule_status(timezone.now())
    except Exception as exc:  # any database failure means not ready
        database = {"status": "error", "error": exc.__class__.__name__}
        return JsonResponse({"status": "error", "database": database}, status=503)
    if pending:
        return JsonResponse(
            {
                "status": "error",
                "database": database,
                "migrations": {"status": "pending", "pending": pending},
            },
            status=503,
        )
    failed = [s.job.name for s in statuses if s.failed]
    late = [s.job.name for s in statuses if s.late]
    return JsonResponse(
        {
            "status": "degraded" if failed or late else "ok",
            "database": database,
            "migrations": {"status": "ok", "pending": 0},
            "scheduler": {
                "status": "failing" if failed else ("late" if late else "ok"),
                "failed": failed,
                "late": late,
            },
        }
    )
