"""Evaluated frame -> result format v1 (``bleiberecht.result/1``) with explanations in German or English.

Presentation only: every decision was taken in the engine's columns; this module renders them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import polars as pl

from .norm import Norm, Requirement, Text
from .norms import ALL_NORMS, ALL_REVIEWS
from .params import Params, load_params
from .review import Review

FORMAT = "bleiberecht.result/1"
RULES_VERSION = "2026.11.25"

GENERIC = {
    "met": Text("Erfüllt.", "Met."),
    "later": Text(
        "Wird am {met_from} erfüllt, wenn sich nichts ändert.",
        "Will be met on {met_from} if nothing changes.",
    ),
    "not_met": Text("Nicht erfüllt.", "Not met."),
    "unknown": Text(
        "Nicht entscheidbar: Angaben fehlen oder sind nicht belegt.",
        "Cannot be decided: facts missing or not proven.",
    ),
    "waivable": Text(
        "Nicht erfüllt, aber Absehen im Ermessen möglich.", "Not met, but may be waived at discretion."
    ),
    "not_applicable": Text("Nicht anwendbar.", "Not applicable."),
}
_FIELD = re.compile(r"\{(\w+)\}")


def _fmt(value: Any, lang: str) -> str:
    if value is None:
        return "?" if lang == "en" else "unbekannt"
    if isinstance(value, date):
        return value.isoformat() if lang == "en" else value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        return f"{value:,.0f}".replace(",", "." if lang == "de" else ",")
    return str(value)


def render(template: str, values: dict[str, Any], lang: str) -> str:
    return _FIELD.sub(lambda m: _fmt(values.get(m.group(1)), lang), template)


def _explain(req: Requirement, status: str, later: bool, values: dict[str, Any], lang: str) -> str:
    key = "later" if later and status == "met" else status
    text = req.explain.get(key) or (
        req.explain.get("met") if key == "later" and "met_from" not in values else None
    )
    if key == "later" and "later" not in req.explain:
        text = GENERIC["later"]
    return render((text or GENERIC[key]).get(lang), values, lang)


_VALUE_INDEX: dict[tuple[str, ...], dict[str, list[tuple[str, str]]]] = {}


def _value_columns(prefix: str, row: dict[str, Any]) -> list[tuple[str, str]]:
    """(value name, column) pairs of one requirement; the column index is built once per frame layout."""
    keys = tuple(row)
    index = _VALUE_INDEX.get(keys)
    if index is None:
        index = {}
        for col in keys:
            if "__v__" in col:
                req, name = col.split("__v__", 1)
                index.setdefault(req, []).append((name, col))
        _VALUE_INDEX.clear()
        _VALUE_INDEX[keys] = index
    return index.get(prefix, [])


def _iso(d: Any) -> str | None:
    return d.isoformat() if isinstance(d, date) else None


def _path_result(row: dict[str, Any], norm: Norm, lang: str) -> dict[str, Any]:
    k = norm.key
    as_of: date = row["as_of"]
    reqs = []
    missing: list[str] = []
    for req in norm.requirements:
        b = f"{k}__{req.key}"
        status = row[f"{b}__status"]
        met_from = row[f"{b}__met_from"] if status == "met" else None
        values = {name: row[col] for name, col in _value_columns(b, row)}
        values.setdefault("met_from", met_from)
        later = met_from is not None and met_from > as_of
        req_missing: list[str] = []
        if status == "unknown":
            req_missing = [f for f in req.reads if not row.get(f"fact_known__{f}", True)] or list(req.reads)
            missing += [f for f in req_missing if f not in missing]
        reqs.append(
            {
                "id": f"{k}.{req.key}",
                "status": status,
                "met_from": _iso(met_from),
                "citation": req.citation,
                "title": req.title.get(lang),
                "explanation": _explain(req, status, later, values, lang),
                "explanations": {lg: _explain(req, status, later, values, lg) for lg in ("de", "en")},
                "facts": list(req.reads),
                "missing_facts": req_missing,
                "actionable": req.actionable,
                "evidence": list(req.evidence),
                "exclusion": req.exclusion,
            }
        )
    # every discretionary waiver is a hint for the clerk: the authority may decide in the person's favour
    hints = [
        {"id": f"waivable_{r['id'].split('.', 1)[1]}", "citation": r["citation"], "text": r["explanation"]}
        for r in reqs
        if r["status"] == "waivable"
    ]
    for hint in norm.hints:
        if row.get(f"{k}__hint__{hint.key}"):
            values = {name: row.get(f"{k}__hint__{hint.key}__{name}") for name in hint.values}
            hints.append(
                {"id": hint.key, "citation": hint.citation, "text": render(hint.text.get(lang), values, lang)}
            )
    return {
        "path": k,
        "norm": norm.citation,
        "title": norm.title.get(lang),
        "consequence": row[f"{k}__consequence"],
        "outcome": row[f"{k}__outcome"],
        "eligible_from": _iso(row[f"{k}__eligible_from"]),
        "apply_by": _iso(row[f"{k}__apply_by"]),
        "requirements": reqs,
        "missing_facts": missing,
        "hints": hints,
    }


def _deadlines(
    row: dict[str, Any], norms: Sequence[Norm], paths: list[dict[str, Any]], lang: str
) -> list[dict[str, Any]]:
    as_of: date = row["as_of"]
    out: list[dict[str, Any]] = []
    for path in paths:
        if path["apply_by"] and path["outcome"] != "not_eligible":
            out.append(
                {
                    "date": path["apply_by"],
                    "kind": "apply_by",
                    "path": path["path"],
                    "text": ("Letzter Tag für den Antrag: " if lang == "de" else "Last day to apply: ")
                    + path["norm"],
                }
            )
    for norm in norms:
        if not row[f"{norm.key}__in_force"]:
            continue
        for dl in norm.deadlines:
            d = row.get(f"{norm.key}__deadline__{dl.key}")
            if isinstance(d, date) and d >= as_of:
                out.append(
                    {"date": d.isoformat(), "kind": dl.kind, "path": norm.key, "text": dl.text.get(lang)}
                )
    uniq = {(d["date"], d["kind"], d["path"]): d for d in out}
    return sorted(uniq.values(), key=lambda d: (d["date"], d["path"]))


def _next_questions(paths: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The unknown fact that decides the most open paths first; ties by the nearest deadline."""
    decides: dict[str, list[str]] = {}
    urgency: dict[str, str] = {}
    for path in paths:
        if path["outcome"] not in ("undetermined", "eligible", "eligible_later"):
            continue
        for fact in path["missing_facts"]:
            decides.setdefault(fact, []).append(path["path"])
            if path["apply_by"]:
                urgency[fact] = min(urgency.get(fact, "9999-12-31"), path["apply_by"])
    ranked = sorted(decides, key=lambda f: (-len(decides[f]), urgency.get(f, "9999-12-31"), f))
    return [{"fact": f, "decides": decides[f]} for f in ranked]


def _reviews(row: dict[str, Any], reviews: Sequence[Review], lang: str) -> list[dict[str, Any]]:
    out = []
    for review in reviews:
        if not row.get(f"{review.key}__applies"):
            continue
        held = [r for r in review.reasons if row.get(f"{review.key}__reason__{r.code}") is True]
        open_ = [r for r in review.reasons if row.get(f"{review.key}__reason__{r.code}") is None]
        out.append(
            {
                "review": review.key,
                "title": review.title.get(lang),
                "flag": bool(row.get(f"{review.key}__flag")),
                "citation": review.citation,
                "reasons": [f"{r.code}: {r.text.get(lang)} ({r.citation})" for r in held],
                "reason_codes": [r.code for r in held],
                "open_questions": [f"{r.code}: {r.text.get(lang)}" for r in open_],
            }
        )
    return out


def person_result(
    row: dict[str, Any],
    norms: Sequence[Norm] = ALL_NORMS,
    lang: str = "de",
    reviews: Sequence[Review] = ALL_REVIEWS,
) -> dict[str, Any]:
    paths = [_path_result(row, n, lang) for n in norms if row[f"{n.key}__in_force"]]
    return {
        "id": row["person_id"],
        "traffic_light": row["traffic_light"],
        "paths": paths,
        "reviews": _reviews(row, reviews, lang),
        "deadlines": _deadlines(row, norms, paths, lang),
        "next_questions": _next_questions(paths),
    }


def build_results(
    frame: pl.DataFrame, *, lang: str = "de", params: Params | None = None
) -> list[dict[str, Any]]:
    """One result document per case (in input order)."""
    p = params or load_params()
    docs: dict[int, dict[str, Any]] = {}
    for row in frame.sort("pk").iter_rows(named=True):
        doc = docs.get(row["case_idx"])
        if doc is None:
            as_of = row["as_of"].isoformat()
            doc = docs[row["case_idx"]] = {
                "format": FORMAT,
                "case": row["case_id"],
                "as_of": as_of,
                "law": {
                    "in_force_on": as_of,
                    "rules_version": RULES_VERSION,
                    "last_legal_review": p.last_verified.isoformat(),
                },
                "persons": [],
            }
        doc["persons"].append(person_result(row, lang=lang))
    return [docs[i] for i in sorted(docs)]
