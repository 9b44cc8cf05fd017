"""WSGI entry point for gunicorn: maxww.wsgi:application."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maxww.conf.production")
application = get_wsgi_application()
