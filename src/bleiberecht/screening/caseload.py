"""A caseload after reading: the valid case documents, and one problem per rejected row or cell.

Every input format (JSON Lines, spreadsheet, Parquet) produces `Candidate`s: a case v1 document, the cells its
values came from (provenance), and the problems found while building it. `check_candidates` then runs the
casefile checks (`validate_case`, the same as ``bleiberecht check``) on each document and traces every finding
back to its sheet, row and column. A case with any error is rejected as a whole, because its persons are judged
together (family paths); its other rows are reported as "not screened".
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from typing import Any

import polars as pl

from bleiberecht.casefile import Issue, validate_case
from bleiberecht.screening.problems import MESSAGES, Cell, Problem

Loc = tuple[str | int, ...]
Provenance = dict[Loc, Cell]
Progress = Callable[[int], None]  # called with the number of cases just finished

PARALLEL_FROM = 4_000  # cases; below this a second process costs more than it saves
CHUNK = 1_000

_TOKEN = re.compile(r"\[(\d+)\]|\.([A-Za-z_][A-Za-z0-9_]*)|\['((?:[^'\\]|\\.)*)'\]")


@dataclass
class Candidate:
    doc: dict[str, Any]
    prov: Provenance
    problems: list[Problem] = field(default_factory=list)
    rows: Sequence[tuple[str | None, int | None, str | None]] = field(
        default_factory=list
    )  # sheet, row, person
    source_sheet: str | None = None
    json_paths: bool = False  # JSON Lines: name the JSON path as the column


@dataclass
class Caseload:
    file: str
    cases: list[dict[str, Any]]
    problems: list[Problem]
    persons_read: int
    cases_read: int
    persons_screened: int
    cases_rejected: int
    rows_unassigned: int = 0  # rows or lines that belong to no case (e.g. unreadable JSON)
    # Columnar reading (JSON Lines, nested Parquet): the valid cases as one nested frame, one row per case, in
    # input order; ``cases`` is then empty, so that a national caseload never lives as dicts.
    frame: pl.DataFrame | None = None

    @property
    def persons_rejected(self) -> int:
        return self.persons_read - self.persons_screened

    @property
    def cases_screened(self) -> int:
        return self.cases_read - self.cases_rejected

    @property
    def rejected_anything(self) -> bool:
        return any(p.rejects for p in self.problems) or self.cases_rejected > 0 or self.rows_unassigned > 0


def parse_loc(path: str) -> Loc:
    """``$.persons[0].statuses[1].to`` -> ``("persons", 0, "statuses", 1, "to")``."""
    return tuple(
        int(index) if index else (name or quoted)
        for index, name, quoted in _TOKEN.findall(path.split(": ")[-1])
    )


def locate(prov: Provenance, loc: Loc) -> Cell | None:
    """The cell of the longest known prefix of ``loc``."""
    for end in range(len(loc), -1, -1):
        cell = prov.get(loc[:end])
        if cell is not None:
            return cell
    return None


def _validate_chunk(docs: list[dict[str, Any]], today: dt.date) -> list[list[Issue]]:
    return [validate_case(doc, today=today) for doc in docs]


def validate_all(
    docs: Sequence[dict[str, Any]], today: dt.date, progress: Progress | None = None
) -> list[list[Issue]]:
    """`validate_case` for every document; on large inputs in two processes (the schema check dominates)."""
    chunks = [list(docs[i : i + CHUNK]) for i in range(0, len(docs), CHUNK)]
    workers = min(2, os.cpu_count() or 1)
    out: list[list[Issue]] = []
    if len(docs) < PARALLEL_FROM or workers < 2:
        for chunk in chunks:
            out.extend(_validate_chunk(chunk, today))
            if progress:
                progress(len(chunk))
        return out
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        for chunk, result in zip(
            chunks, pool.map(_validate_chunk, chunks, [today] * len(chunks)), strict=True
        ):
            out.extend(result)
            if progress:
                progress(len(chunk))
    return out


def check_candidates(
    file: str,
    candidates: list[Candidate],
    *,
    as_of: dt.date | None,
    loose: list[Problem] | None = None,
    persons_read: int | None = None,
    rows_unassigned: int = 0,
    progress: Progress | None = None,
) -> Caseload:
    """Validate every candidate; keep the valid documents, report the rest.

    ``as_of`` replaces each document's own date (``--as-of``); without it, a document without ``as_of`` is
    judged on today. ``loose`` are problems that belong to no case (they do not reject any case).
    """
    today = as_of or dt.date.today()
    for cand in candidates:
        _override_as_of(cand, as_of)
    found = validate_all([c.doc for c in candidates], today, progress)
    problems: list[Problem] = list(loose or [])
    accepted: list[dict[str, Any]] = []
    persons_screened = cases_rejected = 0
    for cand, issues in zip(candidates, found, strict=True):
        if _judge(file, cand, issues, today, problems):
            accepted.append(cand.doc)
            persons_screened += len(cand.doc["persons"])
        else:
            cases_rejected += 1
    read = persons_read if persons_read is not None else sum(len(c.rows) for c in candidates)
    return Caseload(
        file=file,
        cases=accepted,
        problems=problems,
        persons_read=read,
        cases_read=len(candidates),
        persons_screened=persons_screened,
        cases_rejected=cases_rejected,
        rows_unassigned=rows_unassigned,
    )


def _override_as_of(cand: Candidate, as_of: dt.date | None) -> None:
    """``--as-of`` replaces the document's own date (before the checks, which judge on that date)."""
    if as_of is not None:
        cand.doc["as_of"] = as_of.isoformat()
        cand.prov[("as_of",)] = Cell(None, None, "--as-of", as_of.isoformat())


def _judge(file: str, cand: Candidate, issues: list[Issue], today: dt.date, problems: list[Problem]) -> bool:
    """Report the candidate's problems into ``problems``; True if it is accepted (then dated ``today`` if
    it has no date of its own)."""
    own = list(cand.problems) + [_from_issue(file, cand, issue) for issue in issues]
    problems.extend(own)
    errors = [p for p in own if p.rejects]
    if not errors:
        cand.doc.setdefault("as_of", today.isoformat())
        return True
    problems.extend(_not_screened(file, cand, errors))
    return False


@dataclass
class Slice:
    """A slice of a large input read as case documents: its candidates, and the lines that are no case."""

    candidates: list[Candidate]
    loose: list[Problem] = field(default_factory=list)
    unassigned: int = 0


@dataclass
class Judged:
    """What is left of a slice once judged: its problems and counts, and which of its cases are valid."""

    loose: list[Problem]
    problems: list[Problem]
    valid: list[bool]  # per candidate, in order
    persons_read: int
    persons_screened: int
    cases_rejected: int
    unassigned: int
    frame: pl.DataFrame | None = None  # the valid cases in the nested layout, if asked for


def judge_slice(
    file: str,
    item: Slice,
    *,
    as_of: dt.date | None,
    to_frame: Callable[[list[dict[str, Any]]], pl.DataFrame] | None = None,
) -> Judged:
    """`check_candidates` on one slice (without the parallel validation): the same problems in the same order.
    ``to_frame`` turns the valid documents into a nested frame (JSON Lines); the documents are dropped after."""
    today = as_of or dt.date.today()
    for cand in item.candidates:
        _override_as_of(cand, as_of)
    found = _validate_chunk([c.doc for c in item.candidates], today)
    problems: list[Problem] = []
    valid = [
        _judge(file, cand, issues, today, problems)
        for cand, issues in zip(item.candidates, found, strict=True)
    ]
    docs = [cand.doc for cand, ok in zip(item.candidates, valid, strict=True) if ok]
    return Judged(
        loose=item.loose,
        problems=problems,
        valid=valid,
        persons_read=sum(len(c.rows) for c in item.candidates),
        persons_screened=sum(len(doc["persons"]) for doc in docs),
        cases_rejected=valid.count(False),
        unassigned=item.unassigned,
        frame=to_frame(docs) if to_frame is not None and docs else None,
    )


def merge_judged(
    file: str, judged: Iterable[Judged], progress: Progress | None = None
) -> tuple[Caseload, list[bool]]:
    """The caseload of all slices (in order; problems of lines that are no case first, as `check_candidates`),
    and the validity of every candidate. ``frame`` is the slices' frames, if any."""
    loose: list[Problem] = []
    problems: list[Problem] = []
    valid: list[bool] = []
    frames: list[pl.DataFrame] = []
    read = screened = rejected = unassigned = 0
    for part in judged:
        loose += part.loose
        problems += part.problems
        valid += part.valid
        read += part.persons_read
        screened += part.persons_screened
        rejected += part.cases_rejected
        unassigned += part.unassigned
        if part.frame is not None:
            frames.append(part.frame)
        if progress:
            progress(len(part.valid))
    caseload = Caseload(
        file=file,
        cases=[],
        problems=loose + problems,
        persons_read=read,
        cases_read=len(valid),
        persons_screened=screened,
        cases_rejected=rejected,
        rows_unassigned=unassigned,
        frame=pl.concat(frames, how="vertical_relaxed") if frames else None,
    )
    return caseload, valid


def _from_issue(file: str, cand: Candidate, issue: Issue) -> Problem:
    loc = parse_loc(issue.path)
    cell = locate(cand.prov, loc) or Cell(cand.source_sheet, None)
    if cand.json_paths:
        cell = replace(cell, column=issue.path.split(": ")[-1])
    person_id: str | None = None
    if len(loc) >= 2 and loc[0] == "persons" and isinstance(loc[1], int):
        persons = cand.doc.get("persons")
        if isinstance(persons, list) and loc[1] < len(persons) and isinstance(persons[loc[1]], dict):
            pid = persons[loc[1]].get("id")
            person_id = pid if isinstance(pid, str) else None
    case_id = cand.doc.get("id") if isinstance(cand.doc.get("id"), str) else None
    return Problem(
        file, cell, issue.code, issue.severity, issue.message_de, issue.message_en, case_id, person_id
    )


def _not_screened(file: str, cand: Candidate, errors: list[Problem]) -> list[Problem]:
    """A "not screened" line for each person row of a rejected case that has no error of its own."""
    first = errors[0].where
    place_de = _place(first, ("Blatt", "Zeile", "Spalte"))
    place_en = _place(first, ("sheet", "row", "column"))
    case_id = cand.doc.get("id") if isinstance(cand.doc.get("id"), str) else "?"
    flagged = {(p.where.sheet, p.where.row) for p in errors}
    out = []
    for sheet, row, person_id in cand.rows:
        if (sheet, row) in flagged:
            continue
        text = MESSAGES["case_rejected"]
        out.append(
            Problem(
                file,
                Cell(sheet, row, None),
                "case_rejected",
                "error",
                text.de.format(case=case_id, first=place_de),
                text.en.format(case=case_id, first=place_en),
                case_id,
                person_id,
            )
        )
    return out


def _place(cell: Cell, words: tuple[str, str, str]) -> str:
    parts = [
        f"{words[0]} {cell.sheet}" if cell.sheet else "",
        f"{words[1]} {cell.row}" if cell.row else "",
        f"{words[2]} {cell.column}" if cell.column else "",
    ]
    return ", ".join(p for p in parts if p) or "?"
