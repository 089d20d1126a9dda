"""JSON Lines and nested Parquet read column-wise (`read_caseload(columnar=True)`, what ``bleiberecht screen``
does) give the same problems, counts and worklist as the dict path on the same file; Parquet written with the
explicit case v1 schema reads back as the same documents."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pathlib
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from bleiberecht.screening import generate_cases
from bleiberecht.screening.caseload import Caseload
from bleiberecht.screening.readers import read_caseload
from bleiberecht.screening.readers.nested_schema import UnknownField
from bleiberecht.screening.readers.parquet import _strip, read_parquet, write_parquet
from bleiberecht.screening.run import EXIT_PARTIAL, run_screen
from bleiberecht.screening.screen import Screening, screen_cases, screen_frame

SCREENING_FRAMES = ("tri", "worklist", "paths", "lights", "forecast", "forecast_possible", "reviews")


def _damaged(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Some cases rejected (bad date, unknown key), one with a warning only, one without as_of."""
    out = copy.deepcopy(cases)
    out[1]["persons"][0]["birth_date"] = "2001-02-31"
    out[4]["persons"][-1]["shoe_size"] = 44
    out[7].pop("as_of")
    out[9]["persons"][0]["statuses"] = []  # known: none
    out[9]["persons"][0].pop("german", None)  # unknown
    return out


def _write_jsonl(cases: list[dict[str, Any]], path: pathlib.Path) -> pathlib.Path:
    lines = [json.dumps(c, ensure_ascii=False) for c in cases]
    lines.insert(3, '{"format": "bleiberecht.case/1", "persons": [}')  # no case at all
    lines.insert(6, "")
    lines.insert(8, "[1, 2]")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _write_parquet_file(cases: list[dict[str, Any]], path: pathlib.Path) -> pathlib.Path:
    # through NDJSON as the former writer did, so the unknown key of a rejected case is kept in the file
    text = "\n".join(json.dumps(c) for c in cases)
    import io

    pl.read_ndjson(io.BytesIO(text.encode()), infer_schema_length=None).write_parquet(path)
    return path


def _assert_same_reading(by_dicts: Caseload, by_columns: Caseload) -> None:
    assert by_columns.cases == [] and by_columns.frame is not None
    assert by_columns.problems == by_dicts.problems
    for key in ("persons_read", "cases_read", "persons_screened", "cases_rejected", "rows_unassigned"):
        assert getattr(by_columns, key) == getattr(by_dicts, key), key
    assert by_columns.frame.height == len(by_dicts.cases)
    assert [_strip(r) for r in by_columns.frame.to_dicts()] == [_strip(c) for c in by_dicts.cases]


def _assert_same_screening(a: Screening, b: Screening) -> None:
    for key in SCREENING_FRAMES:
        assert_frame_equal(getattr(a, key), getattr(b, key))


@pytest.mark.parametrize("as_of", [None, dt.date(2027, 3, 1)])
@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_columnar_reading_equals_the_dict_path(
    tmp_path: pathlib.Path, kind: str, as_of: dt.date | None
) -> None:
    cases = _damaged(list(generate_cases(260, 4)))
    path = (_write_jsonl if kind == "jsonl" else _write_parquet_file)(cases, tmp_path / f"f.{kind}")
    by_dicts = read_caseload(path, as_of=as_of)
    by_columns = read_caseload(path, as_of=as_of, columnar=True)
    assert by_dicts.cases_rejected == 2 and by_dicts.problems
    if kind == "jsonl":
        assert by_dicts.rows_unassigned == 2
    _assert_same_reading(by_dicts, by_columns)
    assert by_columns.frame is not None
    a = screen_cases(by_dicts.cases, default_as_of=as_of, chunk_persons=90)
    b = screen_frame(by_columns.frame, default_as_of=as_of, chunk_persons=90)
    _assert_same_screening(a, b)


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_screen_on_a_file_gives_the_same_worklist_as_before(tmp_path: pathlib.Path, kind: str) -> None:
    cases = _damaged(list(generate_cases(300, 9)))
    path = (_write_jsonl if kind == "jsonl" else _write_parquet_file)(cases, tmp_path / f"f.{kind}")
    result = run_screen(path, out=tmp_path / "w.xlsx")
    assert result.exit_code == EXIT_PARTIAL and result.screening is not None
    before = read_caseload(path)  # the dict path, as `bleiberecht screen` read it before
    assert result.problems == before.problems
    _assert_same_screening(screen_cases(before.cases), result.screening)


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_slices_in_two_processes_report_like_one(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    import bleiberecht.screening.readers as readers
    from bleiberecht.screening.readers import slices

    cases = _damaged(list(generate_cases(400, 6)))
    path = (_write_jsonl if kind == "jsonl" else _write_parquet_file)(cases, tmp_path / f"f.{kind}")
    by_dicts = read_caseload(path)
    monkeypatch.setattr(readers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(slices, "SLICE_CASES", 7)
    _assert_same_reading(by_dicts, read_caseload(path, columnar=True))


def test_write_parquet_round_trip(tmp_path: pathlib.Path) -> None:
    cases = list(generate_cases(500, 2))
    write_parquet(cases, tmp_path / "c.parquet")
    schema = pl.read_parquet_schema(tmp_path / "c.parquet")
    person = schema["persons"].inner.to_schema()  # type: ignore[attr-defined]
    employment = person["employment"].inner.to_schema()  # type: ignore[attr-defined]
    assert (
        person["birth_date"] == pl.Utf8 and employment["hours_per_week"] == pl.Float64
    )  # integers in the dicts
    used = {key for case in cases for p in case["persons"] for key in p}
    assert set(person) == used  # fields no case uses are left out (unknown when read, as absent keys)
    nested, flat = read_parquet(tmp_path / "c.parquet")
    assert flat is None and nested is not None
    assert [c.doc for c in nested] == [_strip(c) for c in cases]


def test_write_parquet_refuses_unknown_keys(tmp_path: pathlib.Path) -> None:
    cases = list(generate_cases(20, 2))
    cases[3]["persons"][0]["identity"] = {"passport": "none", "shoe_size": 44}
    with pytest.raises(UnknownField, match=r"persons\[\]\.identity\.shoe_size"):
        write_parquet(cases, tmp_path / "c.parquet")


def test_a_script_without_main_guard_still_reads_its_file(tmp_path: pathlib.Path) -> None:
    """``spawn`` workers re-run an unguarded calling script, which then fails; the slices are judged in-process."""
    import os
    import subprocess
    import sys

    import bleiberecht

    cases = list(generate_cases(60, 3))
    path = _write_jsonl(cases, tmp_path / "f.jsonl")
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import pathlib, sys\n"
        "import bleiberecht.screening.readers as readers\n"
        "readers.PARALLEL_FROM = 1\n"
        "caseload = readers.read_caseload(pathlib.Path(sys.argv[1]), columnar=True)\n"
        "print(caseload.persons_screened, caseload.frame.height)\n",
        "utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(pathlib.Path(bleiberecht.__file__).parents[1])}
    done = subprocess.run(
        [sys.executable, str(script), str(path)], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "bootstrapping phase" in done.stderr  # the workers did fail
    assert done.stdout.split() == [str(sum(len(c["persons"]) for c in cases)), str(len(cases))]
