"""``purge_expired``: list (default) or delete (``--apply``) audit events and deleted-case tombstones past
their retention period. The deletion itself leaves an audit event (counts and periods only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from bleiberecht.web.audit import retention
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType


class Command(BaseCommand):
    help = (
        "Abgelaufene Protokolleinträge und Lösch-Vermerke zählen (Probelauf) oder mit --apply löschen. / "
        "Count (dry run) or, with --apply, delete expired audit events and deleted-case tombstones."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--apply", action="store_true", help="wirklich löschen / really delete (default: dry run)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        audit_days = settings.BLEIBERECHT_AUDIT_RETENTION_DAYS
        tombstone_days = settings.BLEIBERECHT_TOMBSTONE_RETENTION_DAYS
        if options["apply"]:
            done = retention.purge()
            verb = "gelöscht / deleted"
        else:
            done = retention.expired()
            verb = "abgelaufen / expired"
        day = lambda moment: timezone.localtime(moment).date().isoformat()  # noqa: E731
        self.stdout.write(
            f"Protokolleinträge / audit events vor / before {day(done.audit_cutoff)} "
            f"({audit_days} Tage / days): {done.audit_events} {verb}"
        )
        self.stdout.write(
            f"Lösch-Vermerke / case tombstones vor / before {day(done.tombstone_cutoff)} "
            f"({tombstone_days} Tage / days): {done.tombstones} {verb}"
        )
        if not options["apply"]:
            self.stdout.write("Probelauf: nichts gelöscht (--apply löscht). / Dry run: nothing deleted.")
        AuditEvent.record(
            user=None,
            action=Action.PURGE,
            object_type=ObjectType.AUDIT,
            applied=int(options["apply"]),
            audit_events=done.audit_events,
            tombstones=done.tombstones,
            audit_days=audit_days,
            tombstone_days=tombstone_days,
        )
