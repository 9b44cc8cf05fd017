"""Settings are chosen from the environment: SQLite by default, PostgreSQL by URL."""

import os
import subprocess
import sys

import pytest

PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), 'debug': s.DEBUG}))"
)


def _settings(module: str, **env: str) -> tuple[int, str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "FIELD_ENCRYPTION_KEY"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE=module)
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def test_no_database_url_means_sqlite_in_var():
    code, out = _settings("maxww.conf.dev")
    assert code == 0, out
    assert "sqlite3" in out
    assert "var/maxww.sqlite3" in out


def test_database_url_selects_postgresql():
    code, out = _settings(
        "maxww.conf.dev", DATABASE_URL="postgres://postgres@127.0.0.1:5432/x"
    )
    assert code == 0, out
    assert "django.db.backends.postgresql" in out


def test_dev_settings_have_debug_on_and_a_key():
    _, out = _settings("maxww.conf.dev")
    assert '"debug": true' in out


@pytest.mark.parametrize("module", ["maxww.conf.production", "maxww.conf.base"])
def test_production_refuses_to_start_without_secret_key(module):
    code, out = _settings(module)
    assert code != 0
    assert "SECRET_KEY is not set" in out


def test_production_debug_is_off_by_default():
    code, out = _settings(
        "maxww.conf.production", SECRET_KEY="x" * 50, FIELD_ENCRYPTION_KEY="k" * 32
    )
    assert code == 0, out
    assert '"debug": false' in out


def test_production_requires_the_field_encryption_key():
    code, out = _settings("maxww.conf.production", SECRET_KEY="x" * 50)
    assert code != 0
    assert "FIELD_ENCRYPTION_KEY" in out
