"""CSV: one file per sheet. ``faelle.csv`` is the sheet Personen; ``faelle_Aufenthalte.csv``,
``faelle_Verurteilungen.csv`` … beside it are the list sheets. A file named ``Personen.csv`` takes the other CSV
files of its folder as sheets named after their file names.

Semicolon (German Excel), comma or tab separated, detected from the header line; UTF-8 (with or without BOM), or
Windows-1252 as German Excel saves it.
"""

from __future__ import annotations

import csv
import io
import pathlib
from collections.abc import Iterator, Sequence

from bleiberecht.law.norm import Text
from bleiberecht.screening.problems import Cell, UnusableInput, problem
from bleiberecht.screening.tabular.assemble import RawSheet
from bleiberecht.screening.tabular.columns import PERSONS

UNREADABLE = Text(
    "Die Datei {file} kann nicht gelesen werden ({reason}).",
    "Cannot read the file {file} ({reason}).",
)


def read_csv_sheets(path: pathlib.Path) -> Iterator[RawSheet]:
    yield _sheet(path, PERSONS)
    stem = path.stem
    if stem.casefold() == PERSONS.casefold():
        siblings = [(p, p.stem) for p in path.parent.glob("*.csv") if p != path]
    else:
        siblings = [(p, p.stem[len(stem) + 1 :]) for p in path.parent.glob(f"{stem}_*.csv")]
    for sibling, name in sorted(siblings):
        yield _sheet(sibling, name)


def _sheet(path: pathlib.Path, name: str) -> RawSheet:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnusableInput(
            [
                problem(
                    str(path), Cell(None, None), "file_unreadable", UNREADABLE, file=path, reason=exc.strerror
                )
            ]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    first = next(reader, None)
    header: Sequence[object] = list(first) if first else []
    return RawSheet(str(path), name, header, _numbered(reader))


def _numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, Sequence[object]]]:
    yield from enumerate(reader, start=2)
