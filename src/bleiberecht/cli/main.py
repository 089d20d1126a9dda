"""``bleiberecht`` command line (Typer): ``check`` one case file, print the ``rules`` sheet.

Exit codes: 0 done; 1 internal error (a short message, never a traceback); 2 bad input (case file, option
value, unreadable file).
"""

from __future__ import annotations

import json
import pathlib
import re
from dataclasses import replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from bleiberecht.cli.options import Lang, LangOption
from bleiberecht.law.norm import Text

if TYPE_CHECKING:
    from bleiberecht.casefile import CaseFile, CaseSource, Issue


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


MESSAGES = {
    "bad_date": Text(
        "Ungültiges Datum für --as-of: '{value}'. Erwartet wird JJJJ-MM-TT oder TT.MM.JJJJ.",
        "Invalid date for --as-of: '{value}'. Expected YYYY-MM-DD or DD.MM.YYYY.",
    ),
    "invalid": Text(
        "Die Falldatei {file} ist fehlerhaft ({errors} Fehler, {warnings} Warnungen):",
        "The case file {file} is invalid ({errors} errors, {warnings} warnings):",
    ),
    "not_found": Text("Die Falldatei {file} wurde nicht gefunden.", "The case file {file} was not found."),
    "is_directory": Text(
        "{file} ist ein Verzeichnis, keine Falldatei.", "{file} is a directory, not a case file."
    ),
    "as_of_too_early": Text(
        "Hinweis: Das Prüfdatum --as-of {as_of} liegt vor Ereignissen in der Falldatei. Geprüft werden kann "
        "nur mit dem, was am Prüfdatum bekannt war; ein späteres Datum wählen oder die Falldatei kürzen.",
        "Note: the assessment date --as-of {as_of} lies before events in the case file. A case can only be "
        "assessed with what was known on that date; choose a later date or shorten the case file.",
    ),
    "warnings": Text("Warnungen zur Falldatei {file}:", "Warnings about the case file {file}:"),
    "internal": Text(
        "Interner Fehler bei der Prüfung von {file}: {error}. Bitte mit der Falldatei melden.",
        "Internal error while checking {file}: {error}. Please report it with the case file.",
    ),
    "written": Text("Geschrieben: {file}", "Written: {file}"),
    "write_failed": Text(
        "Die Datei {file} kann nicht geschrieben werden: {reason}",
        "Cannot write the file {file}: {reason}",
    ),
}

app = typer.Typer(
    name="bleiberecht",
    help="Wege ins Bleiberecht: Prüfung von Bleiberechtswegen aus der Duldung (AufenthG).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str, code: int) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def message(key: str, lang: str, **values: object) -> str:
    return MESSAGES[key].get(lang).format(**values)


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_GERMAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_date(value: str) -> date | None:
    """``2026-11-25`` or ``25.11.2026``; None if it is neither or not a real day."""
    value = value.strip()
    try:
        if _ISO.match(value):
            return date.fromisoformat(value)
        if german := _GERMAN.match(value):
            day, month, year = (int(part) for part in german.groups())
            return date(year, month, day)
    except ValueError:
        return None
    return None


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _source_with_as_of(path: pathlib.Path, as_of: date) -> CaseSource:
    """The file's document with ``as_of`` replaced, so every check runs against the new date.

    If the file cannot be read as a JSON object, the path itself is returned and `load_case` reports why.
    """
    try:
        doc = json.loads(path.read_bytes().decode("utf-8-sig"), parse_constant=_reject_constant)
    except (OSError, ValueError):
        return path
    if not isinstance(doc, dict):
        return path
    doc["as_of"] = as_of.isoformat()
    return doc


def _issue_lines(issues: list[Issue], name: str, lang: str) -> list[str]:
    return [f"  {replace(issue, source=name).render(lang)}" for issue in issues]


def load(path: pathlib.Path, as_of: date | None, lang: str) -> CaseFile:
    """Load and check the case file; on errors print every issue to stderr and exit with 2."""
    from bleiberecht.casefile import CaseFileError, Code, load_case

    name = str(path)
    if not path.exists():
        fail(message("not_found", lang, file=name), 2)
    if path.is_dir():
        fail(message("is_directory", lang, file=name), 2)
    try:
        case = load_case(path if as_of is None else _source_with_as_of(path, as_of), lang=lang)
    except CaseFileError as exc:
        errors = len(exc.errors)
        lines = [
            message("invalid", lang, file=name, errors=errors, warnings=len(exc.issues) - errors),
            *_issue_lines(exc.issues, name, lang),
        ]
        if as_of is not None and any(issue.code == Code.DATE_AFTER_AS_OF for issue in exc.issues):
            lines.append(message("as_of_too_early", lang, as_of=as_of.isoformat()))
        fail("\n".join(lines), 2)
    if case.warnings:
        typer.echo(
            "\n".join([message("warnings", lang, file=name), *_issue_lines(case.warnings, name, lang)]),
            err=True,
        )
    return case


def assess(case: CaseFile, lang: str) -> dict[str, Any]:
    """The result v1 document of one loaded case."""
    from bleiberecht.law.engine import evaluate_cases
    from bleiberecht.law.result import build_results

    [result] = build_results(evaluate_cases([case.data]), lang=lang)
    return result


def render(result: dict[str, Any], output: OutputFormat, lang: str, verbose: bool) -> None:
    if output is OutputFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    from bleiberecht.cli.report import build_report

    report = build_report(result, lang, verbose=verbose)
    if output is OutputFormat.markdown:
        from bleiberecht.cli.markdown import report_markdown

        typer.echo(report_markdown(report), nl=False)
        return
    from rich.console import Console

    from bleiberecht.cli.text import print_report

    print_report(report, Console(highlight=False))


@app.command()
def check(
    case: Annotated[
        pathlib.Path,
        typer.Argument(help="Falldatei (case file v1, JSON).", metavar="FALLDATEI", show_default=False),
    ],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Prüfdatum statt des as_of der Falldatei (JJJJ-MM-TT oder TT.MM.JJJJ)."),
    ] = None,
    output: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Ausgabe: text (Terminal), json (Ergebnis v1), markdown."),
    ] = OutputFormat.text,
    lang: LangOption = Lang.de,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Auch erfüllte und nicht anwendbare Voraussetzungen zeigen."),
    ] = False,
) -> None:
    """Eine Falldatei prüfen: Wege ins Bleiberecht je Person, was fehlt, Fristen, nächste Fragen."""
    judged_on: date | None = None
    if as_of is not None:
        judged_on = parse_date(as_of)
        if judged_on is None:
            fail(message("bad_date", lang, value=as_of), 2)
    try:
        result = assess(load(case, judged_on, lang), lang)
        render(result, output, lang, verbose)
    except typer.Exit:
        raise
    except Exception as exc:  # the clerk gets a message, not a traceback
        fail(message("internal", lang, file=case, error=f"{type(exc).__name__}: {exc}"), 1)


@app.command()
def rules(
    lang: LangOption = Lang.de,
    write: Annotated[
        pathlib.Path | None,
        typer.Option("--write", help="Markdown in diese Datei schreiben statt auf die Standardausgabe."),
    ] = None,
) -> None:
    """Das Regelblatt: alle Normen, Voraussetzungen und Parameter mit Fundstellen (Markdown)."""
    from bleiberecht.cli.rules import rules_markdown
    from bleiberecht.law.norms import ALL_NORMS
    from bleiberecht.law.params import load_params

    sheet = rules_markdown(ALL_NORMS, load_params(), lang)
    if write is None:
        typer.echo(sheet, nl=False)
        return
    try:
        write.write_text(sheet, encoding="utf-8")
    except OSError as exc:
        fail(message("write_failed", lang, file=write, reason=exc.strerror or type(exc).__name__), 2)
    typer.echo(message("written", lang, file=write), err=True)


# ``screen`` and ``synth`` (issue 4) live in their own module.
from bleiberecht.cli.screening_cmds import register as _register_screening  # noqa: E402

_register_screening(app)

# ``serve`` (issue 5, the web application) lives in its own module.
from bleiberecht.cli.serve_cmd import register as _register_serve  # noqa: E402

_register_serve(app)

# ``dossier`` and ``letters`` (documents for the authority and outreach letters) live in their own module.
from bleiberecht.cli.documents_cmds import register as _register_documents  # noqa: E402

_register_documents(app)
