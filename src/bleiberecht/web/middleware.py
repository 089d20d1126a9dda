"""Project-wide middleware: the interface language (German unless chosen) and extra secure headers."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

Handler = Callable[[HttpRequest], HttpResponse]


class LanguageMiddleware:
    """German first: the language chosen with the switch (cookie), otherwise German — never the browser's guess.

    Django's LocaleMiddleware would follow Accept-Language; an authority's interface should not change language
    because of a browser setting.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: no caching of pages with personal data, no powerful
    browser features."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        if not request.path.startswith(settings.STATIC_URL):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


SESSION_REFRESHED_KEY = "_refreshed_at"


class SessionRefreshMiddleware:
    """Idle expiry of sessions without a database write on every request.

    ``SESSION_SAVE_EVERY_REQUEST`` would write the session row on every page view (a transaction per request).
    Instead the session is saved — and its expiry (``SESSION_COOKIE_AGE`` from then) moved on — when its data
    changes or when the last refresh is ``BLEIBERECHT_SESSION_REFRESH_SECONDS`` or more ago. The idle timeout
    thus ends between ``SESSION_COOKIE_AGE - refresh`` and ``SESSION_COOKIE_AGE`` after the last request (29 to
    30 minutes), never later. Listed after SessionMiddleware, so it runs before the session is saved.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        self.every = int(getattr(settings, "BLEIBERECHT_SESSION_REFRESH_SECONDS", 60))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None or session.is_empty():
            return response  # no session to keep alive (anonymous, or ended by logout)
        now = int(time.time())
        last = session.get(SESSION_REFRESHED_KEY)
        if not isinstance(last, int) or now - last >= self.every or now < last:
            session[SESSION_REFRESHED_KEY] = now  # marks the session modified: SessionMiddleware saves it
        return response
