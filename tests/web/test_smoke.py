"""First checks: the login page is German, a case page shows the stored result."""

from __future__ import annotations

from typing import Any

from django.test import Client

from bleiberecht.web.audit.models import Action, AuditEvent


def test_login_page_is_german_with_security_headers(db: Any) -> None:
    response = Client().get("/konto/anmelden/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Anmelden" in body and 'lang="de"' in body
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "no-store" in response["Cache-Control"]


def test_anonymous_is_sent_to_login(db: Any) -> None:
    response = Client().get("/faelle/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_case_detail_shows_paths_and_audits(
    org_a: Any, make_user: Any, client_for: Any, make_case: Any
) -> None:
    user = make_user("berater", org_a)
    case = make_case(org_a, user)
    response = client_for(user).get(f"/faelle/{case.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "§ 25b Abs. 1 AufenthG" in body
    assert "<svg" in body and "Zeitleiste" in body
    assert AuditEvent.objects.filter(action=Action.VIEW, object_id=str(case.pk), user_id=user.pk).exists()
