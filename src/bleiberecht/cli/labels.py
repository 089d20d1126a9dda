"""The fixed words of the command line in German and English, and date formatting.

Keys are the codes of the result format v1 (outcomes, statuses, traffic-light colours, fact names); an unknown
code is shown as it is, so a new code from the engine never breaks the output.
"""

from __future__ import annotations

from datetime import date

from bleiberecht.law.norm import Text

LANGS = ("de", "en")

TRAFFIC_LIGHT: dict[str, Text] = {
    "green": Text("GRÜN", "GREEN"),
    "yellow": Text("GELB", "YELLOW"),
    "red": Text("ROT", "RED"),
}
# Rich colour and Markdown symbol per traffic-light colour; the word above always goes with them.
LIGHT_STYLE = {"green": "bold green", "yellow": "bold yellow", "red": "bold red"}
LIGHT_SYMBOL = {"green": "🟢", "yellow": "🟡", "red": "🔴"}

# "{date}" is eligible_from.
OUTCOME: dict[str, Text] = {
    "eligible": Text("erfüllt", "eligible"),
    "eligible_later": Text("erfüllt ab {date}", "eligible from {date}"),
    "not_eligible": Text("nicht erfüllt", "not eligible"),
    "undetermined": Text("offen – Angaben fehlen", "open – facts missing"),
}
ELIGIBLE_SINCE = Text("seit {date}", "since {date}")

CONSEQUENCE: dict[str, Text] = {
    "soll": Text("Soll", "regular claim (Soll)"),
    "kann": Text("Kann", "discretion (Kann)"),
    "anspruch": Text("Anspruch", "entitlement (Anspruch)"),
}

STATUS: dict[str, Text] = {
    "met": Text("erfüllt", "met"),
    "not_met": Text("nicht erfüllt", "not met"),
    "unknown": Text("offen", "open"),
    "waivable": Text("Absehen möglich", "may be waived"),
    "not_applicable": Text("nicht anwendbar", "not applicable"),
}

REVIEW: dict[str, Text] = {
    "review_60b": Text("Duldung nach § 60b überprüfen", "Re-examine the § 60b Duldung"),
    "review_employment_ban": Text("Beschäftigungsverbot überprüfen", "Re-examine the employment ban"),
}

DEADLINE_KIND: dict[str, Text] = {
    "apply_by": Text("Antragsfrist", "Application deadline"),
    "alert": Text("Achtung", "Alert"),
}

# Facts as named in a requirement's ``reads`` and in ``missing_facts`` (case file v1 field names).
FACT: dict[str, Text] = {
    "statuses": Text("Aufenthaltsstatus: Duldungen, Gestattungen, Titel", "residence statuses"),
    "schooling": Text("Schulbesuch", "schooling"),
    "qualifications": Text("Abschlüsse", "qualifications"),
    "training": Text("Berufsausbildung", "vocational training"),
    "employment": Text("Beschäftigung", "employment"),
    "german": Text("Deutschkenntnisse: Nachweise", "German language skills: evidence"),
    "convictions": Text("Verurteilungen", "convictions"),
    "applications": Text("gestellte Anträge", "applications filed"),
    "households": Text("Haushalt: Bedarf und Leistungen", "household: need and benefits"),
    "birth_date": Text("Geburtsdatum", "date of birth"),
    "entry_date": Text("Einreisedatum", "date of entry"),
    "identity": Text("Identität und Pass", "identity and passport"),
    "identity_conduct": Text("Täuschung / Mitwirkung bei der Identitätsklärung", "deception / cooperation"),
    "asylum": Text("Asylverfahren", "asylum procedure"),
    "civics_test": Text("Test „Leben in Deutschland“", "civics test"),
    "civics_test_passed_on": Text("Test „Leben in Deutschland“: Datum", "civics test: date"),
    "civics_test_passed": Text("Test „Leben in Deutschland“ bestanden?", "civics test passed?"),
    "fdgo_declaration": Text("Bekenntnis zur FDGO", "commitment to the free democratic order"),
    "pending_criminal_proceedings": Text("laufende Strafverfahren", "pending criminal proceedings"),
    "entry_ban_active": Text("Einreise- und Aufenthaltsverbot", "entry ban"),
    "security_concerns": Text("Sicherheitsbedenken", "security concerns"),
    "health": Text("Gesundheit: Krankheit, Behinderung, Alter", "health: illness, disability, age"),
    "departure_obstacle": Text("Ausreisehindernis", "obstacle to departure"),
    "integration_prognosis": Text("Integrationsprognose", "integration prognosis"),
    "fdgo_concerns": Text("Zweifel an der Verfassungstreue", "doubts about loyalty to the FDGO"),
    "family": Text("Familienangehörige im Fall", "family members in the case"),
    # Facts of the training/employment paths (§§ 60c, 16g, 19d, 60d, 25b Abs. 6) and § 60a Abs. 6.
    "adequate_housing": Text("ausreichender Wohnraum", "adequate housing"),
    "deceived_authority_intentionally": Text(
        "vorsätzliche Täuschung der Ausländerbehörde", "intentional deception of the immigration authority"
    ),
    "employment_interruptions": Text("Unterbrechungen der Beschäftigung", "interruptions of employment"),
    "entry_for_benefits_established": Text(
        "Einreise, um Leistungen nach dem AsylbLG zu erlangen (festgestellt)",
        "entry to obtain asylum-seeker benefits (established)",
    ),
    "expulsion_order": Text("Ausweisungsverfügung", "expulsion order"),
    "integration_course": Text("Integrationskurs", "integration course"),
    "integration_course_possible": Text("Integrationskurs möglich?", "integration course possible?"),
    "job_offers": Text("Arbeitsplatzangebote und Arbeitsverträge", "job offers and employment contracts"),
    "nationality": Text("Staatsangehörigkeit", "nationality"),
    "obstructed_removal_intentionally": Text(
        "vorsätzliche Behinderung aufenthaltsbeendender Maßnahmen", "intentional obstruction of removal"
    ),
    "own_livelihood_secured": Text(
        "eigener Lebensunterhalt gesichert: Zeiträume", "own livelihood secured: periods"
    ),
    "public_benefits": Text(
        "öffentliche Leistungen zum Lebensunterhalt", "public benefits for the livelihood"
    ),
    "removal_measures": Text(
        "konkrete Maßnahmen zur Aufenthaltsbeendigung", "concrete measures to end the stay"
    ),
}

UNIT: dict[str, Text] = {
    "years": Text("Jahre", "years"),
    "months": Text("Monate", "months"),
    "days": Text("Tage", "days"),
    "hours": Text("Stunden", "hours"),
    "eur": Text("€", "€"),
    "percent": Text("%", "%"),
    "date": Text("Datum", "date"),
    "bool": Text("ja/nein", "yes/no"),
    "count": Text("Anzahl", "count"),
    "list": Text("Liste", "list"),
    "table": Text("Tabelle", "table"),
    "text": Text("Text", "text"),
}


def word(table: dict[str, Text], key: str, lang: str) -> str:
    """The label of ``key`` in ``lang``; the key itself if it has none."""
    text = table.get(key)
    return text.get(lang) if text else key


def fact_label(fact: str, lang: str) -> str:
    """``Deutschkenntnisse (Nachweis) (german)``: the clerk's word and the case file field to fill in."""
    label = word(FACT, fact, lang)
    return label if label.lower() == fact.lower() else f"{label} ({fact})"


def format_date(value: date | str | None, lang: str) -> str:
    """dd.mm.yyyy in German, ISO in English (as the engine's explanations); '–' for none."""
    if value is None:
        return "–"
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d.%m.%Y") if lang == "de" else day.isoformat()


def yes_no(value: bool, lang: str) -> str:
    return {"de": ("nein", "ja"), "en": ("no", "yes")}[lang][value]
