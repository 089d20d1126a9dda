"""Keyboard, focus, live regions and reflow in a real browser (Debian's chromium via Playwright), the parts of
the BITV 2.0 / WCAG 2.1 AA review (``docs/accessibility.md``) that the HTML alone cannot show.

Needs ``/usr/bin/chromium``; without it the tests are skipped with that reason (as ``test_browser.py``).
"""

from __future__ import annotations

import os
import pathlib
import re
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = pathlib.Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = pathlib.Path(__file__).resolve().parents[2] / "test-artifacts" / "web"

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no chromium at {CHROMIUM} (apt-get install chromium)"),
    pytest.mark.django_db(transaction=True),
]

# What the focused element looks like, for the tab-order assertions: tag, accessible text, id/name.
DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const text = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().split('\\n')[0];
  const s = getComputedStyle(el);
  const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && s.boxShadow !== 'none';
  return {tag: el.tagName.toLowerCase(), text: text, id: el.id || '', name: el.getAttribute('name') || '',
          inMain: !!el.closest('main'), inHeader: !!el.closest('header'), ring: ring};
}"""

FOCUS_STYLE = """() => {
  const s = getComputedStyle(document.activeElement);
  return {outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor,
          boxShadow: s.boxShadow};
}"""


@pytest.fixture
def browser_context(live_server: Any) -> Iterator[Any]:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop in this thread
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        context = browser.new_context(base_url=live_server.url, locale="de-DE")
        yield context
        context.close()
        browser.close()


@pytest.fixture
def page(browser_context: Any, live_server: Any) -> Any:
    page = browser_context.new_page()
    page.base = live_server.url  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors  # type: ignore[attr-defined]
    return page


def _tab(page: Any) -> dict[str, Any] | None:
    page.keyboard.press("Tab")
    result: dict[str, Any] | None = page.evaluate(DESCRIBE_FOCUS)
    return result


def _tab_through(page: Any, limit: int = 400) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until the focus leaves the document or returns to the first stop;
    fails on a trap (the same element twice in a row, or the limit reached)."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        focused = _tab(page)
        if focused is None or (stops and focused == stops[0]):
            return stops
        assert not stops or focused != stops[-1], f"keyboard trap at {focused}"
        stops.append(focused)
    raise AssertionError(f"no end of the tab order after {limit} stops: {stops[-5:]}")


def _index(stops: list[dict[str, Any]], **want: Any) -> int:
    for i, stop in enumerate(stops):
        if all(str(v) in str(stop[k]) if k == "text" else stop[k] == v for k, v in want.items()):
            return i
    raise AssertionError(f"{want} not reached by Tab; stops: {[(s['tag'], s['text'][:25]) for s in stops]}")


def _assert_focus_visible(page: Any, what: str) -> None:
    style = page.evaluate(FOCUS_STYLE)
    outlined = style["outlineStyle"] not in ("none", "") and style["outlineWidth"] >= 2
    assert outlined and style["boxShadow"] != "none", f"{what}: focus not visible {style}"
    # The amber outline of the stylesheet (--focus: #ffbf47) over the dark ring (contrast pairs in the unit test).
    assert style["outlineColor"] == "rgb(255, 191, 71)", f"{what}: {style}"


def test_login_with_totp_by_keyboard_skip_link_and_visible_focus(
    page: Any, org_a: Any, make_user: Any
) -> None:
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bleiberecht.web.accounts.models import Role
    from web.conftest import PASSWORD

    clerk = make_user("sachbearbeitung", org_a, Role.AUTHORITY_CLERK)
    device = TOTPDevice.objects.create(user=clerk, name="app", confirmed=True)
    page.goto("/konto/anmelden/")
    # The login page starts in the user name field (Django's autofocus); the skip link is reached backwards.
    assert page.evaluate("document.activeElement.name") == "username"
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.className") == "skip-link":
            break
    assert page.evaluate("document.activeElement.textContent").strip() == "Zum Inhalt springen"
    _assert_focus_visible(page, "skip link")
    assert page.locator(".skip-link").bounding_box()["x"] >= 0  # on screen while focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"
    # From <main> on: user name, password, the button — then the footer has nothing focusable.
    order = [_tab(page) for _ in range(3)]
    assert [(s["tag"], s["name"]) for s in order if s] == [
        ("input", "username"),
        ("input", "password"),
        ("button", ""),
    ]
    assert order[2] and order[2]["text"] == "Anmelden"
    for stop in order:
        assert stop and stop["inMain"]

    # The whole login by keyboard: the focus is on the button; go back and type.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    _assert_focus_visible(page, "user name field")
    page.keyboard.type("sachbearbeitung")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/konto/zwei-faktor/(#inhalt)?$"))

    # Second factor: the code field is the first stop in <main>, labelled, and Enter submits.
    page.locator("main").focus()
    code = _tab(page)
    assert code and code["tag"] == "input" and code["inMain"]
    assert page.evaluate("document.activeElement.labels.length") == 1
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.keyboard.type(f"{totp.token():06d}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/faelle/(#inhalt)?$"))
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_case_page_tab_order_reaches_every_main_control_without_trap(
    page: Any, org_a: Any, make_user: Any, make_case: Any
) -> None:
    user = make_user("beraterin", org_a)
    case = make_case(org_a, user, reference="AZ-TAB")
    _login_session(page, user)
    page.goto(f"/faelle/{case.pk}/")
    stops = _tab_through(page)

    # Sensible order: skip link, header (navigation, language, logout), then the case page top to bottom.
    skip = _index(stops, text="Zum Inhalt springen")
    nav = _index(stops, text="Fälle", inHeader=True)
    logout = _index(stops, text="Abmelden")
    pdf = _index(stops, text="PDF")
    edit = _index(stops, text="Bearbeiten", inMain=True)
    responsible = _index(stops, tag="select", inMain=True)
    save = _index(stops, text="Zuständigkeit speichern")
    first_path = _index(stops, tag="summary", inMain=True)
    timeline_list = _index(stops, text="Zeitleiste als Liste")
    assert skip == 0 < nav < logout < pdf < edit < responsible < save < first_path < timeline_list
    assert all(not s["inMain"] for s in stops[:pdf]) and all(s["inMain"] for s in stops[pdf:])

    # Every stop shows its focus ring (outline and dark ring computed at the stop); the colour on a few kinds.
    assert [s for s in stops if not s["ring"]] == []
    for want in ({"tag": "a", "inHeader": True}, {"tag": "select"}, {"tag": "button"}, {"tag": "summary"}):
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        for _ in range(_index(stops, **want) + 1):
            page.keyboard.press("Tab")
        _assert_focus_visible(page, str(want))

    # A path's checklist opens with Enter on its summary; the focus stays on the summary.
    page.locator("details.path > summary").first.focus()
    page.keyboard.press("Enter")
    page.locator("details.path .checklist").first.wait_for()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"

    # The case list's filter: typing keeps the focus in the search field, the new count is read out.
    page.goto("/faelle/")
    page.get_by_label("Suche").focus()
    page.keyboard.type("nichts-dergleichen")
    page.wait_for_function("() => document.querySelector('#a11y-live').textContent.includes('0 Fälle')")
    assert page.evaluate("document.activeElement.name") == "q"
    assert page.console_errors == []  # type: ignore[attr-defined]


def _login_session(page: Any, user: Any) -> None:
    """Log in without the form (the form is covered by the first test): the test client's session cookie."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": page.base}])


def test_section_errors_after_htmx_swaps_are_announced_and_focused(
    page: Any, org_a: Any, make_user: Any, make_case: Any
) -> None:
    user = make_user("beraterin", org_a)
    case = make_case(org_a, user, reference="AZ-ERR")
    _login_session(page, user)
    page.goto(f"/faelle/{case.pk}/bearbeiten/aufenthalt/?person=0")

    # Check on change (nothing saved): the status line is a live region, the field is marked and described.
    page.locator("#id_statuses-0-to").fill("2000-01-01")
    page.locator("#id_statuses-0-to").dispatch_event("change")
    page.wait_for_function(
        "() => document.querySelector('#section-check').textContent.includes('Noch nicht gespeichert')"
    )
    assert page.locator("#section-check").get_attribute("aria-live") == "polite"
    page.wait_for_function("() => document.querySelector('#section-form [aria-invalid=true]') !== null")
    described = page.evaluate(
        """() => [...document.querySelectorAll('#section-form [aria-invalid=true]')].map(el =>
             (el.getAttribute('aria-describedby') || '').split(' ').map(id => document.getElementById(id))
               .filter(Boolean).map(n => n.textContent.trim()).join(' '))"""
    )
    assert described and all(text for text in described), described

    # Save with the keyboard: the form comes back as a fragment; its summary is an alert and the focus is on the
    # first invalid field (not lost to <body>), which is described by its error message.
    page.get_by_role("button", name="Speichern und neu prüfen").focus()
    page.keyboard.press("Enter")
    page.get_by_role("alert").filter(has_text="Nicht gespeichert").wait_for()
    page.wait_for_function("() => document.activeElement && document.activeElement !== document.body")
    focused = page.evaluate(
        """() => { const el = document.activeElement;
             const ids = (el.getAttribute('aria-describedby') || '').split(' ');
             return {invalid: el.getAttribute('aria-invalid'), described: ids.map(id => document.getElementById(id))
               .filter(Boolean).map(n => n.textContent.trim()).join(' ')}; }"""
    )
    assert focused["invalid"] == "true" and focused["described"], focused
    _assert_focus_visible(page, "invalid field after the swap")

    # Adding a row with the keyboard puts the focus into the new row.
    page.reload()
    rows = page.locator("#f-statuses fieldset.item").count()
    page.get_by_role("button", name="Zeitraum hinzufügen").focus()
    page.keyboard.press("Enter")
    page.locator(f"#f-statuses-{rows}").wait_for()
    page.wait_for_function("() => document.activeElement && document.activeElement !== document.body")
    assert page.evaluate(f"!!document.activeElement.closest('#f-statuses-{rows}')")
    assert page.console_errors == []  # type: ignore[attr-defined]


# The innermost elements reaching past the right edge, to name the culprit in the failure message.
WIDEST = """(width) => [...document.querySelectorAll('main *, header *')]
  .filter(el => el.getBoundingClientRect().right > width + 1
          && ![...el.children].some(c => c.getBoundingClientRect().right > width + 1))
  .slice(0, 4).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + el.className
                   + ' ' + Math.round(el.getBoundingClientRect().right))"""

TEXT_SPACING = [
    "* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }",
    "p { margin-bottom: 2em !important; }",
]
# Text cut off: an element that hides its overflow while its content is taller or wider (not the 1 px
# visually-hidden helpers, not scroll regions).
CLIPPED = """() => [...document.querySelectorAll('body *')].filter(el => {
  const s = getComputedStyle(el);
  if (el.clientHeight <= 1 || el.clientWidth <= 1) return false;
  const hides = [s.overflow, s.overflowX, s.overflowY].some(v => v === 'hidden' || v === 'clip');
  return hides && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
}).slice(0, 4).map(el => el.tagName.toLowerCase() + '.' + el.className)"""

REFLOW_PAGES = [
    "/faelle/",
    "/faelle/{pk}/",
    "/faelle/{pk}/bearbeiten/aufenthalt/?person=0",
    "/faelle/{pk}/weitergabe/",
    "/faelle/{pk}/versionen/",
    "/faelle/neu/",
    "/protokoll/",
    "/screening/",
    "/monitoring/",
    "/konto/mitglieder/",
]


def test_reflow_at_320_px_text_at_200_percent_and_text_spacing(
    browser_context: Any, live_server: Any, org_a: Any, make_user: Any, make_case: Any
) -> None:
    """1.4.10: at 320 CSS px the main content needs no sideways scrolling (wide tables scroll inside their own
    focusable region); 1.4.4: with the text at 200 % on a 1280 px window neither; 1.4.12: with the WCAG text
    spacing (line height 1.5, letters .12 em, words .16 em, paragraphs 2 em) no text is cut off either."""
    from bleiberecht.web.accounts.models import Role

    user = make_user("koordination-mit-einem-sehr-langen-anmeldenamen", org_a, Role.COORDINATOR)
    case = make_case(org_a, user, reference="AZ-REFLOW-2026-000123")
    anonymous = browser_context.browser.new_context(base_url=live_server.url, locale="de-DE").new_page()
    page = browser_context.new_page()
    page.base = live_server.url
    _login_session(page, user)
    wide = []
    for width, rules in ((320, []), (1280, ["html { font-size: 200% !important; }"]), (1280, TEXT_SPACING)):
        for tab, url in [
            (anonymous, "/konto/anmelden/"),
            *((page, u.format(pk=case.pk)) for u in REFLOW_PAGES),
        ]:
            tab.set_viewport_size({"width": width, "height": 800})
            tab.goto(url)
            for rule in rules:  # through the CSSOM: the CSP forbids inline <style>
                tab.evaluate(
                    "(rule) => document.styleSheets[0].insertRule(rule, document.styleSheets[0].cssRules.length)",
                    rule,
                )
            scroll = tab.evaluate("document.documentElement.scrollWidth")
            clipped = tab.evaluate(CLIPPED)
            if scroll > width or clipped:
                name = f"reflow-{width}-{len(rules)}-{url.strip('/').replace('/', '_')}.png"
                tab.screenshot(path=str(ARTIFACTS / name))
                wide.append(
                    f"{url} at {width}px {rules}: {scroll}px ({tab.evaluate(WIDEST, width)}) {clipped}"
                )
    assert wide == [], wide
    # The wide tables are regions a keyboard user can scroll.
    page.goto("/faelle/")
    region = page.locator(".table-scroll").first
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"


def test_screening_state_changes_are_read_out_once(page: Any, org_a: Any, make_user: Any) -> None:
    """4.1.3: the polled state region replaces itself every 2 s; a change of state (wartend → läuft) reaches the
    page's live region once, the unchanged polls in between say nothing."""
    from bleiberecht.web.accounts.models import Role
    from bleiberecht.web.screening.models import RunStatus, ScreeningRun

    user = make_user("koordination", org_a, Role.COORDINATOR)
    run = ScreeningRun.objects.create(
        organisation=org_a, created_by=user, file_name="bestand.xlsx", status=RunStatus.QUEUED
    )
    _login_session(page, user)
    page.goto(f"/screening/{run.pk}/")
    page.wait_for_timeout(4500)  # two polls without a change
    assert page.locator("#a11y-live").text_content() == ""
    ScreeningRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, persons_total=10, persons_done=3)
    page.wait_for_function("() => document.querySelector('#a11y-live').textContent.includes('Stand')")
    said = page.locator("#a11y-live").text_content()
    assert said == f"Stand: {RunStatus.RUNNING.label}"
    ScreeningRun.objects.filter(pk=run.pk).update(persons_done=5)  # progress only: nothing new to say
    page.wait_for_timeout(4500)
    assert page.locator("#a11y-live").text_content() == said
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_session_timeout_warning_takes_the_focus_and_extends_the_session(
    page: Any, org_a: Any, make_user: Any, settings: Any
) -> None:
    """2.2.1: before the idle timeout a modal dialog takes the focus; "Sitzung verlängern" (keyboard) sends a
    request, which moves the expiry on, closes the dialog and gives the focus back."""
    settings.SESSION_COOKIE_AGE = (
        80  # with the 60 s refresh step the session may end 20 s after the last request
    )
    settings.BLEIBERECHT_SESSION_REFRESH_SECONDS = 60
    user = make_user("beraterin", org_a)
    _login_session(page, user)
    page.goto("/faelle/")
    page.get_by_label("Suche").focus()
    dialog = page.locator("dialog#session-warning")
    assert not dialog.is_visible()
    dialog.wait_for(state="visible", timeout=20_000)  # warned after 10 s (half of 20 s; 2 min before in use)
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Sitzung verlängern"
    _assert_focus_visible(page, "dialog button")
    with page.expect_response("**/konto/sitzung/") as answer:
        page.keyboard.press("Enter")
    assert answer.value.status == 204
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.name") == "q"  # back where the user was
    assert page.console_errors == []  # type: ignore[attr-defined]
