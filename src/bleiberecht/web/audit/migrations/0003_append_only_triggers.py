"""Append-only in the database: triggers refuse UPDATE and DELETE on the audit table, also for raw SQL.

The one exception is the purge of expired entries (`bleiberecht.web.audit.retention.purge_events`), which
opens the door for its own transaction only:
- PostgreSQL: ``SET LOCAL bleiberecht.audit_purge = 'on'`` (read with ``current_setting(…, true)``, so an
  unset setting is NULL, not an error); the setting ends with the transaction.
- SQLite: a row in ``audit_purge_permit`` (inserted and deleted again inside the purge's transaction; SQLite has
  one writer at a time, so no other connection can use it). The table is not a Django model, so ``flush``
  leaves it alone.
Other databases get no triggers (the model guards still apply).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

PG_INSTALL = [
    """
    CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND current_setting('bleiberecht.audit_purge', true) = 'on' THEN
            RETURN OLD;
        END IF;
        -- no percent sign anywhere: the statement goes through the driver's placeholder parsing
        RAISE EXCEPTION USING MESSAGE = 'audit events are append-only: ' || TG_OP || ' refused',
            ERRCODE = 'restrict_violation';
    END;
    $$
    """,
    "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent",
    """
    CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only()
    """,
]
PG_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_auditevent_append_only()",
]

SQLITE_INSTALL = [
    "CREATE TABLE IF NOT EXISTS audit_purge_permit (id INTEGER PRIMARY KEY CHECK (id = 1))",
    """
    CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent
    WHEN NOT EXISTS (SELECT 1 FROM audit_purge_permit)
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END
    """,
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete",
    "DROP TABLE IF EXISTS audit_purge_permit",
]

STATEMENTS = {"postgresql": (PG_INSTALL, PG_REMOVE), "sqlite": (SQLITE_INSTALL, SQLITE_REMOVE)}


def _run(schema_editor: Any, index: int) -> None:
    pair = STATEMENTS.get(schema_editor.connection.vendor)
    if pair is None:
        return
    for statement in pair[index]:
        schema_editor.execute(statement)


def install(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, 0)


def remove(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_new_actions_and_tombstones")]

    operations = [migrations.RunPython(install, remove)]
