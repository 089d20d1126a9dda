"""Case v1 documents -> rows of the spreadsheet format (the inverse of `assemble`).

Used to write synthetic caseloads as XLSX or CSV and the example file. Nothing is lost: fields without a
column of their own go to ``Weitere Angaben (JSON)``, so reading the rows back gives the same documents (up to
keys whose value is ``null``, which mean "unknown" exactly like an absent key).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from bleiberecht.screening.tabular.columns import (
    COUNT_COLUMNS,
    JSON_HEADER,
    KEY_CASE,
    KEY_PERSON,
    LIST_SHEETS,
    PERSONS,
    PERSONS_SHEET,
    SHEETS,
    Column,
    Sheet,
)
from bleiberecht.screening.tabular.vocab import display

Row = list[object]
GERMAN_INLINE = {c.path[0]: c for c in PERSONS_SHEET.columns if c.role == "german"}
# Person fields that have a place of their own (a column or a list sheet); the rest goes to the JSON column.
_COVERED: set[tuple[str, ...]] = {c.path for c in PERSONS_SHEET.columns if c.role == "person" and c.path}
_LIST_TARGETS = {s.target for s in LIST_SHEETS}
_LAND = next(c for c in PERSONS_SHEET.columns if c.header == "Bundesland")


def headers(sheet: Sheet) -> list[str]:
    return [c.header for c in sheet.columns]


def cell_value(column: Column, value: Any) -> object:
    """A case v1 value as the spreadsheet shows it: dates as dates, Ja/Nein, German words for codes."""
    if value is None:
        return None
    kind = column.kind
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "bool":
        return "Ja" if value else "Nein"
    if kind == "enum":
        return display(column.vocab or {}, value)
    if kind == "ids":
        return "; ".join(value) if value else "keine"
    return value


def to_rows(cases: Iterable[Mapping[str, Any]]) -> dict[str, list[Row]]:
    """All rows of all sheets (without header rows), sheet name -> rows, in the order of the format."""
    rows: dict[str, list[Row]] = {name: [] for name in SHEETS}
    for case in cases:
        _case_rows(case, rows)
    return rows


def _case_rows(case: Mapping[str, Any], rows: dict[str, list[Row]]) -> None:
    households = case.get("households")
    label: dict[str, tuple[str, Mapping[str, Any]]] = {}
    for position, household in enumerate(households or []):
        for member in household.get("members", []):
            label.setdefault(member, (str(position + 1), household))
    for person in case["persons"]:
        extra: dict[str, Any] = {}
        values: dict[str, object] = {}
        for column in PERSONS_SHEET.columns:
            if column.role == "person":
                values[column.header] = cell_value(column, _get(person, column.path))
        values[KEY_CASE] = case.get("id")
        values["Bundesland"] = cell_value(_LAND, case.get("land"))
        values["Prüfdatum"] = dt.date.fromisoformat(case["as_of"]) if case.get("as_of") else None
        if person["id"] in label:
            name, household = label[person["id"]]
            values["Haushalt"] = name
            values["Haushalt Bedarf (€/Monat)"] = household.get("monthly_need_eur")
            values["Haushalt Leistungen (€/Monat)"] = household.get("monthly_public_benefits_eur")
        _duldung_summary(person, values)
        lists = _lists(person)
        german = lists.get(("german",))
        if german and set(german[0]) <= set(GERMAN_INLINE):
            for key, column in GERMAN_INLINE.items():
                values[column.header] = cell_value(column, german[0].get(key))
            lists[("german",)] = german[1:]
        for spec in LIST_SHEETS:
            entries = _get(person, spec.target)
            if entries is None:
                continue
            values[COUNT_COLUMNS[spec.name].header] = len(entries) if entries else "keine"
            for entry in lists.get(spec.target, []):
                rows[spec.name].append(_entry_row(spec, case.get("id"), person["id"], entry))
        _leftovers(person, (), extra)
        values[JSON_HEADER] = json.dumps(extra, ensure_ascii=False) if extra else None
        rows[PERSONS].append([values.get(h) for h in headers(PERSONS_SHEET)])


def _duldung_summary(person: Mapping[str, Any], values: dict[str, object]) -> None:
    current = next(
        (s for s in person.get("statuses") or [] if s.get("type") == "duldung" and s.get("to") is None),
        None,
    )
    if current is None:
        return
    for column in PERSONS_SHEET.columns:
        if column.role == "duldung":
            values[column.header] = cell_value(column, current.get(column.path[0]))


def _lists(person: Mapping[str, Any]) -> dict[tuple[str, ...], list[Mapping[str, Any]]]:
    return {spec.target: list(_get(person, spec.target) or []) for spec in LIST_SHEETS}


def _entry_row(spec: Sheet, case_id: object, person_id: str, entry: Mapping[str, Any]) -> Row:
    values: dict[str, object] = {KEY_CASE: case_id, KEY_PERSON: person_id}
    covered = set()
    for column in spec.columns:
        if column.role in ("case", "json") or column.header == KEY_PERSON:
            continue
        key = column.path[0]
        covered.add(key)
        values[column.header] = cell_value(column, entry.get(key))
    extra = {k: v for k, v in entry.items() if k not in covered and v is not None}
    values[JSON_HEADER] = json.dumps(extra, ensure_ascii=False) if extra else None
    return [values.get(h) for h in headers(spec)]


def _leftovers(obj: Mapping[str, Any], prefix: tuple[str, ...], out: dict[str, Any]) -> None:
    """Fields of the person without a column or sheet of their own, as a nested JSON object."""
    for key, value in obj.items():
        path = (*prefix, key)
        if value is None or path in _COVERED or path in _LIST_TARGETS or path == ("id",):
            continue
        if isinstance(value, Mapping) and any(c[: len(path)] == path for c in _COVERED | _LIST_TARGETS):
            inner: dict[str, Any] = {}
            _leftovers(value, path, inner)
            if inner:
                out[key] = inner
            continue
        out[key] = value


def _get(obj: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    cur: Any = obj
    for key in path:
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(key)
    return cur
