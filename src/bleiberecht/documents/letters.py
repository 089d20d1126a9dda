"""Screening worklist rows -> outreach letters ("Einladung zur Beratung"), one per person.

Plain, short sentences. The letter says no more than the engine: every path is "möglicherweise" (a first
check, no decision), an undetermined path says that facts are missing. What to bring comes from the
``evidence`` of the best path's requirements (`law.norm.Requirement.evidence`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bleiberecht.cli.labels import format_date
from bleiberecht.documents.words import LETTER
from bleiberecht.law.norm import Norm
from bleiberecht.law.norms import ALL_NORMS

LIGHTS = ("green", "yellow", "red")
DEFAULT_LIGHTS = frozenset({"green", "yellow"})


@dataclass(frozen=True)
class Letter:
    lang: str
    reference: str  # case reference and person id, e.g. "2026-0815 / p1"
    date: str
    greeting: str
    paragraphs: tuple[str, ...]
    bring: tuple[str, ...]
    contact: tuple[str, ...]
    organisation: str
    file_stem: str  # for the DOCX in a ZIP: case and person id, made safe

    def w(self, key: str) -> str:
        return LETTER[key].get(self.lang)


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)[:60] or "x"


def bring_list(norm: Norm | None, lang: str) -> tuple[str, ...]:
    """This letter and the Duldung, then every piece of evidence the path's requirements name, once each.

    Exclusion grounds (convictions, security) are the authority's to establish: nothing to bring for them.
    """
    items = [LETTER["bring_always"].get(lang)]
    if norm is not None:
        for req in norm.requirements:
            if req.exclusion:
                continue
            items += [e for e in req.evidence if e not in items]
    return tuple(items)


def _path_sentence(row: Mapping[str, Any], norm: Norm | None, lang: str) -> str:
    if norm is None:
        return LETTER["path_none"].get(lang)
    values = {"norm": norm.citation, "title": norm.title.get(lang)}
    outcome = row.get("best_outcome")
    eligible_from = _day(row.get("eligible_from"))
    if outcome == "eligible":
        return LETTER["path_eligible"].get(lang).format(**values)
    if outcome == "eligible_later" and eligible_from is not None:
        return LETTER["path_later"].get(lang).format(date=format_date(eligible_from, lang), **values)
    if outcome == "undetermined":
        return LETTER["path_undetermined"].get(lang).format(**values)
    return LETTER["path_not_eligible"].get(lang).format(**values)


def build_letter(
    row: Mapping[str, Any],
    *,
    lang: str,
    organisation: str,
    contact: Sequence[str] = (),
    created_on: date,
    norms: Sequence[Norm] = ALL_NORMS,
) -> Letter:
    by_key = {n.key: n for n in norms}
    norm = by_key.get(str(row.get("best_path_key") or ""))
    name = str(row.get("name") or "").strip()
    greeting = LETTER["greeting_name"].get(lang).format(name=name) if name else LETTER["greeting"].get(lang)
    paragraphs = [LETTER["intro"].get(lang), _path_sentence(row, norm, lang)]
    if norm is not None:
        paragraphs.append(LETTER["not_decided"].get(lang))
    apply_by = _day(row.get("apply_by"))
    if norm is not None and apply_by is not None and row.get("best_outcome") != "not_eligible":
        paragraphs.append(LETTER["apply_by"].get(lang).format(date=format_date(apply_by, lang)))
    paragraphs.append(LETTER["help"].get(lang))
    case_id, person_id = str(row.get("case_id") or "–"), str(row.get("person_id") or "–")
    return Letter(
        lang=lang,
        reference=f"{case_id} / {person_id}",
        date=format_date(created_on, lang),
        greeting=greeting,
        paragraphs=tuple(paragraphs),
        bring=bring_list(norm, lang),
        contact=tuple(contact) or (LETTER["contact_default"].get(lang).format(organisation=organisation),),
        organisation=organisation,
        file_stem=f"{_safe(case_id)}-{_safe(person_id)}",
    )


def select_rows(
    rows: Iterable[Mapping[str, Any]], lights: Iterable[str] = DEFAULT_LIGHTS
) -> list[Mapping[str, Any]]:
    """The worklist rows whose traffic light is one of ``lights`` (default green and yellow), in worklist order."""
    chosen = set(lights)
    unknown = chosen - set(LIGHTS)
    if unknown:
        raise ValueError(f"unknown traffic light(s): {', '.join(sorted(unknown))}")
    return [row for row in rows if row.get("traffic_light") in chosen]


def build_letters(
    rows: Iterable[Mapping[str, Any]],
    *,
    lang: str,
    organisation: str,
    created_on: date,
    lights: Iterable[str] = DEFAULT_LIGHTS,
    contact: Sequence[str] = (),
) -> list[Letter]:
    return [
        build_letter(row, lang=lang, organisation=organisation, contact=contact, created_on=created_on)
        for row in select_rows(rows, lights)
    ]
