"""``bleiberecht screen`` (a whole caseload -> worklist) and ``bleiberecht synth`` (synthetic caseloads).

Registered on the main Typer app by `register`. Exit codes of ``screen``: 0 all rows screened; 3 some rows
rejected (error report written next to the output), the others screened; 2 input unusable; 1 internal error.
Nothing personal is printed: the terminal shows counts and file names; names, ids and values appear only in
the files written.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from bleiberecht.cli.options import AsOfOption, Lang, LangOption, MappingOption
from bleiberecht.law.norm import Text


class WorklistFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"
    parquet = "parquet"
    json = "json"


TEXTS: dict[str, Text] = {
    "bad_date": Text(
        "Ungültiges Datum für --as-of: '{value}'. Erwartet wird JJJJ-MM-TT oder TT.MM.JJJJ.",
        "Invalid date for --as-of: '{value}'. Expected YYYY-MM-DD or DD.MM.YYYY.",
    ),
    "unusable": Text(
        "Die Eingabe ist nicht verwendbar, nichts wurde geprüft:",
        "The input is unusable, nothing was screened:",
    ),
    "read": Text(
        "Gelesen:    {persons} Personen in {cases} Fällen ({file})",
        "Read:       {persons} persons in {cases} cases ({file})",
    ),
    "screened": Text(
        "Geprüft:    {persons} Personen in {cases} Fällen",
        "Screened:   {persons} persons in {cases} cases",
    ),
    "rejected": Text(
        "Abgelehnt:  {persons} Personen in {cases} Fällen, {rows} Zeilen ohne Fall",
        "Rejected:   {persons} persons in {cases} cases, {rows} rows without a case",
    ),
    "lights": Text("Ampel:      {lights}", "Lights:     {lights}"),
    "output": Text("Arbeitsliste: {files}", "Worklist: {files}"),
    "report": Text(
        "Fehlerbericht: {file} ({errors} Fehler, {warnings} Warnungen, {notices} Hinweise)",
        "Error report: {file} ({errors} errors, {warnings} warnings, {notices} notices)",
    ),
    "partial": Text(
        "Nicht alle Zeilen wurden geprüft: Einzelheiten im Fehlerbericht (Exit-Code 3).",
        "Not every row was screened: see the error report (exit code 3).",
    ),
    "internal": Text(
        "Interner Fehler: {error}. Bitte mit einer Beschreibung der Eingabe melden (ohne Personendaten).",
        "Internal error: {error}. Please report it with a description of the input (no personal data).",
    ),
    "synth_written": Text(
        "Geschrieben: {file} ({persons} Personen in {cases} Fällen, synthetisch, Seed {seed})",
        "Written: {file} ({persons} persons in {cases} cases, synthetic, seed {seed})",
    ),
    "synth_suffix": Text(
        "Unbekannte Endung '{suffix}' für --out. Möglich: .jsonl, .xlsx, .csv, .parquet.",
        "Unknown suffix '{suffix}' for --out. Possible: .jsonl, .xlsx, .csv, .parquet.",
    ),
    "write_failed": Text(
        "Die Datei {file} kann nicht geschrieben werden: {reason}",
        "Cannot write the file {file}: {reason}",
    ),
    "bad_land": Text("Unbekanntes Land '{value}' für --land.", "Unknown Land '{value}' for --land."),
}
STAGES = {
    "check": Text("Lesen und prüfen", "Reading and checking"),
    "evaluate": Text("Wege bewerten", "Evaluating paths"),
    "write": Text("Arbeitsliste schreiben", "Writing the worklist"),
}


def _say(key: str, lang: str, **values: object) -> str:
    return TEXTS[key].get(lang).format(**values)


def _number(n: int, lang: str) -> str:
    return f"{n:,}".replace(",", "." if lang == "de" else ",")


def _as_of(value: str | None, lang: str) -> date | None:
    if value is None:
        return None
    from bleiberecht.cli.main import parse_date

    parsed = parse_date(value)
    if parsed is None:
        typer.echo(_say("bad_date", lang, value=value), err=True)
        raise typer.Exit(2)
    return parsed


@contextmanager
def _progress(lang: str) -> Iterator[Callable[[str, int | None], Callable[[int], None]]]:
    """A Rich progress display on stderr (only on a terminal); yields the run's stage reporter."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:

        def stage(key: str, total: int | None) -> Callable[[int], None]:
            task = progress.add_task(STAGES[key].get(lang), total=total)
            return lambda n: progress.advance(task, n)

        yield stage


def screen(
    file: Annotated[
        pathlib.Path,
        typer.Argument(
            help="Fallbestand: .xlsx, .csv, .jsonl, .parquet (siehe docs/screening-input.md).",
            metavar="DATEI",
            show_default=False,
        ),
    ],
    out: Annotated[
        pathlib.Path | None,
        typer.Option(
            "--out", "-o", help="Arbeitsliste (Standard: DATEI-arbeitsliste.xlsx neben der Eingabe)."
        ),
    ] = None,
    output_format: Annotated[
        WorklistFormat | None,
        typer.Option("--format", "-f", help="xlsx (Standard), csv, parquet oder json; sonst aus --out."),
    ] = None,
    mapping: MappingOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = Lang.de,
) -> None:
    """Einen ganzen Fallbestand prüfen: Ampel-Arbeitsliste, Übersicht, 24-Monats-Prognose, Fehlerbericht."""
    from bleiberecht.screening.run import EXIT_PARTIAL, EXIT_UNUSABLE, run_screen

    judged_on = _as_of(as_of, lang)
    try:
        with _progress(lang) as stage:
            result = run_screen(
                file,
                out=out,
                fmt=output_format.value if output_format else None,
                mapping_path=mapping,
                as_of=judged_on,
                lang=lang.value,
                stage=stage,
            )
    except OSError as exc:
        typer.echo(
            _say("write_failed", lang, file=exc.filename or out, reason=exc.strerror or type(exc).__name__),
            err=True,
        )
        raise typer.Exit(2) from None
    except Exception as exc:  # the clerk gets a message, not a traceback
        typer.echo(_say("internal", lang, error=type(exc).__name__), err=True)
        raise typer.Exit(1) from None

    if result.summary is None:
        lines = [_say("unusable", lang)]
        lines += [f"  {p.message(lang)}" for p in result.problems if p.rejects][:10]
        if result.report:
            lines.append(_report_line(result, lang))
        typer.echo("\n".join(lines), err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    s = result.summary

    def n(value: int) -> str:
        return _number(value, lang)

    lines = [
        _say("read", lang, persons=n(s.persons_read), cases=n(s.cases_read), file=file.name),
        _say("screened", lang, persons=n(s.persons_screened), cases=n(s.cases_screened)),
    ]
    if s.persons_rejected or s.cases_rejected or s.rows_unassigned:
        lines.append(
            _say(
                "rejected",
                lang,
                persons=n(s.persons_rejected),
                cases=n(s.cases_rejected),
                rows=n(s.rows_unassigned),
            )
        )
    if result.screening is not None and result.screening.persons:
        lights = result.screening.lights
        words = [
            f"{w} {n(int(c))}"
            for w, c in zip(
                lights.get_column(lights.columns[0]), lights.get_column(lights.columns[1]), strict=True
            )
        ]
        lines.append(_say("lights", lang, lights=" · ".join(words)))
    if result.outputs:
        lines.append(_say("output", lang, files=", ".join(str(p) for p in result.outputs)))
    if result.report:
        lines.append(_report_line(result, lang))
    typer.echo("\n".join(lines))
    if result.exit_code == EXIT_PARTIAL:
        typer.echo(_say("partial", lang), err=True)
    raise typer.Exit(result.exit_code)


def _report_line(result: object, lang: str) -> str:
    problems = getattr(result, "problems", [])
    count = {sev: sum(1 for p in problems if p.severity == sev) for sev in ("error", "warning", "info")}
    return _say(
        "report",
        lang,
        file=getattr(result, "report", ""),
        errors=count["error"],
        warnings=count["warning"],
        notices=count["info"],
    )


def synth(
    persons: Annotated[int, typer.Option("--persons", "-n", min=1, help="Zahl der Personen.")],
    out: Annotated[
        pathlib.Path,
        typer.Option("--out", "-o", help="Zieldatei: .jsonl, .xlsx (Tabellenformat), .csv oder .parquet."),
    ],
    seed: Annotated[int, typer.Option("--seed", "-s", help="Zufallssaat; gleiche Saat = gleiche Fälle.")] = 1,
    as_of: AsOfOption = None,
    land: Annotated[str, typer.Option("--land", help="Bundesland (Kürzel), z. B. SN, BY, NW.")] = "SN",
    lang: LangOption = Lang.de,
) -> None:
    """Synthetischen Fallbestand erzeugen (keine realen Personendaten), kalibriert auf die Statistik."""
    from bleiberecht.screening.export.caseload_out import CASELOAD_SUFFIXES, write_caseload
    from bleiberecht.screening.synth import DEFAULT_AS_OF, generate_cases
    from bleiberecht.screening.tabular.vocab import LAND

    if out.suffix.lower() not in CASELOAD_SUFFIXES:
        typer.echo(_say("synth_suffix", lang, suffix=out.suffix or out.name), err=True)
        raise typer.Exit(2)
    if land.upper() not in LAND:
        typer.echo(_say("bad_land", lang, value=land), err=True)
        raise typer.Exit(2)
    judged_on = _as_of(as_of, lang) or DEFAULT_AS_OF
    cases = list(generate_cases(persons, seed, as_of=judged_on, land=land.upper()))
    try:
        written = write_caseload(cases, out)
    except OSError as exc:
        typer.echo(_say("write_failed", lang, file=out, reason=exc.strerror or type(exc).__name__), err=True)
        raise typer.Exit(2) from None
    typer.echo(
        _say(
            "synth_written",
            lang,
            file=out,
            persons=_number(persons, lang),
            cases=_number(written, lang),
            seed=seed,
        )
    )


def register(app: typer.Typer) -> None:
    """Add ``screen`` and ``synth`` to the ``bleiberecht`` command."""
    app.command()(screen)
    app.command()(synth)
