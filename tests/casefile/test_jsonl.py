"""load_jsonl: valid lines are kept, rejected lines are reported with their line number."""

from __future__ import annotations

import json
import pathlib

from bleiberecht.casefile import load_jsonl

from .helpers import AS_OF, example


def test_valid_lines_are_kept_and_rejected_lines_reported(tmp_path: pathlib.Path) -> None:
    good = example()
    warned = example()
    del warned["persons"][1]["spouse_id"]
    bad = example()
    bad["persons"][0]["statuses"][1]["to"] = "2023-01-31"
    lines = [json.dumps(good), "", json.dumps(bad), '{"format": ', json.dumps(warned)]
    path = tmp_path / "fälle.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    cases, rejected = load_jsonl(path)

    assert [c.as_of for c in cases] == [AS_OF, AS_OF]
    assert cases[0].warnings == []
    assert [w.path for w in cases[1].warnings] == ["zeile 5: $.persons[0].spouse_id"]
    assert [(i.path, i.code, i.line, i.source) for i in rejected] == [
        ("zeile 3: $.persons[0].statuses[1].to", "period_ends_before_start", 3, str(path)),
        ("zeile 4: $", "invalid_json", 4, str(path)),
    ]
    assert rejected[1].column == 12
    assert rejected[1].message_de.startswith("Ungültiges JSON in Zeile 4, Spalte 12:")
    assert str(rejected[0]).startswith(
        f"[Fehler] {path}: zeile 3: $.persons[0].statuses[1].to: Person 'vater'"
    )


def test_unreadable_file(tmp_path: pathlib.Path) -> None:
    cases, rejected = load_jsonl(tmp_path / "fehlt.jsonl")
    assert cases == []
    assert [i.code for i in rejected] == ["file_unreadable"]
