"""Keep `CaseFigures` in step with the case: summarised whenever a case is saved (the result is in memory)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from bleiberecht.web.cases.models import Case
from bleiberecht.web.monitoring.models import CaseFigures


@receiver(post_save, sender=Case, dispatch_uid="monitoring_case_figures")
def case_saved(sender: type[Case], instance: Case, raw: bool = False, **_kwargs: Any) -> None:
    if raw:  # fixtures loading
        return
    result = instance.result.get("de") if isinstance(instance.result, dict) else None
    CaseFigures.refresh(
        instance.pk, instance.version, instance.updated_at, instance.best_light, result, instance.document
    )
