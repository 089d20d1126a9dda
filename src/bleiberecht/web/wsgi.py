"""WSGI entry point for gunicorn: ``gunicorn bleiberecht.web.wsgi:application``."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bleiberecht.web.settings.dev")
application = get_wsgi_application()
