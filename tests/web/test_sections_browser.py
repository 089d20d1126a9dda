"""In a real browser: the check on change shows an error next to the field without saving, a correction clears
it, saving still works; axe-core on a new section page (no serious or critical violations), no console errors.

Reuses the browser fixtures of `test_browser` (skipped there and here without ``/usr/bin/chromium``).
"""

from __future__ import annotations

from typing import Any

from web.test_browser import _axe, _login, _shot, page, pytestmark  # noqa: F401  (fixture and marks)


def test_check_on_change_in_the_browser(page: Any, org_a: Any, make_user: Any, make_case: Any) -> None:  # noqa: F811
    from bleiberecht.web.cases.models import Case
    from web.conftest import PASSWORD

    user = make_user("pruefen", org_a)
    case = make_case(org_a, user)
    _login(page, "pruefen", PASSWORD)
    page.goto(f"/faelle/{case.pk}/bearbeiten/ausreise/?person=0")
    _axe(page, "section-departure")

    # A measure dated after the day of the check: the error appears at the date field, nothing is saved.
    page.locator("#id_removal_measures-0-kind").select_option("transport_booking")
    page.locator("#id_removal_measures-0-date").fill("2027-05-01")
    page.locator("#id_removal_measures-0-date").dispatch_event("change")
    page.locator("#id_removal_measures-0-date-errors .errorlist").wait_for()
    page.get_by_text("Noch nicht gespeichert").wait_for()
    assert page.locator("#id_removal_measures-0-kind-errors .errorlist").count() == 0
    _shot(page, "10-check-on-change")
    assert Case.objects.get(pk=case.pk).version == 1

    # Corrected: the message goes, and saving stores the measure.
    page.locator("#id_removal_measures-0-date").fill("2026-05-01")
    page.locator("#id_removal_measures-0-date").dispatch_event("change")
    page.get_by_text("Angaben geprüft: keine Fehler").wait_for()
    assert page.locator("#id_removal_measures-0-date-errors .errorlist").count() == 0
    assert Case.objects.get(pk=case.pk).version == 1
    page.get_by_role("button", name="Speichern und neu prüfen").click()
    page.get_by_text("Gespeichert. Das Ergebnis wurde neu berechnet.").wait_for()
    stored = Case.objects.get(pk=case.pk)
    assert stored.version == 2
    assert stored.document["persons"][0]["removal_measures"] == [
        {"kind": "transport_booking", "date": "2026-05-01"}
    ]

    # The folded details (Duldungsgründe as checkboxes, § 60b Zusatz) and the § 60b section pass axe as well.
    page.goto(f"/faelle/{case.pk}/bearbeiten/aufenthalt/?person=0")
    page.locator("#f-statuses-1 details.more > summary").click()
    page.locator("#id_statuses-1-duldung_grounds_0").wait_for()
    _axe(page, "section-residence-60b")
    page.goto(f"/faelle/{case.pk}/bearbeiten/identitaet/?person=0")
    _axe(page, "section-identity-60b")
    assert page.console_errors == [], page.console_errors  # type: ignore[attr-defined]
