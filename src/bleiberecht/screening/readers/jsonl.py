"""JSON Lines: one case v1 document per line (lossless)."""

from __future__ import annotations

import pathlib
from collections.abc import Sequence

from bleiberecht.casefile.reading import decode, parse_json, read_bytes
from bleiberecht.casefile.structure import check_structure
from bleiberecht.screening.caseload import Candidate, Slice
from bleiberecht.screening.problems import Cell, Problem, UnusableInput


def _text(path: pathlib.Path) -> str:
    name = str(path)
    raw, issues = read_bytes(path)
    text: str | None = None
    if raw is not None:
        text, issues = decode(raw)
    if text is None:
        raise UnusableInput(
            [Problem(name, Cell(None, None), i.code, "error", i.message_de, i.message_en) for i in issues]
        )
    return text


def _line(name: str, number: int, line: str) -> Candidate | list[Problem]:
    """The case on one line, or the problems of a line that is no case at all."""
    doc, issues = parse_json(line, line=number)
    if not issues and not isinstance(doc, dict):
        issues = check_structure(doc)  # "not an object" (validate_case wants a dict)
    if issues:
        return [
            Problem(name, Cell(None, number, i.path), i.code, "error", i.message_de, i.message_en)
            for i in issues
        ]
    assert isinstance(doc, dict)
    persons = doc.get("persons")
    ids = [p.get("id") if isinstance(p, dict) else None for p in persons] if isinstance(persons, list) else []
    rows = [(None, number, pid if isinstance(pid, str) else None) for pid in ids]
    return Candidate(doc, {(): Cell(None, number, None)}, rows=rows, json_paths=True)


def read_jsonl(path: pathlib.Path) -> tuple[list[Candidate], list[Problem], int]:
    """(candidates, problems of lines that are no case at all, number of such lines)."""
    name = str(path)
    candidates: list[Candidate] = []
    loose: list[Problem] = []
    unassigned = 0
    for number, line in enumerate(_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        read = _line(name, number, line)
        if isinstance(read, Candidate):
            candidates.append(read)
        else:
            unassigned += 1
            loose += read
    return candidates, loose, unassigned


def jsonl_lines(path: pathlib.Path) -> list[str]:
    """The lines of a JSON Lines file (raises `UnusableInput` if it cannot be read as text)."""
    return _text(path).splitlines()


def lines_slice(name: str, lines: Sequence[str], first: int) -> Slice:
    """The cases on ``lines`` (line numbers from ``first``), and the problems of lines that are no case."""
    item = Slice([])
    for number, line in enumerate(lines, start=first):
        if not line.strip():
            continue
        read = _line(name, number, line)
        if isinstance(read, Candidate):
            item.candidates.append(read)
        else:
            item.unassigned += 1
            item.loose += read
    return item


def read_json_document(path: pathlib.Path) -> tuple[list[Candidate], list[Problem], int]:
    """A single case v1 document (a ``.json`` file as for ``bleiberecht check``)."""
    name = str(path)
    raw, issues = read_bytes(path)
    text: str | None = None
    if raw is not None:
        text, issues = decode(raw)
    doc = None
    if text is not None:
        doc, issues = parse_json(text)
        if not issues and not isinstance(doc, dict):
            issues = check_structure(doc)  # "not an object" (validate_case wants a dict)
    if issues or not isinstance(doc, dict):
        return (
            [],
            [
                Problem(name, Cell(None, i.line, i.path), i.code, "error", i.message_de, i.message_en)
                for i in issues
            ],
            1,
        )
    persons = doc.get("persons")
    ids = [p.get("id") if isinstance(p, dict) else None for p in persons] if isinstance(persons, list) else []
    rows = [(None, None, pid if isinstance(pid, str) else None) for pid in ids]
    return [Candidate(doc, {(): Cell(None, None, None)}, rows=rows, json_paths=True)], [], 0
