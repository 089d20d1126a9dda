"""Building small caseload workbooks for the screening tests."""

from __future__ import annotations

import pathlib
from collections.abc import Sequence
from typing import Any

import openpyxl

from bleiberecht.screening import generate_cases
from bleiberecht.screening.tabular.columns import SHEETS
from bleiberecht.screening.tabular.export import headers, to_rows

Sheets = dict[str, tuple[list[str], list[list[Any]]]]


def synthetic_sheets(persons: int, seed: int) -> tuple[list[dict[str, Any]], Sheets]:
    cases = list(generate_cases(persons, seed))
    rows = to_rows(cases)
    return cases, {name: (headers(SHEETS[name]), [list(r) for r in rows[name]]) for name in rows}


def write_workbook(path: pathlib.Path, sheets: Sheets) -> pathlib.Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, (cols, rows) in sheets.items():
        ws = book.create_sheet(name)
        ws.append(list(cols))
        for row in rows:
            ws.append(list(row))
    book.save(path)
    return path


def column(sheets: Sheets, sheet: str, header: str) -> int:
    return sheets[sheet][0].index(header)


def set_cell(sheets: Sheets, sheet: str, index: int, header: str, value: Any) -> int:
    """Set a cell of data row ``index`` (0-based); returns the row number a spreadsheet shows."""
    sheets[sheet][1][index][column(sheets, sheet, header)] = value
    return index + 2


def drop_column(sheets: Sheets, sheet: str, header: str) -> None:
    cols, rows = sheets[sheet]
    i = cols.index(header)
    sheets[sheet] = (cols[:i] + cols[i + 1 :], [r[:i] + r[i + 1 :] for r in rows])


def read_sheet(path: pathlib.Path, name: str) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in book[name].iter_rows(values_only=True)]
    finally:
        book.close()


def where(problems: Sequence[Any]) -> set[tuple[str | None, int | None, str | None, str]]:
    return {(p.where.sheet, p.where.row, p.where.column, p.code) for p in problems}
