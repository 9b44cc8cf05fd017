"""/healthz/ready: not ready while migrations are pending; the CLI starts quietly."""

import subprocess
import sys

from django.core.management import call_command
from django.urls import reverse

import pytest

from maxww.core import views


@pytest.mark.django_db(transaction=True)
def test_not_ready_while_a_migration_is_pending(client, monkeypatch):
    monkeypatch.setattr(views, "_migrated", False)
    call_command("migrate", "scheduler", "zero", verbosity=0)
    try:
        response = client.get(reverse("healthz-ready"))
        assert response.status_code == 503
        assert response.json()["migrations"] == {"status": "pending", "pending": 1}
        # Alive, just not ready.
        assert client.get(reverse("healthz")).status_code == 200
    finally:
        call_command("migrate", "scheduler", verbosity=0)
    assert client.get(reverse("healthz-ready")).status_code == 200


def test_a_maxww_command_prints_no_axes_banner():
    done = subprocess.run(
        [sys.executable, "-m", "maxww", "check"],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "maxww.conf.test", "LOG_LEVEL": "INFO"},
        check=True,
    )
    assert "AXES" not in done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
