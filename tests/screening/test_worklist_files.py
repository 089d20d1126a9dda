"""The files ``bleiberecht screen`` writes, and the commands ``screen`` and ``synth`` as a user runs them."""

from __future__ import annotations

import json
import pathlib

import openpyxl
import polars as pl
import pytest
from typer.testing import CliRunner

from bleiberecht.cli.main import app
from bleiberecht.law.engine import evaluate_cases
from bleiberecht.law.norms import ALL_NORMS
from bleiberecht.law.result import build_results
from bleiberecht.screening import generate_cases
from bleiberecht.screening.export.caseload_out import write_caseload
from bleiberecht.screening.forecast import MONTHS
from bleiberecht.screening.run import EXIT_OK, run_screen
from bleiberecht.screening.screen import screen_cases

runner = CliRunner()


def test_synth_xlsx_then_screen_round_trips_like_jsonl(tmp_path: pathlib.Path) -> None:
    synth = runner.invoke(
        app, ["synth", "--persons", "400", "--seed", "1", "--out", str(tmp_path / "d.xlsx")]
    )
    assert synth.exit_code == 0, synth.output
    assert "400 Personen" in synth.output
    screen = runner.invoke(app, ["screen", str(tmp_path / "d.xlsx"), "--out", str(tmp_path / "w.xlsx")])
    assert screen.exit_code == 0, screen.output
    assert "Geprüft:    400 Personen" in screen.output
    assert not (tmp_path / "w-fehler.xlsx").exists()
    # the same caseload as JSON Lines gives the same worklist
    runner.invoke(app, ["synth", "--persons", "400", "--seed", "1", "--out", str(tmp_path / "d.jsonl")])
    from_xlsx = run_screen(tmp_path / "d.xlsx", out=tmp_path / "a.json")
    from_jsonl = run_screen(tmp_path / "d.jsonl", out=tmp_path / "b.json")
    assert from_xlsx.screening is not None and from_jsonl.screening is not None
    assert from_xlsx.screening.worklist.equals(from_jsonl.screening.worklist)


def test_worklist_workbook_layout(tmp_path: pathlib.Path) -> None:
    write_caseload(list(generate_cases(300, 21)), tmp_path / "b.jsonl")
    result = run_screen(tmp_path / "b.jsonl", out=tmp_path / "w.xlsx")
    assert result.exit_code == EXIT_OK
    book = openpyxl.load_workbook(tmp_path / "w.xlsx")
    assert book.sheetnames == [
        "Arbeitsliste",
        "Übersicht",
        "Prognose 24 Monate",
        "Prognose bei Klärung",
        "Prüfaufträge",
        "Hinweise",
    ]
    ws = book["Arbeitsliste"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Rang", "Dringlichkeit", "Ampel", "Aktenzeichen"]
    assert "Was fehlt" in header and "Nächster Schritt" in header and "Nächste Frist" in header
    assert ws.freeze_panes == "D2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws.max_row == 301
    colours = {"GRÜN": "C6EFCE", "GELB": "FFEB9C", "ROT": "FFC7CE"}
    for row in ws.iter_rows(min_row=2, max_row=301):
        light = row[2]
        assert light.value in colours  # the word, not the colour alone
        assert light.fill.fgColor.rgb.endswith(colours[light.value])
    assert ws.column_dimensions["A"].width is not None
    forecast = book["Prognose 24 Monate"]
    assert forecast.max_row == 1 + 1 + MONTHS + 1 + 1  # header, already, 24 months, later, total
    possible = book["Prognose bei Klärung"]
    assert possible.max_row == forecast.max_row
    assert possible.cell(2, 1).value == "nur noch Fragen offen"


def test_forecast_counts_each_eligible_path_once() -> None:
    result = screen_cases(list(generate_cases(800, 5)))
    table = result.forecast
    total = table.row(table.height - 1)
    for norm, count in zip(ALL_NORMS, total[1 : 1 + len(ALL_NORMS)], strict=True):
        eligible = result.tri.get_column(f"{norm.key}__outcome").is_in(["eligible", "eligible_later"]).sum()
        assert count == eligible
    anyone = result.tri.select(
        pl.any_horizontal(
            pl.col(f"{n.key}__outcome").is_in(["eligible", "eligible_later"]) for n in ALL_NORMS
        )
    ).to_series()
    assert total[-1] == anyone.sum()


def test_possible_forecast_counts_undetermined_paths_by_their_opening_month() -> None:
    cases = list(generate_cases(400, 9))
    result = screen_cases(cases)
    table = result.forecast_possible
    total = table.row(table.height - 1)
    tri = result.tri
    for norm, count in zip(ALL_NORMS, total[1 : 1 + len(ALL_NORMS)], strict=True):
        possible = tri.get_column(f"{norm.key}__possible_from")
        outcome = tri.get_column(f"{norm.key}__outcome")
        # only undetermined paths count, never a certain or a failed one
        assert (outcome.filter(possible.is_not_null()) == "undetermined").all()
        assert count == possible.is_not_null().sum()
    assert total[1 : 1 + len(ALL_NORMS)] != tuple(0 for _ in ALL_NORMS)  # the caseload has open questions
    # The month of a possible path is the one its known requirements are all met in: check against ``check``.
    in_force = {n.key: n.in_force_from.isoformat() for n in ALL_NORMS}
    compared = 0
    for idx in range(40):
        [doc] = build_results(evaluate_cases([cases[idx]]))
        rows = tri.filter(pl.col("case_idx") == idx).iter_rows(named=True)
        for person, row in zip(doc["persons"], rows, strict=True):
            for path in person["paths"]:
                got = row[f"{path['path']}__possible_from"]
                if got is None:
                    continue
                met = [r["met_from"] for r in path["requirements"] if r["status"] == "met" and r["met_from"]]
                assert got.isoformat() == max([in_force[path["path"]], *met])
                compared += 1
    assert compared > 0


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_other_output_formats(tmp_path: pathlib.Path, fmt: str) -> None:
    write_caseload(list(generate_cases(120, 8)), tmp_path / "b.jsonl")
    result = run_screen(tmp_path / "b.jsonl", out=tmp_path / f"w.{fmt}")
    assert result.exit_code == EXIT_OK
    assert all(p.exists() for p in result.outputs)
    if fmt == "csv":
        text = (tmp_path / "w.csv").read_text("utf-8-sig").splitlines()
        assert text[0].startswith("Rang;Dringlichkeit;Ampel;Aktenzeichen")
        assert len(text) == 121
        assert (tmp_path / "w_Prognose.csv").exists()
        assert (tmp_path / "w_Prognose_bei_Klärung.csv").exists()
    elif fmt == "parquet":
        frame = pl.read_parquet(tmp_path / "w.parquet")
        assert frame.height == 120 and {"traffic_light", "best_path_key", "urgency_class"} <= set(
            frame.columns
        )
    else:
        doc = json.loads((tmp_path / "w.json").read_text("utf-8"))
        assert doc["format"] == "bleiberecht.worklist/1" and len(doc["worklist"]) == 120
        assert doc["summary"]["persons_screened"] == 120


def test_screen_in_english_and_exit_codes(tmp_path: pathlib.Path) -> None:
    lines = [json.dumps(c) for c in generate_cases(50, 3)]
    lines.append("{not json")
    (tmp_path / "b.jsonl").write_text("\n".join(lines), "utf-8")
    result = runner.invoke(app, ["screen", str(tmp_path / "b.jsonl"), "--lang", "en", "--format", "csv"])
    assert result.exit_code == 3, result.output
    assert "Screened:" in result.output and "Error report" in result.output
    report = (tmp_path / "b-worklist-errors.csv").read_text("utf-8").splitlines()
    assert report[0].startswith("File,Sheet,Row,Column")
    assert (tmp_path / "b-worklist.csv").exists()
    assert runner.invoke(app, ["screen", str(tmp_path / "nothing.xlsx")]).exit_code == 2
    assert runner.invoke(app, ["screen", str(tmp_path / "b.jsonl"), "--as-of", "31.02.2026"]).exit_code == 2
    assert runner.invoke(app, ["synth", "--persons", "5", "--out", str(tmp_path / "x.txt")]).exit_code == 2


def test_screen_output_contains_no_personal_data(tmp_path: pathlib.Path) -> None:
    cases = list(generate_cases(30, 4))
    write_caseload(cases, tmp_path / "b.jsonl")
    result = runner.invoke(app, ["screen", str(tmp_path / "b.jsonl")])
    names = {p.get("name") for c in cases for p in c["persons"]} - {None}
    assert not any(name in result.output for name in names)
    assert not any(c["id"] in result.output for c in cases)
