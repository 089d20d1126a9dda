"""load_case / validate_case: sources, as_of, warnings, languages, reading errors."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import pickle

import pytest

from bleiberecht.casefile import CaseFile, CaseFileError, load_case, validate_case

from .helpers import AS_OF, EXAMPLE_PATH, example


def test_example_file_loads_without_issues() -> None:
    case = load_case(EXAMPLE_PATH)
    assert isinstance(case, CaseFile)
    assert case.as_of == AS_OF
    assert case.case_id == "beispiel-familie"
    assert case.warnings == []
    assert case.source == str(EXAMPLE_PATH)
    assert case.data == example()


@pytest.mark.parametrize(
    "make_source",
    [
        lambda: EXAMPLE_PATH,
        lambda: str(EXAMPLE_PATH),
        lambda: EXAMPLE_PATH.read_text(encoding="utf-8"),
        lambda: EXAMPLE_PATH.read_bytes(),
        lambda: "\ufeff".encode() + EXAMPLE_PATH.read_bytes(),  # BOM as written by Windows editors
        example,
    ],
    ids=["path", "str-path", "json-text", "bytes", "bytes-bom", "dict"],
)
def test_every_source_kind_gives_the_same_document(make_source: object) -> None:
    assert callable(make_source)
    assert load_case(make_source()).data == example()


def test_a_dict_source_is_not_modified() -> None:
    doc = example()
    del doc["as_of"]
    load_case(doc, today=dt.date(2026, 1, 1))
    assert "as_of" not in doc


def test_missing_as_of_is_filled_from_today() -> None:
    doc = example()
    del doc["as_of"]
    case = load_case(doc, today=dt.date(2027, 3, 1))
    assert case.as_of == dt.date(2027, 3, 1)
    assert case.data["as_of"] == "2027-03-01"
    assert {k: v for k, v in case.data.items() if k != "as_of"} == {k: v for k, v in doc.items()}


def test_missing_as_of_defaults_to_the_current_date() -> None:
    doc = example()
    del doc["as_of"]
    assert load_case(doc).as_of == dt.date.today()


def test_absent_and_empty_lists_and_unknown_booleans_are_kept_apart() -> None:
    doc = example()
    vater, mutter, _ = doc["persons"]
    del vater["convictions"]  # unknown
    assert mutter["convictions"] == []  # known: none
    del vater["pending_criminal_proceedings"]
    case = load_case(doc)
    vater, mutter, _ = case.data["persons"]
    assert "convictions" not in vater
    assert mutter["convictions"] == []
    assert "pending_criminal_proceedings" not in vater
    assert "entry_ban_active" not in mutter
    assert "schooling" not in vater
    assert "households" in case.data
    employment = vater["employment"][0]
    assert "to" in employment and employment["to"] is None  # null stays null


def test_warnings_do_not_raise_and_are_returned() -> None:
    doc = example()
    del doc["persons"][1]["spouse_id"]
    case = load_case(doc)
    assert [(w.path, w.code, w.severity) for w in case.warnings] == [
        ("$.persons[0].spouse_id", "spouse_not_mutual", "warning")
    ]


def test_error_carries_all_issues_in_german_by_default() -> None:
    doc = example()
    doc["persons"][0]["statuses"][1]["to"] = "2023-01-31"
    doc["persons"][2]["parent_ids"] = ["vater", "mama"]
    with pytest.raises(CaseFileError) as caught:
        load_case(doc)
    err = caught.value
    assert [i.code for i in err.issues] == ["period_ends_before_start", "unknown_person_id"]
    assert str(err).startswith("Die Falldatei ist fehlerhaft:")
    assert "Zeitraum endet (2023-01-31) vor seinem Beginn (2023-06-01)." in str(err)
    assert "[Fehler] $.persons[2].parent_ids[1]" in str(err)


def test_english_messages() -> None:
    doc = example()
    doc["persons"][0]["statuses"][1]["to"] = "2023-01-31"
    with pytest.raises(CaseFileError) as caught:
        load_case(doc, lang="en")
    err = caught.value
    assert str(err).startswith("The case file is invalid:")
    assert "[error] $.persons[0].statuses[1].to" in str(err)
    issue = err.issues[0]
    assert issue.message("en") == issue.message_en
    assert "the period ends (2023-01-31) before it starts (2023-06-01)" in issue.message("en")
    assert "Zeitraum endet" in issue.message("de")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang"):
        load_case(example(), lang="fr")


def test_issues_from_a_file_name_the_file(tmp_path: pathlib.Path) -> None:
    doc = example()
    doc["persons"][0]["nmae"] = "x"
    path = tmp_path / "fall.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    [issue] = validate_case(path)
    assert issue.source == str(path)
    assert issue.path == "$.persons[0].nmae"
    assert str(issue).startswith(
        f"[Fehler] {path}: $.persons[0].nmae: Person 'vater': Unbekanntes Feld 'nmae'"
    )


def test_invalid_json_reports_line_and_column() -> None:
    text = '{\n  "format": "bleiberecht.case/1",\n  "persons": [{"id": "a",}]\n}'
    [issue] = validate_case(text)
    assert (issue.code, issue.path, issue.line, issue.column) == ("invalid_json", "$", 3, 26)
    assert issue.message_de.startswith("Ungültiges JSON in Zeile 3, Spalte 26: Feldname in doppelten")
    assert issue.message_en.startswith("Invalid JSON at line 3, column 26")


def test_nan_is_not_json() -> None:
    [issue] = validate_case(b'{"format": "bleiberecht.case/1", "persons": [{"id": "a"}], "x": NaN}')
    assert issue.code == "invalid_json"
    assert "NaN" in issue.message_de


def test_non_utf8_bytes() -> None:
    [issue] = validate_case(
        '{"format": "bleiberecht.case/1", "persons": [{"id": "Müller"}]}'.encode("latin-1")
    )
    assert issue.code == "invalid_encoding"
    assert "UTF-8" in issue.message_de


def test_missing_file_is_an_issue_not_a_crash(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "fehlt.json"
    with pytest.raises(CaseFileError) as caught:
        load_case(path)
    [issue] = caught.value.issues
    assert issue.code == "file_unreadable"
    assert issue.source == str(path)
    assert "kann nicht gelesen werden" in issue.message_de


def test_unsupported_source_type() -> None:
    with pytest.raises(TypeError):
        validate_case(42)  # type: ignore[arg-type]


def test_error_survives_pickling_for_multiprocessing() -> None:
    doc = example()
    doc["persons"][0]["nmae"] = "x"
    with pytest.raises(CaseFileError) as caught:
        load_case(doc, lang="en")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert copy.issues == caught.value.issues
    assert str(copy) == str(caught.value)
