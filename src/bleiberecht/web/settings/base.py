"""Settings shared by every environment. Environment modules import * from here and change what differs.

Nothing secret lives here: the secret key comes from the environment (prod) or from a file generated in the
data folder (embedded default), never from the repository.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

WEB_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("BLEIBERECHT_DATA", "data")).resolve()

DEBUG = False
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("BLEIBERECHT_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "bleiberecht.web.accounts",
    "bleiberecht.web.audit",
    "bleiberecht.web.cases",
    "bleiberecht.web.consent",
    "bleiberecht.web.screening",
    "bleiberecht.web.dossiers",
    "bleiberecht.web.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "bleiberecht.web.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bleiberecht.web.middleware.SessionRefreshMiddleware",
    "bleiberecht.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bleiberecht.web.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bleiberecht.web.urls"
WSGI_APPLICATION = "bleiberecht.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bleiberecht.web.accounts.context.navigation",
            ],
        },
    },
]


def database(default_sqlite: Path) -> dict[str, Any]:
    """``DATABASE_URL`` (PostgreSQL in production) or SQLite at ``default_sqlite``."""
    config: dict[str, Any] = dict(
        dj_database_url.config(
            default=f"sqlite:///{default_sqlite}", conn_max_age=60, conn_health_checks=True
        )
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        # WAL lets several gunicorn workers read while one writes; IMMEDIATE avoids lock upgrades failing.
        config["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    return config


DATABASES = {"default": database(DATA_DIR / "bleiberecht.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:list"
LOGOUT_REDIRECT_URL = "accounts:login"

# Throttling (django-axes): 5 failed logins per user name and address, then 15 minutes locked.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False  # its log lines would carry user names and addresses

# Sessions: 30 minutes without a request end the session (29 at the earliest, see below); the cookie is never readable by scripts.
SESSION_COOKIE_AGE = 30 * 60
# Not saved on every request: SessionRefreshMiddleware saves when the data changes or at most once a minute, so
# the idle timeout is 29-30 minutes without a database write per page view.
SESSION_SAVE_EVERY_REQUEST = False
BLEIBERECHT_SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "bleiberecht_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Secure headers. HTTPS-only settings (HSTS, secure cookies, redirect) are switched on in prod.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    },
}

OTP_TOTP_ISSUER = "Bleiberecht"

# Retention (days), applied by `python -m bleiberecht.web purge_expired --apply` (run it daily, e.g. by cron):
# audit events older than this are deleted through the database triggers' purge path; tombstones of deleted
# cases (ids and time only) likewise.
BLEIBERECHT_AUDIT_RETENTION_DAYS = int(os.environ.get("BLEIBERECHT_AUDIT_RETENTION_DAYS", "730"))
BLEIBERECHT_TOMBSTONE_RETENTION_DAYS = int(os.environ.get("BLEIBERECHT_TOMBSTONE_RETENTION_DAYS", "365"))
# A set-password link for a new or reset account is valid for 3 days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [WEB_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "bleiberecht_language"
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve from the package without a collectstatic step (embedded default)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads (screening caseloads, case JSON): kept in memory up to 5 MB, refused above 50 MB.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
BLEIBERECHT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024

# Background tasks (screening uploads): django-tasks with the database backend; `bleiberecht serve` starts
# `db_worker` next to gunicorn. Uploads wait in a private folder (never under a URL) until their run ends.
# Uploads up to BLEIBERECHT_SCREENING_INLINE_BYTES are screened in the request itself: a few hundred persons
# take about a second, less than the worker's pick-up and the page's polling would add.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
BLEIBERECHT_UPLOAD_DIR = DATA_DIR / "uploads"
BLEIBERECHT_SCREENING_INLINE_BYTES = 100 * 1024

# Logging: never request bodies, query strings or personal data. Audit events go to the database (ids and
# codes only); the log gets warnings and errors. django.server (runserver) would log full URLs with search
# terms, so it only logs errors.
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "bleiberecht": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
