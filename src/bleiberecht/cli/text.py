"""A `Report` on the terminal with Rich: compact, colour plus words (never colour alone)."""

from __future__ import annotations

from rich.console import Console
from rich.rule import Rule
from rich.text import Text as RichText

from bleiberecht.cli.labels import LIGHT_STYLE
from bleiberecht.cli.report import Line, PathView, PersonView, Report, Section, Tone

TONE_STYLE: dict[Tone, str] = {"good": "green", "bad": "bold red", "open": "yellow", "info": "cyan"}
OUTCOME_STYLE = {
    "eligible": "bold green",
    "eligible_later": "green",
    "not_eligible": "bold red",
    "undetermined": "yellow",
}
SEPARATOR = " · "


def _indented(console: Console, text: RichText, indent: int) -> None:
    """Print with every wrapped line at the same indent (and no trailing blanks)."""
    for line in text.wrap(console, max(console.width - indent, 20)):
        line.rstrip()
        console.print(RichText(" " * indent) + line, soft_wrap=True)


def _facts(rows: tuple[tuple[str, str], ...], first_style: str = "") -> RichText:
    """``Label: value · Label: value`` on one line; the first value may be highlighted."""
    text = RichText()
    for i, (label, value) in enumerate(rows):
        if i:
            text.append(SEPARATOR, style="dim")
        text.append(f"{label}: ", style="dim")
        text.append(value, style=first_style if i == 0 else "")
    return text


def _line(console: Console, line: Line, indent: int) -> None:
    text = RichText()
    text.append(line.label or "•", style=TONE_STYLE[line.tone])
    text.append(f" {line.title}")
    if line.citation:
        text.append(f" – {line.citation}", style="dim")
    _indented(console, text, indent)
    if line.detail:
        _indented(console, RichText(line.detail), indent + 4)
    if line.notes:
        _indented(console, RichText(SEPARATOR.join(line.notes), style="italic"), indent + 4)


def _section(console: Console, section: Section, indent: int) -> None:
    _indented(console, RichText(f"{section.heading}:", style="bold"), indent)
    for line in section.lines:
        _line(console, line, indent + 2)


def _path(console: Console, path: PathView) -> None:
    heading = RichText()
    heading.append(path.title, style="bold")
    heading.append(f" ({path.norm})", style="dim")
    _indented(console, heading, 2)
    _indented(console, _facts(path.facts, OUTCOME_STYLE.get(path.outcome, "")), 4)
    for section in path.sections:
        _section(console, section, 4)


def _person(console: Console, person: PersonView) -> None:
    style = LIGHT_STYLE.get(person.light, "bold")
    title = RichText.assemble((person.id, "bold"), "  ", (f"● {person.light_word}", style))
    console.print()
    console.print(Rule(title, align="left", style=style))
    if person.empty_note:
        _indented(console, RichText(person.empty_note, style="italic"), 2)
    for path in person.paths:
        _path(console, path)
        console.print()
    for section in person.sections:
        _section(console, section, 2)


def print_report(report: Report, console: Console) -> None:
    heading = RichText(report.title, style="bold")
    heading.append(SEPARATOR, style="dim")
    heading.append_text(_facts(report.facts))
    _indented(console, heading, 0)
    for person in report.persons:
        _person(console, person)
