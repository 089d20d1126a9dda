"""JSON Lines: one case v1 document per line (lossless)."""

from __future__ import annotations

import pathlib

from bleiberecht.casefile import validate_case
from bleiberecht.casefile.reading import decode, parse_json, read_bytes
from bleiberecht.screening.caseload import Candidate
from bleiberecht.screening.problems import Cell, Problem, UnusableInput


def read_jsonl(path: pathlib.Path) -> tuple[list[Candidate], list[Problem], int]:
    """(candidates, problems of lines that are no case at all, number of such lines)."""
    name = str(path)
    raw, issues = read_bytes(path)
    text: str | None = None
    if raw is not None:
        text, issues = decode(raw)
    if text is None:
        raise UnusableInput(
            [Problem(name, Cell(None, None), i.code, "error", i.message_de, i.message_en) for i in issues]
        )
    candidates: list[Candidate] = []
    loose: list[Problem] = []
    unassigned = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        doc, issues = parse_json(line, line=number)
        if not issues and not isinstance(doc, dict):
            issues = validate_case(doc)
        if issues:
            unassigned += 1
            loose += [
                Problem(name, Cell(None, number, i.path), i.code, "error", i.message_de, i.message_en)
                for i in issues
            ]
            continue
        assert isinstance(doc, dict)
        persons = doc.get("persons")
        ids = (
            [p.get("id") if isinstance(p, dict) else None for p in persons]
            if isinstance(persons, list)
            else []
        )
        rows = [(None, number, pid if isinstance(pid, str) else None) for pid in ids]
        candidates.append(Candidate(doc, {(): Cell(None, number, None)}, rows=rows, json_paths=True))
    return candidates, loose, unassigned


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
            issues = validate_case(doc)
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
