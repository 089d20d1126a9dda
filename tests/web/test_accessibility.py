"""Accessibility checks on the server-rendered HTML of every main GET page (BITV 2.0 / WCAG 2.1 AA), plus the
contrast of the stylesheet's colour pairs computed with the WCAG formula. The browser half (keyboard, focus,
reflow, live regions after HTMX swaps) is in ``test_accessibility_browser.py``; the review is
``docs/accessibility.md``.

The HTML is parsed with the standard library, so the checks need no browser and run with the other view tests.
"""

from __future__ import annotations

import io
import itertools
import json
import pathlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from bleiberecht.web.accounts.models import Membership, Role
from bleiberecht.web.cases.section_specs import SECTIONS

CSS = (
    pathlib.Path(__file__).resolve().parents[2] / "src" / "bleiberecht" / "web" / "static" / "web" / "app.css"
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


# --- a minimal DOM from html.parser ------------------------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.iter()

    def all_text(self) -> str:
        return " ".join(["".join(self.text), *(c.all_text() for c in self.children)]).strip()

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # tolerate stray end tags
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.text.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    return builder.root


def problems(html: str, *, logged_in: bool) -> list[str]:
    """Everything a page gets wrong that can be read from its HTML alone; empty when it passes."""
    root = parse(html)
    nodes = list(root.iter())
    found: list[str] = []
    by_tag: dict[str, list[Node]] = {}
    for n in nodes:
        by_tag.setdefault(n.tag, []).append(n)

    # 3.1.1 language of the page
    htmls = by_tag.get("html", [])
    if not htmls or htmls[0].attrs.get("lang") not in ("de", "en"):
        found.append("<html> without lang de/en")
    # 2.4.2 page titled
    titles = [t for t in by_tag.get("title", []) if not any(a.tag == "svg" for a in t.ancestors())]
    if len(titles) != 1:
        found.append(f"{len(titles)} page titles")
    elif not titles[0].all_text():
        found.append("empty page title")
    # 1.3.1 / 2.4.6: one h1, no skipped heading levels
    levels = [int(n.tag[1]) for n in nodes if re.fullmatch(r"h[1-6]", n.tag)]
    if levels.count(1) != 1:
        found.append(f"{levels.count(1)} h1 elements")
    if levels and levels[0] != 1:
        found.append(f"first heading is h{levels[0]}")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            found.append(f"heading level jumps from h{before} to h{after}")
    # 1.3.1 / 2.4.1 landmarks and the skip link (the first link of the page, pointing at <main>)
    mains = by_tag.get("main", [])
    if len(mains) != 1:
        found.append(f"{len(mains)} <main> landmarks")
    if not by_tag.get("header"):
        found.append("no <header>")
    if logged_in and not [n for n in by_tag.get("nav", []) if n.attrs.get("aria-label")]:
        found.append("no labelled <nav>")
    links = by_tag.get("a", [])
    if (
        not links
        or links[0].attrs.get("href") != "#inhalt"
        or not mains
        or mains[0].attrs.get("id") != "inhalt"
    ):
        found.append("the first link is not a skip link to <main id=inhalt>")
    # 4.1.1 unique ids; 1.3.1 references resolve
    ids: dict[str, int] = {}
    for n in nodes:
        if "id" in n.attrs:
            ids[n.attrs["id"]] = ids.get(n.attrs["id"], 0) + 1
    found += [f"duplicate id {i!r}" for i, count in ids.items() if count > 1]
    for n in nodes:
        for attr in ("aria-describedby", "aria-labelledby", "aria-controls"):
            for ref in n.attrs.get(attr, "").split():
                if ref not in ids:
                    found.append(f"{n.tag} {attr}={ref!r} points nowhere")
    # 1.3.1 / 3.3.2 / 4.1.2 every form control has an accessible name
    label_for = {n.attrs.get("for") for n in by_tag.get("label", [])}
    for n in nodes:
        if n.tag not in ("input", "select", "textarea"):
            continue
        if n.tag == "input" and n.attrs.get("type", "text") in UNLABELLED_INPUT_TYPES:
            continue
        named = (
            n.attrs.get("id") in label_for
            or n.attrs.get("aria-label")
            or n.attrs.get("aria-labelledby")
            or any(a.tag == "label" for a in n.ancestors())
        )
        if not named:
            found.append(f"{n.tag} name={n.attrs.get('name')!r} has no label")
    for n in by_tag.get("button", []):
        if not (n.all_text() or n.attrs.get("aria-label")):
            found.append("button without text")
    for n in links:
        if not (n.all_text() or n.attrs.get("aria-label")):
            found.append(f"link to {n.attrs.get('href')!r} without text")
    # 1.1.1 text alternatives
    for n in by_tag.get("img", []):
        if "alt" not in n.attrs:
            found.append(f"img {n.attrs.get('src', '')[:30]!r} without alt")
    for n in by_tag.get("svg", []):
        if n.attrs.get("aria-hidden") == "true":
            continue
        if n.attrs.get("role") != "img" or not n.attrs.get("aria-labelledby"):
            found.append("svg without role=img and aria-labelledby")
    # 1.3.1 data tables: header cells with scope
    for n in by_tag.get("th", []):
        if n.attrs.get("scope") not in ("col", "row", "colgroup", "rowgroup"):
            found.append(f"th {n.all_text()[:30]!r} without scope")
    # 1.4.1 traffic lights and outcome badges carry a word, not only a colour
    for n in nodes:
        classes = n.attrs.get("class", "").split()
        if ("light" in classes or "badge" in classes) and not n.all_text():
            found.append(f"colour badge {classes} without text")
    # 3.1.2 language of parts: a language choice is named in its own language
    for n in by_tag.get("option", []):
        if (
            n.parent
            and n.parent.attrs.get("name") == "language"
            and n.attrs.get("lang") != n.attrs.get("value")
        ):
            found.append(f"language option {n.attrs.get('value')!r} without its own lang")
    # 1.3.1 error messages are tied to their field (Django: aria-describedby → "<id>_error", aria-invalid)
    for n in nodes:
        refs = n.attrs.get("aria-describedby", "").split()
        if (
            n.tag in ("input", "select", "textarea")
            and n.attrs.get("aria-invalid") == "true"
            and not any(ref.endswith(("_error", "-errors")) for ref in refs)
        ):
            found.append(f"invalid {n.tag} {n.attrs.get('name')!r} not described by its error")
    return found


# --- the pages ----------------------------------------------------------------------------------------------


def _jsonl(n: int) -> bytes:
    from bleiberecht.screening import generate_cases

    return ("\n".join(json.dumps(c) for c in generate_cases(n, 3)) + "\n").encode()


Page = tuple[str, str, bool]  # name, HTML, logged in


@pytest.fixture
def pages(org_a: Any, make_user: Any, client_for: Callable[[Any], Client], make_case: Any) -> list[Page]:
    """Every main page as the role that uses it: advisor (cases, sections), coordinator (audit, monitoring,
    members, screening), admin (membership pages), anonymous (login, set password), TOTP steps."""
    from bleiberecht.web.screening.models import ScreeningRun

    advisor = make_user("beraterin", org_a)
    coordinator = make_user("koordination", org_a, Role.COORDINATOR)
    admin = make_user("verwaltung", org_a, Role.ADMIN)
    case = make_case(org_a, advisor)
    out: list[Page] = []

    def get(client: Client, name: str, url: str, logged_in: bool = True, status: int = 200) -> None:
        response = client.get(url)
        assert response.status_code == status, f"{name}: {url} → {response.status_code}"
        out.append((name, response.content.decode(), logged_in))

    anonymous = Client()
    get(anonymous, "login", "/konto/anmelden/", logged_in=False)
    get(anonymous, "set password (invalid link)", "/konto/passwort-setzen/", logged_in=False, status=400)
    # A second factor: set up (admin without a device) and verify (device present, not yet verified).
    fresh = Client()
    fresh.force_login(admin)
    get(fresh, "totp setup", "/konto/zwei-faktor/einrichten/", logged_in=False)
    clerk = make_user("sachbearbeitung", org_a, Role.AUTHORITY_CLERK)
    TOTPDevice.objects.create(user=clerk, name="test", confirmed=True)
    pending = Client()
    pending.force_login(clerk)
    get(pending, "totp verify", "/konto/zwei-faktor/", logged_in=False)

    c = client_for(advisor)
    get(c, "case list", "/faelle/")
    get(c, "case list filtered", "/faelle/?q=nichts")
    get(c, "new case", "/faelle/neu/")
    get(c, "import", "/faelle/import/")
    get(c, "case detail", f"/faelle/{case.pk}/")
    persons = len(case.document["persons"])
    for section in SECTIONS:
        if section.scope == "person":
            for index in range(min(persons, 2)):
                get(
                    c,
                    f"section {section.slug} person {index}",
                    f"/faelle/{case.pk}/bearbeiten/{section.slug}/?person={index}",
                )
        else:
            get(c, f"section {section.slug}", f"/faelle/{case.pk}/bearbeiten/{section.slug}/")
    get(c, "section with errors", f"/faelle/{case.pk}/bearbeiten/personen/")
    get(c, "path checklist page", f"/faelle/{case.pk}/wege/0/aufenthg_25b/")
    get(c, "history", f"/faelle/{case.pk}/versionen/")
    get(c, "sharing", f"/faelle/{case.pk}/weitergabe/")
    get(c, "reimport", f"/faelle/{case.pk}/import/")

    k = client_for(coordinator)
    get(k, "delete case", f"/faelle/{case.pk}/loeschen/")
    get(k, "audit", "/protokoll/")
    get(k, "audit with an invalid filter", "/protokoll/?date_from=31.02.2026", status=200)
    get(k, "monitoring", "/monitoring/")
    get(k, "members (coordinator)", "/konto/mitglieder/")
    get(k, "screening", "/screening/")
    upload = io.BytesIO(_jsonl(4))
    upload.name = "bestand.jsonl"
    assert k.post("/screening/", {"file": upload}).status_code == 302
    run = ScreeningRun.objects.get()
    get(k, "screening result", f"/screening/{run.pk}/")
    get(k, "letters", f"/dossiers/screening/{run.pk}/anschreiben/")

    a = client_for(admin)
    membership = Membership.objects.get(user=advisor)
    get(a, "members (admin)", "/konto/mitglieder/")
    get(a, "member", f"/konto/mitgliedschaft/{membership.pk}/")
    get(a, "member create", f"/konto/mitglieder/{org_a.pk}/neu/")
    get(a, "member remove", f"/konto/mitgliedschaft/{membership.pk}/entfernen/")
    return out


@pytest.mark.django_db
def test_every_main_page_passes_the_html_checks(pages: list[Page]) -> None:
    failures = {
        name: found for name, html, logged_in in pages if (found := problems(html, logged_in=logged_in))
    }
    assert failures == {}


@pytest.mark.django_db
def test_page_titles_are_unique(pages: list[Page]) -> None:
    """2.4.2: each kind of page has its own title (two persons of the same section differ too)."""
    seen: dict[str, str] = {}
    clashes = []
    for name, html, _ in pages:
        if name in (
            "case list filtered",
            "section with errors",
            "audit with an invalid filter",
            "members (admin)",
        ):
            continue  # the same page in another state
        title = re.sub(r"\s+", " ", re.search(r"<title>(.*?)</title>", html, re.S).group(1)).strip()  # type: ignore[union-attr]
        if title in seen:
            clashes.append(f"{name!r} and {seen[title]!r}: {title}")
        seen[title] = name
    assert clashes == [], "\n".join(clashes)


@pytest.mark.django_db
def test_form_errors_are_tied_to_fields_and_announced(
    org_a: Any, make_user: Any, client_for: Callable[[Any], Client], make_case: Any
) -> None:
    """3.3.1: a rejected form names the error next to the field (aria-invalid + aria-describedby) and the
    summary is an alert; also when the guided section comes back as an HTMX fragment."""
    user = make_user("beraterin", org_a)
    case = make_case(org_a, user)
    client = client_for(user)
    html = client.post(
        f"/faelle/{case.pk}/bearbeiten/personen/",
        {
            "person": "0",
            "persons-TOTAL_FORMS": "1",
            "persons-INITIAL_FORMS": "1",
            "persons-0-id": "",
            "persons-0-birth_date": "1990-02-30",
        },
        HTTP_HX_REQUEST="true",
    ).content.decode()
    root = parse(html)
    alerts = [n for n in root.iter() if n.attrs.get("role") == "alert"]
    assert alerts and "Nicht gespeichert" in alerts[0].all_text()
    invalid = [n for n in root.iter() if n.attrs.get("aria-invalid") == "true"]
    assert invalid, "no field marked invalid"
    ids = {n.attrs["id"] for n in root.iter() if "id" in n.attrs}
    for n in invalid:
        refs = n.attrs.get("aria-describedby", "").split()
        assert any(r in ids and (r.endswith("_error") or r.endswith("-errors")) for r in refs), n.attrs

    # The login form: a wrong password is an alert.
    login = (
        Client().post("/konto/anmelden/", {"username": "beraterin", "password": "falsch"}).content.decode()
    )
    assert any(n.attrs.get("role") == "alert" for n in parse(login).iter())


def test_the_checker_fails_on_a_broken_page() -> None:
    """The HTML checks are not vacuous: a page with the usual mistakes yields each of them."""
    broken = (
        '<html><head><title></title></head><body><a href="/">x</a><main><h2>a</h2><h1>b</h1><h1>c</h1><h4>d</h4>'
        '<input name="q"><input id="d" aria-describedby="gone"><input id="d"><img src="x.png">'
        '<svg viewBox="0 0 1 1"></svg><table><tr><th>k</th></tr></table><span class="light light-red"></span>'
        "<button></button></main></body></html>"
    )
    text = " | ".join(problems(broken, logged_in=True))
    for expected in (
        "without lang",
        "empty page title",
        "2 h1",
        "first heading is h2",
        "h1 to h4",
        "no <header>",
        "no labelled <nav>",
        "skip link",
        "duplicate id 'd'",
        "points nowhere",
        "name='q' has no label",
        "without alt",
        "svg without",
        "without scope",
        "without text",
        "button without text",
    ):
        assert expected in text, expected


# --- contrast (1.4.3 text, 1.4.11 non-text) ---------------------------------------------------------------


def _css_variables() -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", CSS.read_text(encoding="utf-8")))


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio (relative luminance, sRGB)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777", "#ffffff") < 4.5


# Text colour on background, as the stylesheet pairs them (badges, notices, header, buttons, muted text).
TEXT_PAIRS = [
    ("ink", "bg"),
    ("muted", "bg"),
    ("muted", "soft"),
    ("ink", "soft"),
    ("brand", "bg"),
    ("brand", "soft"),
    ("bg", "brand"),
    ("bg", "red"),
    ("red", "bg"),
    ("red", "red-bg"),
    ("green", "green-bg"),
    ("yellow", "yellow-bg"),
    ("ink", "green-bg"),
    ("ink", "red-bg"),
    ("ink", "yellow-bg"),
    ("ink", "info-bg"),
    ("brand", "info-bg"),
]
# Focus ring (inner dark ring against the page and the header, outer ring against the dark ring), form borders,
# traffic-light stripes and timeline bars against white: non-text contrast ≥ 3:1.
NON_TEXT_PAIRS = [
    ("focus-ring", "bg"),
    ("focus-ring", "soft"),
    ("focus", "focus-ring"),
    ("focus", "brand"),
    ("line", "bg"),
    ("green", "bg"),
    ("red", "bg"),
    ("amber", "bg"),
    ("yellow", "bg"),
    ("st-gestattung", "bg"),
    ("st-duldung", "bg"),
]


@pytest.mark.parametrize(("fg", "bg"), TEXT_PAIRS)
def test_text_colours_reach_4_5_to_1(fg: str, bg: str) -> None:
    colours = _css_variables()
    assert contrast(colours[fg], colours[bg]) >= 4.5, (
        f"{fg} on {bg}: {contrast(colours[fg], colours[bg]):.2f}"
    )


@pytest.mark.parametrize(("fg", "bg"), NON_TEXT_PAIRS)
def test_non_text_colours_reach_3_to_1(fg: str, bg: str) -> None:
    colours = _css_variables()
    assert contrast(colours[fg], colours[bg]) >= 3.0, (
        f"{fg} against {bg}: {contrast(colours[fg], colours[bg]):.2f}"
    )


def test_stylesheet_uses_only_checked_colours() -> None:
    """Every colour literal outside the variable block is one of the checked variables' values (a new colour
    must become a variable and get a pair above), and the badges are built from those variables."""
    text = CSS.read_text(encoding="utf-8")
    root_block = re.search(r":root\s*\{(.*?)\}", text, re.S).group(1)  # type: ignore[union-attr]
    rest = text.replace(root_block, "")
    checked = {v.lower() for v in _css_variables().values()} | {"#fff", "#ffffff"}
    stray = sorted({c.lower() for c in re.findall(r"#[0-9a-fA-F]{3,6}\b", rest)} - checked)
    assert stray == []
    for badge in ("light-green", "light-yellow", "light-red", "badge-eligible", "badge-not_eligible"):
        rule = re.search(rf"\.{badge}\b[^{{]*\{{([^}}]*)\}}", text)
        assert rule and "var(--" in rule.group(1), badge


@pytest.mark.django_db
def test_session_keepalive_answers_only_logged_in_posts(
    org_a: Any, make_user: Any, client_for: Callable[[Any], Client]
) -> None:
    """The timeout warning's button: POST only, 204 for a logged-in user; anonymous requests go to the login."""
    client = client_for(make_user("beraterin", org_a))
    assert client.post("/konto/sitzung/").status_code == 204
    assert client.get("/konto/sitzung/").status_code == 405
    anonymous = Client().post("/konto/sitzung/")
    assert anonymous.status_code == 302 and "/konto/anmelden/" in anonymous["Location"]
    page = client.get("/faelle/").content.decode()
    dialogs = [n for n in parse(page).iter() if n.attrs.get("id") == "session-warning"]
    assert dialogs and dialogs[0].tag == "dialog" and int(dialogs[0].attrs["data-session-seconds"]) > 0
    assert "session-warning" not in Client().get("/konto/anmelden/").content.decode()
