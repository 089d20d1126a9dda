"""Parquet for large caseloads, in one of two layouts (told apart by the columns):

- **nested** (written by ``bleiberecht synth … --out x.parquet``): one row per case, the columns of case v1
  (``format``, ``id``, ``as_of``, ``land``, ``persons``, ``households``) with nested lists and structs, lossless
  like JSON Lines. Nulls mean "unknown" exactly like absent keys and are dropped when read.
- **flat**: the columns of the sheet Personen (German headers, one row per person), as a vendor export may
  produce it; read like that sheet.
"""

from __future__ import annotations

import pathlib
from collections.abc import Sequence
from typing import Any

import polars as pl

from bleiberecht.law.norm import Text
from bleiberecht.screening.caseload import Candidate, Slice
from bleiberecht.screening.problems import Cell, UnusableInput, problem
from bleiberecht.screening.readers.nested_schema import to_frame
from bleiberecht.screening.tabular.assemble import RawSheet
from bleiberecht.screening.tabular.columns import PERSONS

UNREADABLE = Text(
    "Die Datei {file} ist keine lesbare Parquet-Datei ({reason}).",
    "The file {file} is not a readable Parquet file ({reason}).",
)


def read_parquet(path: pathlib.Path) -> tuple[list[Candidate], None] | tuple[None, RawSheet]:
    frame = read_parquet_frame(path)
    if is_nested(frame):
        return rows_slice(frame).candidates, None
    return None, flat_sheet(path, frame)


def read_parquet_frame(path: pathlib.Path) -> pl.DataFrame:
    try:
        return pl.read_parquet(path)
    except Exception as exc:  # polars raises several kinds for broken files
        raise UnusableInput(
            [problem(str(path), Cell(None, None), "file_unreadable", UNREADABLE, file=path, reason=exc)]
        ) from None


def is_nested(frame: pl.DataFrame) -> bool:
    return "persons" in frame.columns


def flat_sheet(path: pathlib.Path, frame: pl.DataFrame) -> RawSheet:
    rows = ((number, row) for number, row in enumerate(frame.iter_rows(), start=2))
    return RawSheet(str(path), PERSONS, list(frame.columns), rows)


def rows_slice(frame: pl.DataFrame, first: int = 0) -> Slice:
    """The rows of the nested layout as case documents; ``first`` is the index of the frame's first row in the
    file (row numbers count from 2, as a spreadsheet shows the first data row)."""
    out = []
    for number, record in enumerate(frame.iter_rows(named=True), start=first + 2):
        doc = _strip(record)
        persons = doc.get("persons") or []
        rows: list[tuple[str | None, int | None, str | None]] = [
            (None, number, p.get("id")) for p in persons if isinstance(p, dict)
        ]
        out.append(Candidate(doc, {(): Cell(None, number, None)}, rows=rows, json_paths=True))
    return Slice(out)


def _strip(value: Any) -> Any:
    """Drop null struct fields (absent = null = unknown in case v1); keep empty lists (known: none)."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def write_parquet(cases: Sequence[dict[str, Any]], path: pathlib.Path) -> None:
    """The nested layout: one row per case, typed by the case v1 schema (`case_schema`; no schema inference),
    with only the fields the cases use. Raises `UnknownField` for a key case v1 does not know."""
    to_frame(list(cases), prune=True).write_parquet(path, compression="zstd")
