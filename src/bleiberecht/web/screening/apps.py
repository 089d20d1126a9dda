from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "bleiberecht.web.screening"
    label = "screening"
    verbose_name = _("Screening")
