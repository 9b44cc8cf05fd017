"""Developer defaults: DEBUG on, a throw-away SECRET_KEY, console e-mail."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault(
    "FIELD_ENCRYPTION_KEY", "ZGV2LW9ubHkta2V5LWZvci1tYXh3dy1kZW1vLTMyYiE="
)

from .base import *  # noqa: F403
from .base import DEBUG

if not DEBUG:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("maxww.conf.dev is for DEBUG=true only.")
