from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "bleiberecht.web.accounts"
    label = "accounts"
    verbose_name = _("Organisationen und Konten")

    def ready(self) -> None:
        from bleiberecht.web.accounts import signals  # noqa: F401  (login/logout audit events)
