"""One engine: for every person of random synthetic caseloads, screening equals ``check`` on the case alone.

Screening evaluates a whole caseload in chunks and selects the worklist columns column-wise
(`bleiberecht.screening.triage`); ``check`` evaluates one case and renders it with `build_results`. Both must
agree on every path's outcome, eligible_from and apply_by, the traffic light, the next question and the nearest
deadline.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bleiberecht.law.engine import evaluate_cases
from bleiberecht.law.norms import ALL_NORMS
from bleiberecht.law.result import build_results
from bleiberecht.screening import generate_cases
from bleiberecht.screening.screen import screen_cases

AS_OF = st.sampled_from([date(2026, 11, 25), date(2025, 6, 30), date(2027, 8, 1), date(2024, 2, 29)])


def _check(case: dict[str, Any]) -> dict[str, dict[str, Any]]:
    [doc] = build_results(evaluate_cases([case]))
    return {p["id"]: p for p in doc["persons"]}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def assert_screening_equals_check(cases: list[dict[str, Any]], chunk_persons: int) -> None:
    screening = screen_cases(cases, chunk_persons=chunk_persons)
    tri = screening.tri
    assert tri.height == sum(len(c["persons"]) for c in cases)
    rows = iter(tri.iter_rows(named=True))
    for case in cases:
        single = _check(case)
        for person in case["persons"]:
            row = next(rows)
            expected = single[person["id"]]
            where = f"{case['id']}/{person['id']}"
            assert (row["case_id"], row["person_id"]) == (case["id"], person["id"])
            assert row["traffic_light"] == expected["traffic_light"], where
            paths = {p["path"]: p for p in expected["paths"]}
            for norm in ALL_NORMS:
                k = norm.key
                if k not in paths:
                    assert not row[f"{k}__in_force"], where
                    continue
                assert row[f"{k}__outcome"] == paths[k]["outcome"], (where, k)
                assert _iso(row[f"{k}__eligible_from"]) == paths[k]["eligible_from"], (where, k)
                assert _iso(row[f"{k}__apply_by"]) == paths[k]["apply_by"], (where, k)
            questions = expected["next_questions"]
            assert row["next_fact"] == (questions[0]["fact"] if questions else None), where
            deadlines = expected["deadlines"]
            assert _iso(row["deadline_date"]) == (deadlines[0]["date"] if deadlines else None), where
            if deadlines:
                assert row["deadline_text"] == deadlines[0]["text"], where
            flagged = [r["title"] for r in expected["reviews"] if r["flag"]]
            assert (row["reviews"] or None) == ("; ".join(flagged) or None), where
            if row["best_path"] is not None:
                assert row["best_outcome"] == paths[row["best_path"]]["outcome"], where


def test_screening_equals_check_for_every_person_of_300() -> None:
    assert_screening_equals_check(list(generate_cases(300, 1)), 50_000)


# ``check`` evaluates one case at a time, which dominates this test's run time; hence smaller caseloads here.
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), as_of=AS_OF, chunk=st.sampled_from([40, 90, 50_000]))
@example(seed=7, as_of=date(2025, 6, 30), chunk=40)
def test_screening_equals_check_for_random_caseloads(seed: int, as_of: date, chunk: int) -> None:
    cases = list(generate_cases(120, seed, as_of=as_of))
    assert_screening_equals_check(cases, chunk)


def test_best_path_is_the_most_favourable_outcome() -> None:
    cases = list(generate_cases(400, 3))
    tri = screen_cases(cases).tri
    rank = {"eligible": 0, "eligible_later": 1, "undetermined": 2, "not_eligible": 3}
    for row in tri.iter_rows(named=True):
        outcomes = [row[f"{n.key}__outcome"] for n in ALL_NORMS if row[f"{n.key}__in_force"]]
        if row["best_outcome"] is not None:
            assert rank[row["best_outcome"]] == min(rank[o] for o in outcomes)


def test_worklist_is_sorted_by_urgency_then_deadline() -> None:
    worklist = screen_cases(list(generate_cases(600, 11))).worklist
    assert worklist.get_column("rank").to_list() == list(range(1, worklist.height + 1))
    assert worklist.get_column("urgency_class").is_sorted()
    green = worklist.filter(pl.col("traffic_light") == "green")
    assert (green.get_column("urgency_class") <= 2).all()
