"""In a real browser (Debian's chromium via Playwright): log in, create a family case through the guided form,
see the result, export it; axe-core on the main pages with no serious or critical violations.

Screenshots go to ``test-artifacts/web/`` (ignored by git, kept by CI as artefacts). Needs ``/usr/bin/chromium``
(``.ci/run`` installs it with apt); without it the tests are skipped with that reason.
"""

from __future__ import annotations

import json
import os
import pathlib
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = pathlib.Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = pathlib.Path(__file__).resolve().parents[2] / "test-artifacts" / "web"

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no chromium at {CHROMIUM} (apt-get install chromium)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def page(live_server: Any) -> Iterator[Any]:
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        context = browser.new_context(base_url=live_server.url, accept_downloads=True, locale="de-DE")
        page = context.new_page()
        messages: list[str] = []
        page.on(
            "console", lambda m: messages.append(f"{m.text} @ {m.location}") if m.type == "error" else None
        )
        page.console_errors = messages  # type: ignore[attr-defined]
        yield page
        context.close()
        browser.close()


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _axe(page: Any, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    (ARTIFACTS / f"{name}-axe.json").write_text(json.dumps(violations, indent=1), encoding="utf-8")
    bad = [
        f"{v['id']} ({v['impact']}): {len(v['nodes'])}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"{name}: {bad}"


def _login(page: Any, username: str, password: str) -> None:
    page.goto("/konto/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/faelle/")


def test_family_case_through_the_guided_form(page: Any, org_a: Any, make_user: Any) -> None:
    from web.conftest import PASSWORD

    make_user("beraterin", org_a)
    page.goto("/konto/anmelden/")
    _axe(page, "login")
    _shot(page, "01-login")
    _login(page, "beraterin", PASSWORD)

    # Keyboard: the skip link is the first stop and leads to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Zum Inhalt springen"

    page.get_by_role("link", name="Neuer Fall").click()
    page.get_by_label("Aktenzeichen").fill("AZ-BROWSER-1")
    page.get_by_label("Prüfdatum").fill("2026-11-25")
    page.get_by_label("Person-ID der ersten Person").fill("vater")
    page.get_by_label("Geburtsdatum der ersten Person").fill("1988-02-10")
    page.get_by_role("button", name="Fall anlegen").click()
    page.wait_for_url("**/bearbeiten/personen/")
    _axe(page, "section-persons")

    # Add the mother and the child in the persons section (HTMX adds the row in place).
    page.get_by_role("button", name="Person hinzufügen").click()
    page.locator("#f-persons-1").wait_for()
    page.locator("#id_persons-1-id").fill("mutter")
    page.locator("#id_persons-1-birth_date").fill("1991-07-01")
    page.get_by_role("button", name="Person hinzufügen").click()
    page.locator("#f-persons-2").wait_for()
    page.locator("#id_persons-2-id").fill("kind")
    page.locator("#id_persons-2-birth_date").fill("2017-04-03")
    page.locator("#id_persons-2-parent_ids").fill("vater, mutter")
    page.locator("#id_persons-0-spouse_id").fill("mutter")
    page.locator("#id_persons-1-spouse_id").fill("vater")
    page.get_by_role("button", name="Speichern und neu prüfen").click()
    page.get_by_text("Gespeichert. Das Ergebnis wurde neu berechnet.").wait_for()
    _shot(page, "02-persons")

    # Residence of the father: Gestattung, then Duldung.
    page.get_by_role("link", name="Aufenthalt").click()
    page.locator("#id_statuses-0-type").select_option("gestattung")
    page.locator("#id_statuses-0-from").fill("2021-09-24")
    page.locator("#id_statuses-0-to").fill("2023-05-31")
    page.get_by_role("button", name="Zeitraum hinzufügen").click()
    page.locator("#f-statuses-1").wait_for()
    page.locator("#id_statuses-1-type").select_option("duldung")
    page.locator("#id_statuses-1-from").fill("2023-06-01")
    page.get_by_role("button", name="Speichern und neu prüfen").click()
    page.get_by_text("Gespeichert. Das Ergebnis wurde neu berechnet.").wait_for()
    _axe(page, "section-residence")
    _shot(page, "03-residence")

    # An inline error: a period that ends before it starts is not saved and is marked at the field.
    page.locator("#id_statuses-0-to").fill("2020-01-01")
    page.get_by_role("button", name="Speichern und neu prüfen").click()
    page.get_by_text("Nicht gespeichert: bitte die markierten Angaben korrigieren.").wait_for()
    assert page.locator("#f-statuses-0 .errorlist").count() >= 1
    _shot(page, "04-inline-error")

    # The result: paths with outcomes, the checklist, next questions and the timeline.
    page.get_by_role("link", name="Ergebnis").first.click()
    page.get_by_role("heading", name="vater").wait_for()
    body = page.content()
    assert "§ 25b Abs. 1 AufenthG" in body and "Nächste Fragen" in body and "<svg" in body
    # A path's checklist loads when its <details> opens, here with the keyboard (Enter on the summary).
    page.locator("#path-0-aufenthg_25a > summary").focus()
    page.keyboard.press("Enter")
    page.locator("#path-0-aufenthg_25a .checklist").first.wait_for()
    assert "Voraufenthalt seit 24.09.2021" in page.locator("#path-0-aufenthg_25a").inner_text()
    assert page.locator("#path-0-aufenthg_25a .path-status").get_attribute("role") == "status"
    _axe(page, "case-detail")
    _shot(page, "05-result")

    # A next question jumps to the field that answers it.
    page.locator("ol.questions a").first.click()
    page.wait_for_url("**/bearbeiten/**")
    assert "#f-" in page.url

    # Export the case file.
    page.get_by_role("link", name="Ergebnis").first.click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Export (JSON)").click()
    exported = json.loads(pathlib.Path(info.value.path()).read_text(encoding="utf-8"))
    assert exported["id"] == "AZ-BROWSER-1"
    assert [p["id"] for p in exported["persons"]] == ["vater", "mutter", "kind"]
    assert exported["persons"][0]["statuses"][1] == {"type": "duldung", "from": "2023-06-01"}

    page.get_by_role("link", name="Fälle").first.click()
    _axe(page, "case-list")
    _shot(page, "06-list")
    assert page.console_errors == [], page.console_errors  # e.g. nothing blocked by the CSP


def test_screening_and_sharing_pages_are_accessible(
    page: Any, org_a: Any, org_b: Any, make_user: Any
) -> None:
    from bleiberecht.web.accounts.models import Role
    from web.conftest import PASSWORD

    make_user("koordination", org_a, Role.COORDINATOR)
    _login(page, "koordination", PASSWORD)
    page.goto("/screening/")
    _axe(page, "screening")
    example = pathlib.Path(__file__).resolve().parents[2] / "examples" / "caseload-example.xlsx"
    page.get_by_label("Fallbestand").set_input_files(str(example))
    page.get_by_role("button", name="Hochladen und prüfen").click()
    page.get_by_role("heading", name="Prüfbericht").wait_for()
    _axe(page, "screening-detail")
    _shot(page, "07-screening")
    with page.expect_download() as info:
        page.get_by_role("link", name="Arbeitsliste herunterladen (XLSX)").click()
    assert pathlib.Path(info.value.path()).read_bytes()[:2] == b"PK"
    page.goto("/protokoll/")
    _axe(page, "audit")
    _shot(page, "08-audit")
    assert page.console_errors == []
