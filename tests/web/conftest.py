"""Fixtures for the web tests: organisations, users with roles, logged-in clients, cases.

Evaluation takes about half a second per distinct document, so cases made here reuse one result computed per
test session (`example_result`); only tests about re-evaluation evaluate again.
"""

from __future__ import annotations

import copy
import json
import pathlib
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from bleiberecht.web.accounts.models import Membership, Organisation, Role
from bleiberecht.web.cases.models import Case
from bleiberecht.web.cases.services import save_document

EXAMPLE = pathlib.Path(__file__).resolve().parents[2] / "examples" / "family-25b.json"
SECRET_NAME = "Zarathustra Geheimnachname"  # personal data that must never leak to another organisation
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="session")
def example_doc() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example_result(example_doc: dict[str, Any]) -> dict[str, Any]:
    from bleiberecht.web.cases.evaluation import evaluate

    return evaluate(example_doc)


def named_doc(doc: dict[str, Any], reference: str, name: str) -> dict[str, Any]:
    new = copy.deepcopy(doc)
    new["id"] = reference
    new["persons"][0]["name"] = name
    return new


@pytest.fixture
def org_a(db: Any) -> Organisation:
    return Organisation.objects.create(name="Beratungsstelle A", kind=Organisation.Kind.NGO)


@pytest.fixture
def org_b(db: Any) -> Organisation:
    return Organisation.objects.create(name="Ausländerbehörde B", kind=Organisation.Kind.AUTHORITY)


MakeUser = Callable[..., AbstractBaseUser]


@pytest.fixture
def make_user(db: Any) -> MakeUser:
    def make(username: str, organisation: Organisation, role: str = Role.ADVISOR) -> AbstractBaseUser:
        user = get_user_model().objects.create_user(username=username, password=PASSWORD)
        Membership.objects.create(user=user, organisation=organisation, role=role)
        return user

    return make


def verified_client(user: AbstractBaseUser) -> Client:
    """A client logged in as ``user``; for users with a TOTP device, also past the second factor."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(db: Any) -> Callable[[AbstractBaseUser], Client]:
    def make(user: AbstractBaseUser) -> Client:
        from bleiberecht.web.accounts.roles import requires_totp

        if requires_totp(user) and not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        return verified_client(user)

    return make


MakeCase = Callable[..., Case]


@pytest.fixture
def make_case(db: Any, example_doc: dict[str, Any], example_result: dict[str, Any]) -> MakeCase:
    def make(
        organisation: Organisation,
        user: AbstractBaseUser | None = None,
        reference: str = "AZ-1",
        name: str = "Amal",
    ) -> Case:
        return save_document(
            doc=named_doc(example_doc, reference, name),
            user=user,
            source="create",
            organisation=organisation,
            result=copy.deepcopy(example_result),
        )

    return make


@pytest.fixture(autouse=True)
def _audit_table_emptied_before_flush(request: pytest.FixtureRequest) -> Any:
    """After a transactional test, Django empties every table; on SQLite that is a DELETE, which the audit
    table's append-only trigger refuses. Empty it first through the controlled purge path (PostgreSQL's
    TRUNCATE fires no row trigger). Runs before pytest-django's teardown: plugin autouse fixtures are set up
    first, so they are torn down last."""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        from django.db import connection

        from bleiberecht.web.audit.retention import purge_events

        if connection.vendor == "sqlite":
            purge_events(None)
