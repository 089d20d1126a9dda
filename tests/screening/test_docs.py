"""The input documentation names every sheet and column of the format."""

from __future__ import annotations

import pathlib

import openpyxl

from bleiberecht.screening.tabular.columns import SHEETS

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_every_sheet_and_column_is_documented() -> None:
    text = (ROOT / "docs" / "screening-input.md").read_text("utf-8")
    for sheet in SHEETS.values():
        assert f"Blatt „{sheet.name}“" in text
        for column in sheet.columns:
            assert f"| {column.header} |" in text, column.header


def test_example_file_has_every_sheet_with_our_headers() -> None:
    book = openpyxl.load_workbook(ROOT / "examples" / "caseload-example.xlsx", read_only=True)
    try:
        assert book.sheetnames == list(SHEETS)
        for name, sheet in SHEETS.items():
            header = next(book[name].iter_rows(max_row=1, values_only=True))
            assert list(header) == [c.header for c in sheet.columns]
    finally:
        book.close()
