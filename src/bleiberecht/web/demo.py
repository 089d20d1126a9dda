"""Demo data for the embedded default: two organisations, four logins, the example family and synthetic cases.

Idempotent: running it again creates nothing twice and prints the same logins. Passwords are generated on
the first run and kept in ``DATA_DIR/demo-logins.json`` (mode 600), never in the repository. The synthetic
cases come from `bleiberecht.screening.generate_cases` (no real persons).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from bleiberecht.web.accounts.models import Membership, Organisation, Role
from bleiberecht.web.cases.evaluation import evaluate_many
from bleiberecht.web.cases.models import Case
from bleiberecht.web.cases.services import save_document

AUTHORITY = "Ausländerbehörde Demo-Stadt"
NGO = "Beratungsstelle Demo"
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "family-25b.json"
SYNTHETIC_CASES = 20
SYNTHETIC_SEED = 2026


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    organisation: str
    role: str
    totp_required: bool


USERS = (
    ("demo", NGO, Role.ADVISOR),
    ("demo-koordination", NGO, Role.COORDINATOR),
    ("demo-behoerde", AUTHORITY, Role.AUTHORITY_CLERK),
    ("demo-admin", NGO, Role.ADMIN),  # manages the NGO's members (second factor at the first login)
)


def _passwords() -> dict[str, str]:
    path = Path(settings.DATA_DIR) / "demo-logins.json"
    stored: dict[str, str] = {}
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
    changed = False
    for username, _org, _role in USERS:
        if username not in stored:
            stored[username] = secrets.token_urlsafe(12)
            changed = True
    if changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(json.dumps(stored, indent=1), encoding="utf-8")
    return stored


def _synthetic_docs() -> list[dict[str, Any]]:
    from bleiberecht.screening import generate_cases

    docs: list[dict[str, Any]] = []
    for doc in generate_cases(SYNTHETIC_CASES * 4, SYNTHETIC_SEED):
        docs.append(doc)
        if len(docs) == SYNTHETIC_CASES:
            break
    return docs


def seed_demo() -> list[DemoLogin]:
    """Create what is missing; return the demo logins."""
    from bleiberecht.web.accounts.roles import TOTP_REQUIRED_ROLES

    orgs = {
        AUTHORITY: Organisation.objects.get_or_create(
            name=AUTHORITY, defaults={"kind": Organisation.Kind.AUTHORITY}
        )[0],
        NGO: Organisation.objects.get_or_create(name=NGO, defaults={"kind": Organisation.Kind.NGO})[0],
    }
    passwords = _passwords()
    user_model = get_user_model()
    logins: list[DemoLogin] = []
    users = {}
    for username, org_name, role in USERS:
        user, created = user_model.objects.get_or_create(username=username)
        if created or not user.check_password(passwords[username]):
            user.set_password(passwords[username])
            user.save()
        Membership.objects.get_or_create(user=user, organisation=orgs[org_name], defaults={"role": role})
        users[org_name] = users.get(org_name, user)
        logins.append(
            DemoLogin(username, passwords[username], org_name, str(role), role in TOTP_REQUIRED_ROLES)
        )

    wanted: list[tuple[Organisation, dict[str, Any]]] = []
    if EXAMPLE.exists():
        wanted.append((orgs[NGO], json.loads(EXAMPLE.read_text(encoding="utf-8"))))
    for number, doc in enumerate(_synthetic_docs()):
        wanted.append((orgs[NGO] if number < 5 else orgs[AUTHORITY], doc))
    missing = [
        (org, doc)
        for org, doc in wanted
        if not Case.objects.filter(organisation=org, reference=doc["id"]).exists()
    ]
    results = evaluate_many([doc for _org, doc in missing])
    for (org, doc), result in zip(missing, results, strict=True):
        save_document(doc=doc, user=users[org.name], source="demo", organisation=org, result=result)
    return logins
