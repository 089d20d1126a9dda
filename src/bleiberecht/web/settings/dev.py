"""Embedded default (``bleiberecht serve``, ``scripts/run.sh``): SQLite in the data folder, zero setup.

The secret key is generated on first start and stored in ``DATA_DIR/secret_key`` (mode 600), never in the
repository. ``BLEIBERECHT_DEBUG=1`` switches on Django's debug pages (they show personal data: never in use).
"""

from __future__ import annotations

import os
import secrets

from bleiberecht.web.settings.base import *  # noqa: F403
from bleiberecht.web.settings.base import DATA_DIR


def _secret_key() -> str:
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(64), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("BLEIBERECHT_DEBUG", "") == "1"
