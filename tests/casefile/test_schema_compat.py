"""The shipped schema extends the baseline additively and documents every addition."""

from __future__ import annotations

import copy
import json
import pathlib
import re
from typing import Any

from jsonschema import Draft202012Validator

from bleiberecht.casefile import load_schema

from .helpers import EXAMPLE_PATH, FIXTURES

BASELINE: dict[str, Any] = json.loads((FIXTURES / "baseline-case-v1.schema.json").read_text(encoding="utf-8"))
DOCS = pathlib.Path(__file__).parents[2] / "docs" / "case-format-additions.md"

PERSON_ADDITIONS = [
    "departure_obstacle",
    "livelihood_prognosis_positive",
    "integration_prognosis",
    "fdgo_concerns",
    "deportation_ban",
    # issue 3 (training and employment paths)
    "removal_measures",
    "public_benefits",
    "own_livelihood_secured",
    "employment_interruptions",
    "integration_course",
    "adequate_housing",
    "expulsion_order",
    "deportation_order_58a",
    "entry_for_benefits_established",
    "deceived_authority_intentionally",
    "obstructed_removal_intentionally",
    "job_offers",
    "employment_permission_requests",
]
# Keys added inside baseline objects or list items: (person key, added keys). Issue 3.
NESTED_ADDITIONS: dict[str, tuple[str, ...]] = {
    "identity": (
        "level",
        "all_reasonable_measures_taken_on",
        "late_clarification_attributable",
        "instructed",
        "instruction_specific",
        "instruction_deadline",
        "instruction_warned_of_60b",
        "demanded_acts_unreasonable",
    ),
    "asylum": (
        "court_pending",
        "withdrawn_after_bamf_counselling",
        "child_welfare_waiver",
        "follow_up_applications",
    ),
    "statuses": (
        "duldung_grounds",
        "zusatz_60b_issued_on",
        "zusatz_60b_occasion",
        "zusatz_60b_grounds",
        "lifted_on",
        "lifted_retroactively_from",
        "challenge",
        "last_reviewed_on",
    ),
    "training": (
        "preparatory_measure",
        "occupation",
        "regulated_duration_months",
        "school_based",
        "documentation",
        "documentation_on",
        "started_with_permission",
        "followup_commitment_conditional",
        "followup_commitment_on",
        "exam_passed_on",
        "monthly_net_pay_eur",
        "bafoeg_12_category",
        "receives_bab",
        "receives_bafoeg",
    ),
    "employment": (
        "employer",
        "permitted_on",
        "ba_consent",
        "ba_consent_on",
        "matches_qualification",
        "temporary_agency",
    ),
    "convictions": ("offence", "btmg_29_1_nr1", "aufenthg_54_1_catalogue"),
    "qualifications": ("care_assistant",),
    "applications": ("outcome", "decided_on"),
}


def _without_additions(schema: dict[str, Any]) -> dict[str, Any]:
    reduced = copy.deepcopy(schema)
    person = reduced["$defs"]["person"]["properties"]
    for key in PERSON_ADDITIONS:
        del person[key]
    for key, added in NESTED_ADDITIONS.items():
        node = person[key].get("items", person[key])
        for sub in added:
            del node["properties"][sub]
    return reduced


def strip_additions(doc: dict[str, Any]) -> None:
    """Remove every added key from a case document in place (what is left must fit the baseline)."""
    for person in doc["persons"]:
        for key in PERSON_ADDITIONS:
            person.pop(key, None)
        for key, added in NESTED_ADDITIONS.items():
            value = person.get(key)
            entries = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
            for entry in entries:
                for sub in added:
                    entry.pop(sub, None)


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(load_schema())


def test_extended_schema_minus_additions_equals_baseline() -> None:
    assert _without_additions(load_schema()) == BASELINE


def test_schema_file_only_adds_lines() -> None:
    baseline_lines = (FIXTURES / "baseline-case-v1.schema.json").read_text(encoding="utf-8").splitlines()
    shipped = pathlib.Path(__file__).parents[2] / "src/bleiberecht/casefile/schema/case-v1.schema.json"
    remaining = iter(shipped.read_text(encoding="utf-8").splitlines())
    # Every baseline line appears, in order and unchanged, in the shipped file.
    assert all(any(line == other for other in remaining) for line in baseline_lines)


def test_shared_example_is_valid_under_both_schemas() -> None:
    doc = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(BASELINE).iter_errors(doc)) == []
    assert list(Draft202012Validator(load_schema()).iter_errors(doc)) == []


def test_every_addition_is_documented_with_a_description() -> None:
    table = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9_.]+)`", table, flags=re.MULTILINE))
    nested = {f"{key}.{sub}" for key, added in NESTED_ADDITIONS.items() for sub in added}
    assert {*PERSON_ADDITIONS, *nested} <= documented
    person = load_schema()["$defs"]["person"]["properties"]
    for key in PERSON_ADDITIONS:
        assert "Absent = " in person[key]["description"]
    for key, added in NESTED_ADDITIONS.items():
        node = person[key].get("items", person[key])
        for sub in added:
            assert node["properties"][sub]["description"]
