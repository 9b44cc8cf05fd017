"""Real ``maxww db_worker`` processes on the PostgreSQL test database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

import pytest

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def database_url() -> str:
    """The URL of the test database, for a worker in another process."""
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return (
        f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    )


def start_worker(log: Path, *extra: str, **env: str) -> subprocess.Popen:
    """``maxww db_worker`` on this test database, with the database task backend."""
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "maxww.conf.test",
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        **env,
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "maxww",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.1",
            *extra,
        ],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def wait_for(what: str, check, timeout: float, log: Path):
    """Poll *check* until it returns something true; fail with the worker log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}; worker log:\n{log.read_text()[-3000:]}")
