"""Tests: SQLite in memory by default, PostgreSQL when ``DATABASE_URL`` is set; a fresh random secret key."""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from bleiberecht.web.settings.base import *  # noqa: F403
from bleiberecht.web.settings.base import database

SECRET_KEY = secrets.token_urlsafe(64)
DATA_DIR = Path(tempfile.mkdtemp(prefix="bleiberecht-test-"))
DATABASES = {"default": database(DATA_DIR / "test.sqlite3")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; tests only
# The real queue: tests run the worker themselves (`db_worker --batch`), so queued/running/done are observable.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
BLEIBERECHT_UPLOAD_DIR = DATA_DIR / "uploads"
