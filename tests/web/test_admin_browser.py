"""In a real browser: an admin logs in with the second factor, creates an account, changes its role, resets its
second factor and switches the active organisation — axe-core on every administration page (no serious or
critical violations), no console errors. Skipped without chromium, like `test_browser.py`."""

from __future__ import annotations

from typing import Any

import pytest

from web.test_browser import CHROMIUM, _axe, _shot, page  # noqa: F401  (the page fixture)

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no chromium at {CHROMIUM} (apt-get install chromium)"),
    pytest.mark.django_db(transaction=True),
]


def test_admin_pages_in_the_browser(page: Any, org_a: Any, org_b: Any, make_user: Any) -> None:  # noqa: F811
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bleiberecht.web.accounts.models import Membership, Role
    from web.conftest import PASSWORD

    boss = make_user("a-admin", org_a, Role.ADMIN)
    Membership.objects.create(user=boss, organisation=org_b, role=Role.ADVISOR)
    device = TOTPDevice.objects.create(user=boss, name="app", confirmed=True)

    page.goto("/konto/anmelden/")
    page.get_by_label("Benutzername").fill("a-admin")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/konto/zwei-faktor/")
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_label("Sechsstelliger Code aus der Authenticator-App").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url("**/faelle/")

    # Active organisation: the header offers both; choose A (the default is the first by name, B).
    page.get_by_label("Aktive Organisation").select_option(label="Beratungsstelle A (Administration)")
    page.get_by_role("button", name="Organisation wechseln").click()
    page.get_by_text("Sie arbeiten jetzt für: Beratungsstelle A").wait_for()

    page.goto("/konto/mitglieder/")
    _axe(page, "admin-members")
    page.get_by_role("link", name="Konto anlegen").click()
    page.get_by_role("button", name="Konto anlegen").click()  # empty: inline errors
    _axe(page, "admin-create-errors")
    page.get_by_label("Anmeldename").fill("neu.kollege")
    page.get_by_label("Rolle").select_option(value=Role.AUTHORITY_CLERK)
    page.get_by_role("button", name="Konto anlegen").click()
    page.get_by_role("heading", name="Link zum Passwortsetzen").wait_for()
    assert "/konto/passwort-setzen/?u=" in page.get_by_label("Link").input_value()
    _axe(page, "admin-link")
    _shot(page, "09-admin-link")

    page.get_by_role("link", name="Zurück zur Mitgliedschaft").click()
    page.get_by_role("heading", name="Mitgliedschaft von neu.kollege").wait_for()
    _axe(page, "admin-member")
    page.get_by_role("combobox", name="Rolle").select_option(value=Role.ADVISOR)
    page.get_by_role("button", name="Rolle speichern").click()
    page.get_by_text("Die Rolle ist geändert.").wait_for()
    page.get_by_role("button", name="Zwei-Faktor zurücksetzen").click()
    page.get_by_text("Die Zwei-Faktor-Anmeldung ist zurückgesetzt.").wait_for()
    _shot(page, "10-admin-member")
    assert Membership.objects.get(user__username="neu.kollege").role == Role.ADVISOR
    # The audit trail with a date range that is the wrong way round: the reason at the field, accessible.
    page.goto("/protokoll/?date_from=2026-03-20&date_to=2026-03-01")
    page.get_by_text("„Bis“ liegt vor „Von“").wait_for()
    _axe(page, "audit-range-error")
    page.goto("/protokoll/?date_from=2026-01-01")
    _axe(page, "audit-range")
    assert page.console_errors == [], page.console_errors
