"""Problems found while reading a caseload: one per rejected row or cell, located by file, sheet, row, column.

Severity: ``error`` rejects the case the row belongs to (its persons are not screened; a row that belongs to no
case is rejected alone); ``warning`` and ``info`` are reported, and the case is screened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bleiberecht.law.norm import Text

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a value came from. ``row`` is the row number a spreadsheet program shows (header = 1) or the line
    of a JSON Lines file; ``column`` the header as written in the file (or a JSON path for JSON Lines)."""

    sheet: str | None
    row: int | None
    column: str | None = None
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    where: Cell
    code: str
    severity: Severity
    message_de: str
    message_en: str
    case_id: str | None = None
    person_id: str | None = None

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_de

    @property
    def rejects(self) -> bool:
        return self.severity == "error"


class UnusableInput(Exception):
    """The input cannot be read as a caseload at all (exit code 2); ``problems`` say why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message_en if problems else "unusable input")
        self.problems = problems


def problem(
    source: str,
    where: Cell,
    code: str,
    text: Text,
    *,
    severity: Severity = "error",
    case_id: str | None = None,
    person_id: str | None = None,
    **values: object,
) -> Problem:
    """A problem whose German and English message are ``text`` filled with ``values``."""
    return Problem(
        source,
        where,
        code,
        severity,
        text.de.format(**values),
        text.en.format(**values),
        case_id,
        person_id,
    )


MESSAGES: dict[str, Text] = {
    "missing_required": Text(
        "Pflichtangabe '{column}' fehlt.",
        "Required value '{column}' is missing.",
    ),
    "missing_required_column": Text(
        "Die Pflichtspalte '{column}' fehlt im Blatt {sheet}.",
        "The required column '{column}' is missing from the sheet {sheet}.",
    ),
    "duplicate_person": Text(
        "Person-ID '{person}' kommt im Aktenzeichen '{case}' doppelt vor (zuerst in Zeile {first}).",
        "Person id '{person}' occurs twice in case '{case}' (first in row {first}).",
    ),
    "unknown_case": Text(
        "Aktenzeichen '{case}' steht nicht im Blatt Personen; die Zeile gehört zu keinem Fall.",
        "Case '{case}' is not in the sheet Personen; the row belongs to no case.",
    ),
    "unknown_person": Text(
        "Person-ID '{person}' gibt es im Aktenzeichen '{case}' im Blatt Personen nicht.",
        "Person id '{person}' does not exist in case '{case}' in the sheet Personen.",
    ),
    "conflicting_value": Text(
        "Widerspruch: '{column}' ist hier '{value}', in Zeile {first} aber '{other}'.",
        "Conflict: '{column}' is '{value}' here but '{other}' in row {first}.",
    ),
    "count_mismatch": Text(
        "'{column}' sagt {expected}, gefunden: {found} Einträge (Personenzeile und Blatt {sheet}).",
        "'{column}' says {expected}, found {found} entries (person row and sheet {sheet}).",
    ),
    "duldung_mismatch": Text(
        "'{column}' passt nicht zur laufenden Duldung im Blatt Aufenthalte ({other}).",
        "'{column}' does not match the current Duldung in the sheet Aufenthalte ({other}).",
    ),
    "duldung_without_start": Text(
        "'{column}' ohne 'Duldung seit': der Beginn der Duldung fehlt.",
        "'{column}' without 'Duldung seit': the start of the Duldung is missing.",
    ),
    "json_conflict": Text(
        "Das Feld '{key}' steht in 'Weitere Angaben (JSON)' und zugleich in einer Spalte.",
        "The field '{key}' is given in 'Weitere Angaben (JSON)' and in a column as well.",
    ),
    "unknown_column": Text(
        "Unbekannte Spalte '{column}' im Blatt {sheet}: ignoriert (Zuordnungsdatei --mapping nutzen).",
        "Unknown column '{column}' in the sheet {sheet}: ignored (use a mapping file, --mapping).",
    ),
    "duplicate_column": Text(
        "Die Spalte '{column}' kommt im Blatt {sheet} doppelt vor (auch als '{other}').",
        "The column '{column}' occurs twice in the sheet {sheet} (also as '{other}').",
    ),
    "unknown_sheet": Text(
        "Unbekanntes Blatt '{sheet}': ignoriert.",
        "Unknown sheet '{sheet}': ignored.",
    ),
    "missing_sheet": Text(
        "Das Blatt 'Personen' fehlt: es ist das einzige Pflichtblatt (eine Zeile je Person).",
        "The sheet 'Personen' is missing: it is the only required sheet (one row per person).",
    ),
    "household_missing": Text(
        "Bedarf/Leistungen ohne Haushalt: andere Personen dieses Falls haben ein Haushaltskennzeichen, diese "
        "nicht.",
        "Need/benefits without a household: other persons of this case have a household label, this one not.",
    ),
    "case_rejected": Text(
        "Nicht geprüft: der Fall '{case}' wurde wegen eines Fehlers abgelehnt ({first}).",
        "Not screened: the case '{case}' was rejected because of an error ({first}).",
    ),
}
