"""The words and dates a clerk reads, on hand-made result fragments (independent of the current norms)."""

from __future__ import annotations

from typing import Any

import pytest

from bleiberecht.cli.labels import fact_label, format_date
from bleiberecht.cli.main import parse_date
from bleiberecht.cli.markdown import escape
from bleiberecht.cli.report import outcome_text, path_view, person_view


def requirement(status: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"x.{status}",
        "status": status,
        "met_from": None,
        "citation": f"§ 1 Nr. {status}",
        "title": f"Voraussetzung {status}",
        "explanation": f"Erklärung {status}",
        "missing_facts": [],
        "actionable": False,
        "evidence": [],
        "exclusion": False,
        **extra,
    }


def path(outcome: str, eligible_from: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "path": "aufenthg_x",
        "norm": "§ 1 AufenthG",
        "title": "Titel",
        "consequence": "soll",
        "outcome": outcome,
        "eligible_from": eligible_from,
        "apply_by": None,
        "requirements": [],
        "missing_facts": [],
        "hints": [],
        **extra,
    }


@pytest.mark.parametrize(
    ("outcome", "eligible_from", "de", "en"),
    [
        ("eligible", "2025-09-24", "erfüllt (seit 24.09.2025)", "eligible (since 2025-09-24)"),
        ("eligible_later", "2027-03-01", "erfüllt ab 01.03.2027", "eligible from 2027-03-01"),
        ("not_eligible", None, "nicht erfüllt", "not eligible"),
        ("undetermined", None, "offen – Angaben fehlen", "open – facts missing"),
        ("something_new", None, "something_new", "something_new"),
    ],
)
def test_outcome_words(outcome: str, eligible_from: str | None, de: str, en: str) -> None:
    assert outcome_text(path(outcome, eligible_from), "de") == de
    assert outcome_text(path(outcome, eligible_from), "en") == en


@pytest.mark.parametrize(("code", "word"), [("soll", "Soll"), ("kann", "Kann"), ("anspruch", "Anspruch")])
def test_consequence_words(code: str, word: str) -> None:
    view = path_view(path("eligible", consequence=code), "de")
    assert ("Rechtsfolge", word) in view.facts


def test_path_lists_what_is_missing_and_counts_what_is_met() -> None:
    reqs = [
        requirement("met", met_from="2024-01-01"),
        requirement("met"),
        requirement("unknown", missing_facts=["german"], actionable=True, evidence=["A2-Zertifikat"]),
        requirement("not_met", exclusion=True),
        requirement("waivable"),
        requirement("not_applicable"),
    ]
    view = path_view(path("not_eligible", apply_by="2027-01-31", requirements=reqs), "de")
    facts = dict(view.facts)
    assert facts["Erfüllt"] == "2 von 5 Voraussetzungen (1 nicht anwendbar)"
    assert facts["Antrag spätestens"] == "31.01.2027"
    sections = {s.heading: s.lines for s in view.sections}
    assert list(sections) == ["Fehlt oder offen", "Absehen möglich (Ermessen)"]
    not_met, unknown = sections["Fehlt oder offen"]
    assert (not_met.label, not_met.tone) == ("nicht erfüllt", "bad")
    assert "Ausschlussgrund" in not_met.notes
    assert (unknown.label, unknown.tone) == ("offen", "open")
    assert unknown.notes == (
        "Angaben fehlen: Deutschkenntnisse: Nachweise (german)",
        "Nachweise: A2-Zertifikat",
        "kann die Person ändern",
    )
    verbose = path_view(path("not_eligible", requirements=reqs), "de", verbose=True)
    met = next(s for s in verbose.sections if s.heading == "Erfüllte Voraussetzungen")
    assert [line.label for line in met.lines] == ["erfüllt (seit 01.01.2024)", "erfüllt"]


def test_paths_best_first_and_person_sections() -> None:
    person = {
        "id": "p1",
        "traffic_light": "yellow",
        "paths": [path("not_eligible", title="A"), path("eligible_later", "2027-03-01", title="B")],
        "reviews": [
            {"review": "review_60b", "flag": True, "reasons": ["Grund"], "citation": "§ 60b"},
            {"review": "review_employment_ban", "flag": False, "reasons": [], "citation": "§ 60a"},
        ],
        "deadlines": [{"date": "2027-03-14", "kind": "apply_by", "path": "aufenthg_x", "text": "Frist"}],
        "next_questions": [{"fact": "german", "decides": ["aufenthg_x", "aufenthg_y"]}],
    }
    view = person_view(person, "de")
    assert view.light_word == "GELB"
    assert [p.title for p in view.paths] == ["B", "A"]
    sections = {s.heading: s.lines for s in view.sections}
    assert [line.title for line in sections["Prüfaufträge"]] == ["Duldung nach § 60b überprüfen"]
    [deadline] = sections["Fristen"]
    assert (deadline.label, deadline.title, deadline.citation) == (
        "14.03.2027",
        "Antragsfrist: Frist",
        "§ 1 AufenthG",
    )
    [question] = sections["Nächste Fragen"]
    assert question.detail == "entscheidet über: § 1 AufenthG, aufenthg_y"


def test_dates_and_labels() -> None:
    assert format_date("2026-11-25", "de") == "25.11.2026"
    assert format_date("2026-11-25", "en") == "2026-11-25"
    assert format_date(None, "de") == "–"
    assert fact_label("german", "de") == "Deutschkenntnisse: Nachweise (german)"
    assert fact_label("new_fact", "de") == "new_fact"


@pytest.mark.parametrize(
    ("text", "day"),
    [("2026-11-25", (2026, 11, 25)), ("25.11.2026", (2026, 11, 25)), (" 1.2.2027 ", (2027, 2, 1))],
)
def test_parse_date(text: str, day: tuple[int, int, int]) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert (parsed.year, parsed.month, parsed.day) == day


def test_markdown_escape() -> None:
    assert escape("a_b *c* `d` |e| <f> [g]") == r"a\_b \*c\* \`d\` \|e\| \<f> \[g\]"
    assert escape("zwei\nZeilen") == "zwei Zeilen"
