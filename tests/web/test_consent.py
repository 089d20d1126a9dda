"""Consent gates sharing: no share without every person's consent; revoking ends the share at once."""

from __future__ import annotations

from typing import Any

from bleiberecht.web.accounts.models import Role
from bleiberecht.web.audit.models import Action, AuditEvent
from bleiberecht.web.cases.models import CaseShare
from bleiberecht.web.consent.models import Consent


def _consent(client: Any, case: Any, org: Any, persons: list[str]) -> Any:
    return client.post(
        f"/faelle/{case.pk}/weitergabe/",
        {
            "person_ids": persons,
            "purpose": "case_sharing",
            "organisation": org.pk,
            "given_by": "person",
            "granted_on": "2026-11-01",
            "confirm": "on",
        },
    )


def test_share_needs_consent_of_every_person_and_revocation_ends_it(
    org_a: Any, org_b: Any, make_user: Any, client_for: Any, make_case: Any
) -> None:
    advisor = make_user("ngo", org_a, Role.ADVISOR)
    clerk = make_user("abh", org_b, Role.AUTHORITY_CLERK)
    case = make_case(org_a, advisor, name="Amal Beispiel")
    client = client_for(advisor)
    clerk_client = client_for(clerk)
    page = client.get(f"/faelle/{case.pk}/weitergabe/").content.decode()
    assert "Einwilligung" in page and "Ohne" not in page

    # No consent: refused, nothing shared.
    refused = client.post(f"/faelle/{case.pk}/weitergabe/", {"share": "1", "organisation": org_b.pk})
    assert refused.status_code == 400
    assert "Ohne Einwilligung keine Weitergabe" in refused.content.decode()
    assert not CaseShare.objects.exists()

    # Consent of two of three persons: still refused, naming the missing one.
    _consent(client, case, org_b, ["vater", "mutter"])
    refused = client.post(f"/faelle/{case.pk}/weitergabe/", {"share": "1", "organisation": org_b.pk})
    assert refused.status_code == 400 and "kind" in refused.content.decode()
    assert clerk_client.get(f"/faelle/{case.pk}/").status_code == 404

    # Consent for another purpose does not count.
    client.post(
        f"/faelle/{case.pk}/weitergabe/",
        {
            "person_ids": ["kind"],
            "purpose": "counselling",
            "organisation": org_b.pk,
            "given_by": "legal_representative",
            "granted_on": "2026-11-01",
            "confirm": "on",
        },
    )
    assert (
        client.post(f"/faelle/{case.pk}/weitergabe/", {"share": "1", "organisation": org_b.pk}).status_code
        == 400
    )

    _consent(client, case, org_b, ["kind"])
    shared = client.post(f"/faelle/{case.pk}/weitergabe/", {"share": "1", "organisation": org_b.pk})
    assert shared.status_code == 302
    assert CaseShare.objects.filter(case=case, organisation=org_b, revoked_at__isnull=True).exists()
    assert AuditEvent.objects.filter(action=Action.SHARE).count() == 1

    # The authority now reads the case (read only), and cannot edit, export or delete it.
    view = clerk_client.get(f"/faelle/{case.pk}/")
    assert view.status_code == 200 and "Amal Beispiel" in view.content.decode()
    assert "nur lesen" in view.content.decode()
    assert clerk_client.get(f"/faelle/{case.pk}/bearbeiten/personen/").status_code == 404
    assert clerk_client.get(f"/faelle/{case.pk}/export.json").status_code == 404
    assert clerk_client.get(f"/faelle/{case.pk}/weitergabe/").status_code == 404
    assert f"/faelle/{case.pk}/" in clerk_client.get("/faelle/").content.decode()

    # Revoking one person's consent ends the share at once.
    consent = Consent.objects.get(case=case, person_id="mutter", purpose="case_sharing")
    client.post(f"/faelle/{case.pk}/weitergabe/einwilligung/{consent.pk}/widerrufen/")
    consent.refresh_from_db()
    assert consent.revoked_at is not None and consent.revoked_by == advisor
    assert not CaseShare.objects.filter(case=case, revoked_at__isnull=True).exists()
    response = clerk_client.get(f"/faelle/{case.pk}/")
    assert response.status_code == 404 and "Amal Beispiel" not in response.content.decode()
    assert AuditEvent.objects.filter(action=Action.CONSENT_REVOKE).count() == 1
    assert AuditEvent.objects.filter(action=Action.UNSHARE, detail__reason="consent_revoked").count() == 1


def test_consent_needs_confirmation_and_no_future_date(
    org_a: Any, org_b: Any, make_user: Any, client_for: Any, make_case: Any
) -> None:
    advisor = make_user("ngo", org_a)
    case = make_case(org_a, advisor)
    client = client_for(advisor)
    response = client.post(
        f"/faelle/{case.pk}/weitergabe/",
        {
            "person_ids": ["vater"],
            "purpose": "case_sharing",
            "organisation": org_b.pk,
            "given_by": "person",
            "granted_on": "2999-01-01",
        },
    )
    assert response.status_code == 400 and "Zukunft" in response.content.decode()
    assert not Consent.objects.exists()


def test_unshare(org_a: Any, org_b: Any, make_user: Any, client_for: Any, make_case: Any) -> None:
    advisor = make_user("ngo", org_a)
    case = make_case(org_a, advisor)
    share = CaseShare.objects.create(case=case, organisation=org_b, shared_by=advisor)
    client_for(advisor).post(f"/faelle/{case.pk}/weitergabe/{share.pk}/beenden/")
    share.refresh_from_db()
    assert share.revoked_at is not None
