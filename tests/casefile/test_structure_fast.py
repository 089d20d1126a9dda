"""The fast structure pre-check (Rust JSON Schema validator) never calls a broken document valid.

`check_structure` skips the full validation only when `_surely_valid` says yes; these tests compare that verdict
with the full Draft 2020-12 validation on generated documents and on documents broken in typical ways.
"""

from __future__ import annotations

import copy
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bleiberecht.casefile import validate_case
from bleiberecht.casefile.structure import _surely_valid, _validator
from strategies import case_documents

from .helpers import example

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "60"))


def _fully_valid(doc: Any) -> bool:
    return not any(True for _ in _validator().iter_errors(doc))


def _break(doc: dict[str, Any], how: int, where: int) -> dict[str, Any]:
    """One typical mistake in a copy of ``doc``."""
    doc = copy.deepcopy(doc)
    person = doc["persons"][where % len(doc["persons"])]
    if how == 0:
        person["birth_date"] = "2001-02-30"  # no calendar date
    elif how == 1:
        person["birth_date"] = "01.02.2001"  # German notation
    elif how == 2:
        person["nationality"] = "syr"  # lower case: not a code
    elif how == 3:
        person["unknown_key"] = True  # typo caught by additionalProperties
    elif how == 4:
        person["statuses"] = [{"type": "duldung"}]  # "from" missing
    elif how == 5:
        person["statuses"] = "duldung"  # not a list
    elif how == 6:
        del doc["format"]
    elif how == 7:
        doc["land"] = "XX"
    elif how == 8:
        person["german"] = [{"level": "Z9", "date": "2020-01-01"}]
    else:
        person["employment"] = [{"from": "2020-01-01", "hours_per_week": "viel"}]
    return doc


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=case_documents(), how=st.integers(0, 9), where=st.integers(0, 5))
def test_fast_check_agrees_with_the_full_validation(doc: dict[str, Any], how: int, where: int) -> None:
    assert _surely_valid(doc) == _fully_valid(doc)
    broken = _break(doc, how, where)
    assert not _fully_valid(broken)
    assert not _surely_valid(broken)
    # and the messages are still the full ones
    assert any(issue.severity == "error" for issue in validate_case(broken))


def test_an_impossible_date_in_free_text_only_takes_the_slow_path() -> None:
    doc = example()
    doc["persons"][0]["name"] = "2001-02-30"  # date-shaped text in a field without a date pattern
    assert not _surely_valid(doc)  # stricter than the schema ...
    assert _fully_valid(doc)  # ... but the full validation decides: valid


def test_values_that_are_no_json_values_take_the_slow_path() -> None:
    assert not _surely_valid({"format": "bleiberecht.case/1", "persons": [], "x": object()})


def test_validating_does_not_change_the_callers_document() -> None:
    doc = example()
    before = copy.deepcopy(doc)
    validate_case(doc)
    broken = _break(doc, 4, 0)
    snapshot = copy.deepcopy(broken)
    validate_case(broken)
    assert doc == before and broken == snapshot
