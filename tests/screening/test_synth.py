"""Synthetic caseload generator: determinism, exact size, validity, calibration, unknown facts."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bleiberecht.casefile import load_schema, validate_case
from bleiberecht.screening import generate_cases, persons_count, write_jsonl
from bleiberecht.screening.synth.calibration import load_calibration
from bleiberecht.screening.synth.consistency import check_case
from bleiberecht.screening.synth.measure import compare, measure

ROOT = Path(__file__).resolve().parents[2]
# The contract schema (baseline); the living schema in bleiberecht.casefile only adds optional keys.
BASELINE_CANDIDATES = (
    os.environ.get("BLEIBERECHT_CASE_SCHEMA", ""),
    str(ROOT / "tests/casefile/fixtures/baseline-case-v1.schema.json"),
    "/work/shared/schema/case-v1.schema.json",
)


@cache
def _validators() -> tuple[jsonschema.Draft202012Validator, ...]:
    schemas: list[dict[str, Any]] = [load_schema()]
    for candidate in BASELINE_CANDIDATES:
        if candidate and Path(candidate).is_file():
            schemas.append(json.loads(Path(candidate).read_text(encoding="utf-8")))
            break
    for schema in schemas:
        jsonschema.Draft202012Validator.check_schema(schema)
    return tuple(jsonschema.Draft202012Validator(s) for s in schemas)


def _problems(case: dict[str, Any]) -> list[str]:
    problems = [f"schema: {e.json_path}: {e.message}" for v in _validators() for e in v.iter_errors(case)]
    problems += check_case(case)
    problems += [f"casefile: {i.path}: {i.message_en}" for i in validate_case(case) if i.severity == "error"]
    return problems


def _digest(cases: Iterator[dict[str, Any]]) -> str:
    h = hashlib.sha256()
    for case in cases:
        h.update(json.dumps(case, ensure_ascii=False, separators=(",", ":")).encode())
    return h.hexdigest()


@pytest.fixture(scope="module")
def caseload_2000() -> list[dict[str, Any]]:
    return list(generate_cases(2000, 2026))


# ------------------------------------------------------------------------------------------ determinism, size


def test_same_input_same_output() -> None:
    assert _digest(generate_cases(1500, 7)) == _digest(generate_cases(1500, 7))


def test_other_seed_or_date_other_output() -> None:
    base = _digest(generate_cases(500, 7))
    assert _digest(generate_cases(500, 8)) != base
    assert _digest(generate_cases(500, 7, as_of=date(2025, 6, 30))) != base


def test_output_does_not_depend_on_hash_seed() -> None:
    code = (
        "import hashlib, json\n"
        "from bleiberecht.screening import generate_cases\n"
        "h = hashlib.sha256()\n"
        "for c in generate_cases(800, 3): h.update(json.dumps(c).encode())\n"
        "print(h.hexdigest())\n"
    )
    digests = set()
    for hash_seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        digests.add(run.stdout.strip())
    assert len(digests) == 1


@pytest.mark.parametrize("persons", [0, 1, 2, 5, 97, 2000])
def test_exact_person_count(persons: int) -> None:
    cases = list(generate_cases(persons, 11))
    assert sum(persons_count(c) for c in cases) == persons
    assert all(persons_count(c) >= 1 for c in cases)


def test_smaller_run_is_a_prefix() -> None:
    small, large = list(generate_cases(300, 5)), list(generate_cases(900, 5))
    assert small[:-1] == large[: len(small) - 1]
    assert small[-1]["id"] == large[len(small) - 1]["id"]


def test_case_ids() -> None:
    ids = [c["id"] for c in generate_cases(200, 31)]
    assert ids[:3] == ["SYN-31-000001", "SYN-31-000002", "SYN-31-000003"]
    assert len(set(ids)) == len(ids)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        list(generate_cases(-1, 1))
    with pytest.raises(ValueError):
        list(generate_cases(10, 1, land="XX"))


def test_write_jsonl_round_trip(tmp_path: Path, caseload_2000: list[dict[str, Any]]) -> None:
    path = tmp_path / "cases.jsonl"
    assert write_jsonl(caseload_2000[:50], path) == 50
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == caseload_2000[:50]


# ------------------------------------------------------------------------------------------ validity


def test_every_document_is_valid(caseload_2000: list[dict[str, Any]]) -> None:
    problems = [f"{c['id']}: {p}" for c in caseload_2000 for p in _problems(c)]
    assert not problems, "\n".join(problems[:20])
    assert all(c["as_of"] == "2026-11-25" and c["land"] == "SN" for c in caseload_2000)


@pytest.mark.parametrize(
    ("as_of", "land"), [(date(2019, 3, 1), "BY"), (date(2024, 2, 29), "NW"), (date(2028, 1, 15), "SN")]
)
def test_valid_for_other_dates_and_lands(as_of: date, land: str) -> None:
    cases = list(generate_cases(600, 3, as_of=as_of, land=land))
    problems = [f"{c['id']}: {p}" for c in cases for p in _problems(c)]
    assert not problems, "\n".join(problems[:20])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    persons=st.integers(min_value=1, max_value=40),
    as_of=st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31)),
)
def test_valid_for_any_seed_and_date(seed: int, persons: int, as_of: date) -> None:
    for case in generate_cases(persons, seed, as_of=as_of):
        assert _problems(case) == []


def test_history_is_realistic(caseload_2000: list[dict[str, Any]]) -> None:
    """The chains contain what a real caseload has: Gestattung -> Duldung, gaps, abroad, unlawful, § 104c."""
    kinds: set[str] = set()
    bases: set[str] = set()
    gaps = undocumented = 0
    for case in caseload_2000:
        for p in case["persons"]:
            statuses = p["statuses"]
            kinds.update(s["type"] for s in statuses)
            bases.update(s.get("basis", "") for s in statuses)
            undocumented += any(s.get("documented") is False for s in statuses)
            gaps += any(
                a["to"] is not None
                and date.fromisoformat(b["from"]).toordinal() - date.fromisoformat(a["to"]).toordinal() > 1
                for a, b in pairwise(statuses)
            )
    assert {"gestattung", "duldung", "aufenthaltserlaubnis", "fiktion", "visa", "unlawful"} <= kinds
    assert {"60a", "60b", "60c", "60d", "104c"} <= bases
    assert gaps > 20 and undocumented > 20


# ------------------------------------------------------------------------------------------ calibration


@pytest.mark.parametrize("land", ["SN", "BE"])
def test_calibration_targets_are_met(land: str) -> None:
    rows = compare(measure(generate_cases(20_000, 20_000, land=land)))
    off = [
        f"{name}: target {want} achieved {got:.4f} (± {tol})" for name, want, got, tol, ok in rows if not ok
    ]
    assert not off, "\n".join(off)
    measured = {name.split("[")[0] for name, *_ in rows}
    other_profile = "nationality_DE" if land == "SN" else "nationality_SN"
    assert measured == set(load_calibration().targets) - {other_profile}


def test_calibration_file_cites_a_source_for_every_number() -> None:
    cal = load_calibration()
    for target in cal.targets.values():
        assert target.source and target.status in ("belegt", "schaetzung"), target.name
    for name, spec in cal.model.items():
        if name == "nationality_mix":
            assert all(profile["source"] for profile in spec.values())
        else:
            assert spec.get("source"), name
    assert all(spec.get("source") for spec in cal.law.values())


# ------------------------------------------------------------------------------------------ known vs unknown


def test_known_none_and_unknown_both_occur(caseload_2000: list[dict[str, Any]]) -> None:
    persons = [p for c in caseload_2000 for p in c["persons"]]
    adults = [p for p in persons if p["birth_date"] <= "2008-11-25"]
    for key in ("convictions", "employment", "german", "applications"):
        absent = sum(key not in p for p in adults)
        empty = sum(p.get(key) == [] for p in adults)
        filled = sum(bool(p.get(key)) for p in adults)
        assert absent > 0.03 * len(adults) and empty > 0.03 * len(adults) and filled > 0, key
    convictions_absent = sum("convictions" not in p for p in adults) / len(adults)
    assert 0.06 < convictions_absent < 0.14
    for key in ("identity", "asylum", "employment_ban", "entry_date", "name"):
        assert any(key not in p for p in persons) and any(key in p for p in persons), key
    assert any(p.get("employment_ban") == {"imposed": False} for p in adults)
    households = [h for c in caseload_2000 for h in c["households"]]
    assert any("monthly_need_eur" not in h for h in households)
    assert any("monthly_public_benefits_eur" in h for h in households)
    assert any(g.get("evidence") == "self_reported" for p in adults for g in p.get("german", []))
