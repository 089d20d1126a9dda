"""One spreadsheet cell -> one case v1 value, or a `CellError` with a German and English reason.

An empty cell is ``None`` (unknown), never ``false``, ``0`` or ``[]``. Dates are accepted as real date cells,
as ``TT.MM.JJJJ`` or as ``JJJJ-MM-TT``; booleans as Ja/Nein (and a few synonyms); numbers with a German or an
English decimal mark.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bleiberecht.screening.tabular.columns import Column
from bleiberecht.screening.tabular.countries import nationality_code
from bleiberecht.screening.tabular.vocab import NO, NONE_WORDS, YES, display, lookup_table, token

AT_LEAST_ONE = -1  # a count cell saying "Ja": at least one entry, number not given

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")
_GERMAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_ID_SPLIT = re.compile(r"[;,]")


class CellError(Exception):
    """A cell that cannot be read. ``code`` is stable; ``de``/``en`` say why and what is expected."""

    def __init__(self, code: str, de: str, en: str) -> None:
        super().__init__(en)
        self.code = code
        self.de = de
        self.en = en


def is_empty(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def as_text(raw: object) -> str:
    """The cell as text: ``12.0`` -> ``"12"`` (ids typed into number cells), dates as ISO."""
    if isinstance(raw, bool):
        return "Ja" if raw else "Nein"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw).strip()


@dataclass
class CellParser:
    """Parses cells; a mapping file may add words for yes/no and further date formats."""

    yes: frozenset[str] = frozenset(token(w) for w in YES)
    no: frozenset[str] = frozenset(token(w) for w in NO)
    date_formats: tuple[str, ...] = ()
    _tables: dict[int, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def with_extras(
        cls, yes: Iterable[str] = (), no: Iterable[str] = (), date_formats: Iterable[str] = ()
    ) -> CellParser:
        base = cls()
        return cls(
            yes=base.yes | {token(w) for w in yes},
            no=base.no | {token(w) for w in no},
            date_formats=tuple(date_formats),
        )

    def parse(self, column: Column, raw: object) -> Any:
        """The case v1 value of a non-empty cell (callers skip empty cells)."""
        kind = column.kind
        if kind == "date":
            return self.date(raw)
        if kind == "bool":
            return self.boolean(raw)
        if kind == "int":
            return self.integer(raw)
        if kind == "number":
            return self.number(raw)
        if kind == "enum":
            return self.enum(column, raw)
        if kind == "nationality":
            return self.nationality(raw)
        if kind == "ids":
            return self.ids(raw)
        if kind == "count":
            return self.count(raw)
        if kind == "json":
            return self.json_object(raw)
        return as_text(raw)

    def date(self, raw: object) -> str:
        if isinstance(raw, dt.datetime):
            if raw.time() != dt.time(0, 0):
                raise _bad_date(as_text(raw))
            return raw.date().isoformat()
        if isinstance(raw, dt.date):
            return raw.isoformat()
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            raise CellError(
                "date_is_number",
                f"Zahl '{as_text(raw)}' statt eines Datums: die Zelle als Datum formatieren oder "
                "TT.MM.JJJJ eintragen.",
                f"Number '{as_text(raw)}' instead of a date: format the cell as a date or write DD.MM.YYYY.",
            )
        text = str(raw).strip()
        try:
            if m := _ISO.match(text):
                return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            if m := _GERMAN.match(text):
                return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
            for fmt in self.date_formats:
                try:
                    return dt.datetime.strptime(text, fmt).date().isoformat()
                except ValueError:
                    continue
        except ValueError:
            raise CellError(
                "invalid_date",
                f"'{text}' ist kein gültiger Kalendertag.",
                f"'{text}' is not a real calendar day.",
            ) from None
        raise _bad_date(text)

    def boolean(self, raw: object) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int | float) and raw in (0, 1):
            return bool(raw)
        t = token(as_text(raw))
        if t in self.yes:
            return True
        if t in self.no:
            return False
        raise CellError(
            "invalid_boolean",
            f"'{as_text(raw)}' ist weder Ja noch Nein (leer lassen, wenn unbekannt).",
            f"'{as_text(raw)}' is neither Ja (yes) nor Nein (no) (leave empty if unknown).",
        )

    def integer(self, raw: object) -> int:
        value = self.number(raw)
        if isinstance(value, float) and not value.is_integer():
            raise CellError(
                "not_an_integer",
                f"'{as_text(raw)}' ist keine ganze Zahl.",
                f"'{as_text(raw)}' is not a whole number.",
            )
        return int(value)

    def number(self, raw: object) -> int | float:
        if isinstance(raw, bool):
            raise _bad_number(as_text(raw))
        if isinstance(raw, int | float):
            return raw
        text = str(raw).strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif _THOUSANDS.match(text):
            text = text.replace(".", "")
        try:
            value = float(text)
        except ValueError:
            raise _bad_number(str(raw).strip()) from None
        if value != value or value in (float("inf"), float("-inf")):
            raise _bad_number(str(raw).strip())
        return int(value) if value.is_integer() and "." not in text else value

    def enum(self, column: Column, raw: object) -> str:
        vocabulary = column.vocab or {}
        table = self._tables.get(id(vocabulary))
        if table is None:
            table = self._tables[id(vocabulary)] = lookup_table(vocabulary)
        code = table.get(token(as_text(raw)))
        if code is None:
            allowed = ", ".join(display(vocabulary, c) for c in vocabulary)
            raise CellError(
                "unknown_value",
                f"Unbekannter Wert '{as_text(raw)}'. Erlaubt: {allowed}.",
                f"Unknown value '{as_text(raw)}'. Allowed: {allowed}.",
            )
        return code

    def nationality(self, raw: object) -> str:
        code = nationality_code(as_text(raw))
        if code is None:
            raise CellError(
                "unknown_nationality",
                f"Unbekannte Staatsangehörigkeit '{as_text(raw)}': erwartet ein ISO-3166-Code wie IRQ oder "
                "AFG (XXA staatenlos, XXX ungeklärt) oder ein deutscher Staatsname.",
                f"Unknown nationality '{as_text(raw)}': expected an ISO 3166 code such as IRQ or AFG (XXA "
                "stateless, XXX unclarified) or a German country name.",
            )
        return code

    def ids(self, raw: object) -> list[str]:
        text = as_text(raw)
        if token(text) in {token(w) for w in NONE_WORDS}:
            return []
        return [part.strip() for part in _ID_SPLIT.split(text) if part.strip()]

    def count(self, raw: object) -> int:
        text = as_text(raw)
        t = token(text)
        if t in {token(w) for w in NONE_WORDS}:
            return 0
        if t in self.yes:
            return AT_LEAST_ONE
        try:
            n = self.integer(raw)
        except CellError:
            n = -2
        if n < 0:
            raise CellError(
                "invalid_count",
                f"'{text}' ist keine Anzahl: erwartet keine, Ja oder eine Zahl (leer = unbekannt).",
                f"'{text}' is not a count: expected keine (none), Ja (yes) or a number (empty = unknown).",
            )
        return n

    def json_object(self, raw: object) -> dict[str, Any]:
        text = as_text(raw)
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise CellError(
                "invalid_json",
                f"Kein gültiges JSON ({exc}).",
                f"Not valid JSON ({exc}).",
            ) from None
        if not isinstance(value, Mapping):
            raise CellError(
                "invalid_json",
                "Erwartet wird ein JSON-Objekt in geschweiften Klammern: {…}.",
                "A JSON object in curly braces is expected: {…}.",
            )
        return dict(value)


def _bad_date(text: str) -> CellError:
    return CellError(
        "invalid_date_format",
        f"'{text}' ist kein Datum: erwartet TT.MM.JJJJ oder JJJJ-MM-TT.",
        f"'{text}' is not a date: expected DD.MM.YYYY or YYYY-MM-DD.",
    )


def _bad_number(text: str) -> CellError:
    return CellError(
        "invalid_number",
        f"'{text}' ist keine Zahl.",
        f"'{text}' is not a number.",
    )
