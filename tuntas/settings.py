"""Settings for Tuntas, read from the environment (see the README's configuration table)."""

from __future__ import annotations

import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from tuntas.lib.envconf import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules or env_bool("TUNTAS_TESTING", False)

_INSECURE_KEY = "insecure-development-key-change-me"
SECRET_KEY = env_secret("SECRET_KEY", _INSECURE_KEY if (DEBUG or TESTING) else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if not DEBUG and not TESTING:
    # A production server must never run with a guessable key or accept any Host header.
    if not SECRET_KEY or SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 32 characters when DEBUG is off."
        )
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must list the real host names when DEBUG is off.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "template_partials",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "tuntas",
    "tuntas.org",
    "tuntas.notifications",
    "tuntas.issues",
    "tuntas.meetings",
    "tuntas.documents",
    "tuntas.plans",
    "tuntas.scheduler",
    "tuntas.dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tuntas.org.middleware.HtmxLoginRedirectMiddleware",
    "tuntas.org.middleware.SessionActivityMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "tuntas.org.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes must come last so it sees the outcome of the login view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tuntas.urls"
WSGI_APPLICATION = "tuntas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tuntas.org.context_processors.shell",
            ],
            "string_if_invalid": "",
        },
    }
]

FORM_RENDERER = "tuntas.lib.forms.TablerFormRenderer"

# Database: SQLite in WAL mode by default, anything dj-database-url understands otherwise.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "tuntas.sqlite3")),
            "OPTIONS": {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;"
                ),
                # Writers take the lock at BEGIN, so concurrent requests wait instead of failing.
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "tuntas.org.auth.UsernameOrNipBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "org:home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Lockout after repeated failures (django-axes), per user name and address.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 8) * 3600
# The session ends after SESSION_HOURS without activity (see SessionActivityMiddleware).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Language, time zone and formats: Indonesian first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "tuntas" / "locale"]
FORMAT_MODULE_PATH = ["tuntas.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "tuntas_language"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Development and tests serve straight from static/ (no collectstatic needed).
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files live outside the static root and are served only through permission checks.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Email: console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Tuntas <tuntas@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in emails point here (the worker has no request to build URLs from).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background work: Django's tasks API, database backend, run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "email"],
    }
}

# Exports: a list longer than this is made by the worker instead of during the request;
# finished exports and their files are deleted after EXPORT_KEEP_DAYS.
EXPORT_INLINE_MAX_ROWS = env_int("EXPORT_INLINE_MAX_ROWS", 5000)
EXPORT_KEEP_DAYS = env_int("EXPORT_KEEP_DAYS", 7)

# Delivery attempts before an email is shown as failed.
NOTIFY_EMAIL_MAX_ATTEMPTS = env_int("NOTIFY_EMAIL_MAX_ATTEMPTS", 5)

# WhatsApp through an HTTP gateway; an empty URL turns the channel off. The payload is a JSON
# template whose {phone} and {message} placeholders are replaced by JSON-escaped values.
WHATSAPP_GATEWAY_URL = env_str("WHATSAPP_GATEWAY_URL")
# gateway, file (JSON lines, for development), console or off; empty: the gateway when its URL
# is set, else a file when DEBUG is on, else off.
WHATSAPP_BACKEND = env_str("WHATSAPP_BACKEND")
WHATSAPP_FILE_PATH = env_str("WHATSAPP_FILE_PATH", str(BASE_DIR / "var" / "whatsapp.jsonl"))
# Whether the gateway drops a second message with the same Idempotency-Key (or {key} in the
# payload). Only then is a message whose worker died mid-send sent again without asking.
WHATSAPP_GATEWAY_DEDUPES = env_bool("WHATSAPP_GATEWAY_DEDUPES", False)
WHATSAPP_TOKEN = env_secret("WHATSAPP_TOKEN")
WHATSAPP_PAYLOAD = env_str("WHATSAPP_PAYLOAD", '{"target": "{phone}", "message": "{message}"}')
WHATSAPP_TIMEOUT = env_int("WHATSAPP_TIMEOUT", 15)
NOTIFY_WHATSAPP_MAX_ATTEMPTS = env_int("NOTIFY_WHATSAPP_MAX_ATTEMPTS", 5)
# A delivery still "sending" this many seconds after a worker claimed it lost its worker.
NOTIFY_SENDING_TIMEOUT = env_int("NOTIFY_SENDING_TIMEOUT", 600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
