"""Result v1 document -> what the clerk reads, independent of the output medium (terminal or Markdown).

All choices of content live here (which requirements are listed, in which words, dates as dd.mm.yyyy);
`text` and `markdown` only lay the same `Report` out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bleiberecht.cli.labels import (
    CONSEQUENCE,
    DEADLINE_KIND,
    ELIGIBLE_SINCE,
    OUTCOME,
    REVIEW,
    STATUS,
    TRAFFIC_LIGHT,
    fact_label,
    format_date,
    word,
)
from bleiberecht.law.norm import Text
from bleiberecht.law.result import GENERIC

Tone = Literal["good", "bad", "open", "info"]

# Requirement statuses in the order they are listed, and how they look.
STATUS_TONE: dict[str, Tone] = {
    "not_met": "bad",
    "unknown": "open",
    "waivable": "info",
    "met": "good",
    "not_applicable": "info",
}

HEADINGS = {
    "report": Text("Prüfergebnis", "Assessment"),
    "case": Text("Fall", "Case"),
    "as_of": Text("Prüfdatum", "Assessment date"),
    "rules": Text("Regelstand", "Rules version"),
    "review": Text("Letzte rechtliche Prüfung", "Last legal review"),
    "person": Text("Person", "Person"),
    "outcome": Text("Ergebnis", "Outcome"),
    "consequence": Text("Rechtsfolge", "Legal consequence"),
    "apply_by": Text("Antrag spätestens", "Apply by"),
    "met": Text("Erfüllt", "Met"),
    "missing": Text("Fehlt oder offen", "Missing or open"),
    "waivable": Text("Absehen möglich (Ermessen)", "May be waived (discretion)"),
    "met_list": Text("Erfüllte Voraussetzungen", "Requirements met"),
    "not_applicable": Text("Nicht anwendbar", "Not applicable"),
    "hints": Text("Hinweise", "Hints"),
    "reviews": Text("Prüfaufträge", "Reviews"),
    "deadlines": Text("Fristen", "Deadlines"),
    "questions": Text("Nächste Fragen", "Next questions"),
    "no_paths": Text(
        "Kein Weg geprüft: keine der Normen ist am Prüfdatum in Kraft.",
        "No path assessed: none of the norms is in force on the assessment date.",
    ),
    "evidence": Text("Nachweise", "Evidence"),
    "missing_facts": Text("Angaben fehlen", "Facts missing"),
    "actionable": Text("kann die Person ändern", "the person can change this"),
    "exclusion": Text("Ausschlussgrund", "ground for exclusion"),
    "decides": Text("entscheidet über", "decides"),
}
MET_SUMMARY = Text("{met} von {total} Voraussetzungen", "{met} of {total} requirements")
NOT_APPLICABLE_SUMMARY = Text("{n} nicht anwendbar", "{n} not applicable")


@dataclass(frozen=True)
class Line:
    """One listed item: a requirement, hint, review, deadline or question."""

    label: str  # e.g. "nicht erfüllt", a date, "1."; empty for a plain bullet
    tone: Tone
    title: str
    citation: str | None = None
    detail: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class PathView:
    title: str
    norm: str
    outcome: str  # the result code, for colouring
    facts: tuple[tuple[str, str], ...]  # (label, value) rows: outcome, consequence, apply by, met count
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class PersonView:
    id: str
    light: str  # green / yellow / red
    light_word: str
    paths: tuple[PathView, ...]
    sections: tuple[Section, ...]
    empty_note: str | None = None


@dataclass(frozen=True)
class Report:
    title: str
    facts: tuple[tuple[str, str], ...]
    persons: tuple[PersonView, ...]


def h(key: str, lang: str) -> str:
    return HEADINGS[key].get(lang)


def _requirement_line(req: Mapping[str, Any], lang: str) -> Line:
    detail = req.get("explanation")
    if req.get("missing_facts") and detail == GENERIC["unknown"].get(lang):
        detail = None  # "facts missing" in general says less than the list of missing facts below
    notes: list[str] = []
    if req.get("missing_facts"):
        facts = ", ".join(fact_label(f, lang) for f in req["missing_facts"])
        notes.append(f"{h('missing_facts', lang)}: {facts}")
    if req.get("evidence") and req["status"] != "met":
        notes.append(f"{h('evidence', lang)}: {'; '.join(req['evidence'])}")
    if req.get("actionable") and req["status"] in ("not_met", "unknown", "waivable"):
        notes.append(h("actionable", lang))
    if req.get("exclusion"):
        notes.append(h("exclusion", lang))
    label = word(STATUS, req["status"], lang)
    if req["status"] == "met" and req.get("met_from"):
        label = f"{label} ({ELIGIBLE_SINCE.get(lang).format(date=format_date(req['met_from'], lang))})"
    return Line(
        label=label,
        tone=STATUS_TONE.get(req["status"], "info"),
        title=req["title"],
        citation=req.get("citation"),
        detail=detail,
        notes=tuple(notes),
    )


def _section(heading: str, lines: Iterable[Line]) -> tuple[Section, ...]:
    """A section, or nothing if it would be empty (empty sections are left out, never printed blank)."""
    collected = tuple(lines)
    return (Section(heading, collected),) if collected else ()


def outcome_text(path: Mapping[str, Any], lang: str) -> str:
    outcome = path["outcome"]
    text = word(OUTCOME, outcome, lang).format(date=format_date(path.get("eligible_from"), lang))
    if outcome == "eligible" and path.get("eligible_from"):
        since = ELIGIBLE_SINCE.get(lang).format(date=format_date(path["eligible_from"], lang))
        text = f"{text} ({since})"
    return text


def path_view(path: Mapping[str, Any], lang: str, *, verbose: bool = False) -> PathView:
    reqs: list[Mapping[str, Any]] = path["requirements"]

    def having(*statuses: str) -> list[Line]:
        ordered = sorted(
            (r for r in reqs if r["status"] in statuses), key=lambda r: statuses.index(r["status"])
        )
        return [_requirement_line(r, lang) for r in ordered]

    n_met = sum(r["status"] == "met" for r in reqs)
    n_na = sum(r["status"] == "not_applicable" for r in reqs)
    summary = MET_SUMMARY.get(lang).format(met=n_met, total=len(reqs) - n_na)
    if n_na:
        summary += f" ({NOT_APPLICABLE_SUMMARY.get(lang).format(n=n_na)})"
    facts = [
        (h("outcome", lang), outcome_text(path, lang)),
        (h("consequence", lang), word(CONSEQUENCE, path["consequence"], lang)),
    ]
    if path.get("apply_by"):
        facts.append((h("apply_by", lang), format_date(path["apply_by"], lang)))
    facts.append((h("met", lang), summary))
    hints = (
        Line(label="", tone="info", title=hint["text"], citation=hint.get("citation"))
        for hint in path.get("hints", [])
    )
    sections = (
        *_section(h("missing", lang), having("not_met", "unknown")),
        *_section(h("waivable", lang), having("waivable")),
        *_section(h("hints", lang), hints),
        *(_section(h("met_list", lang), having("met")) if verbose else ()),
        *(_section(h("not_applicable", lang), having("not_applicable")) if verbose else ()),
    )
    return PathView(
        title=path["title"], norm=path["norm"], outcome=path["outcome"], facts=tuple(facts), sections=sections
    )


def _unless_in(citation: str | None, text: str) -> str | None:
    return None if citation is None or citation in text else citation


# Paths are listed best first: what is open to the person before what is closed.
OUTCOME_ORDER = ("eligible", "eligible_later", "undetermined", "not_eligible")


def _outcome_rank(path: Mapping[str, Any]) -> int:
    outcome = path["outcome"]
    return OUTCOME_ORDER.index(outcome) if outcome in OUTCOME_ORDER else len(OUTCOME_ORDER)


def person_view(person: Mapping[str, Any], lang: str, *, verbose: bool = False) -> PersonView:
    norms = {path["path"]: path["norm"] for path in person["paths"]}
    reviews = (
        Line(
            label="⚑",
            tone="open",
            title=word(REVIEW, review["review"], lang),
            citation=review.get("citation"),
            notes=tuple(review.get("reasons", [])),
        )
        for review in person.get("reviews", [])
        if review.get("flag")
    )
    deadlines = (
        Line(
            label=format_date(deadline["date"], lang),
            tone="open",
            title=f"{word(DEADLINE_KIND, deadline['kind'], lang)}: {deadline['text']}",
            citation=_unless_in(norms.get(deadline.get("path", "")), deadline["text"]),
        )
        for deadline in person.get("deadlines", [])
    )
    questions = (
        Line(
            label=f"{number}.",
            tone="open",
            title=fact_label(question["fact"], lang),
            detail=f"{h('decides', lang)}: " + ", ".join(norms.get(p, p) for p in question["decides"]),
        )
        for number, question in enumerate(person.get("next_questions", []), start=1)
    )
    light = person["traffic_light"]
    return PersonView(
        id=person["id"],
        light=light,
        light_word=word(TRAFFIC_LIGHT, light, lang),
        paths=tuple(path_view(p, lang, verbose=verbose) for p in sorted(person["paths"], key=_outcome_rank)),
        sections=(
            *_section(h("reviews", lang), reviews),
            *_section(h("deadlines", lang), deadlines),
            *_section(h("questions", lang), questions),
        ),
        empty_note=None if person["paths"] else h("no_paths", lang),
    )


def build_report(result: Mapping[str, Any], lang: str, *, verbose: bool = False) -> Report:
    law = result.get("law", {})
    facts = [
        (h("case", lang), str(result.get("case") or "–")),
        (h("as_of", lang), format_date(result["as_of"], lang)),
    ]
    if law.get("rules_version"):
        facts.append((h("rules", lang), law["rules_version"]))
    if law.get("last_legal_review"):
        facts.append((h("review", lang), format_date(law["last_legal_review"], lang)))
    return Report(
        title=h("report", lang),
        facts=tuple(facts),
        persons=tuple(person_view(p, lang, verbose=verbose) for p in result["persons"]),
    )
