"""``bleiberecht check``: the three formats, --as-of, --lang, and bad input without tracebacks."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from bleiberecht.cli.main import app

PERSONS = {"vater", "mutter", "kind"}


def check(runner: CliRunner, *args: str | pathlib.Path) -> Result:
    return runner.invoke(app, ["check", *(str(a) for a in args)])


def write_case(tmp_path: pathlib.Path, doc: dict[str, Any], name: str = "fall.json") -> pathlib.Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


# --- formats


def test_json_is_the_result_document(runner: CliRunner, example_path: pathlib.Path) -> None:
    result = check(runner, example_path, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["format"] == "bleiberecht.result/1"
    assert doc["case"] == "beispiel-familie"
    assert doc["as_of"] == "2026-11-25"
    assert {p["id"] for p in doc["persons"]} == PERSONS
    vater = next(p for p in doc["persons"] if p["id"] == "vater")
    assert vater["traffic_light"] == "green"
    assert any(path["path"] == "aufenthg_25b" for path in vater["paths"])
    # German by default, not escaped (ensure_ascii=False), indented.
    assert "Aufenthaltserlaubnis bei nachhaltiger Integration" in result.stdout
    assert '\n  "persons": [' in result.stdout
    assert result.stderr == ""


def test_text_speaks_german(runner: CliRunner, example_path: pathlib.Path) -> None:
    result = check(runner, example_path)
    assert result.exit_code == 0, result.output
    out = result.stdout
    # Traffic light as symbol and word, never colour alone.
    assert "vater  ● GRÜN" in out
    assert "mutter  ● GELB" in out
    for word in ("Prüfdatum: 25.11.2026", "Ergebnis: erfüllt (seit 24.09.2025)", "Rechtsfolge: Soll"):
        assert word in out
    assert "nicht erfüllt" in out
    assert "offen – Angaben fehlen" in out
    assert "Fehlt oder offen:" in out
    assert "Nächste Fragen:" in out
    assert "§ 25b Abs. 1 AufenthG" in out
    # Compact: met requirements are counted, not listed.
    assert "Voraussetzungen" in out
    assert "Erfüllte Voraussetzungen" not in out
    assert not any(line.endswith(" ") for line in out.splitlines())


def test_text_verbose_lists_met_requirements(runner: CliRunner, example_path: pathlib.Path) -> None:
    result = check(runner, example_path, "--verbose")
    assert result.exit_code == 0, result.output
    assert "Erfüllte Voraussetzungen:" in result.stdout
    assert "erfüllt (seit 02.11.2024) Hinreichende mündliche Deutschkenntnisse (A2)" in result.stdout


def test_markdown_document(runner: CliRunner, example_path: pathlib.Path) -> None:
    result = check(runner, example_path, "--format", "markdown")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("# Prüfergebnis\n")
    assert "## vater – 🟢 GRÜN" in out
    assert "## mutter – 🟡 GELB" in out
    assert "### Aufenthaltserlaubnis bei nachhaltiger Integration (§ 25b Abs. 1 AufenthG)" in out
    assert "- **Ergebnis:** erfüllt (seit 24.09.2025)" in out
    assert "#### Fehlt oder offen" in out


def test_same_content_in_text_and_markdown(runner: CliRunner, example_path: pathlib.Path) -> None:
    text = check(runner, example_path).stdout
    markdown = check(runner, example_path, "-f", "markdown").stdout
    for person in PERSONS:
        assert f"{person}  ●" in text
        assert f"## {person} –" in markdown
    assert text.count("Fehlt oder offen:") == markdown.count("#### Fehlt oder offen")


# --- --as-of and --lang


@pytest.mark.parametrize("value", ["2027-03-01", "01.03.2027", "1.3.2027"])
def test_as_of_overrides_the_case(runner: CliRunner, example_path: pathlib.Path, value: str) -> None:
    result = check(runner, example_path, "--as-of", value, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2027-03-01"
    assert doc["law"]["in_force_on"] == "2027-03-01"


def test_as_of_in_text(runner: CliRunner, example_path: pathlib.Path) -> None:
    result = check(runner, example_path, "--as-of", "2027-03-01")
    assert result.exit_code == 0, result.output
    assert "Prüfdatum: 01.03.2027" in result.stdout


@pytest.mark.parametrize("value", ["2026-02-30", "morgen", "25.11.26", "20261125"])
def test_as_of_must_be_a_date(runner: CliRunner, example_path: pathlib.Path, value: str) -> None:
    result = check(runner, example_path, "--as-of", value)
    assert result.exit_code == 2
    assert f"Ungültiges Datum für --as-of: '{value}'" in result.stderr
    assert result.stdout == ""


def test_as_of_before_events_is_rejected_with_a_hint(runner: CliRunner, example_path: pathlib.Path) -> None:
    result = check(runner, example_path, "--as-of", "2020-01-01")
    assert result.exit_code == 2
    assert "$.persons[0].entry_date" in result.stderr
    assert "liegt nach dem Prüfdatum as_of (2020-01-01)" in result.stderr
    assert "Hinweis: Das Prüfdatum --as-of 2020-01-01 liegt vor Ereignissen" in result.stderr
    assert "Traceback" not in result.output


def test_english(runner: CliRunner, example_path: pathlib.Path) -> None:
    text = check(runner, example_path, "--lang", "en")
    assert text.exit_code == 0, text.output
    for word in ("vater  ● GREEN", "Assessment date: 2026-11-25", "Outcome: eligible (since 2025-09-24)"):
        assert word in text.stdout
    assert "regular claim (Soll)" in text.stdout
    doc = json.loads(check(runner, example_path, "-l", "en", "-f", "json").stdout)
    titles = {path["title"] for person in doc["persons"] for path in person["paths"]}
    assert "Residence permit for sustainable integration" in titles


# --- bad input


def test_invalid_case_file_lists_every_issue(
    runner: CliRunner, tmp_path: pathlib.Path, example_doc: dict[str, Any]
) -> None:
    example_doc["persons"][0]["statuses"][0]["to"] = "2021-01-01"  # before its start, 2021-09-24
    example_doc["persons"][1]["lieblingsfarbe"] = "blau"
    path = write_case(tmp_path, example_doc, "kaputt.json")
    result = check(runner, path)
    assert result.exit_code == 2
    assert result.stdout == ""
    err = result.stderr
    assert f"Die Falldatei {path} ist fehlerhaft (2 Fehler, 0 Warnungen):" in err
    assert f"[Fehler] {path}: $.persons[0].statuses[0].to: " in err
    assert f"[Fehler] {path}: $.persons[1].lieblingsfarbe: " in err
    assert "Unbekanntes Feld 'lieblingsfarbe'" in err
    assert "Traceback" not in result.output


def test_invalid_case_file_in_english(
    runner: CliRunner, tmp_path: pathlib.Path, example_doc: dict[str, Any]
) -> None:
    example_doc["persons"][1]["lieblingsfarbe"] = "blau"
    path = write_case(tmp_path, example_doc)
    result = check(runner, path, "--lang", "en")
    assert result.exit_code == 2
    assert f"[error] {path}: $.persons[1].lieblingsfarbe: " in result.stderr
    assert "Unknown field 'lieblingsfarbe'" in result.stderr


def test_issues_keep_the_file_name_with_as_of(
    runner: CliRunner, tmp_path: pathlib.Path, example_doc: dict[str, Any]
) -> None:
    example_doc["persons"][1]["lieblingsfarbe"] = "blau"
    path = write_case(tmp_path, example_doc)
    result = check(runner, path, "--as-of", "2027-01-01")
    assert result.exit_code == 2
    assert f"{path}: $.persons[1].lieblingsfarbe" in result.stderr


def test_missing_file(runner: CliRunner, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "gibt-es-nicht.json"
    result = check(runner, path)
    assert result.exit_code == 2
    assert f"Die Falldatei {path} wurde nicht gefunden." in result.stderr
    assert "Traceback" not in result.output


def test_directory_instead_of_file(runner: CliRunner, tmp_path: pathlib.Path) -> None:
    result = check(runner, tmp_path)
    assert result.exit_code == 2
    assert "ist ein Verzeichnis" in result.stderr


@pytest.mark.parametrize("as_of", [None, "2027-01-01"])
def test_broken_json(runner: CliRunner, tmp_path: pathlib.Path, as_of: str | None) -> None:
    path = tmp_path / "fall.json"
    path.write_text('{"format": "bleiberecht.case/1",', encoding="utf-8")
    result = check(runner, path, *(["--as-of", as_of] if as_of else []))
    assert result.exit_code == 2
    assert f"{path}: $: Ungültiges JSON in Zeile 1" in result.stderr


def test_internal_error_is_short(
    runner: CliRunner, example_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("Spalte fehlt")

    monkeypatch.setattr("bleiberecht.law.engine.evaluate_cases", broken)
    result = check(runner, example_path)
    assert result.exit_code == 1
    assert f"Interner Fehler bei der Prüfung von {example_path}: RuntimeError: Spalte fehlt." in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_unknown_format_is_a_usage_error(runner: CliRunner, example_path: pathlib.Path) -> None:
    assert check(runner, example_path, "--format", "xml").exit_code == 2
