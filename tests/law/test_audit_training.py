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


def _path(case: dict[str, Any], person: str, path: str) -> dict[str, Any]:
    result = build_results(evaluate_cases([case]))[0]
    got = next(p for p in result["persons"] if p["id"] == person)
    found: dict[str, Any] = next(p for p in got["paths"] if p["path"] == path)
    return found


def _req(found: dict[str, Any], key: str) -> dict[str, Any]:
    req: dict[str, Any] = next(r for r in found["requirements"] if r["id"].endswith(f".{key}"))
    return req


def test_60d_family_member_derives_with_explanation_and_date() -> None:
    """§ 60d Abs. 1 Einleitungssatz, Abs. 2: the spouse's and the child's Nr. 2–6, 9 are met through the applicant,
    from the applicant's date, and the explanation says so (de/en); no family_member hint once it carries."""
    case = _case("audit-60d-family-a")
    spouse = _path(case, "p2", "aufenthg_60d")
    employment = _req(spouse, "employment_12_months")
    assert employment["status"] == "met" and employment["met_from"] == "2025-02-01"
    assert "über den Ehegatten" in employment["explanations"]["de"]
    assert "through the spouse" in employment["explanations"]["en"]
    child = _path(case, "p3", "aufenthg_60d")
    german = _req(child, "german_a2_oral")
    assert german["status"] == "met" and german["met_from"] == "2025-02-01"
    assert "Elternteil im Haushalt" in german["explanations"]["de"]
    assert "§ 60d Abs. 2" in german["explanations"]["de"]
    # the applicant's own requirements keep their own explanation
    own = _req(_path(case, "p1", "aufenthg_60d"), "employment_12_months")
    assert own["met_from"] == "2025-01-01" and "Ehegatten" not in own["explanations"]["de"]
    for person in ("p2", "p3"):
        assert "family_member" not in {h["id"] for h in _path(case, person, "aufenthg_60d")["hints"]}
    # where the derivation fails (spouse convicted, Nr. 7), the hint still explains the family rule
    assert "family_member" in _hints(_case("audit-60d-family-b"), "p3", "aufenthg_60d")


def test_60d_child_of_unknown_age_or_household_stays_open() -> None:
    """Kleene: a child whose age or common household is unknown neither derives nor fails."""
    case = copy.deepcopy(_case("audit-60d-family-a"))
    del case["persons"][2]["birth_date"]
    assert _path(case, "p3", "aufenthg_60d")["outcome"] == "undetermined"
    case = copy.deepcopy(_case("audit-60d-family-a"))
    del case["households"]
    assert _path(case, "p3", "aufenthg_60d")["outcome"] == "undetermined"
    assert _path(case, "p2", "aufenthg_60d")["outcome"] != "not_eligible"


def test_25b_6_family_member_holding_60d_meets_the_60d_requirements_through_the_applicant() -> None:
    """§ 25b Abs. 6: spouse and minor children who hold the § 60d Duldung for 30 months themselves; "die
    Voraussetzungen nach § 60d" and the oral German ("er" = the Ausländer) through the applicant."""
    case = copy.deepcopy(_case("audit-60d-family-a"))
    case["as_of"] = "2027-10-01"
    for person in case["persons"]:
        person["statuses"][-1]["to"] = "2025-02-28"
        person["statuses"].append({"type": "duldung", "basis": "60d", "from": "2025-03-01", "to": None})
    for person in ("p2", "p3"):
        found = _path(case, person, "aufenthg_25b_after_60d")
        statuses = {r["id"].split(".", 1)[1]: r["status"] for r in found["requirements"]}
        assert statuses["months_in_60d"] == "met"
        for key in ("60d_employment", "60d_livelihood_12_months", "60d_livelihood_now", "german_oral"):
            assert statuses[key] == "met", (person, key)
        assert found["outcome"] != "not_eligible"
