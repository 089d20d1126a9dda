"""Fixtures for the document tests: the example family, its result, and each rendering made once.

Laying out a PDF takes seconds; each document is rendered once per module and read by several tests.
"""

from __future__ import annotations

import copy
import json
import pathlib
import re
from datetime import date
from typing import Any

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "family-25b.json"
CREATED_ON = date(2026, 12, 7)


def squash(text: str) -> str:
    """Text without whitespace: a PDF line may break inside a citation or after a slash."""
    return re.sub(r"\s+", "", text)


def evaluate(doc: dict[str, Any], lang: str) -> dict[str, Any]:
    from bleiberecht.law.engine import evaluate_cases
    from bleiberecht.law.result import build_results

    [result] = build_results(evaluate_cases([doc]), lang=lang)
    return result


@pytest.fixture(scope="session")
def family_doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["persons"][0]["name"] = "Karim Beispiel"
    return doc


@pytest.fixture(scope="session")
def family_result(family_doc: dict[str, Any]) -> dict[str, Any]:
    return evaluate(copy.deepcopy(family_doc), "de")


@pytest.fixture(scope="session")
def family_result_en(family_doc: dict[str, Any]) -> dict[str, Any]:
    return evaluate(copy.deepcopy(family_doc), "en")
