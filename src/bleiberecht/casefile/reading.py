"""Turning a file, text or bytes into a JSON document, with clerk-readable parse errors."""

from __future__ import annotations

import copy
import json
import pathlib
from dataclasses import replace
from typing import Any

from bleiberecht.casefile.issues import Code, Issue, error

CaseSource = pathlib.Path | str | bytes | dict[str, Any]

# json's messages, translated; the position is added separately.
_JSON_MESSAGES = {
    "Expecting value": ("Wert erwartet (fehlt ein Wert, oder steht ein Komma zu viel?)", "expecting a value"),
    "Expecting ',' delimiter": ("Komma erwartet", "expecting ','"),
    "Expecting ':' delimiter": ("Doppelpunkt erwartet", "expecting ':'"),
    "Expecting property name enclosed in double quotes": (
        "Feldname in doppelten Anführungszeichen erwartet (steht ein Komma zu viel vor '}'?)",
        "expecting a field name in double quotes (a comma too many before '}'?)",
    ),
    "Unterminated string starting at": ("Text ohne schließendes Anführungszeichen", "unterminated string"),
    "Invalid control character at": (
        "Unerlaubtes Steuerzeichen (z. B. Zeilenumbruch) in einem Text",
        "invalid control character (e.g. a line break) inside a string",
    ),
    "Invalid \\escape": ("Ungültige Escape-Sequenz mit '\\'", "invalid escape sequence with '\\'"),
    "Extra data": (
        "Nach dem Ende des JSON-Dokuments folgt weiterer Text",
        "extra text after the JSON document",
    ),
}


class _NonStandardNumber(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    # Python's json accepts NaN/Infinity, which are not JSON and would slip past "minimum" checks.
    raise _NonStandardNumber(name)


def parse_json(text: str, *, line: int | None = None) -> tuple[Any, list[Issue]]:
    """Parse JSON text. `line` is the JSON Lines line number, which replaces json's own line count."""
    try:
        return json.loads(text, parse_constant=_reject_constant), []
    except _NonStandardNumber as exc:
        return None, [
            error(
                (),
                Code.INVALID_JSON,
                f"Ungültiges JSON: Der Wert {exc} ist in JSON nicht erlaubt.",
                f"Invalid JSON: the value {exc} is not allowed in JSON.",
            )
        ]
    except json.JSONDecodeError as exc:
        de, en = _JSON_MESSAGES.get(exc.msg, (exc.msg, exc.msg))
        row = line if line is not None else exc.lineno
        issue = error(
            (),
            Code.INVALID_JSON,
            f"Ungültiges JSON in Zeile {row}, Spalte {exc.colno}: {de}.",
            f"Invalid JSON at line {row}, column {exc.colno}: {en}.",
        )
        return None, [replace(issue, line=row, column=exc.colno)]


def decode(raw: bytes) -> tuple[str | None, list[Issue]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        return None, [
            error(
                (),
                Code.INVALID_ENCODING,
                f"Die Datei ist nicht UTF-8-kodiert (ungültiges Byte an Position {exc.start}). "
                "Bitte als UTF-8 speichern.",
                f"The file is not UTF-8 encoded (invalid byte at position {exc.start}). "
                "Please save it as UTF-8.",
            )
        ]


def read_bytes(path: pathlib.Path) -> tuple[bytes | None, list[Issue]]:
    try:
        return path.read_bytes(), []
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, [
            error(
                (),
                Code.FILE_UNREADABLE,
                f"Die Datei '{path}' kann nicht gelesen werden ({reason}).",
                f"The file '{path}' cannot be read ({reason}).",
            )
        ]


def read_source(source: CaseSource) -> tuple[Any, str | None, list[Issue]]:
    """(document, source name, issues). A str is JSON text if it starts with '{' or '[', else a file path."""
    if isinstance(source, dict):
        return copy.deepcopy(source), None, []  # never change the caller's dict
    if isinstance(source, str) and source.lstrip().startswith(("{", "[")):
        doc, issues = parse_json(source)
        return doc, None, issues
    if isinstance(source, bytes):
        text, issues = decode(source)
        if text is None:
            return None, None, issues
        doc, issues = parse_json(text)
        return doc, None, issues
    if isinstance(source, str | pathlib.Path):
        path = pathlib.Path(source)
        raw, issues = read_bytes(path)
        if raw is None:
            return None, str(path), issues
        text, issues = decode(raw)
        if text is None:
            return None, str(path), issues
        doc, issues = parse_json(text)
        return doc, str(path), issues
    raise TypeError(f"cannot read a case file from {type(source).__name__}")
