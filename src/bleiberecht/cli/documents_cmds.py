"""``bleiberecht dossier`` (one case file -> dossier PDF/DOCX) and ``bleiberecht letters`` (a caseload,
screened on the fly -> outreach letters as one PDF or a ZIP of DOCX files).

Exit codes: 0 written; 2 bad input (case file, caseload, option, output name); 3 letters written, but some rows
of the caseload were rejected (error report next to the output); 1 internal error. Nothing personal is
printed: the terminal shows counts and file names only.
"""

from __future__ import annotations

import pathlib
from datetime import date
from typing import Annotated, NoReturn

import typer

from bleiberecht.cli.options import AsOfOption, Lang, LangOption, MappingOption
from bleiberecht.law.norm import Text

TEXTS: dict[str, Text] = {
    "dossier_suffix": Text(
        "Unbekannte Endung '{suffix}' für --out. Möglich: .pdf oder .docx.",
        "Unknown suffix '{suffix}' for --out. Possible: .pdf or .docx.",
    ),
    "letters_suffix": Text(
        "Unbekannte Endung '{suffix}' für --out. Möglich: .pdf (ein Brief je Seite) oder .zip (DOCX-Dateien).",
        "Unknown suffix '{suffix}' for --out. Possible: .pdf (one letter per page) or .zip (DOCX files).",
    ),
    "bad_lights": Text(
        "Unbekannte Ampelfarbe in --lights: '{value}'. Möglich: green, yellow, red (mit Komma getrennt).",
        "Unknown traffic light in --lights: '{value}'. Possible: green, yellow, red (comma-separated).",
    ),
    "bad_date": Text(
        "Ungültiges Datum für --as-of: '{value}'. Erwartet wird JJJJ-MM-TT oder TT.MM.JJJJ.",
        "Invalid date for --as-of: '{value}'. Expected YYYY-MM-DD or DD.MM.YYYY.",
    ),
    "unusable": Text(
        "Der Fallbestand ist nicht verwendbar, keine Anschreiben erzeugt:",
        "The caseload is unusable, no letters were made:",
    ),
    "no_letters": Text(
        "Keine Anschreiben: keine Person mit der Ampel {lights} ({persons} Personen geprüft). Nichts geschrieben.",
        "No letters: nobody with the traffic light {lights} ({persons} persons screened). Nothing written.",
    ),
    "letters_written": Text(
        "Geschrieben: {file} ({letters} Anschreiben für {persons} geprüfte Personen, Ampel {lights})",
        "Written: {file} ({letters} letters for {persons} persons screened, traffic light {lights})",
    ),
    "partial": Text(
        "Nicht alle Zeilen wurden geprüft: Fehlerbericht {file} (Exit-Code 3).",
        "Not every row was screened: error report {file} (exit code 3).",
    ),
    "written": Text("Geschrieben: {file}", "Written: {file}"),
    "write_failed": Text(
        "Die Datei {file} kann nicht geschrieben werden: {reason}", "Cannot write the file {file}: {reason}"
    ),
    "internal": Text(
        "Interner Fehler: {error}. Bitte mit einer Beschreibung der Eingabe melden (ohne Personendaten).",
        "Internal error: {error}. Please report it with a description of the input (no personal data).",
    ),
}


def _say(key: str, lang: str, **values: object) -> str:
    return TEXTS[key].get(lang).format(**values)


def _fail(text: str, code: int) -> NoReturn:
    typer.echo(text, err=True)
    raise typer.Exit(code)


def _as_of(value: str | None, lang: str) -> date | None:
    if value is None:
        return None
    from bleiberecht.cli.main import parse_date

    parsed = parse_date(value)
    if parsed is None:
        _fail(_say("bad_date", lang, value=value), 2)
    return parsed


def _write(path: pathlib.Path, data: bytes, lang: str) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        _fail(_say("write_failed", lang, file=path, reason=exc.strerror or type(exc).__name__), 2)


OrganisationOption = Annotated[
    str,
    typer.Option(
        "--organisation", help="Name der Organisation, die das Dokument erstellt (Deckblatt, Absender)."
    ),
]


def dossier(
    case: Annotated[
        pathlib.Path,
        typer.Argument(help="Falldatei (case file v1, JSON).", metavar="FALLDATEI", show_default=False),
    ],
    out: Annotated[
        pathlib.Path,
        typer.Option("--out", "-o", help="Ausgabedatei: .pdf oder .docx.", show_default=False),
    ],
    organisation: OrganisationOption = "–",
    as_of: AsOfOption = None,
    all_paths: Annotated[
        bool, typer.Option("--alle-wege", help="Alle Wege ausführlich statt nur der besten.")
    ] = False,
    lang: LangOption = Lang.de,
) -> None:
    """Dossier zu einem Fall für die Ausländerbehörde: Wege, Voraussetzungen, Nachweise, Fristen (PDF/DOCX)."""
    from bleiberecht.cli.main import assess, load

    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        _fail(_say("dossier_suffix", lang, suffix=out.suffix or "–"), 2)
    judged_on = _as_of(as_of, lang)
    loaded = load(case, judged_on, lang.value)  # exits 2 with every problem on a bad case file
    try:
        from bleiberecht.documents import build_dossier

        result = assess(loaded, lang.value)
        content = build_dossier(
            loaded.data,
            result,
            lang=lang.value,
            organisation=organisation,
            created_on=date.today(),
            all_paths=all_paths,
        )
        if suffix == ".pdf":
            from bleiberecht.documents.pdf import dossier_pdf

            data = dossier_pdf(content)
        else:
            from bleiberecht.documents.docx import dossier_docx

            data = dossier_docx(content)
    except Exception as exc:  # the clerk gets a message, not a traceback
        _fail(_say("internal", lang, error=type(exc).__name__), 1)
    _write(out, data, lang.value)
    typer.echo(_say("written", lang, file=out), err=True)


def _lights(value: str, lang: str) -> list[str]:
    from bleiberecht.documents import LIGHTS

    chosen = [part.strip().lower() for part in value.split(",") if part.strip()]
    bad = [c for c in chosen if c not in LIGHTS]
    if bad or not chosen:
        _fail(_say("bad_lights", lang, value=", ".join(bad) or value), 2)
    return chosen


def letters(
    file: Annotated[
        pathlib.Path,
        typer.Argument(
            help="Fallbestand: .xlsx, .csv, .jsonl, .parquet (wie bei screen); wird dabei geprüft.",
            metavar="DATEI",
            show_default=False,
        ),
    ],
    out: Annotated[
        pathlib.Path,
        typer.Option(
            "--out",
            "-o",
            help="Ausgabe: .pdf (ein Brief je Seite) oder .zip (eine DOCX je Brief).",
            show_default=False,
        ),
    ],
    lights: Annotated[
        str, typer.Option("--lights", help="Empfänger nach Ampel, mit Komma getrennt: green, yellow, red.")
    ] = "green,yellow",
    organisation: OrganisationOption = "–",
    contact: Annotated[
        list[str] | None,
        typer.Option("--kontakt", help="Kontaktzeile im Brief (Telefon, Sprechzeiten); mehrfach möglich."),
    ] = None,
    mapping: MappingOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = Lang.de,
) -> None:
    """Anschreiben („Einladung zur Beratung“) an alle Personen eines Fallbestands mit der gewählten Ampel."""
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".zip"):
        _fail(_say("letters_suffix", lang, suffix=out.suffix or "–"), 2)
    chosen = _lights(lights, lang.value)
    judged_on = _as_of(as_of, lang.value)
    from bleiberecht.screening.mapping import ColumnMapping, MappingError, load_mapping
    from bleiberecht.screening.problems import UnusableInput
    from bleiberecht.screening.readers import read_caseload
    from bleiberecht.screening.report import report_path, write_report
    from bleiberecht.screening.screen import screen_cases

    try:
        column_mapping = load_mapping(mapping) if mapping else ColumnMapping()
    except MappingError as exc:
        _fail(f"{_say('unusable', lang)}\n  {exc.text.get(lang.value)}", 2)
    try:
        caseload = read_caseload(file, mapping=column_mapping, as_of=judged_on)
    except UnusableInput as exc:
        lines = [_say("unusable", lang), *(f"  {p.message(lang.value)}" for p in exc.problems[:10])]
        _fail("\n".join(lines), 2)
    if caseload.persons_screened == 0:
        lines = [_say("unusable", lang), *(f"  {p.message(lang.value)}" for p in caseload.problems[:10])]
        _fail("\n".join(lines), 2)
    try:
        from bleiberecht.documents import build_letters

        screening = screen_cases(caseload.cases, lang=lang.value, default_as_of=judged_on)
        made = build_letters(
            screening.worklist.iter_rows(named=True),
            lang=lang.value,
            organisation=organisation,
            created_on=date.today(),
            lights=chosen,
            contact=tuple(contact or ()),
        )
        data = b""
        if made and suffix == ".pdf":
            from bleiberecht.documents.pdf import letters_pdf

            data = letters_pdf(made, lang=lang.value, organisation=organisation)
        elif made:
            from bleiberecht.documents.docx import letters_zip

            data = letters_zip(made)
    except Exception as exc:  # the clerk gets a message, not a traceback
        _fail(_say("internal", lang, error=type(exc).__name__), 1)
    shown = ", ".join(chosen)
    if made:
        _write(out, data, lang.value)
        typer.echo(
            _say(
                "letters_written", lang, file=out, letters=len(made), persons=screening.persons, lights=shown
            ),
            err=True,
        )
    else:
        typer.echo(_say("no_letters", lang, lights=shown, persons=screening.persons), err=True)
    if caseload.rejected_anything:
        report = report_path(out, "csv", lang.value)
        write_report(caseload.problems, report, lang.value)
        _fail(_say("partial", lang, file=report), 3)


def register(app: typer.Typer) -> None:
    app.command()(dossier)
    app.command()(letters)
