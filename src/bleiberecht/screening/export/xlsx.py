"""Writing XLSX workbooks with xlsxwriter (streaming, constant memory): worklist, error report, caseloads.

Every table gets a bold header row, a frozen header, an autofilter and column widths from its content. The
traffic light is a coloured cell that also carries the word (GRÜN/GELB/ROT), so it survives printing in black
and white and is read out by screen readers.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import polars as pl
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from bleiberecht.screening.labels import LIGHT_FILL, LIGHT_FONT

MAX_WIDTH = 60
MIN_WIDTH = 6
HEADER_FILL = "#DDEBF7"


class Book:
    """A workbook with the formats every table needs."""

    def __init__(self, path: pathlib.Path, lang: str) -> None:
        self.book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_urls": False})
        self.book.set_properties({"title": path.stem, "comments": "bleiberecht"})
        date_format = "dd.mm.yyyy" if lang == "de" else "yyyy-mm-dd"
        self.header = self.book.add_format(
            {"bold": True, "bg_color": HEADER_FILL, "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.date = self.book.add_format({"num_format": date_format})
        self.percent = self.book.add_format({"num_format": "0.0%"})
        self.bold = self.book.add_format({"bold": True})
        self.title = self.book.add_format({"bold": True, "font_size": 14})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        self.light = {
            code: self.book.add_format(
                {"bold": True, "bg_color": LIGHT_FILL[code], "font_color": LIGHT_FONT[code], "border": 1}
            )
            for code in LIGHT_FILL
        }

    def sheet(self, name: str) -> Worksheet:
        """A sheet printed on A4 landscape with the header row on every page."""
        ws = self.book.add_worksheet(name[:31])
        ws.set_landscape()
        ws.set_paper(9)
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
        return ws

    def close(self) -> None:
        self.book.close()


def widths(frame: pl.DataFrame, headers: Sequence[str], sample: int = 5_000) -> list[float]:
    """Column widths from the header and the longest value among the first rows (dates: 11)."""
    head = frame.head(sample)
    out = []
    for name, header in zip(frame.columns, headers, strict=True):
        col = head.get_column(name)
        if col.dtype == pl.Date:
            longest = 11
        elif col.dtype == pl.Utf8:
            found = col.str.len_chars().max()
            longest = found if isinstance(found, int) else 0
        else:
            longest = max((len(str(v)) for v in col.drop_nulls().to_list()[:200]), default=0)
        longest = max(longest, max((len(w) for w in header.split()), default=0) + 2)
        out.append(float(min(max(longest + 1, MIN_WIDTH), MAX_WIDTH)))
    return out


def write_table(
    book: Book,
    ws: Worksheet,
    frame: pl.DataFrame,
    headers: Sequence[str],
    *,
    first_row: int = 0,
    light_column: int | None = None,
    light_codes: Sequence[str] | None = None,
    percent_columns: Iterable[int] = (),
    progress: Callable[[int], None] | None = None,
    filter_and_freeze: bool = True,
    freeze_columns: int = 0,
) -> int:
    """Write ``frame`` with ``headers`` from ``first_row``; returns the next free row."""
    for c, header in enumerate(headers):
        ws.write_string(first_row, c, header, book.header)
    percent = set(percent_columns)
    step = 5_000
    for i, row in enumerate(frame.iter_rows()):
        r = first_row + 1 + i
        for c, value in enumerate(row):
            if c == light_column and light_codes is not None and light_codes[i] in book.light:
                ws.write_string(r, c, str(value), book.light[light_codes[i]])
            else:
                _write(book, ws, r, c, value, percent)
        if progress and (i + 1) % step == 0:
            progress(step)
    if progress:
        progress(frame.height % step)
    if filter_and_freeze:
        ws.repeat_rows(first_row)
        ws.freeze_panes(first_row + 1, freeze_columns)
        ws.autofilter(first_row, 0, max(first_row + frame.height, first_row), len(headers) - 1)
    return first_row + frame.height + 1


def set_widths(ws: Worksheet, values: Sequence[float]) -> None:
    for c, width in enumerate(values):
        ws.set_column(c, c, width)


def _write(book: Book, ws: Worksheet, r: int, c: int, value: Any, percent: set[int]) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        ws.write_string(r, c, "Ja" if value else "Nein")
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), book.date)
    elif isinstance(value, int | float):
        if c in percent:
            ws.write_number(r, c, value, book.percent)
        else:
            ws.write_number(r, c, value)
    else:
        ws.write_string(r, c, str(value))


def write_lines(book: Book, ws: Worksheet, lines: Sequence[tuple[str, object]], first_row: int = 0) -> int:
    """Label/value lines (for summaries); returns the next free row."""
    for i, (label, value) in enumerate(lines):
        ws.write_string(first_row + i, 0, label, book.bold)
        _write(book, ws, first_row + i, 1, value, set())
    return first_row + len(lines)
