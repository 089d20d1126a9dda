"""Login and logout go to the audit trail (user id only; a failed login has no user, axes counts it)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    AuditEvent.record(user=user, action=Action.LOGIN, object_type=ObjectType.USER, object_id=user.pk)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        AuditEvent.record(user=user, action=Action.LOGOUT, object_type=ObjectType.USER, object_id=user.pk)
