"""Value vocabularies of the spreadsheet format: the words a clerk writes -> the codes of case file v1.

Each vocabulary lists, per code, the accepted words; the first word is the one the format writes (e.g. into a
synthetic caseload). The code itself is always accepted too. Comparison ignores case, spaces, dots, "§",
hyphens and underscores, so "§ 60a", "60a" and "60 A" are the same word.
"""

from __future__ import annotations

import re

Vocabulary = dict[str, tuple[str, ...]]

_IGNORED = re.compile(r"[\s.§_\-/()]+")


def token(text: str) -> str:
    """The comparison form of a word: ``"§ 60a Abs. 2b"`` -> ``"60aabs2b"``."""
    return _IGNORED.sub("", text.casefold())


def lookup_table(vocabulary: Vocabulary) -> dict[str, str]:
    """Comparison form of every accepted word (and of every code) -> code."""
    table: dict[str, str] = {}
    for code, words in vocabulary.items():
        for word in (code, *words):
            table.setdefault(token(word), code)
    return table


def display(vocabulary: Vocabulary, code: str) -> str:
    """The word the format writes for ``code`` (the code itself if it has no word)."""
    words = vocabulary.get(code)
    return words[0] if words else code


YES = ("ja", "j", "yes", "y", "wahr", "true", "x", "1")
NO = ("nein", "n", "no", "falsch", "false", "0")
# Words for "known: none" in a list column (e.g. Verurteilungen: keine).
NONE_WORDS = ("keine", "keiner", "kein", "nein", "0", "-", "none")

LAND: Vocabulary = {
    "BW": ("Baden-Württemberg",),
    "BY": ("Bayern",),
    "BE": ("Berlin",),
    "BB": ("Brandenburg",),
    "HB": ("Bremen",),
    "HH": ("Hamburg",),
    "HE": ("Hessen",),
    "MV": ("Mecklenburg-Vorpommern",),
    "NI": ("Niedersachsen",),
    "NW": ("Nordrhein-Westfalen", "NRW"),
    "RP": ("Rheinland-Pfalz",),
    "SL": ("Saarland",),
    "SN": ("Sachsen",),
    "ST": ("Sachsen-Anhalt",),
    "SH": ("Schleswig-Holstein",),
    "TH": ("Thüringen",),
}

STATUS_TYPE: Vocabulary = {
    "gestattung": ("Gestattung", "Aufenthaltsgestattung"),
    "duldung": ("Duldung",),
    "aufenthaltserlaubnis": ("Aufenthaltserlaubnis", "AE"),
    "fiktion": ("Fiktionsbescheinigung", "Fiktion"),
    "visa": ("Visum",),
    "abroad": ("Ausland", "im Ausland"),
    "unlawful": ("unerlaubt", "unerlaubter Aufenthalt", "ohne Status"),
}

STATUS_BASIS: Vocabulary = {
    "60a": ("§ 60a",),
    "60a_2b": ("§ 60a Abs. 2b",),
    "60b": ("§ 60b", "Duldung light"),
    "60c": ("§ 60c", "Ausbildungsduldung"),
    "60d": ("§ 60d", "Beschäftigungsduldung"),
    "104c": ("§ 104c", "Chancen-Aufenthaltsrecht"),
    "25_5": ("§ 25 Abs. 5",),
    "25_4": ("§ 25 Abs. 4",),
    "25a": ("§ 25a",),
    "25b": ("§ 25b",),
    "23a": ("§ 23a", "Härtefall"),
    "16g": ("§ 16g",),
    "19d": ("§ 19d",),
    "other": ("sonstige", "andere"),
}

ASYLUM_OUTCOME: Vocabulary = {
    "never_applied": ("nie gestellt", "kein Asylantrag"),
    "pending": ("anhängig", "laufend"),
    "rejected": ("abgelehnt", "einfach abgelehnt"),
    "rejected_manifestly_unfounded": ("offensichtlich unbegründet", "o.u."),
    "rejected_manifestly_unfounded_qualified": (
        "offensichtlich unbegründet (qualifiziert)",
        "o.u. qualifiziert",
        "o.u. § 10 Abs. 3 S. 2",
    ),
    "inadmissible": ("unzulässig",),
    "withdrawn": ("zurückgenommen", "eingestellt"),
    "protection_granted": ("Schutz gewährt", "anerkannt"),
}

PASSPORT: Vocabulary = {
    "valid": ("gültig", "vorhanden"),
    "expired": ("abgelaufen",),
    "none": ("kein Pass", "keiner", "kein", "nicht vorhanden"),
}

PASSPORT_OBTAINABLE: Vocabulary = {
    "yes": ("möglich", "ja", "zumutbar"),
    "impossible": ("unmöglich",),
    "unreasonable": ("unzumutbar",),
}

CONDUCT: Vocabulary = {
    "none": ("nein", "keine"),
    "past": ("früher", "in der Vergangenheit"),
    "current": ("aktuell", "ja"),
}

EFFORT_ACTION: Vocabulary = {
    "embassy_visit": ("Vorsprache Botschaft",),
    "application_filed": ("Passantrag gestellt",),
    "fee_paid": ("Gebühr bezahlt",),
    "documents_requested_home_country": ("Dokumente im Herkunftsland angefordert",),
    "lawyer_commissioned_home_country": ("Anwalt im Herkunftsland beauftragt",),
    "sworn_declaration": ("eidesstattliche Versicherung",),
    "voluntary_return_declaration": ("Freiwilligkeitserklärung",),
    "other": ("sonstige",),
}

LEVEL: Vocabulary = {code: () for code in ("A1", "A2", "B1", "B2", "C1", "C2")}

SKILL: Vocabulary = {
    "all": ("alle", "gesamt"),
    "oral": ("mündlich",),
    "written": ("schriftlich",),
}

EVIDENCE: Vocabulary = {
    "certificate": ("Zertifikat",),
    "school": ("Schulzeugnis", "Schule"),
    "assessment": ("Einstufung", "Einschätzung Beratung"),
    "self_reported": ("Selbstauskunft", "eigene Angabe"),
}

SCHOOL_KIND: Vocabulary = {
    "school": ("allgemeinbildende Schule", "Schule"),
    "vocational_school": ("Berufsschule",),
    "university": ("Hochschule", "Universität"),
}

QUALIFICATION_KIND: Vocabulary = {
    "school_leaving": ("Schulabschluss",),
    "vocational": ("Berufsabschluss",),
    "university": ("Hochschulabschluss",),
}

TRAINING_KIND: Vocabulary = {
    "qualified": ("qualifizierte Ausbildung", "qualifiziert"),
    "assistant": ("Helferausbildung", "Assistenzausbildung", "Helfer"),
}

TRAINING_STATE: Vocabulary = {
    "planned": ("geplant",),
    "ongoing": ("laufend",),
    "completed": ("abgeschlossen",),
    "aborted": ("abgebrochen",),
}

SANCTION: Vocabulary = {
    "fine": ("Geldstrafe",),
    "prison": ("Freiheitsstrafe",),
    "youth_custody": ("Jugendstrafe",),
    "youth_measures": ("Jugendmaßnahmen", "Erziehungsmaßregel", "Zuchtmittel"),
}

BAN_GROUND: Vocabulary = {
    "60a_6_1": ("§ 60a Abs. 6 S. 1 Nr. 1", "§ 60a Abs. 6 Nr. 1"),
    "60a_6_2": ("§ 60a Abs. 6 S. 1 Nr. 2", "§ 60a Abs. 6 Nr. 2"),
    "60a_6_3": ("§ 60a Abs. 6 S. 1 Nr. 3", "§ 60a Abs. 6 Nr. 3"),
    "60b_5": ("§ 60b Abs. 5",),
    "other": ("sonstiger Grund", "sonstige"),
}

OBSTACLE_REASON: Vocabulary = {
    "no_travel_documents": ("keine Reisedokumente",),
    "statelessness": ("Staatenlosigkeit",),
    "illness": ("Krankheit",),
    "family_ties": ("familiäre Bindungen",),
    "rootedness": ("Verwurzelung",),
    "no_transport_route": ("kein Reiseweg",),
    "deportation_ban": ("Abschiebungsverbot",),
    "other": ("sonstiger Grund", "sonstige"),
}

PROGNOSIS: Vocabulary = {"positive": ("positiv",), "negative": ("negativ",)}

DEPORTATION_BAN: Vocabulary = {
    "none": ("keines", "kein", "nein"),
    "60_5": ("§ 60 Abs. 5",),
    "60_7_health": ("§ 60 Abs. 7 (Gesundheit)", "§ 60 Abs. 7 Gesundheit"),
    "60_7_other": ("§ 60 Abs. 7 (sonstige)", "§ 60 Abs. 7 sonstige"),
}
