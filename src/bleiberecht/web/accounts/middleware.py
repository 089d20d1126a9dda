"""TOTP enforcement: a user with a confirmed device must enter a code; authority clerks and admins must set one up.

Runs after django-otp's OTPMiddleware (which sets ``request.user.is_verified``). Until the second factor is
done, only the login, TOTP, logout, language and static URLs are reachable.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from bleiberecht.web.accounts.roles import TOTP_REQUIRED_ROLES, request_memberships

Handler = Callable[[HttpRequest], HttpResponse]


class TwoFactorMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def _exempt(self, path: str) -> bool:
        open_paths = (
            reverse("accounts:login"),
            reverse("accounts:logout"),
            reverse("accounts:totp_verify"),
            reverse("accounts:totp_setup"),
            reverse("set_language"),
            settings.STATIC_URL,
        )
        return path.startswith(open_paths)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._exempt(request.path):  # type: ignore[union-attr]
            if user_has_device(user, confirmed=True):
                return redirect(f"{reverse('accounts:totp_verify')}")
            if any(m.role in TOTP_REQUIRED_ROLES for m in request_memberships(request)):
                return redirect(reverse("accounts:totp_setup"))
        return self.get_response(request)
