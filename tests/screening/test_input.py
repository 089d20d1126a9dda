"""Caseload input: spreadsheets, CSV, JSON Lines, Parquet, mapping files; broken files keep the good rows."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pathlib
from typing import Any

import polars as pl
import pytest
from caseload_helpers import drop_column, read_sheet, set_cell, synthetic_sheets, where, write_workbook

from bleiberecht.screening import generate_cases
from bleiberecht.screening.export.caseload_out import write_caseload
from bleiberecht.screening.mapping import MappingError, build_mapping, load_mapping
from bleiberecht.screening.problems import UnusableInput
from bleiberecht.screening.readers import read_caseload
from bleiberecht.screening.run import EXIT_OK, EXIT_PARTIAL, EXIT_UNUSABLE, run_screen


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".parquet", ".jsonl"])
def test_every_format_reads_back_the_same_cases(tmp_path: pathlib.Path, suffix: str) -> None:
    cases = list(generate_cases(300, 4))
    path = tmp_path / f"bestand{suffix}"
    write_caseload(copy.deepcopy(cases), path)
    caseload = read_caseload(path)
    assert caseload.problems == []
    assert (caseload.persons_read, caseload.persons_screened) == (300, 300)
    assert [_strip(c) for c in caseload.cases] == [_strip(c) for c in cases]


def test_broken_cells_are_reported_exactly_and_good_rows_kept(tmp_path: pathlib.Path) -> None:
    cases, sheets = synthetic_sheets(60, 2)
    persons = sheets["Personen"][1]
    case_of = [r[0] for r in persons]
    bad_date = set_cell(sheets, "Personen", 0, "Geburtsdatum", "31.02.2001")
    bad_nat = set_cell(sheets, "Personen", 5, "Staatsangehörigkeit", "QQQ")
    bad_ban = set_cell(sheets, "Personen", 20, "Beschäftigungsverbot", "vielleicht")
    # a second row with the Person-ID of row 11, in the same case (rows below move down by one)
    persons.insert(10, list(persons[9]))
    dup_row = 12
    path = write_workbook(tmp_path / "kaputt.xlsx", sheets)

    result = run_screen(path, out=tmp_path / "liste.xlsx")
    assert result.exit_code == EXIT_PARTIAL
    found = where(result.problems)
    assert ("Personen", bad_date, "Geburtsdatum", "invalid_date") in found
    assert ("Personen", bad_nat, "Staatsangehörigkeit", "unknown_nationality") in found
    assert ("Personen", dup_row, "Person-ID", "duplicate_person_id") in found
    assert ("Personen", bad_ban + 1, "Beschäftigungsverbot", "invalid_boolean") in found
    rejected = {case_of[0], case_of[5], case_of[9], case_of[20]}
    summary = result.summary
    assert summary is not None
    assert summary.cases_rejected == len(rejected)
    kept = [c for c in cases if c["id"] not in rejected]
    assert summary.persons_screened == sum(len(c["persons"]) for c in kept)
    assert summary.persons_read == 61
    # every row of a rejected case appears in the report
    reported_rows = {p.where.row for p in result.problems if p.where.sheet == "Personen"}
    for index, case_id in enumerate([r[0] for r in persons]):
        if case_id in rejected:
            assert index + 2 in reported_rows
    # the report file next to the output says the same, in German
    assert result.report == tmp_path / "liste-fehler.xlsx"
    rows = read_sheet(result.report, "Fehlerbericht")
    assert rows[0][:4] == ("Datei", "Blatt", "Zeile", "Spalte")
    assert any(r[1] == "Personen" and r[2] == bad_date and r[3] == "Geburtsdatum" for r in rows[1:])
    assert any("kein gültiger Kalendertag" in str(r[7]) for r in rows[1:])
    # and the worklist holds exactly the kept persons
    worklist = read_sheet(tmp_path / "liste.xlsx", "Arbeitsliste")
    assert len(worklist) - 1 == summary.persons_screened
    assert not {r[3] for r in worklist[1:]} & rejected


def test_missing_required_column_of_a_list_sheet_rejects_only_cases_with_such_rows(
    tmp_path: pathlib.Path,
) -> None:
    cases, sheets = synthetic_sheets(80, 3)
    with_convictions = {r[0] for r in sheets["Verurteilungen"][1]}
    assert with_convictions
    drop_column(sheets, "Verurteilungen", "Datum")
    path = write_workbook(tmp_path / "ohne-datum.xlsx", sheets)
    caseload = read_caseload(path)
    found = where(caseload.problems)
    for number in range(2, len(sheets["Verurteilungen"][1]) + 2):
        assert ("Verurteilungen", number, "Datum", "missing_required_column") in found
    assert {c["id"] for c in caseload.cases} == {c["id"] for c in cases} - with_convictions


def test_validation_findings_point_to_the_cell(tmp_path: pathlib.Path) -> None:
    _, sheets = synthetic_sheets(30, 5)
    statuses = sheets["Aufenthalte"][1]
    # a period ending before it starts: found by validate_case, traced back to sheet/row/column
    row = set_cell(sheets, "Aufenthalte", 0, "Bis", dt.date(1990, 1, 1))
    path = write_workbook(tmp_path / "zeitraum.xlsx", sheets)
    caseload = read_caseload(path)
    assert ("Aufenthalte", row, "Bis", "period_ends_before_start") in where(caseload.problems)
    assert statuses[0][0] not in {c["id"] for c in caseload.cases}


def test_rows_that_belong_to_no_case(tmp_path: pathlib.Path) -> None:
    _, sheets = synthetic_sheets(20, 6)
    employment = sheets["Beschäftigung"]
    first_case, first_person = sheets["Personen"][1][0][0], sheets["Personen"][1][0][3]
    width = len(employment[0])
    orphan = [None] * width
    orphan[0], orphan[1], orphan[2] = "GIBT-ES-NICHT", "p1", dt.date(2024, 1, 1)
    stranger = [None] * width
    stranger[0], stranger[1], stranger[2] = first_case, "p99", dt.date(2024, 1, 1)
    employment[1].extend([orphan, stranger])
    n = len(employment[1])
    path = write_workbook(tmp_path / "waisen.xlsx", sheets)
    caseload = read_caseload(path)
    found = where(caseload.problems)
    assert ("Beschäftigung", n, "Aktenzeichen", "unknown_case") in found
    assert ("Beschäftigung", n + 1, "Person-ID", "unknown_person") in found
    assert caseload.rows_unassigned == 1
    assert first_case not in {c["id"] for c in caseload.cases}
    assert first_person


def test_count_columns_must_match_the_list_sheet(tmp_path: pathlib.Path) -> None:
    _, sheets = synthetic_sheets(40, 7)
    persons = sheets["Personen"][1]
    index = next(
        i
        for i, r in enumerate(persons)
        if r[3] and isinstance(r[sheets["Personen"][0].index("Aufenthalte")], int)
    )
    row = set_cell(sheets, "Personen", index, "Aufenthalte", 17)
    caseload = read_caseload(write_workbook(tmp_path / "zahl.xlsx", sheets))
    assert ("Personen", row, "Aufenthalte", "count_mismatch") in where(caseload.problems)


def test_missing_person_id_column_makes_the_input_unusable(tmp_path: pathlib.Path) -> None:
    _, sheets = synthetic_sheets(10, 8)
    drop_column(sheets, "Personen", "Person-ID")
    path = write_workbook(tmp_path / "ohne-id.xlsx", sheets)
    result = run_screen(path, out=tmp_path / "liste.xlsx")
    assert result.exit_code == EXIT_UNUSABLE
    assert ("Personen", 2, "Person-ID", "missing_required_column") in where(result.problems)
    assert result.report is not None and result.report.exists()
    assert not (tmp_path / "liste.xlsx").exists()


def test_missing_sheet_and_unreadable_files(tmp_path: pathlib.Path) -> None:
    _, sheets = synthetic_sheets(5, 9)
    del sheets["Personen"]
    with pytest.raises(UnusableInput) as exc:
        read_caseload(write_workbook(tmp_path / "ohne-personen.xlsx", sheets))
    assert exc.value.problems[0].code == "missing_sheet"
    (tmp_path / "kaputt.xlsx").write_bytes(b"not a zip")
    assert run_screen(tmp_path / "kaputt.xlsx").exit_code == EXIT_UNUSABLE
    assert run_screen(tmp_path / "fehlt.xlsx").exit_code == EXIT_UNUSABLE
    (tmp_path / "x.txt").write_text("x")
    assert run_screen(tmp_path / "x.txt").exit_code == EXIT_UNUSABLE


def test_unknown_columns_and_sheets_are_notices_only(tmp_path: pathlib.Path) -> None:
    _, sheets = synthetic_sheets(10, 10)
    cols, rows = sheets["Personen"]
    sheets["Personen"] = ([*cols, "Sachbearbeitung"], [[*r, "Frau X"] for r in rows])
    sheets["Notizen"] = (["irgendwas"], [["a"]])
    result = run_screen(write_workbook(tmp_path / "extra.xlsx", sheets), out=tmp_path / "l.xlsx")
    assert result.exit_code == EXIT_OK
    codes = {(p.code, p.severity) for p in result.problems}
    assert codes == {("unknown_column", "info"), ("unknown_sheet", "info")}
    assert result.report is not None


MAPPING = """
ignorieren = ["Sachbearbeitung"]
ja = ["J"]
datumsformate = ["%d/%m/%Y"]

[blaetter]
"Personendaten" = "Personen"

[spalten]
"AZ" = "Aktenzeichen"
"Pers.-Nr." = "Person-ID"
"Geb.-Datum" = "Geburtsdatum"
"StAng" = "Staatsangehörigkeit"
"Duldung ab" = "Duldung seit"

[werte."Staatsangehörigkeit"]
"438" = "IRQ"
"423" = "AFG"

[werte.Personen.Duldungsart]
"D1" = "§ 60a"
"""


def test_mapping_file_reads_a_vendor_export(tmp_path: pathlib.Path) -> None:
    vendor = {
        "Personendaten": (
            [
                "AZ",
                "Pers.-Nr.",
                "Geb.-Datum",
                "StAng",
                "Duldung ab",
                "Duldungsart",
                "Identität geklärt",
                "Sachbearbeitung",
            ],
            [
                ["A-1", 1, "02/03/1990", 438, "01/06/2020", "D1", "J", "Herr Y"],
                ["A-1", 2, "04/05/1992", 438, "01/06/2020", "D1", "N", "Herr Y"],
                ["A-2", 1, "06/07/2001", "423", "15/01/2019", "D1", None, "Frau Z"],
            ],
        )
    }
    path = write_workbook(tmp_path / "fachverfahren.xlsx", vendor)
    (tmp_path / "map.toml").write_text(MAPPING, encoding="utf-8")
    result = run_screen(
        path, out=tmp_path / "l.xlsx", mapping_path=tmp_path / "map.toml", as_of=dt.date(2026, 11, 25)
    )
    assert result.exit_code == EXIT_OK, result.problems
    caseload = read_caseload(path, mapping=load_mapping(tmp_path / "map.toml"), as_of=dt.date(2026, 11, 25))
    first = caseload.cases[0]["persons"][0]
    assert first["id"] == "1" and first["birth_date"] == "1990-03-02" and first["nationality"] == "IRQ"
    assert first["statuses"] == [{"type": "duldung", "basis": "60a", "from": "2020-06-01"}]
    assert first["identity"] == {"clarified": True}
    assert "identity" not in caseload.cases[1]["persons"][0]
    assert caseload.cases[1]["persons"][0]["nationality"] == "AFG"
    # without the mapping the same file is unusable: no sheet Personen
    assert run_screen(path, out=tmp_path / "m.xlsx").exit_code == EXIT_UNUSABLE


def test_mapping_file_errors_are_caught(tmp_path: pathlib.Path) -> None:
    with pytest.raises(MappingError):
        build_mapping({"spalten": {"AZ": "Aktenzeichenn"}})
    with pytest.raises(MappingError):
        build_mapping({"blaetter": {"X": "Personn"}})
    with pytest.raises(MappingError):
        build_mapping({"unbekannt": {}})
    (tmp_path / "m.yaml").write_text(
        "spalten:\n  AZ: Aktenzeichen\nwerte:\n  Pass:\n    P: gültig\n", "utf-8"
    )
    mapping = load_mapping(tmp_path / "m.yaml")
    assert mapping.column("Personen", "az") == "Aktenzeichen"
    assert mapping.value("Personen", "Pass", "P") == "gültig"
    (tmp_path / "bad.toml").write_text("[spalten\n", "utf-8")
    result = run_screen(tmp_path / "m.yaml", mapping_path=tmp_path / "bad.toml")
    assert result.exit_code == EXIT_UNUSABLE and result.problems[0].code == "invalid_mapping"


def test_german_csv_with_semicolons_and_windows_encoding(tmp_path: pathlib.Path) -> None:
    text = (
        "Aktenzeichen;Person-ID;Geburtsdatum;Staatsangehörigkeit;Duldung seit;Haushalt Bedarf (€/Monat);"
        "Verurteilungen\n"
        "K-7;a;03.04.1995;Türkei;01.02.2019;1.234,50;keine\n"
        "K-7;b;05.06.1996;TUR;01.02.2019;;\n"
    )
    (tmp_path / "faelle.csv").write_bytes(text.encode("cp1252"))
    (tmp_path / "faelle_Sprachnachweise.csv").write_text(
        "Aktenzeichen;Person-ID;Niveau;Nachweis;Datum\nK-7;b;A2;Zertifikat;2024-01-10\n", "utf-8-sig"
    )
    caseload = read_caseload(tmp_path / "faelle.csv", as_of=dt.date(2026, 11, 25))
    assert caseload.problems == []
    [case] = caseload.cases
    a, b = case["persons"]
    assert a["nationality"] == b["nationality"] == "TUR"
    assert a["convictions"] == [] and "convictions" not in b
    assert b["german"] == [{"level": "A2", "evidence": "certificate", "date": "2024-01-10"}]
    assert case["households"] == [{"members": ["a", "b"], "monthly_need_eur": 1234.5}]


def test_json_lines_with_a_broken_line(tmp_path: pathlib.Path) -> None:
    cases = list(generate_cases(30, 12))
    lines = [json.dumps(c) for c in cases]
    lines.insert(2, '{"format": "bleiberecht.case/1", "persons": [}')
    bad = copy.deepcopy(cases[4])
    bad["persons"][0]["birth_date"] = "2001-02-31"
    lines[5] = json.dumps(bad)
    (tmp_path / "f.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    result = run_screen(tmp_path / "f.jsonl", out=tmp_path / "w.xlsx")
    assert result.exit_code == EXIT_PARTIAL
    found = where(result.problems)
    assert (None, 3, "$", "invalid_json") in found
    assert (None, 6, "$.persons[0].birth_date", "invalid_date") in found
    summary = result.summary
    assert summary is not None and summary.rows_unassigned == 1 and summary.cases_rejected == 1
    assert summary.cases_screened == len(cases) - 1


def test_flat_parquet_is_read_like_the_personen_sheet(tmp_path: pathlib.Path) -> None:
    _, sheets = synthetic_sheets(25, 13)
    cols, rows = sheets["Personen"]
    keep = ["Aktenzeichen", "Person-ID", "Geburtsdatum", "Staatsangehörigkeit", "Einreisedatum", "Prüfdatum"]
    idx = [cols.index(k) for k in keep]
    frame = pl.DataFrame([[r[i] for i in idx] for r in rows], schema=keep, orient="row")
    frame.write_parquet(tmp_path / "flach.parquet")
    caseload = read_caseload(tmp_path / "flach.parquet")
    assert caseload.problems == [] and caseload.persons_screened == 25
    assert all(
        set(p) <= {"id", "birth_date", "nationality", "entry_date"}
        for c in caseload.cases
        for p in c["persons"]
    )


def test_as_of_replaces_the_date_of_the_file(tmp_path: pathlib.Path) -> None:
    write_caseload(list(generate_cases(20, 14)), tmp_path / "b.xlsx")
    caseload = read_caseload(tmp_path / "b.xlsx", as_of=dt.date(2027, 3, 1))
    assert {c["as_of"] for c in caseload.cases} == {"2027-03-01"}
