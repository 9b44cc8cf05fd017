"""Request plumbing that is about cost rather than features."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# Session key holding when the expiry was last pushed forward (epoch seconds).
REFRESHED_KEY = "_maxww_refreshed"


class SessionRefreshMiddleware:
    """A sliding inactivity timeout without a database write on every request.

    ``SESSION_SAVE_EVERY_REQUEST`` costs an UPDATE and a commit per request. This
    saves the session (new expiry, new cookie) only when the last save is at
    least ``SESSION_REFRESH_SECONDS`` ago, so a session still ends after
    ``SESSION_COOKIE_AGE`` of inactivity, give or take that interval. Anonymous
    visitors without a session get none. Place right after SessionMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.interval = getattr(settings, "SESSION_REFRESH_SECONDS", 60)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # No key: no session yet, or the view flushed it (logout).
        if session is None or session.session_key is None:
            return response
        last = session.get(REFRESHED_KEY, 0)  # loads the session if not yet
        if session.is_empty():  # the cookie named no live session
            return response
        now = int(time.time())
        if now - last >= self.interval:
            session[REFRESHED_KEY] = now  # marks the session modified: saved
        return response
