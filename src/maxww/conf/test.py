"""Test settings: environment defaults for pytest, then the base settings."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault(
    "FIELD_ENCRYPTION_KEY", "dGVzdC1vbmx5LWtleS1mb3ItbWF4d3ctdGVzdHMtMzJiIQ=="
)
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault(
    "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
)

from .base import *  # noqa: F403
from .base import STORAGES

STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
