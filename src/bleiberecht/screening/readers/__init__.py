"""Reading a caseload file of any supported kind into checked case documents (`Caseload`).

=============  ==========================================================================
``.jsonl``     JSON Lines, one case v1 document per line (also ``.ndjson``)
``.xlsx``      workbook with the sheet Personen and optional list sheets
``.csv``       the sheet Personen; list sheets in ``<name>_<Blatt>.csv`` beside it
``.parquet``   nested (case v1, one row per case) or flat (the columns of Personen)
``.json``      a single case v1 document (as for ``bleiberecht check``)
=============  ==========================================================================
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Iterable

import polars as pl

from bleiberecht.law.norm import Text
from bleiberecht.screening.caseload import Caseload, Progress, check_candidates, merge_judged
from bleiberecht.screening.mapping import ColumnMapping
from bleiberecht.screening.problems import Cell, UnusableInput, problem
from bleiberecht.screening.readers.csv import read_csv_sheets
from bleiberecht.screening.readers.jsonl import jsonl_lines, read_json_document, read_jsonl
from bleiberecht.screening.readers.parquet import flat_sheet, is_nested, read_parquet, read_parquet_frame
from bleiberecht.screening.readers.slices import PARALLEL_FROM, jsonl_jobs, judge_all, parquet_jobs
from bleiberecht.screening.readers.xlsx import read_xlsx
from bleiberecht.screening.tabular.assemble import Assembler, RawSheet

SUFFIXES = (".jsonl", ".ndjson", ".json", ".xlsx", ".csv", ".parquet")
NOT_FOUND = Text("Die Datei {file} wurde nicht gefunden.", "The file {file} was not found.")
UNSUPPORTED = Text(
    "Dateityp '{suffix}' wird nicht unterstützt. Möglich: .jsonl, .xlsx, .csv, .parquet, .json.",
    "File type '{suffix}' is not supported. Possible: .jsonl, .xlsx, .csv, .parquet, .json.",
)


def read_caseload(
    path: pathlib.Path,
    *,
    mapping: ColumnMapping | None = None,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
    columnar: bool = False,
) -> Caseload:
    """Read, convert and validate; raises `UnusableInput` if nothing in the file can be used.

    ``columnar``: JSON Lines and nested Parquet are checked slice by slice and the valid cases kept as one
    nested frame (`Caseload.frame`, ``cases`` empty) for `screen_frame`; the problems are the same.
    Spreadsheets, flat Parquet and single JSON documents are read as dicts either way.
    """
    name = str(path)
    if not path.is_file():
        raise UnusableInput([problem(name, Cell(None, None), "file_not_found", NOT_FOUND, file=name)])
    suffix = path.suffix.lower()
    mapping = mapping or ColumnMapping()
    if columnar and suffix in (".jsonl", ".ndjson"):
        lines = jsonl_lines(path)
        parallel = len(lines) >= PARALLEL_FROM
        judged = judge_all(lambda: jsonl_jobs(name, lines, as_of), parallel=parallel, progress=progress)
        caseload, _ = merge_judged(name, judged)
        return caseload
    if columnar and suffix == ".parquet":
        frame = read_parquet_frame(path)
        if not is_nested(frame):
            return _tabular(name, [flat_sheet(path, frame)], mapping, as_of, progress)
        rows = frame.height
        parallel = rows >= PARALLEL_FROM
        judged = judge_all(
            lambda: parquet_jobs(name, str(path), rows, as_of), parallel=parallel, progress=progress
        )
        caseload, valid = merge_judged(name, judged)
        caseload.frame = _dated(frame.filter(pl.Series(valid, dtype=pl.Boolean)), as_of)
        return caseload
    if suffix in (".jsonl", ".ndjson", ".json"):
        reader = read_json_document if suffix == ".json" else read_jsonl
        candidates, loose, unassigned = reader(path)
        return check_candidates(
            name, candidates, as_of=as_of, loose=loose, rows_unassigned=unassigned, progress=progress
        )
    if suffix == ".parquet":
        nested, flat = read_parquet(path)
        if nested is not None:
            return check_candidates(name, nested, as_of=as_of, progress=progress)
        assert flat is not None
        return _tabular(name, [flat], mapping, as_of, progress)
    if suffix == ".xlsx":
        return _tabular(name, read_xlsx(path), mapping, as_of, progress)
    if suffix == ".csv":
        return _tabular(name, read_csv_sheets(path), mapping, as_of, progress)
    raise UnusableInput(
        [problem(name, Cell(None, None), "unsupported_file", UNSUPPORTED, suffix=suffix or path.name)]
    )


def _dated(frame: pl.DataFrame, as_of: dt.date | None) -> pl.DataFrame:
    """The decision date of each valid case as `check_candidates` sets it: ``--as-of`` replaces every date,
    otherwise a case without one is judged on today (Parquet nulls are absent keys)."""
    if as_of is not None:
        return frame.with_columns(pl.lit(as_of.isoformat(), dtype=pl.Utf8).alias("as_of"))
    today = pl.lit(dt.date.today().isoformat(), dtype=pl.Utf8)
    if "as_of" not in frame.columns:
        return frame.with_columns(today.alias("as_of"))
    return frame.with_columns(pl.col("as_of").cast(pl.Utf8).fill_null(today))


def _tabular(
    name: str,
    sheets: Iterable[RawSheet],
    mapping: ColumnMapping,
    as_of: dt.date | None,
    progress: Progress | None,
) -> Caseload:
    assembler = Assembler(name, mapping)
    candidates = assembler.assemble(sheets)
    loose = assembler.problems
    unassigned = len({(p.file, p.where.sheet, p.where.row) for p in loose if p.rejects})
    return check_candidates(
        name,
        candidates,
        as_of=as_of,
        loose=loose,
        persons_read=assembler.persons_read,
        rows_unassigned=unassigned,
        progress=progress,
    )
