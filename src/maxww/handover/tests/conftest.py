"""A second deployment in the same test run: the database alias ``other``.

The alias is a copy of ``default`` with its own test database (in-memory on
SQLite, ``<name>_other`` on PostgreSQL). pytest-django only creates it for
tests that ask for it with ``django_db(databases=["default", "other"])``.
Inside ``deployment("other")`` a router sends every read and write there, so
the services run unchanged, as they would in the other organisation's maxww.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy

from django.conf import settings
from django.db import connections

import pytest

OTHER = "other"
_current: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "deployment", default=None
)


def _add_other_database() -> None:
    if OTHER in settings.DATABASES:
        return
    other = copy.deepcopy(settings.DATABASES["default"])
    other.setdefault("TEST", {})
    base = other["TEST"].get("NAME") or f"test_{other['NAME']}"
    if other["ENGINE"] == "django.db.backends.sqlite3":
        other["TEST"]["NAME"] = ""  # in-memory, separate from default's
    else:
        other["TEST"]["NAME"] = f"{base}_other"
    settings.DATABASES[OTHER] = other
    # ConnectionHandler caches the settings dict; it is the same object, but
    # make sure an already-built cache also knows the alias.
    if "settings" in connections.__dict__:
        connections.settings[OTHER] = other


_add_other_database()


class DeploymentRouter:
    """Route all models to the current deployment's database, if one is set."""

    def db_for_read(self, model, **hints):
        return _current.get()

    def db_for_write(self, model, **hints):
        return _current.get()

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return True


@contextlib.contextmanager
def deployment(alias: str):
    """Run the block as if in the deployment whose database is ``alias``."""
    token = _current.set(alias)
    try:
        yield
    finally:
        _current.reset(token)


@pytest.fixture
def two_deployments(settings):
    """Enable the router; use ``deployment("other")`` for the second side."""
    settings.DATABASE_ROUTERS = ["maxww.handover.tests.conftest.DeploymentRouter"]
    return deployment
