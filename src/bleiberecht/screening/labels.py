"""The words of the screening outputs (worklist, overview, forecast, error report) in German and English."""

from __future__ import annotations

from bleiberecht.law.norm import Text

TRAFFIC_LIGHT: dict[str, Text] = {
    "green": Text("GRÜN", "GREEN"),
    "yellow": Text("GELB", "YELLOW"),
    "red": Text("ROT", "RED"),
}
# Cell fill and font colour per traffic light; the word always stands in the cell too.
LIGHT_FILL = {"green": "#C6EFCE", "yellow": "#FFEB9C", "red": "#FFC7CE"}
LIGHT_FONT = {"green": "#006100", "yellow": "#7F6000", "red": "#9C0006"}

OUTCOME_WORD: dict[str, Text] = {
    "eligible": Text("erfüllt", "eligible"),
    "eligible_later": Text("später erfüllt", "eligible later"),
    "undetermined": Text("offen – Angaben fehlen", "open – facts missing"),
    "not_eligible": Text("nicht erfüllt", "not eligible"),
}
NOT_IN_FORCE = Text("nicht in Kraft", "not in force")

# Urgency classes, in the order of the worklist (see docs/screening-worklist.md).
URGENCY: dict[int, Text] = {
    1: Text("1 Frist läuft ab", "1 deadline ahead"),
    2: Text("2 Grün: Antrag möglich", "2 green: can apply"),
    3: Text("3 Prüfauftrag", "3 re-examination"),
    4: Text("4 Gelb: Weg absehbar", "4 yellow: path in sight"),
    5: Text("5 Gelb: Angaben klären", "5 yellow: facts to clarify"),
    6: Text("6 Gelb: Voraussetzung schaffen", "6 yellow: requirement to meet"),
    7: Text("7 Rot", "7 red"),
}

NEXT_STEP: dict[str, Text] = {
    "apply": Text(
        "Anschreiben: Antrag nach {path} stellen lassen", "Letter: invite an application under {path}"
    ),
    "prepare": Text(
        "Antrag nach {path} vorbereiten (erfüllt ab {date})",
        "Prepare the application under {path} (eligible from {date})",
    ),
    "resubmit": Text(
        "Wiedervorlage am {date}: dann Antrag nach {path}",
        "Follow up on {date}: then apply under {path}",
    ),
    "clarify": Text("Klären: {question}", "Clarify: {question}"),
    "clarify_generic": Text("Fehlende Angaben für {path} erheben", "Collect the missing facts for {path}"),
    "counsel": Text(
        "Beratung: Voraussetzungen für {path} schaffen",
        "Counselling: work towards the requirements of {path}",
    ),
    "none": Text(
        "Kein Weg erreichbar: Duldungsgründe und Prüfaufträge prüfen",
        "No path reachable: check the grounds of the Duldung and the re-examinations",
    ),
}

# Worklist columns: key -> header. Order = order in the file.
WORKLIST_HEADERS: dict[str, Text] = {
    "rank": Text("Rang", "Rank"),
    "urgency": Text("Dringlichkeit", "Urgency"),
    "light": Text("Ampel", "Traffic light"),
    "case_id": Text("Aktenzeichen", "Case"),
    "person_id": Text("Person-ID", "Person"),
    "name": Text("Name", "Name"),
    "birth_date": Text("Geburtsdatum", "Date of birth"),
    "best_path": Text("Bester Weg", "Best path"),
    "outcome": Text("Ergebnis", "Outcome"),
    "eligible_from": Text("Erfüllt ab", "Eligible from"),
    "apply_by": Text("Antrag bis", "Apply by"),
    "deadline_date": Text("Nächste Frist", "Next deadline"),
    "deadline_text": Text("Frist", "Deadline"),
    "missing": Text("Was fehlt", "What is missing"),
    "next_step": Text("Nächster Schritt", "Next step"),
    "next_question": Text("Nächste Frage", "Next question"),
    "other_paths": Text("Weitere Wege", "Other paths"),
    "reviews": Text("Prüfaufträge", "Re-examinations"),
    "as_of": Text("Prüfdatum", "Assessment date"),
}

SHEET_NAMES: dict[str, Text] = {
    "worklist": Text("Arbeitsliste", "Worklist"),
    "overview": Text("Übersicht", "Overview"),
    "forecast": Text("Prognose 24 Monate", "Forecast 24 months"),
    "forecast_possible": Text("Prognose bei Klärung", "Forecast if clarified"),
    "reviews": Text("Prüfaufträge", "Re-examinations"),
    "about": Text("Hinweise", "Notes"),
}

OVERVIEW: dict[str, Text] = {
    "path": Text("Weg", "Path"),
    "title": Text("Bezeichnung", "Title"),
    "best": Text("davon bester Weg", "of which best path"),
    "total": Text("Personen", "Persons"),
    "light": Text("Ampel", "Traffic light"),
    "count": Text("Anzahl", "Count"),
    "share": Text("Anteil", "Share"),
}

FORECAST: dict[str, Text] = {
    "month": Text("Monat", "Month"),
    "already": Text("bereits erfüllt", "already eligible"),
    "questions_only": Text("nur noch Fragen offen", "only questions open"),
    "later": Text("später", "later"),
    "anyone": Text("Personen (erster Weg)", "Persons (first path)"),
    "sum": Text("Summe", "Total"),
}

REVIEW_HEADERS: dict[str, Text] = {
    "case_id": Text("Aktenzeichen", "Case"),
    "person_id": Text("Person-ID", "Person"),
    "name": Text("Name", "Name"),
    "light": Text("Ampel", "Traffic light"),
    "review": Text("Prüfauftrag", "Re-examination"),
    "citation": Text("Fundstelle", "Citation"),
    "reasons": Text("Gründe", "Reasons"),
    "open": Text("Offene Fragen", "Open questions"),
}

REPORT_HEADERS: dict[str, Text] = {
    "file": Text("Datei", "File"),
    "sheet": Text("Blatt", "Sheet"),
    "row": Text("Zeile", "Row"),
    "column": Text("Spalte", "Column"),
    "value": Text("Wert", "Value"),
    "severity": Text("Art", "Severity"),
    "consequence": Text("Folge", "Consequence"),
    "message": Text("Grund", "Reason"),
    "code": Text("Code", "Code"),
    "case_id": Text("Aktenzeichen", "Case"),
    "person_id": Text("Person-ID", "Person"),
}
SEVERITY: dict[str, Text] = {
    "error": Text("Fehler", "error"),
    "warning": Text("Warnung", "warning"),
    "info": Text("Hinweis", "notice"),
}
CONSEQUENCE: dict[str, Text] = {
    "case": Text("Fall nicht geprüft", "case not screened"),
    "row": Text("Zeile verworfen", "row discarded"),
    "file": Text("Datei nicht verwendbar", "file unusable"),
    "none": Text("geprüft", "screened"),
    "ignored": Text("ignoriert", "ignored"),
}
