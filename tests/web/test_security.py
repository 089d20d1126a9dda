"""Login, TOTP enforcement, throttling, session expiry, secure headers, CSRF, logging."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bleiberecht.web.accounts.models import Role
from bleiberecht.web.audit.models import Action, AuditEvent
from web.conftest import PASSWORD


def _login(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post("/konto/anmelden/", {"username": username, "password": password})


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_advisor_logs_in_without_second_factor(org_a: Any, make_user: Any) -> None:
    user = make_user("beraterin", org_a, Role.ADVISOR)
    client = Client()
    response = _login(client, "beraterin")
    assert response.status_code == 302 and response["Location"] == "/faelle/"
    assert client.get("/faelle/").status_code == 200
    assert AuditEvent.objects.filter(action=Action.LOGIN, user_id=user.pk).exists()


@pytest.mark.parametrize("role", [Role.AUTHORITY_CLERK, Role.ADMIN])
def test_totp_is_mandatory_for_authority_and_admin(role: str, org_b: Any, make_user: Any) -> None:
    user = make_user("clerk", org_b, role)
    client = Client()
    _login(client, "clerk")
    # Every page leads to the TOTP setup until a device is confirmed.
    response = client.get("/faelle/")
    assert response.status_code == 302 and response["Location"] == "/konto/zwei-faktor/einrichten/"
    setup = client.get("/konto/zwei-faktor/einrichten/")
    assert setup.status_code == 200
    assert b"data:image/svg+xml" in setup.content and "Zwei-Faktor" in setup.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(
        "/konto/zwei-faktor/einrichten/", {"token": "000000" if _code(device) != "000000" else "111111"}
    )
    assert "falsch" in wrong.content.decode()
    assert client.get("/faelle/").status_code == 302
    # TOTP guessing is throttled too: right after a wrong code even the right one is refused for a while.
    assert client.post("/konto/zwei-faktor/einrichten/", {"token": _code(device)}).status_code == 200
    device.refresh_from_db()
    device.throttle_reset()  # as if the waiting time had passed
    done = client.post("/konto/zwei-faktor/einrichten/", {"token": _code(device)})
    assert done.status_code == 302 and done["Location"] == "/faelle/"
    assert client.get("/faelle/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action=Action.TOTP_SETUP, user_id=user.pk).exists()

    # Next login: the code is asked for before anything else.
    other = Client()
    _login(other, "clerk")
    response = other.get("/faelle/")
    assert response.status_code == 302 and response["Location"] == "/konto/zwei-faktor/"
    device.refresh_from_db()
    device.last_t = -1  # allow the same time step again in this test
    device.save()
    assert other.post("/konto/zwei-faktor/", {"token": _code(device)}).status_code == 302
    assert other.get("/faelle/").status_code == 200


def test_advisor_with_device_must_enter_code(org_a: Any, make_user: Any) -> None:
    user = make_user("vorsichtig", org_a, Role.ADVISOR)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    _login(client, "vorsichtig")
    assert client.get("/faelle/")["Location"] == "/konto/zwei-faktor/"


def test_login_is_throttled_after_five_failures(org_a: Any, make_user: Any) -> None:
    make_user("ziel", org_a, Role.ADVISOR)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "ziel", "falsch")
        assert response.status_code == 200 and "Anmelden" in response.content.decode()
    locked = _login(client, "ziel", "falsch")
    assert locked.status_code == 429
    # Even the right password is refused while locked.
    response = _login(client, "ziel")
    assert response.status_code == 429
    assert "gesperrt" in response.content.decode()
    assert client.get("/faelle/").status_code == 302


def test_session_settings() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    # Idle expiry: the session is refreshed at least once a minute while in use (SessionRefreshMiddleware).
    assert not settings.SESSION_SAVE_EVERY_REQUEST and 0 < settings.BLEIBERECHT_SESSION_REFRESH_SECONDS <= 60
    assert "bleiberecht.web.middleware.SessionRefreshMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY


def test_session_refreshed_at_most_once_a_minute(org_a: Any, make_user: Any, client_for: Any) -> None:
    from django.contrib.sessions.models import Session

    from bleiberecht.web.middleware import SESSION_REFRESHED_KEY

    client = client_for(make_user("aktiv", org_a))
    assert client.get("/faelle/").status_code == 200  # first request: refreshed (marker set)
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    assert client.get("/faelle/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date == first  # within the minute: no write
    session = client.session
    session[SESSION_REFRESHED_KEY] = int(time.time()) - 61  # the last refresh a minute ago
    session.save()
    saved = Session.objects.get(session_key=key).expire_date
    time.sleep(0.01)
    assert client.get("/faelle/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date > saved  # moved on: the idle timeout restarts
    assert client.session[SESSION_REFRESHED_KEY] >= int(time.time()) - 5


def test_expired_session_goes_back_to_login(org_a: Any, make_user: Any, client_for: Any) -> None:
    client = client_for(make_user("müde", org_a))
    session = client.session
    session.set_expiry(-1)
    session.save()
    assert client.get("/faelle/").status_code == 302


def test_csp_and_secure_headers_on_pages(org_a: Any, make_user: Any, client_for: Any) -> None:
    response = client_for(make_user("x", org_a)).get("/faelle/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "<script>" not in body and " style=" not in body  # nothing inline that the CSP would block
    assert 'src="/static/django_htmx/htmx-2.min.js"' in body


def test_csrf_is_enforced(org_a: Any, make_user: Any) -> None:
    user = make_user("csrf", org_a)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post("/faelle/neu/", {"reference": "X"}).status_code == 403
    page = client.get("/faelle/neu/").content.decode()
    assert "csrfmiddlewaretoken" in page and "X-CSRFToken" in page  # forms and HTMX requests carry the token


def test_no_personal_data_in_logs(
    org_a: Any, make_user: Any, client_for: Any, make_case: Any, caplog: pytest.LogCaptureFixture
) -> None:
    user = make_user("log", org_a)
    case = make_case(org_a, user, reference="AZ-LOG", name="Persönlicher Name")
    client = client_for(user)
    with caplog.at_level(logging.DEBUG):
        client.get(f"/faelle/{case.pk}/")
        client.get(f"/faelle/{case.pk}/wege/0/aufenthg_25b/")
        client.get("/faelle/?q=Persönlicher")
        client.get(f"/faelle/{case.pk}/export.json")
        _login(Client(), "log", "falsch")
    text = caplog.text
    assert "Persönlicher" not in text and "AZ-LOG" not in text and "vater" not in text
    assert "falsch" not in text


def test_english_is_second_language(org_a: Any, make_user: Any, client_for: Any, make_case: Any) -> None:
    user = make_user("english", org_a)
    case = make_case(org_a, user)
    client = client_for(user)
    # A browser asking for English still gets German: German first.
    german = client.get("/faelle/", headers={"Accept-Language": "en"})
    assert 'lang="de"' in german.content.decode() and "Fälle" in german.content.decode()
    client.post("/sprache/", {"language": "en", "next": "/faelle/"})
    english = client.get(f"/faelle/{case.pk}/").content.decode()
    assert 'lang="en"' in english and "Timeline" in english and "Next questions" in english
    checklist = client.get(f"/faelle/{case.pk}/wege/0/aufenthg_25b/", headers={"HX-Request": "true"})
    # The engine's English explanation, in the path's checklist.
    assert "qualifying stay since 2021-09-24" in checklist.content.decode()
    section = client.get(f"/faelle/{case.pk}/bearbeiten/identitaet/?person=0").content.decode()
    assert "Identity and passport" in section and "Passport valid until" in section
