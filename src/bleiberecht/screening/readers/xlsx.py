"""XLSX workbooks: one sheet ``Personen`` and the optional list sheets (openpyxl, read-only streaming)."""

from __future__ import annotations

import pathlib
import zipfile
from collections.abc import Iterator, Sequence

from bleiberecht.law.norm import Text
from bleiberecht.screening.problems import Cell, UnusableInput, problem
from bleiberecht.screening.tabular.assemble import RawSheet

UNREADABLE = Text(
    "Die Datei {file} ist keine lesbare XLSX-Arbeitsmappe ({reason}).",
    "The file {file} is not a readable XLSX workbook ({reason}).",
)


def read_xlsx(path: pathlib.Path) -> Iterator[RawSheet]:
    """Every sheet of the workbook, rows streamed; row numbers as Excel/LibreOffice show them."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnusableInput(
            [problem(str(path), Cell(None, None), "file_unreadable", UNREADABLE, file=path, reason=exc)]
        ) from None
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            first = next(rows, None)
            header: Sequence[object] = list(first) if first else []
            yield RawSheet(str(path), sheet.title, header, _numbered(rows))
    finally:
        book.close()


def _numbered(rows: Iterator[tuple[object, ...]]) -> Iterator[tuple[int, Sequence[object]]]:
    yield from enumerate(rows, start=2)
