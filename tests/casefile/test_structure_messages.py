"""Schema errors, translated: exact path, stable code, a German sentence a clerk understands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bleiberecht.casefile import validate_case

from .helpers import example, only_issue

Mutation = Callable[[dict[str, Any]], None]


def _set(*loc: str | int, value: Any) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        node: Any = doc
        for part in loc[:-1]:
            node = node[part]
        node[loc[-1]] = value

    return mutate


def _delete(*loc: str | int) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        node: Any = doc
        for part in loc[:-1]:
            node = node[part]
        del node[loc[-1]]

    return mutate


CASES: list[tuple[str, Mutation, str, str, str]] = [
    (
        "required",
        _delete("persons", 0, "statuses", 1, "type"),
        "$.persons[0].statuses[1].type",
        "missing_field",
        "Person 'vater': Pflichtfeld 'type' fehlt.",
    ),
    (
        "required-format",
        _delete("format"),
        "$.format",
        "missing_field",
        'Pflichtfeld \'format\' fehlt. Erwartet: "format": "bleiberecht.case/1".',
    ),
    (
        "unknown-field",
        _set("persons", 1, "birthdate", value="1991-07-01"),
        "$.persons[1].birthdate",
        "unknown_field",
        "Person 'mutter': Unbekanntes Feld 'birthdate' (Tippfehler?). Gemeint ist vielleicht 'birth_date'.",
    ),
    (
        "unknown-field-new-object",
        _set("persons", 0, "departure_obstacle", value={"exists": True, "permanent": True}),
        "$.persons[0].departure_obstacle.permanent",
        "unknown_field",
        "Unbekanntes Feld 'permanent' (Tippfehler?). Erlaubt sind: exists, lasting, reason, since.",
    ),
    (
        "enum",
        _set("persons", 1, "german", 0, "level", value="B3"),
        "$.persons[1].german[0].level",
        "invalid_value",
        "Ungültiger Wert 'B3' für 'level'. Erlaubte Werte: 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'.",
    ),
    (
        "enum-suggestion",
        _set("persons", 0, "statuses", 1, "type", value="dulding"),
        "$.persons[0].statuses[1].type",
        "invalid_value",
        "Gemeint ist vielleicht 'duldung'.",
    ),
    (
        "enum-new-field",
        _set("persons", 0, "deportation_ban", value="60_7"),
        "$.persons[0].deportation_ban",
        "invalid_value",
        "Erlaubte Werte: 'none', '60_5', '60_7_health', '60_7_other'.",
    ),
    (
        "date-format",
        _set("persons", 2, "birth_date", value="03.04.2017"),
        "$.persons[2].birth_date",
        "invalid_date_format",
        "'birth_date': '03.04.2017' ist kein Datum im Format JJJJ-MM-TT (gemeint: 2017-04-03?).",
    ),
    (
        "date-format-in-nullable",
        _set("persons", 0, "statuses", 0, "to", value="2023-5-31"),
        "$.persons[0].statuses[0].to",
        "invalid_date_format",
        "'to': '2023-5-31' ist kein Datum im Format JJJJ-MM-TT.",
    ),
    (
        "calendar",
        _set("persons", 0, "statuses", 1, "from", value="2023-02-30"),
        "$.persons[0].statuses[1].from",
        "invalid_date",
        "'from': '2023-02-30' ist kein gültiges Kalenderdatum (den 30.02.2023 gibt es nicht).",
    ),
    (
        "calendar-month",
        _set("persons", 0, "birth_date", value="1988-13-01"),
        "$.persons[0].birth_date",
        "invalid_date",
        "(Monat 13 gibt es nicht)",
    ),
    (
        "calendar-in-nullable",
        _set("persons", 1, "statuses", 0, "to", value="2023-02-29"),
        "$.persons[1].statuses[0].to",
        "invalid_date",
        "'to': '2023-02-29' ist kein gültiges Kalenderdatum",
    ),
    (
        "calendar-new-field",
        _set("persons", 0, "departure_obstacle", value={"since": "2024-04-31"}),
        "$.persons[0].departure_obstacle.since",
        "invalid_date",
        "kein gültiges Kalenderdatum",
    ),
    (
        "type",
        _set("persons", 0, "employment", 0, "hours_per_week", value="38"),
        "$.persons[0].employment[0].hours_per_week",
        "wrong_type",
        "'hours_per_week' muss eine Zahl sein, gefunden: Text '38'.",
    ),
    (
        "type-boolean",
        _set("persons", 0, "fdgo_concerns", value="nein"),
        "$.persons[0].fdgo_concerns",
        "wrong_type",
        "'fdgo_concerns' muss true oder false sein, gefunden: Text 'nein'.",
    ),
    (
        "type-date",
        _set("persons", 0, "birth_date", value=19880210),
        "$.persons[0].birth_date",
        "wrong_type",
        "'birth_date' muss ein Datum im Format JJJJ-MM-TT sein, gefunden: ganze Zahl 19880210.",
    ),
    (
        "type-nullable-date",
        _set("persons", 0, "statuses", 0, "to", value=5),
        "$.persons[0].statuses[0].to",
        "wrong_type",
        "'to' muss ein Datum im Format JJJJ-MM-TT oder null sein, gefunden: ganze Zahl 5.",
    ),
    (
        "const",
        _set("format", value="bleiberecht.case/2"),
        "$.format",
        "unsupported_format",
        "'format' muss 'bleiberecht.case/1' sein, gefunden: 'bleiberecht.case/2'.",
    ),
    (
        "min-items",
        _set("households", 0, "members", value=[]),
        "$.households[0].members",
        "too_few_items",
        "Haushalt Nr. 1: Die Liste 'members' darf nicht leer sein.",
    ),
    (
        "minimum",
        _set("households", 0, "monthly_need_eur", value=-1),
        "$.households[0].monthly_need_eur",
        "below_minimum",
        "'monthly_need_eur' darf nicht kleiner als 0 sein, gefunden: -1.",
    ),
    (
        "maximum",
        _set("persons", 0, "identity", "level", value=5),
        "$.persons[0].identity.level",
        "above_maximum",
        "'level' darf nicht größer als 4 sein, gefunden: 5.",
    ),
    (
        "minimum-new-field",
        _set("persons", 0, "identity", "level", value=0),
        "$.persons[0].identity.level",
        "below_minimum",
        "'level' darf nicht kleiner als 1 sein",
    ),
    (
        "land",
        _set("land", value="Sachsen"),
        "$.land",
        "invalid_value",
        "Ungültiger Wert 'Sachsen' für 'land'. Erlaubte Werte: BW, BY, BE,",
    ),
    (
        "nationality",
        _set("persons", 0, "nationality", value="Irak"),
        "$.persons[0].nationality",
        "invalid_format",
        "kein dreistelliger Ländercode nach ISO 3166-1",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "path", "code", "german"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_schema_error_is_translated(mutate: Mutation, path: str, code: str, german: str) -> None:
    doc = example()
    mutate(doc)
    issue = only_issue(doc)
    assert (issue.path, issue.code, issue.severity) == (path, code, "error")
    assert german in issue.message_de
    assert issue.message_en and issue.message_en != issue.message_de


def test_empty_person_id() -> None:
    doc = {"format": "bleiberecht.case/1", "persons": [{"id": ""}]}
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[0].id", "empty_value")
    assert "'id' darf nicht leer sein." in issue.message_de


def test_no_persons() -> None:
    issue = only_issue({"format": "bleiberecht.case/1", "persons": []})
    assert (issue.path, issue.code) == ("$.persons", "too_few_items")
    assert issue.message_de == "Die Liste 'persons' darf nicht leer sein."


def test_document_must_be_an_object() -> None:
    issue = only_issue("[1, 2]")  # type: ignore[arg-type]
    assert (issue.path, issue.code) == ("$", "wrong_type")
    assert "Die Falldatei muss ein JSON-Objekt sein" in issue.message_de


def test_odd_keys_are_quoted_in_the_path() -> None:
    doc = example()
    doc["persons"][0]["birth date"] = "1988-02-10"
    issue = only_issue(doc)
    assert issue.path == "$.persons[0]['birth date']"


def test_all_errors_are_collected_not_just_the_first() -> None:
    doc = example()
    doc["land"] = "XX"
    doc["persons"][0]["nmae"] = "A"
    doc["persons"][1]["statuses"][0]["type"] = "tolerated"
    doc["persons"][2]["birth_date"] = "2017-02-29"
    doc["persons"][2]["parent_ids"] = ["vater", "papa"]
    issues = validate_case(doc)
    assert [(i.path, i.code) for i in issues] == [
        ("$.land", "invalid_value"),
        ("$.persons[0].nmae", "unknown_field"),
        ("$.persons[1].statuses[0].type", "invalid_value"),
        ("$.persons[2].birth_date", "invalid_date"),
        ("$.persons[2].parent_ids[1]", "unknown_person_id"),
    ]


def test_missing_from_is_reported_once() -> None:
    # The status entry and the shared period definition both require 'from'.
    doc = example()
    del doc["persons"][0]["statuses"][0]["from"]
    issue = only_issue(doc)
    assert (issue.path, issue.code) == ("$.persons[0].statuses[0].from", "missing_field")
