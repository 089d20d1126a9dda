"""Spreadsheet rows -> case v1 documents, each value remembered with the cell it came from.

The sheet ``Personen`` is read first: every row is a person; rows with the same Aktenzeichen form a case.
Then each list sheet adds its entries to the persons. A cell that cannot be read, a missing required value or
a contradiction rejects the case (an error); the clerk sees the exact sheet, row and column. The finished
documents are then checked by `bleiberecht.casefile.validate_case` like any other case file
(`bleiberecht.screening.caseload`), and its findings are traced back to the cells through the provenance.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bleiberecht.screening.caseload import Candidate, Loc, Provenance
from bleiberecht.screening.mapping import ColumnMapping
from bleiberecht.screening.problems import MESSAGES, Cell, Problem, UnusableInput, problem
from bleiberecht.screening.tabular.cells import AT_LEAST_ONE, CellError, as_text, is_empty
from bleiberecht.screening.tabular.columns import (
    KEY_CASE,
    KEY_PERSON,
    LIST_SHEETS,
    PERSONS,
    PERSONS_SHEET,
    Column,
    Sheet,
    sheet_named,
)

FORMAT = "bleiberecht.case/1"


@dataclass
class RawSheet:
    """One sheet as read from a file: headers and numbered rows (row numbers as a spreadsheet shows them)."""

    file: str
    name: str
    headers: Sequence[object]
    rows: Iterable[tuple[int, Sequence[object]]]
    header_row: int = 1


@dataclass
class _Person:
    doc: dict[str, Any]
    index: int
    row: int
    cells: dict[str, Cell] = field(default_factory=dict)  # header -> cell (Personen row)
    counts: dict[str, tuple[int, Cell]] = field(default_factory=dict)
    duldung: dict[str, tuple[Any, Cell]] = field(default_factory=dict)
    german: dict[str, tuple[Any, Cell]] = field(default_factory=dict)
    entries: dict[str, list[tuple[dict[str, Any], int, dict[Loc, Cell]]]] = field(default_factory=dict)
    household: str | None = None
    household_cell: Cell | None = None


@dataclass
class _Case:
    case_id: str
    first_row: int
    persons: list[_Person] = field(default_factory=list)
    by_id: dict[str, _Person] = field(default_factory=dict)
    fields: dict[str, tuple[Any, Cell]] = field(default_factory=dict)
    money: dict[tuple[str, str], tuple[Any, Cell]] = field(default_factory=dict)
    prov: Provenance = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Columns:
    """A sheet's headers resolved to our columns."""

    by_index: dict[int, Column]
    header_of: dict[str, str]  # our header -> header as written in the file
    missing_required: list[Column]


class Assembler:
    def __init__(self, file: str, mapping: ColumnMapping) -> None:
        self.file = file
        self.mapping = mapping
        self.parser = mapping.parser
        self.cases: dict[str, _Case] = {}
        self.problems: list[Problem] = []  # rows that belong to no case, notices about columns/sheets
        self.persons_read = 0
        self.rows_read = 0

    # ------------------------------------------------------------------ entry point

    def assemble(self, sheets: Iterable[RawSheet]) -> list[Candidate]:
        by_name: dict[str, RawSheet] = {}
        for raw in sheets:
            ours = sheet_named(self.mapping.sheet(raw.name))
            if ours is None:
                self.problems.append(
                    problem(
                        raw.file,
                        Cell(raw.name, None),
                        "unknown_sheet",
                        MESSAGES["unknown_sheet"],
                        severity="info",
                        sheet=raw.name,
                    )
                )
                continue
            by_name[ours.name] = raw
        if PERSONS not in by_name:
            raise UnusableInput(
                [
                    problem(
                        self.file,
                        Cell(PERSONS, None),
                        "missing_sheet",
                        _NO_PERSONS,
                    )
                ]
            )
        self._read_persons(by_name[PERSONS])
        for spec in LIST_SHEETS:
            if spec.name in by_name:
                self._read_list(spec, by_name[spec.name])
        return [self._finish(case) for case in self.cases.values()]

    # ------------------------------------------------------------------ headers

    def _columns(self, spec: Sheet, raw: RawSheet) -> _Columns:
        by_index: dict[int, Column] = {}
        header_of: dict[str, str] = {}
        fatal: list[Problem] = []
        for index, header in enumerate(raw.headers):
            if is_empty(header):
                continue
            written = as_text(header)
            column = spec.column(self.mapping.column(spec.name, written))
            if column is None:
                if not self.mapping.ignored(written):
                    self.problems.append(
                        problem(
                            raw.file,
                            Cell(raw.name, raw.header_row, written),
                            "unknown_column",
                            MESSAGES["unknown_column"],
                            severity="info",
                            column=written,
                            sheet=raw.name,
                        )
                    )
                continue
            if column.header in header_of:
                fatal.append(
                    problem(
                        raw.file,
                        Cell(raw.name, raw.header_row, written),
                        "duplicate_column",
                        MESSAGES["duplicate_column"],
                        column=written,
                        sheet=raw.name,
                        other=header_of[column.header],
                    )
                )
                continue
            by_index[index] = column
            header_of[column.header] = written
        if fatal:
            raise UnusableInput(fatal)
        missing = [c for c in spec.required if c.header not in header_of]
        return _Columns(by_index, header_of, missing)

    def _cells(
        self, spec: Sheet, raw: RawSheet, cols: _Columns, number: int, values: Sequence[object]
    ) -> Iterator[tuple[Column, object, Cell]]:
        """The non-empty cells of a row, value codes already translated by the mapping."""
        for index, column in cols.by_index.items():
            value = values[index] if index < len(values) else None
            if is_empty(value):
                continue
            cell = Cell(raw.name, number, cols.header_of[column.header], as_text(value))
            yield column, self.mapping.value(spec.name, column.header, value), cell

    # ------------------------------------------------------------------ Personen

    def _read_persons(self, raw: RawSheet) -> None:
        spec = PERSONS_SHEET
        cols = self._columns(spec, raw)
        for number, values in raw.rows:
            if all(is_empty(v) for v in values):
                continue
            self.rows_read += 1
            self.persons_read += 1
            self._person_row(spec, raw, cols, number, values)

    def _person_row(
        self, spec: Sheet, raw: RawSheet, cols: _Columns, number: int, values: Sequence[object]
    ) -> None:
        parsed: list[tuple[Column, Any, Cell]] = []
        errors: list[Problem] = []
        for column, value, cell in self._cells(spec, raw, cols, number, values):
            try:
                parsed.append((column, self.parser.parse(column, value), cell))
            except CellError as exc:
                errors.append(Problem(raw.file, cell, exc.code, "error", exc.de, exc.en))
        got = {c.header: (v, cell) for c, v, cell in parsed}
        case_id = _text(got.get(KEY_CASE))
        person_id = _text(got.get(KEY_PERSON))
        for column in spec.required:
            if column.header not in got and not any(p.where.column == _written(cols, column) for p in errors):
                errors.append(self._missing(raw, cols, column, number))
        errors = [_about(p, case_id, person_id) for p in errors]
        if case_id is None:
            self.problems.extend(errors)  # a row without Aktenzeichen belongs to no case
            return
        case = self.cases.get(case_id)
        if case is None:
            case = self.cases[case_id] = _Case(case_id, number)
            case.prov[()] = Cell(raw.name, number, None)
            case.prov[("id",)] = got[KEY_CASE][1]
        case.problems.extend(errors)
        if person_id is None:
            return
        if person_id in case.by_id:
            first = case.by_id[person_id].row
            case.problems.append(
                problem(
                    raw.file,
                    got[KEY_PERSON][1],
                    "duplicate_person_id",
                    MESSAGES["duplicate_person"],
                    case_id=case_id,
                    person_id=person_id,
                    person=person_id,
                    case=case_id,
                    first=first,
                )
            )
            return
        person = _Person({}, len(case.persons), number)
        case.persons.append(person)
        case.by_id[person_id] = person
        base: Loc = ("persons", person.index)
        case.prov[base] = Cell(raw.name, number, None)
        for column, value, cell in parsed:
            person.cells[column.header] = cell
            role = column.role
            if role == "case":
                if column.header == KEY_CASE:
                    continue
                self._case_field(case, column, value, cell)
            elif role == "household_key":
                person.household, person.household_cell = as_text(value), cell
            elif role == "household":
                continue  # after the loop, once the household label is known
            elif role == "count":
                assert column.count_of is not None
                person.counts[column.count_of] = (value, cell)
            elif role == "duldung":
                person.duldung[column.path[0]] = (value, cell)
            elif role == "german":
                person.german[column.path[0]] = (value, cell)
            elif role == "json":
                self._merge_json(case, person.doc, value, cell, base)
            else:
                if _put(person.doc, column.path, value):
                    case.prov[(*base, *column.path)] = cell
                else:
                    case.problems.append(self._json_conflict(cell, column.key, case_id, person_id))
        for column, value, cell in parsed:
            if column.role == "household":
                key = (person.household or "", column.path[0])
                self._first_wins(case, case.money, key, column, value, cell)

    def _case_field(self, case: _Case, column: Column, value: Any, cell: Cell) -> None:
        self._first_wins(case, case.fields, column.path[0], column, value, cell)

    def _first_wins(
        self,
        case: _Case,
        store: dict[Any, tuple[Any, Cell]],
        key: Any,
        column: Column,
        value: Any,
        cell: Cell,
    ) -> None:
        """Values given once per case/household: the same value may repeat, a different one is an error."""
        if key not in store:
            store[key] = (value, cell)
            return
        other, first = store[key]
        if other != value:
            case.problems.append(
                problem(
                    self.file,
                    cell,
                    "conflicting_value",
                    MESSAGES["conflicting_value"],
                    case_id=case.case_id,
                    column=cell.column or column.header,
                    value=cell.value,
                    other=first.value,
                    first=first.row,
                )
            )

    # ------------------------------------------------------------------ list sheets

    def _read_list(self, spec: Sheet, raw: RawSheet) -> None:
        cols = self._columns(spec, raw)
        for number, values in raw.rows:
            if all(is_empty(v) for v in values):
                continue
            self.rows_read += 1
            self._list_row(spec, raw, cols, number, values)

    def _list_row(
        self, spec: Sheet, raw: RawSheet, cols: _Columns, number: int, values: Sequence[object]
    ) -> None:
        entry: dict[str, Any] = {}
        prov: dict[Loc, Cell] = {(): Cell(raw.name, number, None)}
        errors: list[Problem] = []
        keys: dict[str, tuple[Any, Cell]] = {}
        json_cell: tuple[dict[str, Any], Cell] | None = None
        for column, value, cell in self._cells(spec, raw, cols, number, values):
            try:
                parsed = self.parser.parse(column, value)
            except CellError as exc:
                errors.append(Problem(raw.file, cell, exc.code, "error", exc.de, exc.en))
                continue
            if column.header in (KEY_CASE, KEY_PERSON):
                keys[column.header] = (parsed, cell)
            elif column.role == "json":
                json_cell = (parsed, cell)
            else:
                entry[column.path[0]] = parsed
                prov[column.path] = cell
        for column in spec.required:
            present = column.header in keys or (column.path and column.path[0] in entry)
            if not present and not any(p.where.column == _written(cols, column) for p in errors):
                errors.append(self._missing(raw, cols, column, number))
        case_id, person_id = _text(keys.get(KEY_CASE)), _text(keys.get(KEY_PERSON))
        errors = [_about(p, case_id, person_id) for p in errors]
        case = self.cases.get(case_id) if case_id is not None else None
        if case is None:
            if case_id is not None:
                errors.append(
                    problem(
                        raw.file,
                        keys[KEY_CASE][1],
                        "unknown_case",
                        MESSAGES["unknown_case"],
                        case_id=case_id,
                        person_id=person_id,
                        case=case_id,
                    )
                )
            self.problems.extend(errors)
            return
        case.problems.extend(errors)
        person = case.by_id.get(person_id) if person_id is not None else None
        if person is None:
            if person_id is not None:
                case.problems.append(
                    problem(
                        raw.file,
                        keys[KEY_PERSON][1],
                        "unknown_person",
                        MESSAGES["unknown_person"],
                        case_id=case_id,
                        person_id=person_id,
                        case=case_id,
                        person=person_id,
                    )
                )
            return
        if json_cell is not None:
            extra, cell = json_cell
            for key, value in extra.items():
                if key in entry:
                    case.problems.append(self._json_conflict(cell, key, case_id, person_id))
                else:
                    entry[key] = value
                    prov[(key,)] = cell
        person.entries.setdefault(spec.name, []).append((entry, number, prov))

    # ------------------------------------------------------------------ finishing a case

    def _finish(self, case: _Case) -> Candidate:
        doc: dict[str, Any] = {"format": FORMAT, "id": case.case_id}
        for key, (value, cell) in case.fields.items():
            doc[key] = value
            case.prov[(key,)] = cell
        doc["persons"] = [p.doc for p in case.persons]
        for person in case.persons:
            self._finish_person(case, person)
        households = self._households(case)
        if households is not None:
            doc["households"] = households
        rows = [(PERSONS, p.row, p.doc.get("id")) for p in case.persons]
        return Candidate(doc, case.prov, case.problems, rows, source_sheet=PERSONS)

    def _finish_person(self, case: _Case, person: _Person) -> None:
        base: Loc = ("persons", person.index)
        for spec in LIST_SHEETS:
            rows = person.entries.get(spec.name, [])
            entries: list[tuple[dict[str, Any], dict[Loc, Cell]]] = [(e, prov) for e, _, prov in rows]
            if spec.name == "Sprachnachweise" and person.german:
                entries.insert(0, self._inline_german(case, person))
            if spec.name == "Aufenthalte":
                entries = self._statuses(case, person, entries)
            count = person.counts.get(spec.name)
            if count is not None:
                self._check_count(case, person, spec, count, len(entries))
            if not entries and count is None:
                continue
            target = person.doc
            for key in spec.target[:-1]:
                target = target.setdefault(key, {})
            target[spec.target[-1]] = [e for e, _ in entries]
            list_loc = (*base, *spec.target)
            case.prov.setdefault(list_loc, count[1] if count else entries[0][1][()])
            for position, (_, prov) in enumerate(entries):
                for loc, cell in prov.items():
                    case.prov[(*list_loc, position, *loc)] = cell

    def _inline_german(self, case: _Case, person: _Person) -> tuple[dict[str, Any], dict[Loc, Cell]]:
        entry = {key: value for key, (value, _) in person.german.items()}
        prov: dict[Loc, Cell] = {(key,): cell for key, (_, cell) in person.german.items()}
        first = next(iter(person.german.values()))[1]
        prov[()] = person.german.get("level", (None, first))[1]
        return entry, prov

    def _statuses(
        self, case: _Case, person: _Person, entries: list[tuple[dict[str, Any], dict[Loc, Cell]]]
    ) -> list[tuple[dict[str, Any], dict[Loc, Cell]]]:
        """Check the Duldung summary of the Personen row against the sheet, or make a period from it."""
        summary = person.duldung
        if not summary:
            return entries
        pid = person.doc.get("id")
        if entries:
            current = next(
                (e for e, _ in entries if e.get("type") == "duldung" and e.get("to") is None),
                None,
            )
            for key, (value, cell) in summary.items():
                other = current.get(key) if current else None
                if other != value:
                    shown = "keine laufende Duldung" if current is None else f"{other or 'leer'}"
                    case.problems.append(
                        problem(
                            self.file,
                            cell,
                            "duldung_mismatch",
                            MESSAGES["duldung_mismatch"],
                            case_id=case.case_id,
                            person_id=pid,
                            column=cell.column,
                            other=shown,
                        )
                    )
            return entries
        if "from" not in summary:
            for _, cell in summary.values():
                case.problems.append(
                    problem(
                        self.file,
                        cell,
                        "duldung_without_start",
                        MESSAGES["duldung_without_start"],
                        case_id=case.case_id,
                        person_id=pid,
                        column=cell.column,
                    )
                )
            return entries
        entry: dict[str, Any] = {"type": "duldung"}
        prov: dict[Loc, Cell] = {(): summary["from"][1], ("type",): summary["from"][1]}
        for key in ("basis", "from", "valid_until"):
            if key in summary:
                entry[key] = summary[key][0]
                prov[(key,)] = summary[key][1]
        return [(entry, prov)]

    def _check_count(
        self, case: _Case, person: _Person, spec: Sheet, count: tuple[int, Cell], found: int
    ) -> None:
        expected, cell = count
        ok = found >= 1 if expected == AT_LEAST_ONE else found == expected
        if ok:
            return
        case.problems.append(
            problem(
                self.file,
                cell,
                "count_mismatch",
                MESSAGES["count_mismatch"],
                case_id=case.case_id,
                person_id=person.doc.get("id"),
                column=cell.column,
                expected=cell.value,
                found=found,
                sheet=spec.name,
            )
        )

    def _households(self, case: _Case) -> list[dict[str, Any]] | None:
        labelled = [p for p in case.persons if p.household is not None]
        if not labelled and not case.money:
            return None
        groups: dict[str, list[_Person]] = {}
        if labelled:
            for p in labelled:
                groups.setdefault(p.household or "", []).append(p)
        else:
            groups[""] = list(case.persons)
        out: list[dict[str, Any]] = []
        for position, (label, members) in enumerate(groups.items()):
            household: dict[str, Any] = {"members": [p.doc.get("id") for p in members]}
            loc: Loc = ("households", position)
            first = members[0]
            case.prov[loc] = first.household_cell or Cell(PERSONS, first.row, None)
            for key in ("monthly_need_eur", "monthly_public_benefits_eur"):
                given = case.money.get((label, key))
                if given is not None:
                    household[key] = given[0]
                    case.prov[(*loc, key)] = given[1]
            out.append(household)
        for label, key in case.money:
            if label not in groups:  # money on a row whose person is in no labelled household
                cell = case.money[(label, key)][1]
                case.problems.append(
                    problem(
                        self.file,
                        cell,
                        "household_missing",
                        _NO_HOUSEHOLD,
                        case_id=case.case_id,
                        column=cell.column,
                    )
                )
        return out

    # ------------------------------------------------------------------ helpers

    def _merge_json(
        self, case: _Case, target: dict[str, Any], extra: dict[str, Any], cell: Cell, base: Loc
    ) -> None:
        for key, value in extra.items():
            if key in target and isinstance(target[key], dict) and isinstance(value, dict):
                self._merge_json(case, target[key], value, cell, (*base, key))
            elif key in target:
                case.problems.append(self._json_conflict(cell, key, case.case_id, None))
            else:
                target[key] = value
                case.prov[(*base, key)] = cell

    def _json_conflict(self, cell: Cell, key: str, case_id: str | None, person_id: str | None) -> Problem:
        return problem(
            self.file,
            cell,
            "json_conflict",
            MESSAGES["json_conflict"],
            case_id=case_id,
            person_id=person_id,
            key=key,
        )

    def _missing(self, raw: RawSheet, cols: _Columns, column: Column, number: int) -> Problem:
        if column in cols.missing_required:
            return problem(
                raw.file,
                Cell(raw.name, number, column.header),
                "missing_required_column",
                MESSAGES["missing_required_column"],
                column=column.header,
                sheet=raw.name,
            )
        return problem(
            raw.file,
            Cell(raw.name, number, _written(cols, column)),
            "missing_required",
            MESSAGES["missing_required"],
            column=_written(cols, column),
        )


def _written(cols: _Columns, column: Column) -> str:
    return cols.header_of.get(column.header, column.header)


def _text(given: tuple[Any, Cell] | None) -> str | None:
    if given is None:
        return None
    value = given[0]
    return value if isinstance(value, str) and value else None


def _about(p: Problem, case_id: str | None, person_id: str | None) -> Problem:
    return replace(p, case_id=case_id, person_id=person_id)


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> bool:
    for key in path[:-1]:
        nxt = target.setdefault(key, {})
        if not isinstance(nxt, dict):
            return False
        target = nxt
    if path[-1] in target:
        return False
    target[path[-1]] = value
    return True


_NO_PERSONS = MESSAGES["missing_sheet"]
_NO_HOUSEHOLD = MESSAGES["household_missing"]
