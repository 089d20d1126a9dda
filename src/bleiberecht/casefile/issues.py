"""Findings about a case file: one `Issue` per problem, in German and English.

An issue always names the exact place in the document as a JSON path (``$.persons[0].statuses[1].to``), so a
clerk can find it and a form can highlight the field. Codes are stable snake_case identifiers; front ends may
key on them, so never rename one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

Severity = Literal["error", "warning"]
LANGS = ("de", "en")


class Code(StrEnum):
    """Every issue code the casefile package produces."""

    # reading
    FILE_UNREADABLE = "file_unreadable"
    INVALID_ENCODING = "invalid_encoding"
    INVALID_JSON = "invalid_json"
    # structure (JSON schema)
    MISSING_FIELD = "missing_field"
    UNKNOWN_FIELD = "unknown_field"
    INVALID_VALUE = "invalid_value"
    UNSUPPORTED_FORMAT = "unsupported_format"
    INVALID_DATE_FORMAT = "invalid_date_format"
    INVALID_DATE = "invalid_date"
    INVALID_FORMAT = "invalid_format"
    WRONG_TYPE = "wrong_type"
    TOO_FEW_ITEMS = "too_few_items"
    EMPTY_VALUE = "empty_value"
    BELOW_MINIMUM = "below_minimum"
    ABOVE_MAXIMUM = "above_maximum"
    SCHEMA_VIOLATION = "schema_violation"
    # meaning: time
    PERIOD_ENDS_BEFORE_START = "period_ends_before_start"
    STATUS_OVERLAP = "status_overlap"
    DATE_AFTER_AS_OF = "date_after_as_of"
    BIRTH_AFTER_ENTRY = "birth_after_entry"
    DATE_BEFORE_BIRTH = "date_before_birth"
    # meaning: references
    DUPLICATE_PERSON_ID = "duplicate_person_id"
    UNKNOWN_PERSON_ID = "unknown_person_id"
    SELF_REFERENCE = "self_reference"
    SPOUSE_NOT_MUTUAL = "spouse_not_mutual"
    PERSON_IN_TWO_HOUSEHOLDS = "person_in_two_households"
    DUPLICATE_HOUSEHOLD_MEMBER = "duplicate_household_member"
    UNKNOWN_PATH_KEY = "unknown_path_key"
    UNKNOWN_JOB_OFFER = "unknown_job_offer"


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding. `path` is a JSON path into the document; for JSON Lines it starts with ``zeile N: ``."""

    path: str
    code: str
    severity: Severity
    message_de: str
    message_en: str
    source: str | None = None
    line: int | None = None
    column: int | None = None

    def message(self, lang: str = "de") -> str:
        check_lang(lang)
        return self.message_de if lang == "de" else self.message_en

    def render(self, lang: str = "de") -> str:
        """One line for a terminal or log: ``[Fehler] fall.json: $.persons[0].id: …``."""
        labels = {
            "de": {"error": "Fehler", "warning": "Warnung"},
            "en": {"error": "error", "warning": "warning"},
        }
        where = f"{self.source}: {self.path}" if self.source else self.path
        return f"[{labels[lang][self.severity]}] {where}: {self.message(lang)}"

    def __str__(self) -> str:
        return self.render("de")


class CaseFileError(Exception):
    """Raised by `load_case` when the file has at least one error. Carries all issues, warnings included."""

    def __init__(self, issues: Sequence[Issue], lang: str = "de") -> None:
        check_lang(lang)
        self.issues: list[Issue] = list(issues)
        self.lang = lang
        head = {"de": "Die Falldatei ist fehlerhaft:", "en": "The case file is invalid:"}[lang]
        super().__init__("\n".join([head, *(f"  {issue.render(lang)}" for issue in self.issues)]))

    def __reduce__(self) -> tuple[type[CaseFileError], tuple[list[Issue], str]]:
        # Keeps the issues when the error crosses a process boundary (batch runs with multiprocessing).
        return type(self), (self.issues, self.lang)

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]


def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")


Loc = tuple[str | int, ...]
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def json_path(loc: Iterable[str | int]) -> str:
    """``("persons", 0, "id")`` → ``$.persons[0].id``; odd keys in brackets: ``$['a b']``."""
    parts = ["$"]
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif _IDENTIFIER.match(part):
            parts.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            parts.append(f"['{escaped}']")
    return "".join(parts)


def error(loc: Loc, code: Code, de: str, en: str) -> Issue:
    return Issue(json_path(loc), str(code), "error", de, en)


def warning(loc: Loc, code: Code, de: str, en: str) -> Issue:
    return Issue(json_path(loc), str(code), "warning", de, en)


_PATH_TOKEN = re.compile(r"\[(\d+)\]|\.([A-Za-z_][A-Za-z0-9_]*)|\['((?:[^'\\]|\\.)*)'\]")


def _order_key(issue: Issue) -> tuple[tuple[tuple[int, int, str], ...], int]:
    tokens = tuple(
        (0, int(index), "") if index else (1, 0, name or quoted)
        for index, name, quoted in _PATH_TOKEN.findall(issue.path)
    )
    return tokens, 0 if issue.severity == "error" else 1


def in_document_order(issues: Iterable[Issue]) -> list[Issue]:
    """Sort top to bottom through the document (numeric list indexes), dropping exact duplicates.

    Duplicates arise because the schema checks some fields twice (a status entry and its shared period both
    require ``from``).
    """
    unique = dict.fromkeys(issues)
    return sorted(unique, key=_order_key)


def relocate(issues: Iterable[Issue], *, source: str | None, line: int | None = None) -> list[Issue]:
    """Attach the file name and, for JSON Lines, prefix the line number to the path."""
    prefix = f"zeile {line}: " if line is not None else ""
    return [
        replace(issue, path=prefix + issue.path, source=source, line=line if line is not None else issue.line)
        for issue in issues
    ]
