"""The audit trail is append-only, holds ids and codes only, and coordinators read and export it."""

from __future__ import annotations

from typing import Any

import pytest

from bleiberecht.web.accounts.models import Role
from bleiberecht.web.audit.models import Action, AppendOnlyError, AuditEvent, ObjectType


def test_events_cannot_be_changed_or_deleted(db: Any) -> None:
    event = AuditEvent.record(user=None, action=Action.VIEW, object_type=ObjectType.CASE, object_id=1)
    event.action = Action.DELETE
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action=Action.DELETE)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == Action.VIEW


def test_free_text_is_refused_in_details(db: Any) -> None:
    with pytest.raises(ValueError, match="code or a number"):
        AuditEvent.record(
            user=None, action=Action.VIEW, object_type=ObjectType.CASE, note="Frau Müller, geb. 1990"
        )
    assert not AuditEvent.objects.exists()


def test_coordinator_reads_filters_and_exports(
    org_a: Any, org_b: Any, make_user: Any, client_for: Any, make_case: Any
) -> None:
    coordinator = make_user("koord", org_a, Role.COORDINATOR)
    advisor = make_user("berater", org_a, Role.ADVISOR)
    case = make_case(org_a, advisor)
    client_for(advisor).get(f"/faelle/{case.pk}/export.json")
    foreign = make_user("fremd", org_b, Role.COORDINATOR)
    foreign_case = make_case(org_b, foreign, reference="B-1")
    client = client_for(coordinator)
    page = client.get("/protokoll/")
    body = page.content.decode()
    assert page.status_code == 200 and "Protokoll" in body and "exportiert" in body and "berater" in body
    only_exports = client.get("/protokoll/", {"action": "export"}).content.decode()
    assert "<td>exportiert</td>" in only_exports and "<td>angelegt</td>" not in only_exports
    csv = b"".join(client.get("/protokoll/export.csv").streaming_content).decode("utf-8-sig")
    lines = csv.splitlines()
    assert lines[0].startswith("Zeitpunkt;Benutzer-ID")
    assert any(line.endswith(f";case;{case.pk};export") for line in lines)
    assert not any(f";case;{foreign_case.pk};" in line for line in lines)  # another organisation's trail
    assert AuditEvent.objects.filter(action=Action.EXPORT, object_type=ObjectType.AUDIT).count() == 1
