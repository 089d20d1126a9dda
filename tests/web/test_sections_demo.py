"""Every guided section renders for every person; next questions map to a section; the demo seed is idempotent."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from bleiberecht.web.audit.models import Action, AuditEvent
from bleiberecht.web.cases.sections import SECTIONS, section_for_fact


@pytest.mark.parametrize("section", SECTIONS, ids=[s.slug for s in SECTIONS])
def test_every_section_renders(
    section: Any, org_a: Any, make_user: Any, client_for: Any, make_case: Any
) -> None:
    user = make_user("abschnitte", org_a)
    case = make_case(org_a, user)
    client = client_for(user)
    people = range(3) if section.scope == "person" else range(1)
    for person in people:
        response = client.get(f"/faelle/{case.pk}/bearbeiten/{section.slug}/?person={person}")
        assert response.status_code == 200
        body = response.content.decode()
        assert str(section.title) in body and "Speichern und neu prüfen" in body
        assert "<label" in body  # every input has its label (as_field_group)
    assert AuditEvent.objects.filter(action=Action.VIEW, detail__section=section.slug).count() == len(people)
    if section.scope == "person":
        assert client.get(f"/faelle/{case.pk}/bearbeiten/{section.slug}/?person=9").status_code == 404


def test_unknown_section_is_404(org_a: Any, make_user: Any, client_for: Any, make_case: Any) -> None:
    user = make_user("abschnitte", org_a)
    case = make_case(org_a, user)
    assert client_for(user).get(f"/faelle/{case.pk}/bearbeiten/gibtsnicht/").status_code == 404


@pytest.mark.parametrize(
    ("fact", "slug"),
    [
        ("german", "deutsch"),
        ("statuses", "aufenthalt"),
        ("identity", "identitaet"),
        ("identity_conduct", "identitaet"),
        ("asylum", "asyl"),
        ("employment", "arbeit"),
        ("training", "ausbildung"),
        ("civics_test", "lid"),
        ("convictions", "straftaten"),
        ("households", "haushalt"),
        ("family", "personen"),
        ("birth_date", "personen"),
        ("departure_obstacle", "ausreise"),
    ],
)
def test_next_question_targets(fact: str, slug: str) -> None:
    assert section_for_fact(fact, 1)[0] == slug


def test_demo_seed_is_idempotent(db: Any, tmp_path: Any) -> None:
    from bleiberecht.web.accounts.models import Membership, Organisation
    from bleiberecht.web.cases.models import Case
    from bleiberecht.web.demo import AUTHORITY, NGO, SYNTHETIC_CASES, seed_demo

    with override_settings(DATA_DIR=tmp_path):
        first = seed_demo()
        second = seed_demo()
    assert [(x.username, x.password) for x in first] == [(x.username, x.password) for x in second]
    assert {x.username: x.totp_required for x in first} == {
        "demo": False,
        "demo-koordination": False,
        "demo-behoerde": True,
        "demo-admin": True,
    }
    assert set(Organisation.objects.values_list("name", flat=True)) == {AUTHORITY, NGO}
    assert Membership.objects.count() == 4
    assert Case.objects.count() == SYNTHETIC_CASES + 1
    family = Case.objects.get(reference="beispiel-familie")
    assert family.organisation.name == NGO and family.result is not None and family.persons_count == 3
    assert not Case.objects.filter(result__isnull=True).exists()
    assert (tmp_path / "demo-logins.json").stat().st_mode & 0o077 == 0
