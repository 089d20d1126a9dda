"""Writing the screening result: XLSX (default), CSV, Parquet or JSON.

- **XLSX**: sheets Arbeitsliste, Übersicht, Prognose 24 Monate, Prognose bei Klärung, Prüfaufträge, Hinweise;
  German headers.
- **CSV**: the worklist in FILE, the other tables beside it (``FILE_Übersicht.csv``, ``FILE_Prognose.csv``,
  ``FILE_Prognose_bei_Klärung.csv``, ``FILE_Ampel.csv``, ``FILE_Prüfaufträge.csv``); German: semicolon, UTF-8 with BOM, dates TT.MM.JJJJ (opens directly in Excel).
- **Parquet**: the worklist with stable English column names and the codes beside the words; the other tables
  beside it as for CSV.
- **JSON**: one document ``{"summary", "worklist", "overview", "forecast", "forecast_if_clarified", "reviews"}`` with English keys.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import pathlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import polars as pl

from bleiberecht.law.norm import Text
from bleiberecht.screening.export.xlsx import Book, set_widths, widths, write_lines, write_table
from bleiberecht.screening.labels import SHEET_NAMES, TRAFFIC_LIGHT, URGENCY, WORKLIST_HEADERS
from bleiberecht.screening.screen import Screening
from bleiberecht.screening.summary import LINES, RunSummary
from bleiberecht.screening.worklist import CODE_COLUMNS, WORKLIST_COLUMNS

FORMATS = ("xlsx", "csv", "parquet", "json")
SIBLINGS = {
    "overview": "Übersicht",
    "lights": "Ampel",
    "forecast": "Prognose",
    "forecast_possible": "Prognose_bei_Klärung",
    "reviews": "Prüfaufträge",
}
SIBLINGS_EN = {
    "overview": "overview",
    "lights": "lights",
    "forecast": "forecast",
    "forecast_possible": "forecast_if_clarified",
    "reviews": "reviews",
}

NOTES: list[Text] = [
    Text(
        "Sortierung: zuerst nach Dringlichkeit (1–7), darin nach der nächsten Antragsfrist, dann nach der "
        "nächsten Frist oder Warnung, dann nach „Erfüllt ab“, dann nach Aktenzeichen und Person-ID.",
        "Order: by urgency (1–7), then the next application deadline, then the next deadline or alert, then "
        "'eligible from', then case and person id.",
    ),
    Text(
        "Ampel (Hannoveraner Modell): GRÜN = ein Weg ist innerhalb von 3 Monaten offen; GELB = erreichbar oder "
        "Fragen offen; ROT = durch eigenes Handeln derzeit nichts erreichbar.",
        "Traffic light (Hannover model): GREEN = a path is open within 3 months; YELLOW = reachable or open "
        "questions; RED = nothing reachable by the person's own actions.",
    ),
    Text(
        "„Bester Weg“: der günstigste Weg der Person (erfüllt vor später erfüllt vor offen vor nicht erfüllt; "
        "bei Gleichstand früheres Datum, dann Anspruch vor Soll vor Kann).",
        "'Best path': the person's most favourable path (eligible before eligible later before open before not "
        "eligible; ties by the earlier date, then entitlement before 'soll' before 'kann').",
    ),
    Text(
        "„Was fehlt“ nennt für den besten Weg die nicht erfüllten, die offenen und die erst später erfüllten "
        "Voraussetzungen. Einzelheiten mit Fundstellen: bleiberecht check FALLDATEI.",
        "'What is missing' lists, for the best path, the requirements not met, open, or met only later. "
        "Details with citations: bleiberecht check CASEFILE.",
    ),
]


def sibling(path: pathlib.Path, key: str, lang: str) -> pathlib.Path:
    name = (SIBLINGS if lang == "de" else SIBLINGS_EN)[key]
    return path.with_name(f"{path.stem}_{name}{path.suffix}")


def write_screening(
    result: Screening,
    summary: RunSummary,
    path: pathlib.Path,
    fmt: str,
    *,
    lang: str = "de",
    progress: Callable[[int], None] | None = None,
) -> list[pathlib.Path]:
    """Write the outputs; returns the files written."""
    if fmt == "xlsx":
        write_xlsx(result, summary, path, lang, progress)
        return [path]
    if fmt == "json":
        path.write_text(json.dumps(_json_doc(result, summary, lang), ensure_ascii=False, indent=1), "utf-8")
        return [path]
    tables = {
        "overview": result.paths,
        "lights": result.lights,
        "forecast": result.forecast,
        "forecast_possible": result.forecast_possible,
        "reviews": result.reviews,
    }
    if fmt == "csv":
        write_csv(_localized(result.worklist, lang), path, lang)
        for key, table in tables.items():
            write_csv(table, sibling(path, key, lang), lang)
    elif fmt == "parquet":
        result.worklist.select([*WORKLIST_COLUMNS, *CODE_COLUMNS]).write_parquet(path)
        for key, table in tables.items():
            table.write_parquet(sibling(path, key, lang))
    else:
        raise ValueError(f"unknown format {fmt}")
    if progress:
        progress(result.worklist.height)
    return [path, *(sibling(path, key, lang) for key in tables)]


def _localized(worklist: pl.DataFrame, lang: str) -> pl.DataFrame:
    return worklist.select(WORKLIST_COLUMNS).rename(
        {k: WORKLIST_HEADERS[k].get(lang) for k in WORKLIST_COLUMNS}
    )


def _cell_text(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y") if lang == "de" else value.isoformat()
    if isinstance(value, float) and lang == "de":
        return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(value)


def write_csv(frame: pl.DataFrame, path: pathlib.Path, lang: str) -> None:
    write_csv_rows(frame.columns, frame.iter_rows(), path, lang)


def write_csv_rows(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], path: pathlib.Path, lang: str
) -> None:
    """German: semicolon, UTF-8 with BOM, dates TT.MM.JJJJ, decimal comma; English: comma, ISO dates."""
    delimiter = ";" if lang == "de" else ","
    with path.open("w", encoding="utf-8-sig" if lang == "de" else "utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell_text(v, lang) for v in row])


def _json_doc(result: Screening, summary: RunSummary, lang: str) -> dict[str, Any]:
    def rows(frame: pl.DataFrame) -> list[dict[str, Any]]:
        return [
            {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()}
            for row in frame.iter_rows(named=True)
        ]

    return {
        "format": "bleiberecht.worklist/1",
        "lang": lang,
        "summary": {
            "input": summary.input,
            "as_of": [d.isoformat() for d in summary.as_of] if summary.as_of else None,
            "persons_read": summary.persons_read,
            "cases_read": summary.cases_read,
            "persons_screened": summary.persons_screened,
            "cases_screened": summary.cases_screened,
            "persons_rejected": summary.persons_rejected,
            "cases_rejected": summary.cases_rejected,
            "rows_unassigned": summary.rows_unassigned,
            "rules_version": summary.rules_version,
            "last_legal_review": summary.last_legal_review.isoformat(),
        },
        "worklist": rows(result.worklist.select([*WORKLIST_COLUMNS, *CODE_COLUMNS])),
        "overview": {"paths": rows(result.paths), "traffic_lights": rows(result.lights)},
        "forecast": rows(result.forecast),
        "forecast_if_clarified": rows(result.forecast_possible),
        "reviews": rows(result.reviews),
    }


def write_xlsx(
    result: Screening,
    summary: RunSummary,
    path: pathlib.Path,
    lang: str,
    progress: Callable[[int], None] | None = None,
) -> None:
    book = Book(path, lang)
    try:
        # Worklist
        ws = book.sheet(SHEET_NAMES["worklist"].get(lang))
        table = result.worklist.select(WORKLIST_COLUMNS)
        headers = [WORKLIST_HEADERS[k].get(lang) for k in WORKLIST_COLUMNS]
        set_widths(ws, widths(table, headers))
        write_table(
            book,
            ws,
            table,
            headers,
            light_column=WORKLIST_COLUMNS.index("light"),
            light_codes=result.worklist.get_column("traffic_light").to_list(),
            progress=progress,
            freeze_columns=WORKLIST_COLUMNS.index("light") + 1,
        )
        # Overview: totals, traffic lights, paths × outcomes
        ws = book.sheet(SHEET_NAMES["overview"].get(lang))
        ws.write_string(0, 0, SHEET_NAMES["overview"].get(lang), book.title)
        row = write_lines(book, ws, summary.lines(lang), first_row=2) + 1
        row = write_table(
            book,
            ws,
            result.lights,
            result.lights.columns,
            first_row=row,
            percent_columns=[2],
            filter_and_freeze=False,
        )
        row += 1
        write_table(book, ws, result.paths, result.paths.columns, first_row=row, filter_and_freeze=False)
        path_widths = widths(result.paths, result.paths.columns)
        path_widths[0] = max(path_widths[0], 34.0)
        set_widths(ws, path_widths)
        # Forecast
        ws = book.sheet(SHEET_NAMES["forecast"].get(lang))
        set_widths(ws, widths(result.forecast, result.forecast.columns))
        write_table(book, ws, result.forecast, result.forecast.columns, freeze_columns=1)
        ws = book.sheet(SHEET_NAMES["forecast_possible"].get(lang))
        set_widths(ws, widths(result.forecast_possible, result.forecast_possible.columns))
        write_table(book, ws, result.forecast_possible, result.forecast_possible.columns, freeze_columns=1)
        # Re-examinations
        ws = book.sheet(SHEET_NAMES["reviews"].get(lang))
        set_widths(ws, widths(result.reviews, result.reviews.columns))
        write_table(book, ws, result.reviews, result.reviews.columns)
        # Notes
        ws = book.sheet(SHEET_NAMES["about"].get(lang))
        ws.set_column(0, 0, 30)
        ws.set_column(1, 1, 100)
        r = 0
        ws.write_string(r, 0, LINES["disclaimer"].get(lang), book.bold)
        r += 2
        for code, text in URGENCY.items():
            ws.write_string(r, 0, text.get(lang))
            ws.write_string(r, 1, _urgency_meaning(code, lang), book.wrap)
            r += 1
        r += 1
        for light, word in TRAFFIC_LIGHT.items():
            ws.write_string(r, 0, word.get(lang), book.light[light])
            r += 1
        r += 1
        for note in NOTES:
            ws.write_string(r, 1, note.get(lang), book.wrap)
            r += 1
    finally:
        book.close()


_URGENCY_MEANING = {
    1: Text(
        "Eine Antragsfrist endet vor Ablauf von 3 Monaten (z. B. Tag vor dem 27. Geburtstag, § 25a).",
        "An application deadline ends within 3 months (e.g. the day before the 27th birthday, § 25a).",
    ),
    2: Text(
        "Ampel grün: ein Weg ist jetzt oder innerhalb von 3 Monaten offen.",
        "Green: a path is open now or within 3 months.",
    ),
    3: Text(
        "Ein Prüfauftrag ist markiert (z. B. Duldung nach § 60b, Beschäftigungsverbot).",
        "A re-examination is flagged (e.g. § 60b Duldung, employment ban).",
    ),
    4: Text(
        "Gelb: ein Weg öffnet sich an einem bekannten späteren Tag.",
        "Yellow: a path opens on a known later day.",
    ),
    5: Text(
        "Gelb: Angaben fehlen; die nächste Frage entscheidet die meisten Wege.",
        "Yellow: facts missing; the next question decides most paths.",
    ),
    6: Text(
        "Gelb: eine Voraussetzung fehlt, die die Person selbst erfüllen kann (z. B. Sprachnachweis).",
        "Yellow: a requirement is missing that the person can meet (e.g. language certificate).",
    ),
    7: Text(
        "Rot: derzeit kein Weg durch eigenes Handeln erreichbar.",
        "Red: no path reachable by own actions at present.",
    ),
}


def _urgency_meaning(code: int, lang: str) -> str:
    return _URGENCY_MEANING[code].get(lang)
