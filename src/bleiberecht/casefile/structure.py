"""Structure check: JSON Schema (Draft 2020-12) validation, all errors at once, in a clerk's words.

jsonschema's own messages ("'x' is not valid under any of the given schemas") mean nothing to a clerk, so each
common validator kind is translated here into a concrete German and English sentence.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from jsonschema.validators import extend

from bleiberecht.casefile.document import DATE_PATTERN, as_dict, as_list, person_label
from bleiberecht.casefile.issues import Code, Issue, Loc, error

_CALENDAR = "calendar_date"


@functools.cache
def load_schema() -> dict[str, Any]:
    """The living case file v1 schema shipped with this package."""
    text = resources.files("bleiberecht.casefile").joinpath("schema/case-v1.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _pattern_and_calendar(
    validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    # The schema's date regex lets 2023-02-30 through; a real date check belongs to the same field.
    yield from Draft202012Validator.VALIDATORS["pattern"](validator, pattern, instance, schema)
    if pattern == DATE_PATTERN and isinstance(instance, str) and re.search(pattern, instance):
        try:
            dt.date.fromisoformat(instance)
        except ValueError:
            yield ValidationError(f"{instance!r} is not a calendar date", validator=_CALENDAR)


_CaseValidator = extend(Draft202012Validator, {"pattern": _pattern_and_calendar})  # type: ignore[no-untyped-call]


@functools.cache
def _validator() -> Any:
    schema = load_schema()
    return _CaseValidator(_inline_local_refs(schema, schema["$defs"]))


def _inline_local_refs(node: Any, defs: dict[str, Any]) -> Any:
    """Replace ``{"$ref": "#/$defs/x", ...}`` by the definition itself where keys do not clash.

    Same meaning, but about a third faster, which matters when screening a whole caseload: jsonschema
    resolves every reference anew on every use. The schema has no recursive definitions.
    """
    if isinstance(node, list):
        return [_inline_local_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _inline_local_refs(value, defs) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = _inline_local_refs(defs[ref.removeprefix("#/$defs/")], defs)
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        if not siblings.keys() & target.keys():
            return {**target, **siblings}
    return node


@functools.cache
def _fast_validator() -> Any:
    return jsonschema_rs.validator_for(load_schema())


_DATE = re.compile(DATE_PATTERN)


def _has_impossible_date(doc: object) -> bool:
    """Any text shaped like a date that is no calendar date (2023-02-30), wherever it stands."""
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if len(node) == 10 and _DATE.match(node):
                try:
                    dt.date.fromisoformat(node)
                except ValueError:
                    return True
        elif isinstance(node, Mapping):
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
    return False


def _surely_valid(doc: object) -> bool:
    """A yes/no pre-check about 150 times faster than the full validation (Rust, same Draft 2020-12 schema).

    Only a "valid" answer is used, and only when no date-shaped text anywhere is an impossible date (the
    calendar check is ours, not the schema's; this is stricter than the field-wise check). Everything else --
    and anything the Rust validator cannot take -- goes through the full validation, which alone writes the
    messages. `tests/casefile/test_structure_fast.py` checks that both agree.
    """
    try:
        valid: bool = _fast_validator().is_valid(doc)
    except (ValueError, TypeError):  # a Python value that is no JSON value
        return False
    return valid and not _has_impossible_date(doc)


def check_structure(doc: object) -> list[Issue]:
    if _surely_valid(doc):
        return []
    issues: list[Issue] = []
    for err in _validator().iter_errors(doc):
        issues.extend(_translate(err, doc))
    return issues


# --- translation -------------------------------------------------------------------------------------------

# JSON type → how a message names it: (expected de, expected en, found de, found en)
_TYPE_NAMES = {
    "string": ("ein Text", "a text", "Text", "text"),
    "number": ("eine Zahl", "a number", "Zahl", "number"),
    "integer": ("eine ganze Zahl", "a whole number", "ganze Zahl", "whole number"),
    "boolean": ("true oder false", "true or false", "Wahrheitswert", "boolean"),
    "array": ("eine Liste", "a list", "Liste", "list"),
    "object": ("ein Objekt", "an object", "Objekt", "object"),
    "null": ("null", "null", "null", "null"),
}
_DATE_NAME = ("ein Datum im Format JJJJ-MM-TT", "a date in the form YYYY-MM-DD", "Datum", "date")


def _context(loc: Loc, doc: object) -> tuple[str, str]:
    """Prefix naming the person or household the path points into."""
    if len(loc) >= 2 and loc[0] == "persons" and isinstance(loc[1], int):
        persons = as_list(as_dict(doc).get("persons"))
        if loc[1] < len(persons):
            de, en = person_label(loc[1], as_dict(persons[loc[1]]))
            return f"{de}: ", f"{en}: "
    if len(loc) >= 2 and loc[0] == "households" and isinstance(loc[1], int):
        return f"Haushalt Nr. {loc[1] + 1}: ", f"Household no. {loc[1] + 1}: "
    return "", ""


def _field(loc: Loc) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "Dokument"


def _show(value: object) -> str:
    return f"'{value}'" if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _suggest(word: object, choices: list[str]) -> tuple[str, str]:
    """A "did you mean" hint for a likely typo, else nothing."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6) if isinstance(word, str) else []
    if not close:
        return "", ""
    return f" Gemeint ist vielleicht '{close[0]}'.", f" Did you mean '{close[0]}'?"


def _type_name(type_: str, schema: object) -> tuple[str, str, str, str]:
    if isinstance(schema, Mapping) and schema.get("pattern") == DATE_PATTERN:
        return _DATE_NAME
    return _TYPE_NAMES.get(type_, (type_, type_, type_, type_))


def _value_kind(value: object) -> tuple[str, str]:
    """How a message names the type of a found value."""
    kinds = (("boolean", bool), ("integer", int), ("number", float), ("string", str), ("array", list))
    kind = next((name for name, python in kinds if isinstance(value, python)), None)
    if kind is None:
        kind = "object" if isinstance(value, dict) else "null"
    names = _TYPE_NAMES[kind]
    return names[2], names[3]


def _make(loc: Loc, doc: object, code: Code, de: str, en: str) -> Issue:
    pre_de, pre_en = _context(loc, doc)
    return error(loc, code, pre_de + de, pre_en + en)


def _translate(err: ValidationError, doc: object) -> Iterator[Issue]:
    loc: Loc = tuple(err.absolute_path)
    kind = err.validator
    value: Any = err.validator_value
    instance: Any = err.instance
    schema = err.schema if isinstance(err.schema, Mapping) else {}
    field = _field(loc)

    if kind == "required":
        for name in value:
            if isinstance(instance, dict) and name not in instance:
                hint_de, hint_en = "", ""
                if loc == () and name == "format":
                    hint_de = ' Erwartet: "format": "bleiberecht.case/1".'
                    hint_en = ' Expected: "format": "bleiberecht.case/1".'
                yield _make(
                    (*loc, name),
                    doc,
                    Code.MISSING_FIELD,
                    f"Pflichtfeld '{name}' fehlt.{hint_de}",
                    f"Required field '{name}' is missing.{hint_en}",
                )
    elif kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in instance if isinstance(instance, dict) else ():
            if key in allowed:
                continue
            sug_de, sug_en = _suggest(key, allowed)
            if not sug_de:
                sug_de = f" Erlaubt sind: {', '.join(allowed)}."
                sug_en = f" Allowed: {', '.join(allowed)}."
            yield _make(
                (*loc, key),
                doc,
                Code.UNKNOWN_FIELD,
                f"Unbekanntes Feld '{key}' (Tippfehler?).{sug_de}",
                f"Unknown field '{key}' (typo?).{sug_en}",
            )
    elif kind == "enum":
        allowed_values = ", ".join(_show(v) for v in value)
        sug_de, sug_en = _suggest(instance, [v for v in value if isinstance(v, str)])
        yield _make(
            loc,
            doc,
            Code.INVALID_VALUE,
            f"Ungültiger Wert {_show(instance)} für '{field}'. Erlaubte Werte: {allowed_values}.{sug_de}",
            f"Invalid value {_show(instance)} for '{field}'. Allowed values: {allowed_values}.{sug_en}",
        )
    elif kind == "const":
        code = Code.UNSUPPORTED_FORMAT if loc == ("format",) else Code.INVALID_VALUE
        yield _make(
            loc,
            doc,
            code,
            f"'{field}' muss {_show(value)} sein, gefunden: {_show(instance)}.",
            f"'{field}' must be {_show(value)}, found: {_show(instance)}.",
        )
    elif kind == "pattern":
        yield _pattern_issue(loc, doc, field, value, instance)
    elif kind == _CALENDAR:
        yield _make(
            loc,
            doc,
            Code.INVALID_DATE,
            f"'{field}': {_show(instance)} ist kein gültiges Kalenderdatum{_why_not_a_date(instance, 'de')}.",
            f"'{field}': {_show(instance)} is not a valid calendar date{_why_not_a_date(instance, 'en')}.",
        )
    elif kind == "type":
        types = value if isinstance(value, list) else [value]
        names = [_type_name(t, schema) for t in types]
        yield _type_issue(loc, doc, field, names, instance)
    elif kind in ("oneOf", "anyOf") and err.context:
        yield from _translate_alternatives(err, doc)
    elif kind == "minItems":
        de = f"Die Liste '{field}' darf nicht leer sein." if value == 1 else None
        en = f"The list '{field}' must not be empty." if value == 1 else None
        yield _make(
            loc,
            doc,
            Code.TOO_FEW_ITEMS,
            de or f"Die Liste '{field}' braucht mindestens {value} Einträge.",
            en or f"The list '{field}' needs at least {value} entries.",
        )
    elif kind == "minLength":
        yield _make(
            loc, doc, Code.EMPTY_VALUE, f"'{field}' darf nicht leer sein.", f"'{field}' must not be empty."
        )
    elif kind == "minimum":
        yield _make(
            loc,
            doc,
            Code.BELOW_MINIMUM,
            f"'{field}' darf nicht kleiner als {value} sein, gefunden: {_show(instance)}.",
            f"'{field}' must not be less than {value}, found: {_show(instance)}.",
        )
    elif kind == "maximum":
        yield _make(
            loc,
            doc,
            Code.ABOVE_MAXIMUM,
            f"'{field}' darf nicht größer als {value} sein, gefunden: {_show(instance)}.",
            f"'{field}' must not be greater than {value}, found: {_show(instance)}.",
        )
    else:
        yield _make(
            loc,
            doc,
            Code.SCHEMA_VIOLATION,
            f"'{field}' entspricht nicht dem Falldatei-Format (technische Meldung: {err.message}).",
            f"'{field}' does not match the case file format: {err.message}.",
        )


def _translate_alternatives(err: ValidationError, doc: object) -> Iterator[Issue]:
    """oneOf/anyOf (e.g. ``to``: a date or null): explain the branch the value was meant for.

    A value of the right JSON type failed for a concrete reason (pattern, calendar): report that. If no
    branch even had the right type, say which types would be accepted.
    """
    specific = [e for e in err.context if e.validator != "type"]
    if specific:
        deepest = max(specific, key=lambda e: len(e.absolute_path))
        yield from _translate(deepest, doc)
        return
    loc: Loc = tuple(err.absolute_path)
    names: list[tuple[str, str, str, str]] = []
    for sub in err.context:
        expected: Any = sub.validator_value
        types = expected if isinstance(expected, list) else [expected]
        names.extend(_type_name(t, sub.schema) for t in types)
    yield _type_issue(loc, doc, _field(loc), list(dict.fromkeys(names)), err.instance)


def _type_issue(
    loc: Loc, doc: object, field: str, names: list[tuple[str, str, str, str]], instance: object
) -> Issue:
    want_de = " oder ".join(n[0] for n in names)
    want_en = " or ".join(n[1] for n in names)
    got_de, got_en = _value_kind(instance)
    if loc == ():
        return _make(
            loc,
            doc,
            Code.WRONG_TYPE,
            f"Die Falldatei muss ein JSON-Objekt sein ({{...}}), gefunden: {got_de}.",
            f"The case file must be a JSON object ({{...}}), found: {got_en}.",
        )
    return _make(
        loc,
        doc,
        Code.WRONG_TYPE,
        f"'{field}' muss {want_de} sein, gefunden: {got_de} {_show(instance)}.",
        f"'{field}' must be {want_en}, found: {got_en} {_show(instance)}.",
    )


_GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_ALTERNATION = re.compile(r"^\^\(([A-Z|]+)\)\$$")


def _pattern_issue(loc: Loc, doc: object, field: str, pattern: str, instance: object) -> Issue:
    if pattern == DATE_PATTERN:
        hint_de, hint_en = "", ""
        german = _GERMAN_DATE.match(instance) if isinstance(instance, str) else None
        if german:
            day, month, year = german.groups()
            iso = f"{year}-{int(month):02d}-{int(day):02d}"
            hint_de, hint_en = f" (gemeint: {iso}?)", f" (meant: {iso}?)"
        return _make(
            loc,
            doc,
            Code.INVALID_DATE_FORMAT,
            f"'{field}': {_show(instance)} ist kein Datum im Format JJJJ-MM-TT{hint_de}.",
            f"'{field}': {_show(instance)} is not a date in the form YYYY-MM-DD{hint_en}.",
        )
    if field == "nationality":
        return _make(
            loc,
            doc,
            Code.INVALID_FORMAT,
            f"'nationality': {_show(instance)} ist kein dreistelliger Ländercode nach ISO 3166-1 in "
            "Großbuchstaben (z. B. IRQ, SYR, AFG; XXA = staatenlos, XXX = ungeklärt).",
            f"'nationality': {_show(instance)} is not an upper-case ISO 3166-1 alpha-3 country code "
            "(e.g. IRQ, SYR, AFG; XXA = stateless, XXX = unclarified).",
        )
    choices = _ALTERNATION.match(pattern)
    if choices:
        allowed = ", ".join(choices.group(1).split("|"))
        return _make(
            loc,
            doc,
            Code.INVALID_VALUE,
            f"Ungültiger Wert {_show(instance)} für '{field}'. Erlaubte Werte: {allowed}.",
            f"Invalid value {_show(instance)} for '{field}'. Allowed values: {allowed}.",
        )
    return _make(
        loc,
        doc,
        Code.INVALID_FORMAT,
        f"'{field}': {_show(instance)} hat nicht die erwartete Form ({pattern}).",
        f"'{field}': {_show(instance)} does not have the expected form ({pattern}).",
    )


def _why_not_a_date(value: object, lang: str) -> str:
    if not isinstance(value, str):
        return ""
    year, month, day = (int(part) for part in value.split("-"))
    if not 1 <= month <= 12:
        return f" (Monat {month} gibt es nicht)" if lang == "de" else f" (there is no month {month})"
    if year == 0:
        return " (Jahr 0 gibt es nicht)" if lang == "de" else " (there is no year 0)"
    return (
        f" (den {day:02d}.{month:02d}.{year} gibt es nicht)"
        if lang == "de"
        else f" (day {day} does not exist in {year}-{month:02d})"
    )
