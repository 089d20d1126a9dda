"""Writing a caseload (e.g. a synthetic one) in any input format of ``bleiberecht screen``.

``.jsonl`` one case v1 document per line; ``.xlsx`` the spreadsheet format (docs/screening-input.md) with all
sheets; ``.csv`` the sheet Personen in FILE and the list sheets in ``FILE_<Blatt>.csv``; ``.parquet`` the
nested layout (one row per case). Reading the file back with ``bleiberecht screen`` gives the same cases.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Iterable
from typing import Any

from bleiberecht.screening.export.worklist_out import write_csv_rows
from bleiberecht.screening.export.xlsx import Book, set_widths
from bleiberecht.screening.readers.parquet import write_parquet
from bleiberecht.screening.synth import write_jsonl
from bleiberecht.screening.tabular.columns import PERSONS, SHEETS
from bleiberecht.screening.tabular.export import headers, to_rows

CASELOAD_SUFFIXES = (".jsonl", ".xlsx", ".csv", ".parquet")


def write_caseload(cases: Iterable[dict[str, Any]], path: pathlib.Path) -> int:
    """Write the cases; returns the number of cases written. The suffix of ``path`` chooses the format."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return write_jsonl(cases, path)
    materialised = list(cases)
    if suffix == ".parquet":
        write_parquet(materialised, path)
    elif suffix == ".xlsx":
        write_caseload_xlsx(to_rows(materialised), path)
    elif suffix == ".csv":
        rows = to_rows(materialised)
        for name, sheet_rows in rows.items():
            target = path if name == PERSONS else path.with_name(f"{path.stem}_{name}.csv")
            write_csv_rows(headers(SHEETS[name]), sheet_rows, target, "de")
    else:
        raise ValueError(f"unsupported caseload format: {path.suffix}")
    return len(materialised)


def write_caseload_xlsx(rows: dict[str, list[list[object]]], path: pathlib.Path) -> None:
    book = Book(path, "de")
    try:
        for name, sheet_rows in rows.items():
            ws = book.sheet(name)
            cols = headers(SHEETS[name])
            set_widths(ws, [float(min(max(len(h) + 2, 11), 40)) for h in cols])
            for c, header in enumerate(cols):
                ws.write_string(0, c, header, book.header)
            for r, row in enumerate(sheet_rows, start=1):
                for c, value in enumerate(row):
                    _cell(book, ws, r, c, value)
            ws.freeze_panes(1, 2)
            ws.autofilter(0, 0, max(len(sheet_rows), 1), len(cols) - 1)
    finally:
        book.close()


def _cell(book: Book, ws: Any, r: int, c: int, value: object) -> None:
    if value is None:
        return
    if isinstance(value, dt.date):
        ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), book.date)
    elif isinstance(value, bool):
        ws.write_string(r, c, "Ja" if value else "Nein")
    elif isinstance(value, int | float):
        ws.write_number(r, c, value)
    else:
        ws.write_string(r, c, str(value))
