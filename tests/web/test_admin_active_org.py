"""The active organisation: chosen in the header among the user's own active memberships, checked on every
request, used for new cases (and screening uploads) instead of the first membership."""

from __future__ import annotations

from typing import Any

from django.test import Client

from bleiberecht.web.accounts.models import Membership, Organisation, Role
from bleiberecht.web.accounts.roles import ACTIVE_ORGANISATION_SESSION_KEY
from bleiberecht.web.audit.models import Action, AuditEvent
from bleiberecht.web.cases.models import Case


def _create_case(client: Client, reference: str) -> Case:
    response = client.post(
        "/faelle/neu/",
        {"reference": reference, "as_of": "2026-11-25", "land": "SN", "person_id": "mama"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return Case.objects.get(reference=reference)


def test_cases_go_to_the_chosen_organisation(org_a: Any, org_b: Any, make_user: Any, client_for: Any) -> None:
    user = make_user("doppelt", org_a, Role.ADVISOR)
    Membership.objects.create(user=user, organisation=org_b, role=Role.AUTHORITY_CLERK)
    client = client_for(user)
    header = client.get("/faelle/").content.decode()
    assert (
        'id="organisation-switch"' in header
        and "Beratungsstelle A" in header
        and "Ausländerbehörde B" in header
    )
    # Without a choice: the first membership by organisation name (Ausländerbehörde B).
    assert _create_case(client, "AZ-1").organisation_id == org_b.pk

    response = client.post("/konto/organisation/", {"organisation": org_a.pk, "next": "/faelle/neu/"})
    assert response.status_code == 302 and response["Location"] == "/faelle/neu/"
    assert client.session[ACTIVE_ORGANISATION_SESSION_KEY] == org_a.pk
    assert _create_case(client, "AZ-2").organisation_id == org_a.pk
    page = client.get("/faelle/").content.decode()
    assert f'<option value="{org_a.pk}" selected>' in page
    event = AuditEvent.objects.get(action=Action.SWITCH)
    assert event.user_id == user.pk and event.organisation_id == org_a.pk


def test_a_foreign_organisation_cannot_be_chosen(
    org_a: Any, org_b: Any, make_user: Any, client_for: Any
) -> None:
    user = make_user("a-berater", org_a, Role.ADVISOR)
    client = client_for(user)
    for wanted in (org_b.pk, "", "x", 10**9):
        response = client.post("/konto/organisation/", {"organisation": wanted})
        assert response.status_code == 404, wanted
    assert ACTIVE_ORGANISATION_SESSION_KEY not in client.session
    # Even a value planted in the session is checked against the memberships on every request.
    session = client.session
    session[ACTIVE_ORGANISATION_SESSION_KEY] = org_b.pk
    session.save()
    assert _create_case(client, "AZ-3").organisation_id == org_a.pk
    assert not Case.objects.filter(organisation=org_b).exists()


def test_a_deactivated_membership_drops_out_of_the_choice(
    org_a: Any, org_b: Any, make_user: Any, client_for: Any
) -> None:
    user = make_user("doppelt", org_a, Role.ADVISOR)
    in_b = Membership.objects.create(user=user, organisation=org_b, role=Role.ADVISOR)
    client = client_for(user)
    assert client.post("/konto/organisation/", {"organisation": org_b.pk}).status_code == 302
    in_b.active = False
    in_b.save()
    assert _create_case(client, "AZ-4").organisation_id == org_a.pk  # falls back, never to B
    assert client.post("/konto/organisation/", {"organisation": org_b.pk}).status_code == 404
    assert 'id="organisation-switch"' not in client.get("/faelle/").content.decode()


def test_single_membership_shows_no_switcher(org_a: Any, make_user: Any, client_for: Any) -> None:
    page = client_for(make_user("a-berater", org_a, Role.ADVISOR)).get("/faelle/").content.decode()
    assert 'id="organisation-switch"' not in page and "Beratungsstelle A (Beratung)" in page


def test_switch_needs_post_and_csrf(org_a: Any, make_user: Any) -> None:
    user = make_user("a-berater", org_a, Role.ADVISOR)
    Membership.objects.create(
        user=user, organisation=Organisation.objects.create(name="Zweite", kind="ngo"), role=Role.ADVISOR
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get("/konto/organisation/").status_code == 405
    assert client.post("/konto/organisation/", {"organisation": org_a.pk}).status_code == 403


def test_screening_uploads_go_to_the_chosen_organisation(
    org_a: Any, org_b: Any, make_user: Any, client_for: Any
) -> None:
    import io
    import json

    from bleiberecht.screening import generate_cases
    from bleiberecht.web.screening.models import ScreeningRun

    user = make_user("doppelt", org_a, Role.ADVISOR)
    Membership.objects.create(user=user, organisation=org_b, role=Role.ADVISOR)
    client = client_for(user)
    client.post("/konto/organisation/", {"organisation": org_a.pk})  # not the default (B sorts first)
    upload = io.BytesIO("".join(json.dumps(c) + "\n" for c in generate_cases(2, 3)).encode())
    upload.name = "bestand.jsonl"
    assert client.post("/screening/", {"file": upload}).status_code == 302
    assert list(ScreeningRun.objects.values_list("organisation_id", flat=True)) == [org_a.pk]
