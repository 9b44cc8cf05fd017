"""Role checks for views: a role outside the list gets a 403 page."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied


def role_required(*roles: str) -> Callable:
    """Allow only users whose role is one of ``roles`` (superusers always)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not (user.is_superuser or getattr(user, "role", "") in roles):
                raise PermissionDenied("Uw rol heeft geen toegang tot deze pagina.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
