"""Every worked example of the legal specification, as a case file plus its expected result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bleiberecht.casefile import load_case
from bleiberecht.law.engine import evaluate_cases
from bleiberecht.law.result import build_results

ROOT = Path(__file__).resolve().parents[1] / "worked_examples"
CASES = sorted(ROOT.glob("*/*.case.json"))


def evaluate(path: Path) -> dict[str, Any]:
    case = load_case(path)
    return build_results(evaluate_cases([case.data]))[0]


def _check(expected: dict[str, Any], result: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    persons = {p["id"]: p for p in result["persons"]}
    for pid, exp in expected["persons"].items():
        got = persons[pid]
        if "traffic_light" in exp and exp["traffic_light"] != got["traffic_light"]:
            problems.append(f"{pid}: traffic_light {got['traffic_light']} != {exp['traffic_light']}")
        paths = {p["path"]: p for p in got["paths"]}
        for key, exp_path in exp.get("paths", {}).items():
            if key not in paths:
                problems.append(f"{pid}.{key}: path missing (not in force?)")
                continue
            for field, value in exp_path.items():
                if paths[key].get(field) != value:
                    problems.append(f"{pid}.{key}.{field}: {paths[key].get(field)} != {value}")
        asserted = set(exp.get("paths", {})) or set(paths)
        for rid, status in exp.get("requirements", {}).items():
            # "general.X": a shared gate, checked on every asserted path that has it
            if rid.startswith("general."):
                key = rid.removeprefix("general.")
                found = [
                    r["status"]
                    for p in got["paths"]
                    if p["path"] in asserted
                    for r in p["requirements"]
                    if r["id"] == f"{p['path']}.{key}"
                ]
            else:
                found = [r["status"] for p in got["paths"] for r in p["requirements"] if r["id"] == rid]
            if not found or any(f != status for f in found):
                problems.append(f"{pid}.{rid}: {found} != {status}")
        reviews = {r["review"]: r for r in got["reviews"]}
        for key, exp_review in exp.get("reviews", {}).items():
            rev = reviews.get(key)
            if rev is None:
                problems.append(f"{pid}.{key}: review missing")
                continue
            if "flag" in exp_review and rev["flag"] != exp_review["flag"]:
                problems.append(f"{pid}.{key}.flag: {rev['flag']} != {exp_review['flag']}")
            for reason in exp_review.get("reasons", []):
                if not any(
                    r == reason or r.startswith(reason + ":") or r.startswith(reason + " ")
                    for r in rev["reasons"]
                ):
                    problems.append(f"{pid}.{key}: reason {reason} missing in {rev['reasons']}")
    return problems


@pytest.mark.parametrize(
    "case_path", CASES, ids=[f"{p.parent.name}/{p.name.removesuffix('.case.json')}" for p in CASES]
)
def test_worked_example(case_path: Path) -> None:
    expected = json.loads(
        case_path.with_name(case_path.name.replace(".case.json", ".expected.json")).read_text()
    )
    problems = _check(expected, evaluate(case_path))
    assert not problems, f"{expected['example']}: " + "; ".join(problems)
