"""Fixtures for the command line tests: the shared example case and a runner."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest
from typer.testing import CliRunner

REPO = pathlib.Path(__file__).resolve().parents[2]
# The shared example; the casefile tests keep an identical copy for checkouts without ../shared.
SHARED_EXAMPLE = REPO.parent / "shared" / "examples" / "family-25b.json"
FIXTURE_EXAMPLE = REPO / "tests" / "casefile" / "fixtures" / "family-25b.json"


@pytest.fixture
def example_path() -> pathlib.Path:
    return SHARED_EXAMPLE if SHARED_EXAMPLE.exists() else FIXTURE_EXAMPLE


@pytest.fixture
def example_doc(example_path: pathlib.Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(example_path.read_text(encoding="utf-8"))
    return doc


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
