"""``bleiberecht rules``: every norm, requirement and parameter on the sheet; docs/rules.md is current."""

from __future__ import annotations

import pathlib

from typer.testing import CliRunner

from bleiberecht.cli.main import app
from bleiberecht.law.norms import ALL_NORMS
from bleiberecht.law.params import load_params

from .conftest import REPO

RULES_MD = REPO / "docs" / "rules.md"


def rules(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["rules", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_norm_requirement_and_parameter(runner: CliRunner) -> None:
    sheet = rules(runner)
    assert sheet.startswith("# Regelwerk: Normen und Parameter\n")
    for norm in ALL_NORMS:
        assert f"`{norm.key}`" in sheet
        assert norm.citation in sheet
        assert norm.title.de in sheet
        for req in norm.requirements:
            assert f"`{norm.key}.{req.key}`" in sheet
    for parameter in load_params():
        assert f"### `{parameter.name}`" in sheet


def test_parameters_to_verify_are_marked(runner: CliRunner) -> None:
    sheet = rules(runner)
    marked = [p for p in load_params() if p.verify]
    assert sheet.count("> **⚠ zu prüfen:** ") == len(marked)
    assert "zu prüfen:** zu prüfen" not in sheet  # the note's own prefix is not repeated
    for parameter in marked:
        assert f"- `{parameter.name}`\n" in sheet  # listed in the overview


def test_english(runner: CliRunner) -> None:
    sheet = rules(runner, "--lang", "en")
    assert sheet.startswith("# Rules: norms and parameters\n")
    assert "⚠ to verify" in sheet
    for norm in ALL_NORMS:
        assert norm.title.en in sheet


def test_write_gives_the_same_markdown(runner: CliRunner, tmp_path: pathlib.Path) -> None:
    target = tmp_path / "rules.md"
    result = runner.invoke(app, ["rules", "--write", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"Geschrieben: {target}" in result.stderr
    assert target.read_text(encoding="utf-8") == rules(runner)


def test_write_to_impossible_place(runner: CliRunner, tmp_path: pathlib.Path) -> None:
    result = runner.invoke(app, ["rules", "--write", str(tmp_path / "fehlt" / "rules.md")])
    assert result.exit_code == 2
    assert "kann nicht geschrieben werden" in result.stderr


def test_docs_rules_md_is_current(runner: CliRunner) -> None:
    assert RULES_MD.read_text(encoding="utf-8") == rules(runner), (
        "docs/rules.md is out of date: run `bleiberecht rules --write docs/rules.md`"
    )
