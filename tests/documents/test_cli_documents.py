"""``bleiberecht dossier`` and ``bleiberecht letters``: files written, recipients by light, exit codes."""

from __future__ import annotations

import copy
import io
import json
import pathlib
import zipfile
from typing import Any

from typer.testing import CliRunner

from bleiberecht.cli.main import app
from bleiberecht.documents import docx as docx_out
from documents.conftest import EXAMPLE

runner = CliRunner()


def run(*args: str | pathlib.Path) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def test_dossier_docx_and_pdf(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "dossier.docx"
    result = run("dossier", EXAMPLE, "--out", out, "--organisation", "Beratungsstelle X")
    assert result.exit_code == 0, result.output
    text = docx_out.docx_text(out.read_bytes())
    assert "Dossier zum Fall beispiel-familie" in text and "Beratungsstelle X" in text
    pdf = tmp_path / "dossier.pdf"
    result = run("dossier", EXAMPLE, "--out", pdf, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert "Written:" in result.output


def test_dossier_bad_input_exits_2(tmp_path: pathlib.Path) -> None:
    assert run("dossier", EXAMPLE, "--out", tmp_path / "x.txt").exit_code == 2
    missing = run("dossier", tmp_path / "fehlt.json", "--out", tmp_path / "x.pdf")
    assert missing.exit_code == 2 and "nicht gefunden" in missing.output
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "bleiberecht.case/1", "persons": [{"id": 1}]}), encoding="utf-8")
    invalid = run("dossier", bad, "--out", tmp_path / "x.docx")
    assert invalid.exit_code == 2 and "fehlerhaft" in invalid.output
    assert not (tmp_path / "x.docx").exists()
    assert run("dossier", EXAMPLE, "--out", tmp_path / "x.docx", "--as-of", "31.02.2026").exit_code == 2


def caseload(tmp_path: pathlib.Path) -> pathlib.Path:
    """Two cases: the example family (green father, yellow mother and child) and one red person."""
    family = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    red = copy.deepcopy(family)
    red["id"] = "rot-fall"
    red["persons"] = [  # a residence permit holder with an entry ban and deception on record: no path
        {
            "id": "r1",
            "birth_date": "1960-01-01",
            "entry_date": "2026-10-01",
            "statuses": [{"type": "aufenthaltserlaubnis", "from": "2026-10-01", "to": None}],
            "convictions": [],
            "employment": [],
            "schooling": [],
            "training": [],
            "german": [],
            "identity": {
                "clarified": True,
                "passport": "valid",
                "deception": "current",
                "obstruction": "current",
            },
            "entry_ban_active": True,
            "pending_criminal_proceedings": False,
            "asylum": {"applied_on": "2026-10-02", "outcome": "pending"},
        }
    ]
    red.pop("households", None)
    path = tmp_path / "bestand.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in (family, red)) + "\n", encoding="utf-8")
    return path


def zip_names(path: pathlib.Path) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return archive.namelist()


def test_letters_zip_for_chosen_lights(tmp_path: pathlib.Path) -> None:
    source = caseload(tmp_path)
    out = tmp_path / "briefe.zip"
    result = run("letters", source, "--out", out, "--organisation", "ABH")
    assert result.exit_code == 0, result.output
    names = zip_names(out)
    assert sorted(n.split("-", 1)[1] for n in names) == [
        "beispiel-familie-kind.docx",
        "beispiel-familie-mutter.docx",
        "beispiel-familie-vater.docx",
    ]
    assert "3 Anschreiben für 4 geprüfte Personen" in result.output
    only_red = tmp_path / "rot.zip"
    result = run("letters", source, "--out", only_red, "--lights", "red")
    assert result.exit_code == 0, result.output
    assert [n.split("-", 1)[1] for n in zip_names(only_red)] == ["rot-fall-r1.docx"]


def test_letters_pdf(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "briefe.pdf"
    result = run("letters", caseload(tmp_path), "--out", out, "--lights", "green")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert "1 Anschreiben" in result.output


def test_letters_bad_input_exits_2(tmp_path: pathlib.Path) -> None:
    source = caseload(tmp_path)
    bad_light = run("letters", source, "--out", tmp_path / "x.zip", "--lights", "green,blau")
    assert bad_light.exit_code == 2 and "blau" in bad_light.output
    assert run("letters", source, "--out", tmp_path / "x.docx").exit_code == 2
    missing = run("letters", tmp_path / "fehlt.jsonl", "--out", tmp_path / "x.zip")
    assert missing.exit_code == 2 and "nicht verwendbar" in missing.output
    assert not (tmp_path / "x.zip").exists()


def test_letters_with_rejected_rows_exit_3(tmp_path: pathlib.Path) -> None:
    source = caseload(tmp_path)
    source.write_text(
        source.read_text(encoding="utf-8") + '{"format": "bleiberecht.case/1", "id": "kaputt"}\n'
    )
    out = tmp_path / "briefe.zip"
    result = run("letters", source, "--out", out)
    assert result.exit_code == 3, result.output
    assert len(zip_names(out)) == 3
    assert (tmp_path / "briefe-fehler.csv").exists()
