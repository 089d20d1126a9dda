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
]


def _without_additions(schema: dict[str, Any]) -> dict[str, Any]:
    reduced = copy.deepcopy(schema)
    person = reduced["$defs"]["person"]["properties"]
    for key in PERSON_ADDITIONS:
        del person[key]
    del person["identity"]["properties"]["level"]
    return reduced


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
    documented = set(re.findall(r"^\| `([a-z_.]+)`", table, flags=re.MULTILINE))
    assert {*PERSON_ADDITIONS, "identity.level"} <= documented
    person = load_schema()["$defs"]["person"]["properties"]
    for key in PERSON_ADDITIONS:
        assert "Absent = " in person[key]["description"]
    assert person["identity"]["properties"]["level"]["description"]
