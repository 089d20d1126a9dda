from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "bleiberecht.web.audit"
    label = "audit"
    verbose_name = _("Protokoll")

    def ready(self) -> None:
        from bleiberecht.web.audit import signals

        signals.connect()
