"""Settings read from the environment, with safe defaults.

Every variable is listed in docs/configuration.md. dev.py and test.py only set
developer defaults in the environment and then import this module.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import environ
import structlog
from csp.constants import NONE, SELF

from maxww.core.security import mask_bsn_processor

BASE_DIR = Path(__file__).resolve().parents[3]  # the repository root
SRC_DIR = BASE_DIR / "src"

env = environ.Env()

# Debug pages and the development SECRET_KEY; never on in production.
DEBUG = env.bool("DEBUG", default=False)
# Required outside development; dev.py sets a throw-away key when DEBUG is on.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set it in the environment (see docs/configuration.md)."
    )
# Host names this deployment answers to, comma separated.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
# Origins trusted for CSRF on HTTPS, comma separated (e.g. https://maxww.example.nl).
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Database: no DATABASE_URL means SQLite in var/ of the repository.
SQLITE_PATH = BASE_DIR / "var" / "maxww.sqlite3"
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
# Seconds a database connection is kept open between requests.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "maxww.core",
    "maxww.accounts",
    "maxww.organisations",
    "maxww.audit",
    "maxww.people",
    "maxww.rekenhulp",
    "maxww.screening",
    "maxww.trajects",
    "maxww.voorlichting",
    "maxww.kennisbank",
    "maxww.matching",
    "maxww.handover",
    "maxww.monitoring",
    "maxww.portal",
    "maxww.demo",
    "maxww.scheduler",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "maxww.core.security.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "maxww.core.middleware.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "maxww.accounts.middleware.RequireTwoFactorMiddleware",
    "maxww.accounts.middleware.ProviderLogoutCSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "maxww.audit.middleware.RequestIdMiddleware",
    "maxww.core.uploads.UploadLimitMiddleware",
    "maxww.core.faults.DiskFullMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "maxww.urls"
WSGI_APPLICATION = "maxww.wsgi.application"
AUTH_USER_MODEL = "organisations.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "maxww.core.context_processors.navigation",
                "maxww.policy.views.context",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Brute-force protection: lock an account+address after this many failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
# Hours an account stays locked after too many failures.
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# No "AXES: BEGIN" banner on every start (each `maxww` command); lockouts still log.
AXES_VERBOSE = False

# Staff must pass a second factor (TOTP app or recovery code); on in production.
MAXWW_REQUIRE_2FA = env.bool("MAXWW_REQUIRE_2FA", default=False)
# Name shown in the authenticator app next to the account.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="maxww")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [SRC_DIR / "maxww" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
# Uploaded files (signed consent forms, CVs, imports); never served publicly.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Uploads (maxww.core.uploads). Largest request body accepted (bytes), refused
# by its Content-Length before it is read and counted again while it streams in.
MAXWW_MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=200 * 1024 * 1024)
# Form fields other than files are held in memory: a small cap (bytes).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("MAX_FORM_BYTES", default=10 * 1024 * 1024)
# Files above this stream to a temporary file (then move to MEDIA_ROOT), not memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "maxww.core.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Most data rows an imported file may have (CSV and XLSX), checked before parsing.
MAXWW_IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=1_000_000)
# Most bytes an XLSX may unpack to, and its largest unpacked/packed ratio: a zip
# bomb is refused from its directory before a parser opens it.
MAXWW_XLSX_MAX_UNPACKED_BYTES = env.int(
    "XLSX_MAX_UNPACKED_BYTES", default=200 * 1024 * 1024
)
MAXWW_XLSX_MAX_RATIO = env.int("XLSX_MAX_RATIO", default=100)
# Imports of files up to this size (bytes) run inside the request; larger ones
# always run as a background task with a progress page.
MAXWW_IMPORT_INLINE_BYTES = env.int("IMPORT_INLINE_BYTES", default=256 * 1024)
# Largest file for POST /api/v1/rules/batches (checked on Content-Length first).
RULES_BATCH_MAX_BYTES = env.int("RULES_BATCH_MAX_BYTES", default=200 * 1024 * 1024)
# Days the input and result of a rules batch are kept after it finished (or,
# unfinished, after it was uploaded); then `maxww rekenhulp prune-batches` deletes them.
RULES_BATCH_KEEP_DAYS = env.int("RULES_BATCH_KEEP_DAYS", default=7)

# Key for the BSN look-up hash and the encryption of stored BSNs (Fernet, base64).
# Must be set in production; rotating it needs a re-encryption run.
FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="")

# Outgoing e-mail (invitations, notifications); console backend in development.
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@maxww.invalid")

# Background work through Django's tasks interface (database-backed worker).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")
    }
}

# Sessions end after this many minutes of inactivity.
SESSION_COOKIE_AGE = env.int("SESSION_TIMEOUT_MINUTES", default=30) * 60
# The timeout slides: SessionRefreshMiddleware saves the session again at most this
# often (seconds), instead of a database write on every request.
SESSION_REFRESH_SECONDS = env.int("SESSION_REFRESH_SECONDS", default=60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp): only our own scripts, styles and images;
# no inline scripts. Swagger UI is served from the sidecar package, not a CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # The hash admits exactly the indicator <style> that htmx inserts
        # (test_security.py recomputes it from the vendored htmx).
        "style-src": [SELF, "'sha256-faU7yAF8NxuMTNEwVmBz+VcYeIoBQ2EMHW3WaVxCvnk='"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Only the session, which passed the password and (with
        # MAXWW_REQUIRE_2FA) the second factor. No API tokens: they skipped it.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["maxww.policy.drf.PolicyPermission"],
    "DEFAULT_SCHEMA_CLASS": "maxww.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "maxww.api.errors.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "maxww API",
    "DESCRIPTION": "Van WW naar werk: screening, voorlichting, trajecten, matching "
    "en warme overdracht.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from drf-spectacular-sidecar: no CDN, fits the CSP.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Structured logs (JSON lines in production, readable in development).
LOG_FORMAT = env.str("LOG_FORMAT", default="console" if DEBUG else "json")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
_renderer = (
    structlog.processors.JSONRenderer()
    if LOG_FORMAT == "json"
    else structlog.dev.ConsoleRenderer(colors=False)
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "structlog": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": _renderer,
            "foreign_pre_chain": [
                structlog.contextvars.merge_contextvars,
                mask_bsn_processor,
                structlog.processors.TimeStamper(fmt="iso"),
                structlog.stdlib.add_log_level,
            ],
        }
    },
    "filters": {
        "client_errors": {"()": "maxww.core.logfilters.ClientErrorsWithoutTraceback"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "structlog",
            "filters": ["client_errors"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        mask_bsn_processor,  # last line of defence: no BSN in any log line
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    wrapper_class=structlog.stdlib.BoundLogger,
    cache_logger_on_first_use=True,
)

# OpenID Connect login (docs/security/identity-providers.md). Providers are set
# up by the functional admin (IdentityProvider); the backends answer only to a
# login started for their purpose (clients or staff).
AUTHENTICATION_BACKENDS += [
    "maxww.portal.auth.ClientOIDCBackend",
    "maxww.accounts.sso.StaffOIDCBackend",
]
# A single client provider (DigiD via the municipality's broker) can instead come
# from the environment; off unless OIDC_RP_CLIENT_ID is set. See docs/portal.md.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
if OIDC_RP_CLIENT_ID:
    OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET")
    # The issuer the ID token must name (empty: not checked).
    OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
    OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT")
    # The broker's end-session endpoint (logout there too); empty: maxww only.
    OIDC_OP_LOGOUT_ENDPOINT = env.str("OIDC_OP_LOGOUT_ENDPOINT", default="")
    OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid")
    # The claim that carries the BSN (the person is looked up by its hash).
    OIDC_BSN_CLAIM = env.str("OIDC_BSN_CLAIM", default="bsn")
    # Lowest DigiD level accepted in acr: basis, midden, substantieel or hoog.
    OIDC_MIN_ASSURANCE = env.str("OIDC_MIN_ASSURANCE", default="midden")
