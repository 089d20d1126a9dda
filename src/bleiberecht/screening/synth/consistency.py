"""Consistency checks a case document must pass beyond its JSON schema (run on every generated case in tests).

These are generic case-file rules; when ``bleiberecht.casefile`` validates case files, it should own them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any


def _d(text: str) -> date:
    return date.fromisoformat(text)


def check_case(case: Mapping[str, Any]) -> list[str]:
    """Problems found in one case; an empty list means consistent."""
    problems: list[str] = []
    as_of = _d(case["as_of"]) if "as_of" in case else None
    persons = case["persons"]
    ids = [p["id"] for p in persons]
    if len(set(ids)) != len(ids):
        problems.append("person ids are not unique")
    by_id = {p["id"]: p for p in persons}
    for p in persons:
        problems += [f"{p['id']}: {msg}" for msg in _check_person(p, by_id, as_of)]
    seen: set[str] = set()
    for i, household in enumerate(case.get("households") or []):
        for member in household["members"]:
            if member not in by_id:
                problems.append(f"household {i}: unknown member {member}")
            if member in seen:
                problems.append(f"household {i}: {member} is in more than one household")
            seen.add(member)
    return problems


def _check_person(p: Mapping[str, Any], by_id: Mapping[str, Any], as_of: date | None) -> list[str]:
    problems: list[str] = []
    birth = _d(p["birth_date"]) if "birth_date" in p else None
    entry = _d(p["entry_date"]) if "entry_date" in p else None
    if birth and entry and entry < birth:
        problems.append("entry before birth")
    if as_of and birth and birth > as_of:
        problems.append("birth after as_of")
    spouse = p.get("spouse_id")
    if spouse is not None:
        if spouse not in by_id:
            problems.append(f"spouse {spouse} not in case")
        elif by_id[spouse].get("spouse_id") != p["id"]:
            problems.append(f"spouse link to {spouse} is not mutual")
        if spouse == p["id"]:
            problems.append("married to oneself")
    for parent in p.get("parent_ids", []):
        if parent not in by_id or parent == p["id"]:
            problems.append(f"parent {parent} not in case")
        elif birth and "birth_date" in by_id[parent] and _d(by_id[parent]["birth_date"]) >= birth:
            problems.append(f"parent {parent} not older")
    periods = sorted(
        ((_d(s["from"]), _d(s["to"]) if s.get("to") else None, s["type"]) for s in p.get("statuses", [])),
        key=lambda t: t[0],
    )
    for i, (start, end, kind) in enumerate(periods):
        if as_of and start > as_of:
            problems.append(f"{kind} period starts after as_of")
        if birth and start < birth:
            problems.append(f"{kind} period starts before birth")
        if end is not None and end < start:
            problems.append(f"{kind} period ends before it starts")
        if end is None and i != len(periods) - 1:
            problems.append(f"open {kind} period is not the last one")
        if i + 1 < len(periods) and (end is None or end >= periods[i + 1][0]):
            problems.append(f"{kind} period overlaps the next one")
    for key in ("employment", "training", "schooling"):
        for item in p.get(key, []):
            if as_of and _d(item["from"]) > as_of:
                problems.append(f"{key} starts after as_of")
            if item.get("to") and _d(item["to"]) < _d(item["from"]):
                problems.append(f"{key} ends before it starts")
    dated = [c["date"] for c in p.get("convictions", [])] + [
        e["date"] for e in p.get("identity", {}).get("efforts", [])
    ]
    dated += [g["date"] for g in p.get("german", []) if "date" in g] + [
        a["filed_on"] for a in p.get("applications", [])
    ]
    for key in ("civics_test_passed_on",):
        if p.get(key):
            dated.append(p[key])
    asylum = p.get("asylum", {})
    dated += [asylum[k] for k in ("applied_on", "decided_on", "final_on") if k in asylum]
    for text in dated:
        if as_of and _d(text) > as_of:
            problems.append(f"date {text} after as_of")
        if birth and _d(text) < birth:
            problems.append(f"date {text} before birth")
    steps = [asylum[k] for k in ("applied_on", "decided_on", "final_on") if k in asylum]
    if steps != sorted(steps):
        problems.append("asylum dates out of order")
    return problems
