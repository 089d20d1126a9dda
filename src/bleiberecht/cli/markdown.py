"""A `Report` as a Markdown document (for dossiers), and the small Markdown helpers the rules sheet shares."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bleiberecht.cli.labels import LIGHT_SYMBOL
from bleiberecht.cli.report import Line, PathView, PersonView, Report, Section

_SPECIAL = re.compile(r"([\\`*_|<\[\]])")


def escape(text: str) -> str:
    """Make free text literal: no emphasis, code, links, HTML or table cell breaks; one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def code(text: str) -> str:
    return f"`{text}`"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A pipe table; cells must already be escaped."""
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _facts(rows: tuple[tuple[str, str], ...]) -> list[str]:
    return [f"- **{escape(label)}:** {escape(value)}" for label, value in rows]


def _line(line: Line) -> list[str]:
    head = f"- **{escape(line.label)}** {escape(line.title)}" if line.label else f"- {escape(line.title)}"
    if line.citation:
        head += f" ({escape(line.citation)})"
    out = [head]
    if line.detail:
        out.append(f"  {escape(line.detail)}")
    out += [f"  *{escape(note)}*" for note in line.notes]
    # Continuation lines of a list item need a hard break to stay separate lines.
    return [text + "  " if i < len(out) - 1 else text for i, text in enumerate(out)]


def _section(section: Section, level: str) -> list[str]:
    out = ["", f"{level} {escape(section.heading)}", ""]
    for line in section.lines:
        out += _line(line)
    return out


def _path(path: PathView) -> list[str]:
    out = ["", f"### {escape(path.title)} ({escape(path.norm)})", "", *_facts(path.facts)]
    for section in path.sections:
        out += _section(section, "####")
    return out


def _person(person: PersonView) -> list[str]:
    symbol = LIGHT_SYMBOL.get(person.light, "")
    out = ["", f"## {escape(person.id)} – {symbol} {escape(person.light_word)}".replace("  ", " ")]
    if person.empty_note:
        out += ["", f"*{escape(person.empty_note)}*"]
    for path in person.paths:
        out += _path(path)
    for section in person.sections:
        out += _section(section, "###")
    return out


def report_markdown(report: Report) -> str:
    out = [f"# {escape(report.title)}", "", *_facts(report.facts)]
    for person in report.persons:
        out += _person(person)
    return "\n".join(out) + "\n"
