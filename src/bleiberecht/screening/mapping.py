"""Mapping files: read a vendor's export (any Fachverfahren) without editing it.

A mapping file (TOML or YAML) renames sheets and column headers to ours and translates value codes::

    ignorieren = ["Sachbearbeitung"]    # columns skipped without a notice
    ja = ["J"]                          # further words for yes / no
    nein = ["N"]
    datumsformate = ["%d/%m/%Y"]        # further date formats (Python strptime)

    [blaetter]                      # sheet name in the export = our sheet name
    "Personendaten" = "Personen"

    [spalten]                       # header in the export = our header (all sheets)
    "AZ" = "Aktenzeichen"
    "Geb.-Datum" = "Geburtsdatum"

    [spalten.Aufenthalte]           # only for one sheet (our sheet name)
    "Beginn" = "Von"

    [werte."Staatsangehörigkeit"]   # our header: value in the export = our value
    "438" = "IRQ"

    [werte.Aufenthalte.Art]         # values of one sheet's column only
    "D" = "Duldung"

English keys (``sheets``, ``columns``, ``values``, ``ignore``, ``yes``, ``no``, ``date_formats``) are accepted
as well. Every target must be a sheet or header of our format, so a typo in the mapping is caught.
"""

from __future__ import annotations

import pathlib
import tomllib
from collections.abc import Mapping as AnyMapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from bleiberecht.law.norm import Text
from bleiberecht.screening.tabular.cells import CellParser, as_text
from bleiberecht.screening.tabular.columns import SHEETS, sheet_named

KEYS = {
    "blaetter": "sheets",
    "blätter": "sheets",
    "sheets": "sheets",
    "spalten": "columns",
    "columns": "columns",
    "werte": "values",
    "values": "values",
    "ignorieren": "ignore",
    "ignore": "ignore",
    "ja": "yes",
    "yes": "yes",
    "nein": "no",
    "no": "no",
    "datumsformate": "date_formats",
    "date_formats": "date_formats",
}


class MappingError(Exception):
    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


@dataclass
class ColumnMapping:
    """Renames and value translations; the empty mapping changes nothing."""

    sheets: dict[str, str] = field(default_factory=dict)
    columns: dict[str | None, dict[str, str]] = field(default_factory=dict)
    values: dict[tuple[str | None, str], dict[str, str]] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()
    parser: CellParser = field(default_factory=CellParser)
    source: str | None = None

    def sheet(self, name: str) -> str:
        return self.sheets.get(name.strip().casefold(), name.strip())

    def column(self, sheet: str, header: str) -> str:
        folded = header.strip().casefold()
        for scope in (sheet, None):
            target = self.columns.get(scope, {}).get(folded)
            if target is not None:
                return target
        return header.strip()

    def ignored(self, header: str) -> bool:
        return header.strip().casefold() in self.ignore

    def value(self, sheet: str, header: str, raw: object) -> object:
        if not self.values or raw is None:
            return raw
        text = as_text(raw)
        for scope in (sheet, None):
            table = self.values.get((scope, header.casefold()))
            if table is None:
                continue
            if text in table:
                return table[text]
            folded = text.casefold()
            for key, target in table.items():
                if key.casefold() == folded:
                    return target
        return raw


def load_mapping(path: pathlib.Path) -> ColumnMapping:
    """Read and check a mapping file; raises `MappingError` with a German and English reason."""
    try:
        raw_text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(
            Text(
                f"Die Zuordnungsdatei {path} kann nicht gelesen werden ({exc}).",
                f"Cannot read the mapping file {path} ({exc}).",
            )
        ) from None
    try:
        if path.suffix.lower() == ".toml":
            data: Any = tomllib.loads(raw_text)
        else:
            data = yaml.safe_load(raw_text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise MappingError(
            Text(
                f"Die Zuordnungsdatei {path} ist fehlerhaft: {exc}",
                f"The mapping file {path} is malformed: {exc}",
            )
        ) from None
    return build_mapping(data or {}, source=str(path))


def build_mapping(data: object, *, source: str | None = None) -> ColumnMapping:
    if not isinstance(data, AnyMapping):
        raise _bad(
            "Die Zuordnungsdatei muss Abschnitte enthalten.", "The mapping file must contain sections."
        )
    parts: dict[str, Any] = {}
    for key, value in data.items():
        canonical = KEYS.get(str(key).casefold())
        if canonical is None:
            raise _bad(
                f"Unbekannter Abschnitt '{key}'. Erlaubt: blaetter, spalten, werte, ignorieren, ja, nein, "
                "datumsformate.",
                f"Unknown section '{key}'. Allowed: sheets, columns, values, ignore, yes, no, date_formats.",
            )
        parts[canonical] = value

    sheets: dict[str, str] = {}
    for vendor, ours in _table(parts.get("sheets"), "blaetter").items():
        target = sheet_named(str(ours))
        if target is None:
            raise _unknown_target("Blatt", "sheet", str(ours), ", ".join(SHEETS))
        sheets[str(vendor).strip().casefold()] = target.name

    columns: dict[str | None, dict[str, str]] = {}
    for key, value in _table(parts.get("columns"), "spalten").items():
        if isinstance(value, AnyMapping):
            scope = _sheet_scope(str(key))
            for vendor, ours in value.items():
                columns.setdefault(scope, {})[str(vendor).strip().casefold()] = _header(scope, str(ours))
        else:
            columns.setdefault(None, {})[str(key).strip().casefold()] = _header(None, str(value))

    values: dict[tuple[str | None, str], dict[str, str]] = {}
    for key, value in _table(parts.get("values"), "werte").items():
        table = _table(value, f"werte.{key}")
        if table and all(isinstance(v, AnyMapping) for v in table.values()):
            scope = _sheet_scope(str(key))
            for header, inner in table.items():
                ours = _header(scope, str(header))
                values[(scope, ours.casefold())] = _strings(inner, f"werte.{key}.{header}")
        else:
            ours = _header(None, str(key))
            values[(None, ours.casefold())] = _strings(table, f"werte.{key}")

    parser = CellParser.with_extras(
        yes=_list(parts.get("yes"), "ja"),
        no=_list(parts.get("no"), "nein"),
        date_formats=_list(parts.get("date_formats"), "datumsformate"),
    )
    return ColumnMapping(
        sheets=sheets,
        columns=columns,
        values=values,
        ignore=frozenset(h.strip().casefold() for h in _list(parts.get("ignore"), "ignorieren")),
        parser=parser,
        source=source,
    )


def _bad(de: str, en: str) -> MappingError:
    return MappingError(Text(f"Zuordnungsdatei: {de}", f"Mapping file: {en}"))


def _table(value: object, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, AnyMapping):
        raise _bad(f"'{name}' muss eine Tabelle sein.", f"'{name}' must be a table.")
    return {str(k): v for k, v in value.items()}


def _strings(value: object, name: str) -> dict[str, str]:
    table = _table(value, name)
    return {str(k).strip(): as_text(v) for k, v in table.items()}


def _list(value: object, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, list):
        raise _bad(f"'{name}' muss eine Liste sein.", f"'{name}' must be a list.")
    return [str(v) for v in value]


def _sheet_scope(name: str) -> str:
    sheet = sheet_named(name)
    if sheet is None:
        raise _unknown_target("Blatt", "sheet", name, ", ".join(SHEETS))
    return sheet.name


def _header(scope: str | None, header: str) -> str:
    sheets = [SHEETS[scope]] if scope else list(SHEETS.values())
    for sheet in sheets:
        column = sheet.column(header.strip())
        if column is not None:
            return column.header
    where = f" im Blatt {scope}" if scope else ""
    where_en = f" in the sheet {scope}" if scope else ""
    raise MappingError(
        Text(
            f"Zuordnungsdatei: Ziel '{header}' ist keine Spalte des Formats{where} (siehe "
            "docs/screening-input.md).",
            f"Mapping file: target '{header}' is not a column of the format{where_en} (see "
            "docs/screening-input.md).",
        )
    )


def _unknown_target(de: str, en: str, name: str, allowed: str) -> MappingError:
    return _bad(
        f"{de} '{name}' gibt es im Format nicht. Erlaubt: {allowed}.",
        f"{en} '{name}' does not exist in the format. Allowed: {allowed}.",
    )
