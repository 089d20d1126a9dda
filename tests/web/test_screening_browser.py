"""In a real browser: a queued screening run polls its state with HTMX (under the CSP, no inline script) and the
page shows the report by itself once the worker has finished; the monitoring page and its export; axe-core.

Uses the browser fixtures of `test_browser.py` (Debian's chromium; skipped without it).
"""

from __future__ import annotations

import pathlib
from typing import Any

import pytest
from django.core.management import call_command

from web.test_browser import CHROMIUM, _axe, _login, _shot, page  # noqa: F401  (page is a fixture)

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no chromium at {CHROMIUM} (apt-get install chromium)"),
    pytest.mark.django_db(transaction=True),
]
EXAMPLE = pathlib.Path(__file__).resolve().parents[2] / "examples" / "caseload-example.xlsx"


def test_background_run_polls_and_shows_the_report(
    page: Any,  # noqa: F811
    org_a: Any,
    make_user: Any,
    make_case: Any,
    settings: Any,
) -> None:
    from bleiberecht.web.accounts.models import Role
    from bleiberecht.web.screening.models import ScreeningRun
    from web.conftest import PASSWORD

    settings.BLEIBERECHT_SCREENING_INLINE_BYTES = 0  # to the queue, however small
    make_user("koordination", org_a, Role.COORDINATOR)
    make_case(org_a)
    _login(page, "koordination", PASSWORD)
    page.goto("/screening/")
    page.get_by_label("Fallbestand").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Hochladen und prüfen").click()
    page.get_by_text("wartend").wait_for()
    _axe(page, "screening-queued")
    _shot(page, "09-screening-queued")
    assert ScreeningRun.objects.get().status == "queued"

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload", verbosity=0)

    # the fragment polls every 2 s and, once the run is done, reloads the page (HX-Refresh)
    page.get_by_role("heading", name="Prüfbericht").wait_for(timeout=20_000)
    assert page.get_by_role("link", name="Arbeitsliste herunterladen (XLSX)").is_visible()
    assert "every 2s" not in page.content()
    _axe(page, "screening-done")

    page.get_by_role("link", name="Monitoring").click()
    page.get_by_role("heading", name="Nach Ampel").wait_for()
    _axe(page, "monitoring")
    _shot(page, "10-monitoring")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    text = pathlib.Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("Tabelle;Titel;Merkmal;Wert;Anzahl") and "Amal" not in text
    assert page.console_errors == [], page.console_errors  # type: ignore[attr-defined]
