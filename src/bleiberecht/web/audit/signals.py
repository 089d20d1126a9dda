"""A deleted case leaves a tombstone (`DeletedCase`): ids and time only."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete

from bleiberecht.web.audit.models import DeletedCase


def _case_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    DeletedCase.objects.get_or_create(
        case_id=instance.pk,
        defaults={"organisation_id": instance.organisation_id, "versions": instance.version},
    )


def connect() -> None:
    # A lazy sender ("app_label.Model") keeps the audit app free of an import of the cases app.
    post_delete.connect(_case_deleted, sender="cases.Case", dispatch_uid="audit-deleted-case")
