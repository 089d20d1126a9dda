"""Retention: delete audit events and deleted-case tombstones older than their settings allow.

The audit table refuses DELETE in the database (migration 0003); `purge_events` is the only path through:
it opens the trigger's door for its own transaction (PostgreSQL: ``SET LOCAL bleiberecht.audit_purge``;
SQLite: a row in ``audit_purge_permit``), deletes with one statement and closes the door again before the
transaction ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from bleiberecht.web.audit.models import AuditEvent, DeletedCase


@dataclass(frozen=True)
class Expired:
    audit_cutoff: datetime
    tombstone_cutoff: datetime
    audit_events: int
    tombstones: int


def cutoffs(now: datetime | None = None) -> tuple[datetime, datetime]:
    now = now or timezone.now()
    return (
        now - timedelta(days=settings.BLEIBERECHT_AUDIT_RETENTION_DAYS),
        now - timedelta(days=settings.BLEIBERECHT_TOMBSTONE_RETENTION_DAYS),
    )


def expired(now: datetime | None = None) -> Expired:
    audit_cutoff, tombstone_cutoff = cutoffs(now)
    return Expired(
        audit_cutoff=audit_cutoff,
        tombstone_cutoff=tombstone_cutoff,
        audit_events=AuditEvent.objects.filter(at__lt=audit_cutoff).count(),
        tombstones=DeletedCase.objects.filter(deleted_at__lt=tombstone_cutoff).count(),
    )


def purge_events(before: datetime | None) -> int:
    """Delete audit events older than ``before`` (all of them with None — only for test database teardown)."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    selected = AuditEvent.objects.all() if before is None else AuditEvent.objects.filter(at__lt=before)
    # The ORM writes the condition (date adaptation per database); the DELETE itself is plain SQL because the
    # model's queryset refuses to delete.
    subquery, params = selected.order_by().values("pk").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL bleiberecht.audit_purge = 'on'")
        elif connection.vendor == "sqlite":
            cursor.execute("INSERT INTO audit_purge_permit (id) VALUES (1)")
        # On an error the transaction rolls back, and with it the setting or the permit row.
        cursor.execute(f"DELETE FROM {table} WHERE id IN ({subquery})", params)
        deleted = cursor.rowcount
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL bleiberecht.audit_purge = 'off'")
        elif connection.vendor == "sqlite":
            cursor.execute("DELETE FROM audit_purge_permit")
    return int(deleted)


def purge(now: datetime | None = None) -> Expired:
    """Delete what has expired; returns what was deleted."""
    audit_cutoff, tombstone_cutoff = cutoffs(now)
    with transaction.atomic():
        events = purge_events(audit_cutoff)
        tombstones, _ = DeletedCase.objects.filter(deleted_at__lt=tombstone_cutoff).delete()
    return Expired(audit_cutoff, tombstone_cutoff, events, tombstones)
