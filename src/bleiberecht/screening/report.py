"""The error report: every rejected row or cell, and every notice, with file, sheet, row, column and reason.

Written next to the output as ``<output>-fehler.xlsx`` (or ``.csv`` when the worklist is not XLSX; English:
``<output>-errors``). Sorted by file, sheet, row and column, so a clerk can work through the export top down.
"""

from __future__ import annotations

import pathlib
from collections.abc import Sequence

import polars as pl

from bleiberecht.screening.export.worklist_out import write_csv
from bleiberecht.screening.export.xlsx import Book, set_widths, widths, write_table
from bleiberecht.screening.labels import CONSEQUENCE, REPORT_HEADERS, SEVERITY
from bleiberecht.screening.problems import Problem
from bleiberecht.screening.tabular.columns import SHEETS

COLUMNS = (
    "file",
    "sheet",
    "row",
    "column",
    "value",
    "severity",
    "consequence",
    "message",
    "code",
    "case_id",
    "person_id",
)
_SHEET_ORDER = {name: i for i, name in enumerate(SHEETS)}


def report_path(out: pathlib.Path, fmt: str, lang: str) -> pathlib.Path:
    suffix = ".xlsx" if fmt == "xlsx" else ".csv"
    return out.with_name(f"{out.stem}-{'fehler' if lang == 'de' else 'errors'}{suffix}")


def consequence(p: Problem) -> str:
    if p.severity == "info":
        return "ignored"
    if p.severity == "warning":
        return "none"
    if p.case_id is not None:
        return "case"
    if p.where.row is None and p.where.sheet is None:
        return "file"
    return "row"


def report_frame(problems: Sequence[Problem], lang: str) -> pl.DataFrame:
    ordered = sorted(
        problems,
        key=lambda p: (
            p.file,
            _SHEET_ORDER.get(p.where.sheet or "", 99),
            p.where.sheet or "",
            p.where.row or 0,
            p.where.column or "",
        ),
    )
    data = {
        "file": [p.file for p in ordered],
        "sheet": [p.where.sheet for p in ordered],
        "row": [p.where.row for p in ordered],
        "column": [p.where.column for p in ordered],
        "value": [p.where.value for p in ordered],
        "severity": [SEVERITY[p.severity].get(lang) for p in ordered],
        "consequence": [CONSEQUENCE[consequence(p)].get(lang) for p in ordered],
        "message": [p.message(lang) for p in ordered],
        "code": [p.code for p in ordered],
        "case_id": [p.case_id for p in ordered],
        "person_id": [p.person_id for p in ordered],
    }
    schema = {k: (pl.Int64 if k == "row" else pl.Utf8) for k in COLUMNS}
    return pl.DataFrame(data, schema=schema)


def write_report(problems: Sequence[Problem], path: pathlib.Path, lang: str) -> None:
    frame = report_frame(problems, lang)
    headers = [REPORT_HEADERS[k].get(lang) for k in COLUMNS]
    if path.suffix == ".xlsx":
        book = Book(path, lang)
        try:
            ws = book.sheet("Fehlerbericht" if lang == "de" else "Error report")
            w = widths(frame, headers)
            w[COLUMNS.index("message")] = 80.0
            set_widths(ws, w)
            write_table(book, ws, frame, headers)
        finally:
            book.close()
    else:
        write_csv(frame.rename(dict(zip(COLUMNS, headers, strict=True))), path, lang)
