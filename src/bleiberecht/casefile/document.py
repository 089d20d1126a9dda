"""Defensive access to a case document that may not have passed the schema.

The meaning checks run even when the structure is broken, so that a clerk sees all problems at once. These
helpers skip whatever does not have the expected shape instead of failing; the schema check reports it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

# Must equal the pattern of ``$defs/date`` in the schema.
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DATE_RE = re.compile(DATE_PATTERN)


def parse_date(value: object) -> dt.date | None:
    """A well-formed, real calendar date, else None (malformed dates are reported by the schema check)."""
    if not isinstance(value, str) or not _DATE_RE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def items(container: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, entry) for each object in the list ``container[key]``."""
    for index, entry in enumerate(as_list(container.get(key))):
        if isinstance(entry, dict):
            yield index, entry


def persons(doc: object) -> Iterator[tuple[int, dict[str, Any]]]:
    return items(as_dict(doc), "persons")


def person_id(person: dict[str, Any]) -> str | None:
    value = person.get("id")
    return value if isinstance(value, str) and value else None


def person_label(index: int, person: dict[str, Any]) -> tuple[str, str]:
    """How messages name a person: by id, or by position when the id is missing."""
    pid = person_id(person)
    if pid is not None:
        return f"Person '{pid}'", f"Person '{pid}'"
    return f"Person Nr. {index + 1}", f"Person no. {index + 1}"
