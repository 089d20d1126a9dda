"""Audit 2026-12-06 (training/employment): hints that make open legal questions visible instead of deciding them.

The outcomes of the audit are pinned by worked examples (tests/worked_examples/training/audit-*); hints are not part
of the worked-example comparison, so they are checked here.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from bleiberecht.law.engine import evaluate_cases
from bleiberecht.law.result import build_results

TRAINING = Path(__file__).resolve().parents[1] / "worked_examples" / "training"


def _case(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((TRAINING / f"{name}.case.json").read_text())
    return data


def _hints(case: dict[str, Any], person: str, path: str) -> set[str]:
    result = build_results(evaluate_cases([case]))[0]
    got = next(p for p in result["persons"] if p["id"] == person)
    found = next(p for p in got["paths"] if p["path"] == path)
    return {h["id"] for h in found["hints"]}


def test_mixed_fines_are_flagged_not_decided() -> None:
    """§ 19d Abs. 1 Nr. 7: 40 TS general + 60 TS foreigner-only – caps applied separately, the open aggregation
    question is shown (residence-paths.md § 5, § 11 Nr. 9)."""
    case = copy.deepcopy(_case("19d-e2"))
    case["persons"][0]["convictions"] = [
        {
            "date": "2024-01-10",
            "sanction": "fine",
            "daily_rates": 40,
            "intentional": True,
            "foreigner_only_offence": False,
        },
        {
            "date": "2024-05-10",
            "sanction": "fine",
            "daily_rates": 60,
            "intentional": True,
            "foreigner_only_offence": True,
        },
    ]
    assert "mixed_fines" in _hints(case, "p1", "aufenthg_19d")
    assert "mixed_fines" in _hints(case, "p1", "aufenthg_60c")
    plain = _case("19d-e2")
    assert "mixed_fines" not in _hints(plain, "p1", "aufenthg_19d")


def test_60d_family_member_hint_only_for_the_not_employed_spouse() -> None:
    """§ 60d Abs. 1, 2: the spouse gets the Duldung with the employed applicant (Nr. 2–6 only for the applicant)."""
    case = _case("60d-e4")
    assert "family_member" in _hints(case, "p2", "aufenthg_60d")
    assert "family_member" not in _hints(case, "p1", "aufenthg_60d")
