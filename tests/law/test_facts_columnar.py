"""The columnar fact builder equals `build_fact_tables`: frame by frame, on synthetic caseloads, random case
documents and hand-made edge cases of the rule of unknowns (absent vs empty lists, null objects, missing
struct fields, households absent vs empty, default as_of)."""

from __future__ import annotations

import copy
import io
import json
from datetime import date
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from bleiberecht.law.facts import LIST_FACTS, FactTables, build_fact_tables
from bleiberecht.law.facts_columnar import build_fact_tables_columnar, person_names
from bleiberecht.screening import generate_cases
from bleiberecht.screening.readers.nested_schema import to_frame
from rich_cases import rich_cases
from strategies import case_documents

DAY = date(2026, 11, 25)


def assert_same_tables(a: FactTables, b: FactTables) -> None:
    assert_frame_equal(a.persons, b.persons)
    assert_frame_equal(a.households, b.households)
    assert a.lists.keys() == b.lists.keys()
    for name in a.lists:
        try:
            assert_frame_equal(a.lists[name], b.lists[name])
        except AssertionError as exc:
            raise AssertionError(f"list {name}: {exc}") from None


def _inferred(cases: list[dict[str, Any]]) -> pl.DataFrame:
    """The frame as ``pl.read_ndjson`` infers it (only the fields the cases use; integers stay integers)."""
    text = "\n".join(json.dumps(c) for c in cases)
    return pl.read_ndjson(io.BytesIO(text.encode()), infer_schema_length=None)


@pytest.mark.parametrize("seed", [1, 2, 3, 17])
def test_synthetic_caseloads_give_the_same_tables(seed: int) -> None:
    cases = list(generate_cases(600, seed))
    expected = build_fact_tables(cases)
    assert_same_tables(expected, build_fact_tables_columnar(to_frame(cases)))
    assert_same_tables(expected, build_fact_tables_columnar(_inferred(cases)))
    names = [p.get("name") for c in cases for p in c["persons"]]
    assert person_names(to_frame(cases)).to_list() == names


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    docs=st.lists(st.one_of(case_documents(allow_missing_as_of=True), rich_cases()), min_size=1, max_size=4)
)
def test_random_documents_give_the_same_tables(docs: list[dict[str, Any]]) -> None:
    expected = build_fact_tables(docs, default_as_of=DAY)
    assert_same_tables(expected, build_fact_tables_columnar(to_frame(docs), default_as_of=DAY))
    assert_same_tables(expected, build_fact_tables_columnar(_inferred(docs), default_as_of=DAY))


def _case(**persons_extra: Any) -> dict[str, Any]:
    return {
        "format": "bleiberecht.case/1",
        "id": "K-1",
        "as_of": "2026-11-25",
        "persons": [{"id": "a", "birth_date": "1990-01-01", **persons_extra}],
    }


def _edge_cases() -> list[dict[str, Any]]:
    absent = _case()  # no lists at all: every list unknown
    empty = _case(statuses=[], german=[], identity={"efforts": []})  # known: none
    null_objects = _case(asylum=None, identity=None, health=None)
    partial = _case(identity={"passport": "none"}, asylum={"outcome": "rejected"})  # other fields unknown
    no_households = copy.deepcopy(absent)
    empty_households = {**copy.deepcopy(absent), "households": []}
    households = {
        **copy.deepcopy(absent),
        "persons": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "households": [
            {"members": ["a", "b"], "monthly_need_eur": 1200},
            {"members": ["b", "c"], "monthly_public_benefits_eur": 300.5},  # b stays in the first
        ],
    }
    no_date = {
        k: v for k, v in _case(statuses=[{"type": "duldung", "from": "2020-01-01"}]).items() if k != "as_of"
    }
    no_id = {k: v for k, v in absent.items() if k != "id"}
    return [absent, empty, null_objects, partial, no_households, empty_households, households, no_date, no_id]


@pytest.mark.parametrize("index", range(len(_edge_cases())))
def test_edge_cases_alone_give_the_same_tables(index: int) -> None:
    docs = [_edge_cases()[index]]
    expected = build_fact_tables(docs, default_as_of=DAY)
    # an inferred frame has only the fields these documents use: all others are missing struct fields
    assert_same_tables(expected, build_fact_tables_columnar(_inferred(docs), default_as_of=DAY))
    assert_same_tables(expected, build_fact_tables_columnar(to_frame(docs), default_as_of=DAY))


def test_edge_cases_together_keep_unknown_apart_from_none() -> None:
    docs = _edge_cases()
    expected = build_fact_tables(docs, default_as_of=DAY)
    got = build_fact_tables_columnar(_inferred(docs), default_as_of=DAY)
    assert_same_tables(expected, got)
    first = got.persons.row(0, named=True)
    second = got.persons.row(1, named=True)
    assert first["known__statuses"] is False and second["known__statuses"] is True
    assert first["known__efforts"] is False and second["known__efforts"] is True
    assert got.persons.get_column("households_known").to_list()[4:6] == [False, True]
    assert got.households.get_column("monthly_need_eur").to_list() == [1200.0, None]
    assert got.persons.filter(pl.col("case_id") == "K-1").get_column("household_idx").to_list()[6:9] == [
        0,
        0,
        1,
    ]
    assert got.persons.get_column("as_of").to_list()[9] == DAY


def test_a_frame_without_optional_columns_is_all_unknown() -> None:
    frame = pl.DataFrame({"persons": [[{"id": "a"}], [{"id": "b"}, {"id": "c"}]]})
    docs: list[dict[str, Any]] = [
        {"format": "bleiberecht.case/1", "persons": [{"id": "a"}]},
        {"format": "bleiberecht.case/1", "persons": [{"id": "b"}, {"id": "c"}]},
    ]
    got = build_fact_tables_columnar(frame, default_as_of=DAY)
    assert_same_tables(build_fact_tables(docs, default_as_of=DAY), got)
    assert got.persons.get_column("case_idx").to_list() == [0, 1, 1]
    assert not any(got.persons.select(f"known__{name}" for name in LIST_FACTS).row(0))


def test_integer_columns_for_number_facts_are_read_as_numbers() -> None:
    docs = [_case(employment=[{"from": "2024-01-01", "hours_per_week": 20, "net_monthly_eur": 1500}])]
    frame = _inferred(docs)
    assert (
        frame.schema["persons"].inner.to_schema()["employment"].inner.to_schema()["hours_per_week"]
        == pl.Int64
    )
    assert_same_tables(build_fact_tables(docs), build_fact_tables_columnar(frame))
