"""Append-only in the database (triggers on SQLite and PostgreSQL), retention and the purge command."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from bleiberecht.web.accounts.models import Role
from bleiberecht.web.audit import retention
from bleiberecht.web.audit.models import Action, AuditEvent, DeletedCase, ObjectType

TABLE = AuditEvent._meta.db_table


def _event_at(moment: dt.datetime, object_id: int) -> AuditEvent:
    # auto_now_add takes "now" from django.utils.timezone; the clock is set back for the insert only.
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return AuditEvent.record(
            user=None, action=Action.VIEW, object_type=ObjectType.CASE, object_id=object_id
        )


def _raw(sql: str, params: list[Any] | None = None) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def test_triggers_are_installed_for_this_database(db: Any) -> None:
    assert connection.vendor in ("sqlite", "postgresql")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [TABLE]
            )
        names = {row[0] for row in cursor.fetchall()}
    assert names, "no append-only trigger on the audit table"


def test_raw_sql_update_is_refused(db: Any) -> None:
    event = AuditEvent.record(user=None, action=Action.VIEW, object_type=ObjectType.CASE, object_id=7)
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"UPDATE {TABLE} SET action = 'delete' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"UPDATE {TABLE} SET object_id = '8'")
    assert AuditEvent.objects.get(pk=event.pk).action == Action.VIEW


def test_raw_sql_delete_is_refused(db: Any) -> None:
    event = AuditEvent.record(user=None, action=Action.VIEW, object_type=ObjectType.CASE, object_id=7)
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"DELETE FROM {TABLE} WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"DELETE FROM {TABLE}")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_purge_door_closes_after_the_purge(db: Any) -> None:
    old = _event_at(timezone.now() - dt.timedelta(days=1000), 1)
    assert retention.purge_events(timezone.now() - dt.timedelta(days=10)) == 1
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    young = AuditEvent.record(user=None, action=Action.VIEW, object_type=ObjectType.CASE, object_id=2)
    with pytest.raises(DatabaseError, match="append-only"):  # no permit or setting left behind
        _raw(f"DELETE FROM {TABLE} WHERE id = %s", [young.pk])
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT COUNT(*) FROM audit_purge_permit")
            assert cursor.fetchone()[0] == 0
        else:
            cursor.execute("SELECT current_setting('bleiberecht.audit_purge', true)")
            assert cursor.fetchone()[0] in (None, "", "off")


@override_settings(BLEIBERECHT_AUDIT_RETENTION_DAYS=30, BLEIBERECHT_TOMBSTONE_RETENTION_DAYS=10)
def test_purge_command_dry_run_then_apply(db: Any) -> None:
    now = timezone.now()
    old = [_event_at(now - dt.timedelta(days=40 + i), i) for i in range(3)]
    young = _event_at(now - dt.timedelta(days=20), 99)
    with mock.patch("django.utils.timezone.now", return_value=now - dt.timedelta(days=11)):
        DeletedCase.objects.create(case_id=500, organisation_id=1)
    fresh_tombstone = DeletedCase.objects.create(case_id=501, organisation_id=1)

    out = io.StringIO()
    call_command("purge_expired", stdout=out)
    text = out.getvalue()
    assert "Protokolleinträge" in text and ": 3 abgelaufen" in text and ": 1 abgelaufen" in text
    assert "Probelauf" in text
    assert AuditEvent.objects.filter(pk__in=[e.pk for e in old]).count() == 3  # dry run deletes nothing
    assert DeletedCase.objects.count() == 2
    dry = AuditEvent.objects.get(action=Action.PURGE)
    assert dry.detail["applied"] == 0 and dry.detail["audit_events"] == 3

    out = io.StringIO()
    call_command("purge_expired", "--apply", stdout=out)
    assert ": 3 gelöscht" in out.getvalue() and ": 1 gelöscht" in out.getvalue()
    assert not AuditEvent.objects.filter(pk__in=[e.pk for e in old]).exists()
    assert AuditEvent.objects.filter(pk=young.pk).exists()
    assert list(DeletedCase.objects.values_list("pk", flat=True)) == [fresh_tombstone.pk]
    applied = AuditEvent.objects.filter(action=Action.PURGE).order_by("id").last()
    assert applied is not None and applied.detail == {
        "applied": 1,
        "audit_events": 3,
        "tombstones": 1,
        "audit_days": 30,
        "tombstone_days": 10,
    }
    # The purge path is still closed for everything else.
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"DELETE FROM {TABLE} WHERE id = %s", [young.pk])


def test_deleting_a_case_leaves_a_tombstone(
    org_a: Any, make_user: Any, client_for: Any, make_case: Any
) -> None:
    coordinator = make_user("koord", org_a, Role.COORDINATOR)
    case = make_case(org_a, coordinator)
    case_id = case.pk
    assert client_for(coordinator).post(f"/faelle/{case_id}/loeschen/").status_code == 302
    tombstone = DeletedCase.objects.get(case_id=case_id)
    assert tombstone.organisation_id == org_a.pk and tombstone.versions == case.version


@pytest.mark.django_db(transaction=True)
def test_transactional_tests_can_flush_the_audit_table() -> None:
    """Teardown of a transactional test (and the browser tests' live server) empties every table: on SQLite
    with DELETE, which the trigger refuses unless the events went first through the purge path
    (conftest `_audit_table_emptied_before_flush`)."""
    AuditEvent.record(user=None, action=Action.VIEW, object_type=ObjectType.CASE, object_id=1)
    assert AuditEvent.objects.count() == 1


def _org_event_at(local: str, object_id: int, organisation_id: int) -> AuditEvent:
    moment = dt.datetime.fromisoformat(local).replace(tzinfo=timezone.get_current_timezone())
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return AuditEvent.record(
            user=None,
            action=Action.VIEW,
            object_type=ObjectType.CASE,
            object_id=object_id,
            organisation_id=organisation_id,
        )


def _csv(response: Any) -> list[str]:
    return b"".join(response.streaming_content).decode("utf-8-sig").splitlines()


def test_export_per_date_range(org_a: Any, org_b: Any, make_user: Any, client_for: Any) -> None:
    coordinator = make_user("koord", org_a, Role.COORDINATOR)
    _org_event_at("2026-02-28 23:59:59", 1, org_a.pk)
    _org_event_at("2026-03-01 00:00:00", 2, org_a.pk)  # first second of the range (Berlin time)
    _org_event_at("2026-03-15 23:30:00", 3, org_a.pk)  # 22:30 UTC: still the 15th in Berlin
    _org_event_at("2026-03-16 00:30:00", 4, org_a.pk)  # 23:30 UTC on the 15th, but the 16th in Berlin
    _org_event_at("2026-03-10 12:00:00", 5, org_b.pk)  # another organisation's
    client = client_for(coordinator)
    lines = _csv(client.get("/protokoll/export.csv", {"date_from": "2026-03-01", "date_to": "2026-03-15"}))
    ids = {line.split(";")[4] for line in lines[1:] if ";case;" in line}
    assert ids == {"2", "3"}
    german = _csv(client.get("/protokoll/export.csv", {"date_from": "01.03.2026", "date_to": "01.03.2026"}))
    assert {line.split(";")[4] for line in german[1:] if ";case;" in line} == {"2"}
    export = AuditEvent.objects.filter(action=Action.EXPORT, object_type=ObjectType.AUDIT).order_by("id")
    assert export.first().detail == {"date_from": "2026-03-01", "date_to": "2026-03-15"}  # type: ignore[union-attr]
    page = client.get("/protokoll/", {"date_from": "2026-03-16"}).content.decode()
    assert 'type="date"' in page and "Fall 4" in page and "Fall 3" not in page


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"date_from": "2026-03-20", "date_to": "2026-03-01"}, "date_to"),
        ({"date_from": "31.02.2026"}, "date_from"),
        ({"date_to": "gestern"}, "date_to"),
        ({"action": "hacken"}, "action"),
    ],
)
def test_invalid_export_range_is_refused_with_the_reason(
    query: dict[str, str], named: str, org_a: Any, make_user: Any, client_for: Any
) -> None:
    client = client_for(make_user("koord", org_a, Role.COORDINATOR))
    _org_event_at("2026-03-05 12:00:00", 1, org_a.pk)
    response = client.get("/protokoll/export.csv", query)
    body = response.content.decode()
    assert (
        response.status_code == 400
        and "Export nicht möglich / export refused" in body
        and f"({named})" in body
    )
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()
    page = client.get("/protokoll/", query)
    text = page.content.decode()
    assert page.status_code == 200 and "Bitte die markierten Filter prüfen" in text and "Fall 1" not in text
