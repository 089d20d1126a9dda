"""Shared test helpers: the example case and issue lookup."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pathlib
from typing import Any

from bleiberecht.casefile import Issue, validate_case

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
EXAMPLE_PATH = FIXTURES / "family-25b.json"
_EXAMPLE: dict[str, Any] = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))
AS_OF = dt.date(2026, 11, 25)


def example() -> dict[str, Any]:
    """A fresh copy of the shared example (vater, mutter, kind; as_of 2026-11-25)."""
    return copy.deepcopy(_EXAMPLE)


def only_issue(doc: dict[str, Any], **kwargs: Any) -> Issue:
    """The single issue of `doc`; fails with the full list otherwise."""
    issues = validate_case(doc, **kwargs)
    assert len(issues) == 1, [str(i) for i in issues]
    return issues[0]
