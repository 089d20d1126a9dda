"""Membership administration by an organisation's admins: accounts, roles, deactivation, removal, second factor,
set-password links; last-admin protection; coordinators read only; everything audited without secrets."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from bleiberecht.web.accounts.models import Membership, Role
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType

NEW_PASSWORD = "Lindenbaum-Winterreise-1827"


def _membership(user: Any) -> Membership:
    return Membership.objects.get(user=user)


def _messages(response: Any) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def _link(response: Any) -> str:
    found = re.search(r'id="password-link"[^>]*value="([^"]+)"', response.content.decode())
    assert found, "no set-password link on the page"
    return found.group(1).replace("&amp;", "&")


def _no_secret_in_audit(*secrets: str) -> None:
    for event in AuditEvent.objects.all():
        dump = f"{event.object_id} {event.detail}"
        for secret in secrets:
            assert secret not in dump, (event.action, event.detail)


def test_admin_creates_an_account_and_the_member_sets_a_password(
    org_a: Any, make_user: Any, client_for: Any
) -> None:
    boss = make_user("a-admin", org_a, Role.ADMIN)
    client = client_for(boss)
    form = client.get(f"/konto/mitglieder/{org_a.pk}/neu/")
    assert form.status_code == 200 and "Konto anlegen" in form.content.decode()
    response = client.post(
        f"/konto/mitglieder/{org_a.pk}/neu/",
        {
            "username": "neu.kollegin",
            "first_name": "Nora",
            "last_name": "Neu",
            "email": "n@example.org",
            "role": Role.ADVISOR,
        },
    )
    assert response.status_code == 200 and "ist für Beratungsstelle A angelegt" in response.content.decode()
    link = _link(response)
    user = get_user_model().objects.get(username="neu.kollegin")
    assert not user.has_usable_password()
    assert _membership(user).role == Role.ADVISOR and _membership(user).organisation_id == org_a.pk
    token = parse_qs(urlparse(link).query)["t"][0]
    created = AuditEvent.objects.filter(action=Action.CREATE, organisation_id=org_a.pk, user_id=boss.pk)
    assert {e.object_type for e in created} == {ObjectType.USER, ObjectType.MEMBERSHIP}
    _no_secret_in_audit(token, "Nora", "Neu", "n@example.org")

    member = Client()
    opened = member.get(link)
    assert (
        opened.status_code == 302 and opened["Location"] == "/konto/passwort-setzen/"
    )  # token leaves the URL
    page = member.get("/konto/passwort-setzen/")
    assert page.status_code == 200 and "neu.kollegin" in page.content.decode()
    done = member.post(
        "/konto/passwort-setzen/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302 and done["Location"] == "/konto/anmelden/"
    assert AuditEvent.objects.filter(action=Action.PASSWORD_SET, user_id=user.pk).count() == 1
    _no_secret_in_audit(token, NEW_PASSWORD)
    login = Client().post("/konto/anmelden/", {"username": "neu.kollegin", "password": NEW_PASSWORD})
    assert login.status_code == 302 and login["Location"] == "/faelle/"
    # The link works once.
    again = Client()
    again.get(link)
    assert again.get("/konto/passwort-setzen/").status_code == 400


def test_create_refuses_a_taken_username_and_a_bad_one(org_a: Any, make_user: Any, client_for: Any) -> None:
    boss = make_user("a-admin", org_a, Role.ADMIN)
    make_user("vergeben", org_a, Role.ADVISOR)
    client = client_for(boss)
    taken = client.post(f"/konto/mitglieder/{org_a.pk}/neu/", {"username": "Vergeben", "role": Role.ADVISOR})
    assert taken.status_code == 200 and "schon vergeben" in taken.content.decode()
    bad = client.post(f"/konto/mitglieder/{org_a.pk}/neu/", {"username": "mit leerzeichen", "role": "chef"})
    body = bad.content.decode()
    assert bad.status_code == 200 and "has-error" in body and "gültige" in body.lower()
    assert get_user_model().objects.count() == 2


def test_broken_set_password_link_is_refused(db: Any) -> None:
    client = Client()
    client.get("/konto/passwort-setzen/?u=MQ&t=falsch")
    response = client.get("/konto/passwort-setzen/")
    assert response.status_code == 400 and "ungültig" in response.content.decode()
    assert (
        client.post("/konto/passwort-setzen/", {"new_password1": "x", "new_password2": "x"}).status_code
        == 400
    )


def test_role_change_is_audited(org_a: Any, make_user: Any, client_for: Any) -> None:
    boss = make_user("a-admin", org_a, Role.ADMIN)
    member = make_user("a-berater", org_a, Role.ADVISOR)
    membership = _membership(member)
    client = client_for(boss)
    detail = client.get(f"/konto/mitgliedschaft/{membership.pk}/")
    assert detail.status_code == 200 and "Mitgliedschaft von a-berater" in detail.content.decode()
    client.post(f"/konto/mitgliedschaft/{membership.pk}/rolle/", {"role": Role.COORDINATOR})
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR
    event = AuditEvent.objects.get(action=Action.CHANGE, object_type=ObjectType.MEMBERSHIP)
    assert (
        event.user_id == boss.pk
        and event.organisation_id == org_a.pk
        and event.object_id == str(membership.pk)
    )
    assert event.detail == {"member": member.pk, "role": "coordinator", "previous": "advisor"}
    client.post(f"/konto/mitgliedschaft/{membership.pk}/rolle/", {"role": "superuser"})
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR


def test_the_last_admin_cannot_be_demoted_deactivated_or_removed(
    org_a: Any, make_user: Any, client_for: Any
) -> None:
    boss = make_user("a-admin", org_a, Role.ADMIN)
    own = _membership(boss)
    client = client_for(boss)
    base = f"/konto/mitgliedschaft/{own.pk}"
    refused = client.post(f"{base}/rolle/", {"role": Role.ADVISOR}, follow=True)
    assert "mindestens eine aktive Administration" in refused.content.decode()
    client.post(f"{base}/aktiv/", {"active": "0"})
    client.post(f"{base}/entfernen/")
    own.refresh_from_db()
    assert own.role == Role.ADMIN and own.active
    assert (
        not AuditEvent.objects.filter(object_type=ObjectType.MEMBERSHIP).exclude(action=Action.VIEW).exists()
    )

    # A deactivated second admin does not count; an active one does.
    second = _membership(make_user("a-admin2", org_a, Role.ADMIN))
    second.active = False
    second.save()
    client.post(f"{base}/rolle/", {"role": Role.ADVISOR})
    own.refresh_from_db()
    assert own.role == Role.ADMIN
    client.post(f"/konto/mitgliedschaft/{second.pk}/aktiv/", {"active": "1"})
    client.post(f"{base}/rolle/", {"role": Role.COORDINATOR})
    own.refresh_from_db()
    assert own.role == Role.COORDINATOR
    # Now a-admin2 is the last admin; a-admin lost the right to administer at once.
    assert client.post(f"/konto/mitgliedschaft/{second.pk}/entfernen/").status_code == 404
    assert Membership.objects.filter(pk=second.pk, active=True, role=Role.ADMIN).exists()


def test_deactivated_and_removed_memberships_grant_nothing(
    org_a: Any, make_user: Any, client_for: Any, make_case: Any
) -> None:
    boss = make_user("a-admin", org_a, Role.ADMIN)
    member = make_user("a-berater", org_a, Role.ADVISOR)
    case = make_case(org_a, member)
    member_client = client_for(member)
    assert member_client.get(f"/faelle/{case.pk}/").status_code == 200
    membership = _membership(member)
    admin_client = client_for(boss)
    admin_client.post(f"/konto/mitgliedschaft/{membership.pk}/aktiv/", {"active": "0"})
    assert member_client.get(f"/faelle/{case.pk}/").status_code == 404
    assert member_client.get("/faelle/").status_code == 403
    members_page = admin_client.get("/konto/mitglieder/").content.decode()
    assert "a-berater" in members_page  # still listed, shown inactive
    admin_client.post(f"/konto/mitgliedschaft/{membership.pk}/aktiv/", {"active": "1"})
    assert member_client.get(f"/faelle/{case.pk}/").status_code == 200
    confirm = admin_client.get(f"/konto/mitgliedschaft/{membership.pk}/entfernen/")
    assert confirm.status_code == 200 and "kann nicht rückgängig gemacht werden" in confirm.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()  # asking removes nothing
    admin_client.post(f"/konto/mitgliedschaft/{membership.pk}/entfernen/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert get_user_model().objects.filter(pk=member.pk).exists()  # the account stays
    assert member_client.get(f"/faelle/{case.pk}/").status_code == 404
    actions = list(
        AuditEvent.objects.filter(object_type=ObjectType.MEMBERSHIP, object_id=str(membership.pk))
        .exclude(action=Action.VIEW)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [Action.DEACTIVATE, Action.ACTIVATE, Action.DELETE]


@pytest.mark.parametrize("role", [Role.AUTHORITY_CLERK, Role.ADMIN])
def test_totp_reset_forces_a_new_enrolment(role: str, org_a: Any, make_user: Any, client_for: Any) -> None:
    boss = make_user("a-admin", org_a, Role.ADMIN)
    member = make_user("a-member", org_a, role)
    member_client = client_for(member)  # has a device and a verified session
    assert member_client.get("/faelle/").status_code == 200
    membership = _membership(member)
    response = client_for(boss).post(f"/konto/mitgliedschaft/{membership.pk}/zwei-faktor/", follow=True)
    assert "zurückgesetzt" in _messages(response)
    assert not TOTPDevice.objects.filter(user=member).exists()
    # The running session is no longer verified: every page leads to the set-up.
    blocked = member_client.get("/faelle/")
    assert blocked.status_code == 302 and blocked["Location"] == "/konto/zwei-faktor/einrichten/"
    # A fresh login too.
    fresh = Client()
    fresh.force_login(member)
    assert fresh.get("/faelle/")["Location"] == "/konto/zwei-faktor/einrichten/"
    event = AuditEvent.objects.get(action=Action.TOTP_RESET)
    assert event.detail == {"member": member.pk, "devices": 1} and event.organisation_id == org_a.pk


def test_account_wide_changes_refused_for_self_and_foreign_accounts(
    org_a: Any, org_b: Any, make_user: Any, client_for: Any
) -> None:
    boss = make_user("a-admin", org_a, Role.ADMIN)
    shared = make_user("a-und-b", org_a, Role.ADVISOR)
    Membership.objects.create(user=shared, organisation=org_b, role=Role.AUTHORITY_CLERK)
    TOTPDevice.objects.create(user=shared, name="x", confirmed=True)
    client = client_for(boss)
    in_a = Membership.objects.get(user=shared, organisation=org_a)
    refused = client.post(f"/konto/mitgliedschaft/{in_a.pk}/zwei-faktor/", follow=True)
    assert "nicht verwalten" in _messages(refused)
    client.post(f"/konto/mitgliedschaft/{in_a.pk}/passwort-link/")
    assert TOTPDevice.objects.filter(user=shared).exists()
    shared.refresh_from_db()
    assert shared.check_password("correct-horse-battery-staple")
    own = _membership(boss)
    assert "eigene Konto" in _messages(
        client.post(f"/konto/mitgliedschaft/{own.pk}/zwei-faktor/", follow=True)
    )
    assert TOTPDevice.objects.filter(user=boss).exists()


def test_password_link_replaces_the_old_password(org_a: Any, make_user: Any, client_for: Any) -> None:
    boss = make_user("a-admin", org_a, Role.ADMIN)
    member = make_user("a-berater", org_a, Role.ADVISOR)
    response = client_for(boss).post(f"/konto/mitgliedschaft/{_membership(member).pk}/passwort-link/")
    assert response.status_code == 200
    link = _link(response)
    member.refresh_from_db()
    assert not member.has_usable_password()
    assert AuditEvent.objects.filter(action=Action.PASSWORD_LINK, organisation_id=org_a.pk).count() == 1
    _no_secret_in_audit(parse_qs(urlparse(link).query)["t"][0])


def test_coordinator_reads_members_but_changes_nothing(org_a: Any, make_user: Any, client_for: Any) -> None:
    coordinator = make_user("a-koord", org_a, Role.COORDINATOR)
    member = make_user("a-berater", org_a, Role.ADVISOR)
    TOTPDevice.objects.create(user=member, name="x", confirmed=True)
    membership = _membership(member)
    client = client_for(coordinator)
    page = client.get("/konto/mitglieder/").content.decode()
    assert "a-berater" in page and "Konto anlegen" not in page and "/konto/mitgliedschaft/" not in page
    base = f"/konto/mitgliedschaft/{membership.pk}"
    assert client.get(f"{base}/").status_code == 404
    assert client.get(f"/konto/mitglieder/{org_a.pk}/neu/").status_code == 404
    for action, data in (
        ("rolle", {"role": Role.ADMIN}),
        ("aktiv", {"active": "0"}),
        ("zwei-faktor", {}),
        ("passwort-link", {}),
        ("entfernen", {}),
    ):
        assert client.post(f"{base}/{action}/", data).status_code == 404, action
    membership.refresh_from_db()
    assert membership.role == Role.ADVISOR and membership.active
    assert TOTPDevice.objects.filter(user=member).exists()


def test_admin_page_lists_management_links(org_a: Any, make_user: Any, client_for: Any) -> None:
    boss = make_user("a-admin", org_a, Role.ADMIN)
    member = make_user("a-berater", org_a, Role.ADVISOR)
    page = client_for(boss).get("/konto/mitglieder/").content.decode()
    assert f"/konto/mitglieder/{org_a.pk}/neu/" in page
    assert f"/konto/mitgliedschaft/{_membership(member).pk}/" in page
