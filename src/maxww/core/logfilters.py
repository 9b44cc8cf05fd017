"""Log filters: a refused request is a warning line, not a traceback.

Django logs every 4xx on ``django.request`` with the exception attached, so
each 403 (a role without the permission) and 404 wrote a full traceback. A
refusal is the policy working; only a server error (5xx) keeps its traceback.
"""

from __future__ import annotations

from typing import Any


class ClientErrorsWithoutTraceback:
    """Drop the traceback from ``django.request`` records of a 4xx answer."""

    def filter(self, record: Any) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
