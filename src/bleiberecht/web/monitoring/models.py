"""`CaseFigures`: per case what the monitoring counts (`figures.summarize`), kept next to the case.

A stored result is hundreds of kilobytes of JSON (every requirement with its explanations, in two languages);
reading them all for one monitoring page took 40-50 s for 2,000 cases. The summary is a few hundred bytes,
written whenever the case is saved (`signals`; no code changes a case's result by a queryset update) or by the
migration for cases saved before; the monitoring builds a missing one from the stored result. ``stamp`` records
the case version and save time it was made from. No names, no person ids; deleted with the case.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from bleiberecht.web.cases.models import Case
from bleiberecht.web.monitoring.figures import summarize


def stamp_of(version: int, updated_at: Any) -> str:
    return f"{version}:{updated_at.isoformat() if updated_at else ''}"


class CaseFigures(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="monitoring")
    stamp = models.CharField(max_length=80)  # the case's version and save time the summary was made from
    data = models.JSONField()

    @classmethod
    def refresh(
        cls, case_id: int, version: int, updated_at: Any, light: str, result: Any, document: Any
    ) -> Any:
        data = summarize(light, result, document)
        cls.objects.update_or_create(
            case_id=case_id, defaults={"stamp": stamp_of(version, updated_at), "data": data}
        )
        return data
