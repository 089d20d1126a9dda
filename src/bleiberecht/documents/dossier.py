"""A case file and its result v1 -> the content of a dossier, independent of PDF or DOCX.

Every choice of what the dossier says lives here; `pdf` and `docx` only lay the same `Dossier` out.
Statuses keep the engine's three values: an unknown requirement is "offen", never "nicht erfüllt".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bleiberecht.cli.labels import (
    CONSEQUENCE,
    DEADLINE_KIND,
    TRAFFIC_LIGHT,
    fact_label,
    format_date,
    word,
)
from bleiberecht.cli.report import outcome_text
from bleiberecht.documents.timeline import TimelineRow, build_timeline
from bleiberecht.documents.words import DOSSIER, STATUS
from bleiberecht.law.params import load_params

# Paths are ranked as on the case page: open before reachable before undetermined before closed.
OUTCOME_ORDER = ("eligible", "eligible_later", "undetermined", "not_eligible")
# How many paths of the best outcome a person's section details (the others are listed in one table).
MAX_BEST_PATHS = 3


@dataclass(frozen=True)
class ConsentEntry:
    """One consent record of the web application, in words (the rendering package knows no models)."""

    person_id: str
    organisation: str
    given_by: str
    granted_on: date
    revoked_on: date | None = None


@dataclass(frozen=True)
class RequirementRow:
    citation: str
    title: str
    status: str  # result code: met / not_met / unknown / waivable / not_applicable
    status_word: str
    met_from: str  # formatted, "" if none
    explanation: str
    missing_facts: str  # words, "" if none
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class EvidenceItem:
    name: str
    citations: str  # which requirements it proves


@dataclass(frozen=True)
class PathBlock:
    key: str
    norm: str
    title: str
    outcome: str
    outcome_word: str
    consequence_word: str
    apply_by: str
    requirements: tuple[RequirementRow, ...]
    evidence: tuple[EvidenceItem, ...]
    hints: tuple[tuple[str, str], ...]  # (citation, text): discretion and alternatives
    waivable: tuple[str, ...]  # citations of requirements the authority may waive


@dataclass(frozen=True)
class ReviewBlock:
    title: str
    citation: str
    state: str  # "zu überprüfen" (flagged) or "zu klären" (open questions only)
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class PersonBlock:
    id: str
    name: str
    birth_date: str
    light: str
    light_word: str
    paths: tuple[PathBlock, ...]
    other_paths: tuple[tuple[str, str, str], ...]  # (norm, title, outcome words)
    questions: tuple[tuple[str, str], ...]  # (fact words, decides norms)
    deadlines: tuple[tuple[str, str, str], ...]  # (date, kind, text)
    reviews: tuple[ReviewBlock, ...]
    timeline: tuple[TimelineRow, ...]
    consent: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Dossier:
    lang: str
    title: str
    reference: str
    organisation: str
    created_on: str
    as_of: str
    rules_version: str
    last_legal_review: str
    persons: tuple[PersonBlock, ...]
    to_verify: tuple[tuple[str, str], ...]  # (parameter, citation) marked "zu prüfen" for the shown paths

    def w(self, key: str) -> str:
        """A fixed word in the dossier's language (for templates)."""
        return DOSSIER[key].get(self.lang)


def _rank(path: Mapping[str, Any]) -> int:
    outcome = path.get("outcome")
    return OUTCOME_ORDER.index(outcome) if outcome in OUTCOME_ORDER else len(OUTCOME_ORDER)


def best_paths(paths: Sequence[Mapping[str, Any]], *, all_paths: bool = False) -> list[Mapping[str, Any]]:
    """The paths of the best outcome a person has (at most `MAX_BEST_PATHS`), or every path, best first."""
    ordered = sorted(paths, key=_rank)  # stable: the engine's order within one outcome
    if all_paths or not ordered:
        return ordered
    best = _rank(ordered[0])
    return [p for p in ordered if _rank(p) == best][:MAX_BEST_PATHS]


def _requirement(req: Mapping[str, Any], lang: str) -> RequirementRow:
    status = str(req.get("status"))
    met_from = format_date(req["met_from"], lang) if status == "met" and req.get("met_from") else ""
    return RequirementRow(
        citation=str(req.get("citation") or ""),
        title=str(req.get("title") or req.get("id") or ""),
        status=status,
        status_word=word(STATUS, status, lang),
        met_from=met_from,
        explanation=str(req.get("explanation") or ""),
        missing_facts=", ".join(fact_label(f, lang) for f in req.get("missing_facts") or []),
        evidence=tuple(str(e) for e in req.get("evidence") or []),
    )


def _evidence(rows: Sequence[RequirementRow]) -> tuple[EvidenceItem, ...]:
    """Each piece of evidence once, with the citations it proves; requirements that do not apply need none."""
    proves: dict[str, list[str]] = {}
    for row in rows:
        if row.status == "not_applicable":
            continue
        for item in row.evidence:
            cites = proves.setdefault(item, [])
            if row.citation and row.citation not in cites:
                cites.append(row.citation)
    return tuple(EvidenceItem(name, "; ".join(cites)) for name, cites in proves.items())


def _path(path: Mapping[str, Any], lang: str) -> PathBlock:
    rows = tuple(_requirement(r, lang) for r in path.get("requirements") or [])
    return PathBlock(
        key=str(path["path"]),
        norm=str(path.get("norm") or path["path"]),
        title=str(path.get("title") or ""),
        outcome=str(path.get("outcome")),
        outcome_word=outcome_text(path, lang),
        consequence_word=word(CONSEQUENCE, str(path.get("consequence")), lang),
        apply_by=format_date(path["apply_by"], lang) if path.get("apply_by") else "",
        requirements=rows,
        evidence=_evidence(rows),
        hints=tuple(
            (str(h.get("citation") or ""), str(h.get("text") or "")) for h in path.get("hints") or []
        ),
        waivable=tuple(r.citation for r in rows if r.status == "waivable"),
    )


def _reviews(person: Mapping[str, Any], lang: str) -> tuple[ReviewBlock, ...]:
    blocks = []
    for review in person.get("reviews") or []:
        if review.get("flag"):
            state, reasons = DOSSIER["review_flagged"].get(lang), review.get("reasons") or []
        elif review.get("open_questions"):
            state, reasons = DOSSIER["review_open"].get(lang), review.get("open_questions") or []
        else:
            continue
        blocks.append(
            ReviewBlock(
                title=str(review.get("title") or review.get("review")),
                citation=str(review.get("citation") or ""),
                state=state,
                reasons=tuple(str(r) for r in reasons),
            )
        )
    return tuple(blocks)


def _consent(person_id: str, consents: Sequence[ConsentEntry] | None, lang: str) -> tuple[str, ...]:
    if consents is None:  # not known here (command line): unknown, not "none"
        return (DOSSIER["consent_unknown"].get(lang),)
    own = [c for c in consents if c.person_id == person_id]
    if not own:
        return (DOSSIER["consent_none"].get(lang),)
    lines = []
    for c in own:
        values = {
            "organisation": c.organisation,
            "date": format_date(c.granted_on, lang),
            "given_by": c.given_by,
        }
        if c.revoked_on is None:
            lines.append(DOSSIER["consent_active"].get(lang).format(**values))
        else:
            revoked = format_date(c.revoked_on, lang)
            lines.append(DOSSIER["consent_revoked"].get(lang).format(**values, revoked=revoked))
    return tuple(lines)


def _person(
    raw: Mapping[str, Any],
    doc_person: Mapping[str, Any],
    as_of: date,
    lang: str,
    consents: Sequence[ConsentEntry] | None,
    all_paths: bool,
) -> PersonBlock:
    shown = best_paths(raw.get("paths") or [], all_paths=all_paths)
    shown_keys = {p["path"] for p in shown}
    norms = {p["path"]: p.get("norm", p["path"]) for p in raw.get("paths") or []}
    others = tuple(
        (str(p.get("norm")), str(p.get("title") or ""), outcome_text(p, lang))
        for p in sorted(raw.get("paths") or [], key=_rank)
        if p["path"] not in shown_keys
    )
    light = str(raw.get("traffic_light") or "")
    person_id = str(raw["id"])
    return PersonBlock(
        id=person_id,
        name=str(doc_person.get("name") or ""),
        birth_date=format_date(doc_person["birth_date"], lang) if doc_person.get("birth_date") else "–",
        light=light,
        light_word=word(TRAFFIC_LIGHT, light, lang),
        paths=tuple(_path(p, lang) for p in shown),
        other_paths=others,
        questions=tuple(
            (fact_label(q["fact"], lang), ", ".join(norms.get(k, k) for k in q.get("decides") or []))
            for q in raw.get("next_questions") or []
        ),
        deadlines=tuple(
            (format_date(d["date"], lang), word(DEADLINE_KIND, str(d.get("kind")), lang), str(d.get("text")))
            for d in raw.get("deadlines") or []
        ),
        reviews=_reviews(raw, lang),
        timeline=build_timeline(doc_person, raw, shown, as_of, lang),
        consent=_consent(person_id, consents, lang),
        note="" if raw.get("paths") else DOSSIER["no_paths"].get(lang),
    )


def _to_verify(paths: set[str]) -> tuple[tuple[str, str], ...]:
    """Parameters marked "zu prüfen" that belong to a path shown (named ``<path>.<parameter>``)."""
    return tuple((p.name, p.citation) for p in load_params() if p.verify and p.name.split(".", 1)[0] in paths)


def build_dossier(
    document: Mapping[str, Any],
    result: Mapping[str, Any] | None,
    *,
    lang: str,
    organisation: str,
    created_on: date,
    consents: Sequence[ConsentEntry] | None = None,
    all_paths: bool = False,
) -> Dossier:
    """The dossier of one case: ``document`` (case file v1), ``result`` (result v1 in ``lang``).

    ``consents``: the consent records of the case, or None where they are not known (command line).
    """
    reference = str(document.get("id") or (result or {}).get("case") or "–")
    title = DOSSIER["title"].get(lang).format(reference=reference)
    as_of_raw = (result or {}).get("as_of") or document.get("as_of")
    as_of = date.fromisoformat(str(as_of_raw)) if as_of_raw else created_on
    law = (result or {}).get("law") or {}
    doc_persons = {p.get("id"): p for p in document.get("persons") or [] if isinstance(p, Mapping)}
    persons = tuple(
        _person(raw, doc_persons.get(raw["id"], {"id": raw["id"]}), as_of, lang, consents, all_paths)
        for raw in (result or {}).get("persons") or []
    )
    shown = {path.key for person in persons for path in person.paths}
    return Dossier(
        lang=lang,
        title=title,
        reference=reference,
        organisation=organisation,
        created_on=format_date(created_on, lang),
        as_of=format_date(as_of, lang),
        rules_version=str(law.get("rules_version") or "–"),
        last_legal_review=format_date(law["last_legal_review"], lang)
        if law.get("last_legal_review")
        else "–",
        persons=persons,
        to_verify=_to_verify(shown),
    )
