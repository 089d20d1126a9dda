"""The engine, called when a document is saved: result v1 in German and English, and the list fields.

``evaluate`` caches by the document's canonical JSON: the engine is pure (same document and rules, same
result), and a save that changes nothing, a re-import or the demo seed then costs nothing. The cache lives in
the process, so a new rules version takes effect with the next start.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

Result = dict[str, Any]
LIGHT_ORDER = ("green", "yellow", "red")


def canonical(doc: dict[str, Any]) -> str:
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=256)
def _evaluate_canonical(text: str) -> dict[str, Result]:
    return evaluate_many([json.loads(text)])[0]


def evaluate(doc: dict[str, Any]) -> dict[str, Result]:
    """``{"de": result v1, "en": result v1}`` of one valid case document."""
    return copy.deepcopy(_evaluate_canonical(canonical(doc)))


def evaluate_many(docs: Sequence[dict[str, Any]]) -> list[dict[str, Result]]:
    """Several documents in one engine run (the demo seed); same shape as `evaluate` per document."""
    from bleiberecht.law.engine import evaluate_cases
    from bleiberecht.law.result import build_results

    if not docs:
        return []
    frame = evaluate_cases(list(docs))
    german = build_results(frame, lang="de")
    english = build_results(frame, lang="en")
    return [{"de": de, "en": en} for de, en in zip(german, english, strict=True)]


@dataclass(frozen=True)
class ListFields:
    lights: str
    best_light: str
    nearest_deadline: date | None


def list_fields(result: Result) -> ListFields:
    """Per-person traffic lights, the most favourable one, and the nearest deadline on or after ``as_of``."""
    persons = result.get("persons", [])
    lights = [p.get("traffic_light", "") for p in persons]
    known = [light for light in lights if light in LIGHT_ORDER]
    best = min(known, key=LIGHT_ORDER.index) if known else ""
    as_of = date.fromisoformat(result["as_of"])
    dates = [
        date.fromisoformat(d["date"])
        for p in persons
        for d in p.get("deadlines", [])
        if d.get("date") and date.fromisoformat(d["date"]) >= as_of
    ]
    return ListFields(
        lights="|" + "|".join(lights) + "|" if lights else "",
        best_light=best,
        nearest_deadline=min(dates) if dates else None,
    )
