"""Property tests over generated case documents (tests/strategies.py)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

from hypothesis import given
from jsonschema import Draft202012Validator

from bleiberecht.casefile import load_case, validate_case
from strategies import case_documents

from .test_schema_compat import BASELINE, strip_additions


@given(case_documents())
def test_generated_documents_have_no_issues(doc: dict[str, Any]) -> None:
    assert validate_case(doc) == []


@given(case_documents())
def test_loading_keeps_the_document_untouched(doc: dict[str, Any]) -> None:
    original = copy.deepcopy(doc)
    case = load_case(doc)
    assert case.data == original
    assert doc == original
    assert case.as_of == dt.date.fromisoformat(doc["as_of"])
    assert load_case(json.dumps(doc)).data == original


@given(case_documents(allow_missing_as_of=True))
def test_documents_without_as_of_are_judged_today(doc: dict[str, Any]) -> None:
    case = load_case(doc)
    if "as_of" not in doc:
        assert case.as_of == dt.date.today()
    assert case.warnings == []


@given(case_documents())
def test_generated_documents_stripped_of_new_fields_fit_the_baseline(doc: dict[str, Any]) -> None:
    strip_additions(doc)
    assert list(Draft202012Validator(BASELINE).iter_errors(doc)) == []
