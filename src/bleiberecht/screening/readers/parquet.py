"""Parquet for large caseloads, in one of two layouts (told apart by the columns):

- **nested** (written by ``bleiberecht synth … --out x.parquet``): one row per case, the columns of case v1
  (``format``, ``id``, ``as_of``, ``land``, ``persons``, ``households``) with nested lists and structs, lossless
  like JSON Lines. Nulls mean "unknown" exactly like absent keys and are dropped when read.
- **flat**: the columns of the sheet Personen (German headers, one row per person), as a vendor export may
  produce it; read like that sheet.
"""

from __future__ import annotations

import io
import json
import pathlib
from collections.abc import Sequence
from typing import Any

import polars as pl

from bleiberecht.law.norm import Text
from bleiberecht.screening.caseload import Candidate
from bleiberecht.screening.problems import Cell, UnusableInput, problem
from bleiberecht.screening.tabular.assemble import RawSheet
from bleiberecht.screening.tabular.columns import PERSONS

UNREADABLE = Text(
    "Die Datei {file} ist keine lesbare Parquet-Datei ({reason}).",
    "The file {file} is not a readable Parquet file ({reason}).",
)


def read_parquet(path: pathlib.Path) -> tuple[list[Candidate], None] | tuple[None, RawSheet]:
    try:
        frame = pl.read_parquet(path)
    except Exception as exc:  # polars raises several kinds for broken files
        raise UnusableInput(
            [problem(str(path), Cell(None, None), "file_unreadable", UNREADABLE, file=path, reason=exc)]
        ) from None
    if "persons" in frame.columns:
        return _nested(frame), None
    rows = ((number, row) for number, row in enumerate(frame.iter_rows(), start=2))
    return None, RawSheet(str(path), PERSONS, list(frame.columns), rows)


def _nested(frame: pl.DataFrame) -> list[Candidate]:
    out = []
    for number, record in enumerate(frame.iter_rows(named=True), start=2):
        doc = _strip(record)
        persons = doc.get("persons") or []
        rows: list[tuple[str | None, int | None, str | None]] = [
            (None, number, p.get("id")) for p in persons if isinstance(p, dict)
        ]
        out.append(Candidate(doc, {(): Cell(None, number, None)}, rows=rows, json_paths=True))
    return out


def _strip(value: Any) -> Any:
    """Drop null struct fields (absent = null = unknown in case v1); keep empty lists (known: none)."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def write_parquet(cases: Sequence[dict[str, Any]], path: pathlib.Path) -> None:
    """The nested layout: one row per case (through NDJSON: Polars infers the nested schema far faster there)."""
    text = "\n".join(json.dumps(c, ensure_ascii=False, separators=(",", ":")) for c in cases)
    frame = pl.read_ndjson(io.BytesIO(text.encode("utf-8")), infer_schema_length=None)
    frame.write_parquet(path, compression="zstd")
