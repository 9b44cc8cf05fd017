"""gunicorn settings for maxww: `gunicorn -c deploy/gunicorn.conf.py maxww.wsgi`.

Every value can be overridden from the environment (GUNICORN_*), so the same
file serves one small server and a fleet of web processes behind a balancer.

Sizing: a request spends most of its time in Python (templates, the ORM), which
one process runs on one core at a time, and some waiting on PostgreSQL (the
access-log commit, queries). So: about two processes per core, each with a few
threads to cover the waits (gthread worker). More processes than that only
contend for the same cores; see docs/performance.md ("Load test").
"""

import multiprocessing
import os

# HOST and PORT (the image sets HOST=0.0.0.0); GUNICORN_BIND overrides both.
bind = os.environ.get(
    "GUNICORN_BIND",
    f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}",
)
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
# More than one thread selects the gthread worker.
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never take a server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Logs go to stdout/stderr; the application's own logs are structlog JSON with request ids.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
access_log_format = '{"remote": "%(h)s", "request": "%(r)s", "status": %(s)s, "bytes": %(B)s, "ms": %(M)s, "request_id": "%({x-request-id}o)s"}'
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
preload_app = True
