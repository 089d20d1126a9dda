"""Authorization matrix: every object view × every role × another organisation's object → no access, no data.

A user of organisation A, in each role, requests every view that names an object of organisation B (case,
consent, share, screening run). The answer must be 404 (the object is not in the user's queryset) or 403, and
none of B's personal data may appear in the response.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from bleiberecht.web.accounts.models import Role
from bleiberecht.web.cases.models import Case, CaseShare
from bleiberecht.web.consent.models import Consent, Purpose
from bleiberecht.web.screening.models import ScreeningRun
from web.conftest import SECRET_NAME

ROLES = [Role.ADVISOR, Role.AUTHORITY_CLERK, Role.COORDINATOR, Role.ADMIN]

# (method, url template); {case}, {consent}, {share}, {run} are B's objects.
OBJECT_VIEWS = [
    ("get", "/faelle/{case}/"),
    ("get", "/faelle/{case}/wege/0/aufenthg_25b/"),
    ("post", "/faelle/{case}/zustaendig/"),
    ("get", "/faelle/{case}/bearbeiten/personen/"),
    ("post", "/faelle/{case}/bearbeiten/personen/"),
    ("get", "/faelle/{case}/bearbeiten/deutsch/?person=0"),
    ("post", "/faelle/{case}/bearbeiten/aufenthalt/?person=0"),
    ("get", "/faelle/{case}/bearbeiten/weitere/?person=0"),
    ("get", "/faelle/{case}/bearbeiten/ausbildung/?person=0"),
    ("post", "/faelle/{case}/bearbeiten/arbeit/?person=0"),
    ("get", "/faelle/{case}/bearbeiten/identitaet/?person=0"),
    ("get", "/faelle/{case}/bearbeiten/ausreise/?person=0"),
    ("post", "/faelle/{case}/bearbeiten/aufenthalt/pruefen/?person=0"),
    ("post", "/faelle/{case}/bearbeiten/personen/pruefen/"),
    ("get", "/faelle/{case}/import/"),
    ("post", "/faelle/{case}/import/"),
    ("get", "/faelle/{case}/export.json"),
    ("get", "/faelle/{case}/versionen/"),
    ("get", "/faelle/{case}/loeschen/"),
    ("post", "/faelle/{case}/loeschen/"),
    ("get", "/faelle/{case}/weitergabe/"),
    ("post", "/faelle/{case}/weitergabe/"),
    ("post", "/faelle/{case}/weitergabe/einwilligung/{consent}/widerrufen/"),
    ("post", "/faelle/{case}/weitergabe/{share}/beenden/"),
    ("get", "/screening/{run}/"),
    ("get", "/screening/{run}/stand/"),
    ("get", "/screening/{run}/arbeitsliste.xlsx"),
    ("post", "/screening/{run}/loeschen/"),
    ("get", "/dossiers/fall/{case}/dossier.pdf"),
    ("get", "/dossiers/fall/{case}/dossier.docx"),
    ("get", "/dossiers/screening/{run}/anschreiben/"),
    ("get", "/dossiers/screening/{run}/anschreiben/?ampel=green&format=zip"),
]


@pytest.fixture
def b_objects(org_a: Any, org_b: Any, make_user: Any, make_case: Any) -> dict[str, Any]:
    owner = make_user("b-owner", org_b, Role.AUTHORITY_CLERK)
    case = make_case(org_b, owner, reference="B-GEHEIM-AZ", name=SECRET_NAME)
    consent = Consent.objects.create(
        case=case,
        person_id="vater",
        purpose=Purpose.CASE_SHARING,
        receiving_organisation=org_b,
        granted_on=dt.date(2026, 1, 1),
        recorded_by=owner,
    )
    # B shares with a third organisation (not A): A must still see nothing.
    from bleiberecht.web.accounts.models import Organisation

    third = Organisation.objects.create(name="Dritte", kind=Organisation.Kind.NGO)
    share = CaseShare.objects.create(case=case, organisation=third, shared_by=owner)
    run = ScreeningRun.objects.create(
        organisation=org_b,
        created_by=owner,
        file_name="b-bestand.jsonl",
        exit_code=0,
        rows=[{"rank": 1, "case_id": "B-GEHEIM-AZ", "name": SECRET_NAME, "traffic_light": "green"}],
        xlsx=b"PK-not-really-xlsx",
    )
    return {"case": case, "consent": consent, "share": share, "run": run}


@pytest.mark.parametrize("role", ROLES)
def test_no_access_to_another_organisations_objects(
    role: str, org_a: Any, make_user: Any, client_for: Any, b_objects: dict[str, Any]
) -> None:
    client: Client = client_for(make_user(f"a-{role}", org_a, role))
    ids = {key: obj.pk for key, obj in b_objects.items()}
    for method, template in OBJECT_VIEWS:
        url = template.format(**ids)
        response = getattr(client, method)(url)
        assert response.status_code in (403, 404), f"{role} {method.upper()} {url}: {response.status_code}"
        body = response.content.decode(errors="replace")
        assert SECRET_NAME not in body and "B-GEHEIM-AZ" not in body, f"{role} {url} leaks"
        if method == "get":  # the HTMX fragment of a page is checked like the page
            fragment = client.get(url, headers={"HX-Request": "true"})
            assert fragment.status_code in (403, 404), f"{role} HTMX GET {url}: {fragment.status_code}"
            assert SECRET_NAME not in fragment.content.decode(errors="replace"), f"{role} {url} leaks"
    # Nothing of B changed or disappeared.
    assert Case.objects.filter(pk=ids["case"]).exists()
    assert Consent.objects.get(pk=ids["consent"]).revoked_at is None
    assert CaseShare.objects.get(pk=ids["share"]).revoked_at is None
    assert ScreeningRun.objects.filter(pk=ids["run"]).exists()


@pytest.mark.parametrize("role", ROLES)
def test_lists_show_nothing_of_another_organisation(
    role: str, org_a: Any, make_user: Any, client_for: Any, b_objects: dict[str, Any]
) -> None:
    client: Client = client_for(make_user(f"a-{role}", org_a, role))
    lists = (
        "/faelle/",
        "/faelle/?q=geheim",
        "/screening/",
        "/protokoll/",
        "/protokoll/export.csv",
        "/konto/mitglieder/",
        "/monitoring/",
        "/monitoring/export.csv",
        f"/monitoring/?organisation={b_objects['case'].organisation_id}",
    )
    for url in lists:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode(errors="replace")
        assert SECRET_NAME not in text and "B-GEHEIM-AZ" not in text and "b-bestand" not in text, (role, url)
        assert "b-owner" not in text, (role, url)  # B's member
    listed = client.get("/faelle/")
    assert listed.status_code == 200
    assert f"/faelle/{b_objects['case'].pk}/" not in listed.content.decode()


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.AUTHORITY_CLERK])
def test_audit_only_for_coordinators_and_admins(
    role: str, org_a: Any, make_user: Any, client_for: Any
) -> None:
    client = client_for(make_user(f"a-{role}", org_a, role))
    assert client.get("/protokoll/").status_code == 403
    assert client.get("/protokoll/export.csv").status_code == 403


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.AUTHORITY_CLERK])
def test_only_coordinators_and_admins_delete(
    role: str, org_a: Any, make_user: Any, client_for: Any, make_case: Any
) -> None:
    user = make_user(f"a-{role}", org_a, role)
    case = make_case(org_a, user)
    response = client_for(user).post(f"/faelle/{case.pk}/loeschen/")
    assert response.status_code == 404
    assert Case.objects.filter(pk=case.pk).exists()


def test_user_without_membership_sees_nothing(db: Any, org_b: Any, b_objects: dict[str, Any]) -> None:
    from django.contrib.auth import get_user_model

    from web.conftest import verified_client

    client = verified_client(get_user_model().objects.create_user("lonely", password="x"))
    assert client.get("/faelle/").status_code == 403
    assert client.get(f"/faelle/{b_objects['case'].pk}/").status_code == 404
    assert client.get("/screening/").status_code == 403
    assert client.get("/faelle/neu/").status_code == 403


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMIN])
def test_members_page_lists_own_organisation_only(
    role: str, org_a: Any, org_b: Any, make_user: Any, client_for: Any, b_objects: dict[str, Any]
) -> None:
    from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType

    boss = make_user(f"a-{role}", org_a, role)
    make_user("a-kollegin", org_a, Role.ADVISOR)
    response = client_for(boss).get("/konto/mitglieder/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mitglieder" in body and "Beratungsstelle A" in body
    assert "a-kollegin" in body and "Beratung" in body and f"a-{role}" in body
    assert "b-owner" not in body and "Ausländerbehörde B" not in body  # B's members stay unread
    event = AuditEvent.objects.get(action=Action.LIST, object_type=ObjectType.USER)
    assert event.user_id == boss.pk and event.organisation_id == org_a.pk and event.detail == {"shown": 2}


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.AUTHORITY_CLERK])
def test_members_page_only_for_coordinators_and_admins(
    role: str, org_a: Any, make_user: Any, client_for: Any, b_objects: dict[str, Any]
) -> None:
    from bleiberecht.web.audit.models import AuditEvent

    client = client_for(make_user(f"a-{role}", org_a, role))
    response = client.get("/konto/mitglieder/")
    assert response.status_code == 403 and "b-owner" not in response.content.decode()
    assert not AuditEvent.objects.filter(object_type="user", action="list").exists()
    assert "/konto/mitglieder/" not in client.get("/faelle/").content.decode()  # not in the navigation


# Membership administration (accounts app). {membership} is B's member's membership, {org} is B.
MEMBER_VIEWS = [
    ("get", "/konto/mitgliedschaft/{membership}/"),
    ("post", "/konto/mitgliedschaft/{membership}/rolle/"),
    ("post", "/konto/mitgliedschaft/{membership}/aktiv/"),
    ("get", "/konto/mitgliedschaft/{membership}/entfernen/"),
    ("post", "/konto/mitgliedschaft/{membership}/entfernen/"),
    ("post", "/konto/mitgliedschaft/{membership}/zwei-faktor/"),
    ("post", "/konto/mitgliedschaft/{membership}/passwort-link/"),
    ("get", "/konto/mitglieder/{org}/neu/"),
    ("post", "/konto/mitglieder/{org}/neu/"),
]


@pytest.mark.parametrize("role", ROLES)
def test_no_administration_of_another_organisations_members(
    role: str, org_a: Any, org_b: Any, make_user: Any, client_for: Any, b_objects: dict[str, Any]
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bleiberecht.web.accounts.models import Membership

    owner = Membership.objects.get(user__username="b-owner")
    TOTPDevice.objects.create(user=owner.user, name="b", confirmed=True)
    client: Client = client_for(make_user(f"a-{role}", org_a, role))
    data = {"role": Role.ADMIN, "active": "0", "username": "eindringling"}
    for method, template in MEMBER_VIEWS:
        url = template.format(membership=owner.pk, org=org_b.pk)
        response = client.get(url) if method == "get" else client.post(url, data)
        assert response.status_code in (403, 404), f"{role} {method.upper()} {url}: {response.status_code}"
        assert "b-owner" not in response.content.decode(errors="replace"), f"{role} {url} leaks"
    owner.refresh_from_db()
    assert owner.role == Role.AUTHORITY_CLERK and owner.active
    assert TOTPDevice.objects.filter(user=owner.user).exists() and owner.user.has_usable_password()
    assert not Membership.objects.filter(user__username="eindringling").exists()
    assert client.post("/konto/organisation/", {"organisation": org_b.pk}).status_code == 404


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.AUTHORITY_CLERK, Role.COORDINATOR])
def test_only_admins_administer_their_own_organisations_members(
    role: str, org_a: Any, make_user: Any, client_for: Any
) -> None:
    from bleiberecht.web.accounts.models import Membership

    colleague = Membership.objects.get(user=make_user("a-kollegin", org_a, Role.ADVISOR))
    client: Client = client_for(make_user(f"a-{role}", org_a, role))
    for method, template in MEMBER_VIEWS:
        url = template.format(membership=colleague.pk, org=org_a.pk)
        response = client.get(url) if method == "get" else client.post(url, {"role": Role.ADMIN})
        assert response.status_code in (403, 404), f"{role} {method.upper()} {url}: {response.status_code}"
    colleague.refresh_from_db()
    assert colleague.role == Role.ADVISOR and colleague.active


@pytest.mark.parametrize("role", ROLES)
def test_monitoring_counts_only_own_organisations_cases(
    role: str, org_a: Any, make_user: Any, client_for: Any, b_objects: dict[str, Any]
) -> None:
    client = client_for(make_user(f"a-{role}", org_a, role))
    urls = ("/monitoring/", f"/monitoring/export.csv?organisation={b_objects['case'].organisation_id}")
    if role in (Role.ADVISOR, Role.AUTHORITY_CLERK):
        assert all(client.get(url).status_code == 403 for url in urls)
        return
    page = client.get(urls[0]).content.decode()
    assert "Ausländerbehörde B" not in page  # B is not even a choice
    assert '<th scope="row">Fälle</th><td>0</td>' in page  # B's case is not counted
    rows = client.get(urls[1]).content.decode("utf-8-sig").splitlines()
    assert "overview;Übersicht;Fälle;Anzahl;0" in rows
