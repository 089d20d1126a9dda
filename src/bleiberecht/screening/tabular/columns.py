"""The spreadsheet format of a caseload: sheets, German column headers, and where each value goes in case v1.

One sheet ``Personen`` has one row per person; rows with the same ``Aktenzeichen`` form one case (a family or
household). Optional sheets hold the lists of case v1 (residence periods, employment, language certificates,
convictions …), one row per entry, linked to the person by ``Aktenzeichen`` and ``Person-ID``.

This module is the single source of the format: the reader, the writer (synthetic caseloads) and the column
documentation (docs/screening-input.md) all come from it. Every column is optional except those marked
``required``; a missing column means "unknown" for every row, an empty cell means "unknown" for that row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bleiberecht.casefile import PATH_KEYS
from bleiberecht.law.norms import ALL_NORMS
from bleiberecht.screening.tabular import vocab as v
from bleiberecht.screening.tabular.vocab import Vocabulary

Kind = Literal["text", "date", "bool", "int", "number", "enum", "nationality", "ids", "count", "json"]
# Where a Personen column's value goes: the case, the person's household, the person, the summary of the
# current Duldung, an inline language certificate, or the number of entries of a list sheet.
Role = Literal["case", "household", "household_key", "person", "duldung", "german", "count", "json"]

KEY_CASE = "Aktenzeichen"
KEY_PERSON = "Person-ID"
JSON_HEADER = "Weitere Angaben (JSON)"
PERSONS = "Personen"


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind
    path: tuple[str, ...] = ()
    role: Role = "person"
    vocab: Vocabulary | None = None
    required: bool = False
    doc: str = ""
    count_of: str | None = None  # for role "count": the sheet whose entries are counted

    @property
    def key(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True)
class Sheet:
    name: str
    target: tuple[str, ...]  # list inside the person object; () for the Personen sheet
    columns: tuple[Column, ...]
    doc: str

    def column(self, header: str) -> Column | None:
        return _BY_HEADER[self.name].get(header.casefold())

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)


def _application_paths() -> Vocabulary:
    words: Vocabulary = {key: () for key in sorted(PATH_KEYS)}
    for norm in ALL_NORMS:
        words[norm.key] = (norm.citation,)
    return words


def C(header: str, kind: Kind, *path: str, **kw: object) -> Column:
    return Column(header, kind, tuple(path), **kw)  # type: ignore[arg-type]


_KEYS = (
    C(KEY_CASE, "text", role="case", required=True, doc="Aktenzeichen des Falls, zu dem die Person gehört."),
    C(KEY_PERSON, "text", required=True, doc="Person-ID (im Fall eindeutig, wie im Blatt Personen)."),
)
_JSON = C(
    JSON_HEADER,
    "json",
    role="json",
    doc="Weitere Felder des Falldatei-Formats v1 als JSON-Objekt (englische Feldnamen), z. B. "
    '`{"notes": "…"}`. Für Felder, die keine eigene Spalte haben; ein Feld darf nicht zugleich in einer Spalte '
    "stehen.",
)

PERSONS_SHEET = Sheet(
    PERSONS,
    (),
    (
        C(KEY_CASE, "text", "id", role="case", required=True,
          doc="Aktenzeichen. Zeilen mit demselben Aktenzeichen bilden einen Fall (Familie/Haushalt), der "
          "gemeinsam geprüft wird."),
        C("Bundesland", "enum", "land", role="case", vocab=v.LAND,
          doc="Land der entscheidenden Ausländerbehörde (Kürzel wie SN oder Name wie Sachsen)."),
        C("Prüfdatum", "date", "as_of", role="case",
          doc="Stichtag der Prüfung. Leer: das Datum von --as-of, sonst heute. --as-of ersetzt es."),
        C(KEY_PERSON, "text", "id", required=True,
          doc="Kennung der Person, im Fall eindeutig (z. B. p1, p2 oder eine AZR-Nummer)."),
        C("Name", "text", "name", doc="Anzeigename (optional; personenbezogen)."),
        C("Geburtsdatum", "date", "birth_date"),
        C("Staatsangehörigkeit", "nationality", "nationality",
          doc="ISO-3166-Code (IRQ, AFG …; XXA staatenlos, XXX ungeklärt, XKX Kosovo) oder deutscher Name "
          "(Irak, staatenlos …)."),
        C("Einreisedatum", "date", "entry_date", doc="Datum der (letzten) Einreise."),
        C("Ehegatte", "text", "spouse_id", doc="Person-ID der Ehegattin/des Ehegatten im selben Fall."),
        C("Eltern", "ids", "parent_ids",
          doc="Person-IDs der Eltern im selben Fall, durch Komma oder Semikolon getrennt; „keine“ = "
          "bekannt: keine Eltern im Fall."),
        C("Haushalt", "text", role="household_key",
          doc="Kennzeichen des Haushalts im Fall (z. B. 1, 2). Personen mit demselben Kennzeichen leben "
          "zusammen. Ist die Spalte im ganzen Fall leer, aber ein Bedarf oder eine Leistung angegeben, bilden "
          "alle Personen des Falls einen Haushalt."),
        C("Haushalt Bedarf (€/Monat)", "number", "monthly_need_eur", role="household",
          doc="Monatlicher Bedarf des Haushalts (Regelbedarfe + Unterkunft + Heizung). In einer Zeile des "
          "Haushalts genügt; stehen Werte in mehreren Zeilen, müssen sie gleich sein."),
        C("Haushalt Leistungen (€/Monat)", "number", "monthly_public_benefits_eur", role="household",
          doc="Öffentliche Mittel pro Monat (SGB II/XII, AsylbLG; nicht Kindergeld, Wohngeld, BAföG/BAB)."),
        C("Aufenthalte", "count", role="count", count_of="Aufenthalte",
          doc="Zahl der Aufenthaltszeiten im Blatt Aufenthalte (siehe Listen-Spalten)."),
        C("Duldung seit", "date", "from", role="duldung",
          doc="Beginn der aktuellen Duldung. Ohne Einträge im Blatt Aufenthalte wird daraus eine laufende "
          "Duldungszeit; mit Einträgen muss es der Beginn der laufenden Duldung dort sein."),
        C("Duldungsart", "enum", "basis", role="duldung", vocab=v.STATUS_BASIS,
          doc="Rechtsgrundlage der aktuellen Duldung: § 60a, § 60a Abs. 2b, § 60b, § 60c, § 60d."),
        C("Duldung gültig bis", "date", "valid_until", role="duldung",
          doc="Ablaufdatum der aktuellen Duldungsbescheinigung."),
        C("Asylantrag am", "date", "asylum", "applied_on"),
        C("Asylverfahren", "enum", "asylum", "outcome", vocab=v.ASYLUM_OUTCOME,
          doc="Ergebnis des Asylverfahrens."),
        C("Asyl entschieden am", "date", "asylum", "decided_on"),
        C("Asyl bestandskräftig am", "date", "asylum", "final_on"),
        C("Identität geklärt", "bool", "identity", "clarified"),
        C("Identität geklärt am", "date", "identity", "clarified_on"),
        C("Identitätsnachweis Stufe", "int", "identity", "level",
          doc="Stufenmodell (BVerwG 1 C 36.19): 1 Pass/Personalausweis, 2 anderes amtliches Dokument mit "
          "Lichtbild, 3 amtliches Dokument ohne Lichtbild, 4 sonstige Nachweise."),
        C("Pass", "enum", "identity", "passport", vocab=v.PASSPORT,
          doc="Nationalpass oder anerkannter Passersatz: gültig, abgelaufen, kein Pass."),
        C("Pass gültig bis", "date", "identity", "passport_valid_until"),
        C("Passbeschaffung", "enum", "identity", "passport_obtainable", vocab=v.PASSPORT_OBTAINABLE,
          doc="Ist ein Pass zumutbar zu beschaffen: möglich, unmöglich, unzumutbar."),
        C("Identitätstäuschung", "enum", "identity", "deception", vocab=v.CONDUCT,
          doc="Eigene Täuschung über Identität/Staatsangehörigkeit: keine, früher, aktuell."),
        C("Mitwirkungspflicht verletzt", "enum", "identity", "obstruction", vocab=v.CONDUCT,
          doc="Zumutbare Mitwirkung bei der Passbeschaffung unterlassen: keine, früher, aktuell."),
        C("Belehrung Passbeschaffung am", "date", "identity", "instructed_on",
          doc="Datum der schriftlichen Belehrung nach § 60b Abs. 3 S. 2 AufenthG."),
        C("Passbemühungen", "count", role="count", count_of="Passbemühungen",
          doc="Zahl der Einträge im Blatt Passbemühungen."),
        C("Deutsch Niveau", "enum", "level", role="german", vocab=v.LEVEL,
          doc="Ein Sprachnachweis direkt in der Personenzeile: Niveau A1–C2 (weitere im Blatt "
          "Sprachnachweise)."),
        C("Deutsch Nachweis", "enum", "evidence", role="german", vocab=v.EVIDENCE,
          doc="Art des Nachweises: Zertifikat, Schulzeugnis, Einstufung, Selbstauskunft (beweist nichts)."),
        C("Deutsch Fertigkeit", "enum", "skill", role="german", vocab=v.SKILL,
          doc="alle (Standard), mündlich, schriftlich."),
        C("Deutsch Nachweis am", "date", "date", role="german"),
        C("Sprachnachweise", "count", role="count", count_of="Sprachnachweise",
          doc="Zahl aller Sprachnachweise: der in der Personenzeile und die im Blatt Sprachnachweise."),
        C("Test Leben in Deutschland bestanden am", "date", "civics_test_passed_on"),
        C("Test Leben in Deutschland bestanden", "bool", "civics_test_passed",
          doc="Nein = bekannt: nie bestanden."),
        C("Bekenntnis FDGO", "bool", "fdgo_declaration",
          doc="Bekenntnis zur freiheitlichen demokratischen Grundordnung abgegeben oder bereit."),
        C("Integrationskurs möglich", "bool", "integration_course_possible"),
        C("Schulbesuch", "count", role="count", count_of="Schulbesuch",
          doc="Zahl der Einträge im Blatt Schulbesuch."),
        C("Abschlüsse", "count", role="count", count_of="Abschlüsse",
          doc="Zahl der Einträge im Blatt Abschlüsse."),
        C("Ausbildung", "count", role="count", count_of="Ausbildung",
          doc="Zahl der Einträge im Blatt Ausbildung."),
        C("Beschäftigung", "count", role="count", count_of="Beschäftigung",
          doc="Zahl der Einträge im Blatt Beschäftigung."),
        C("Verurteilungen", "count", role="count", count_of="Verurteilungen",
          doc="Zahl der verwertbaren Verurteilungen (Blatt Verurteilungen); keine = bekannt: keine."),
        C("Laufendes Strafverfahren", "bool", "pending_criminal_proceedings"),
        C("Einreise- und Aufenthaltsverbot", "bool", "entry_ban_active"),
        C("Sicherheitsbedenken", "bool", "security_concerns", doc="§ 5 Abs. 4, § 54 Abs. 1 Nr. 2–5."),
        C("Krankheit hindert Arbeit oder Sprache", "bool", "health", "prevents_work_or_language",
          doc="Krankheit oder Behinderung verhindert Lebensunterhalt/Sprache (§ 25b Abs. 3), attestiert."),
        C("Rentenalter erreicht", "bool", "health", "pension_age_reached"),
        C("Pflegt Angehörige", "bool", "caring_for_relative"),
        C("Beschäftigungsverbot", "bool", "employment_ban", "imposed"),
        C("Beschäftigungsverbot Grund", "enum", "employment_ban", "ground", vocab=v.BAN_GROUND),
        C("Beschäftigungsverbot seit", "date", "employment_ban", "since"),
        C("Aufenthaltsbeendende Maßnahmen bevorstehend", "bool", "removal_measures_imminent"),
        C("Ausreisehindernis", "bool", "departure_obstacle", "exists",
          doc="Ausreise (nicht nur Abschiebung) unmöglich (§ 25 Abs. 5 S. 1)."),
        C("Ausreisehindernis Grund", "enum", "departure_obstacle", "reason", vocab=v.OBSTACLE_REASON),
        C("Ausreisehindernis seit", "date", "departure_obstacle", "since"),
        C("Ausreisehindernis dauerhaft", "bool", "departure_obstacle", "lasting"),
        C("Lebensunterhalt Prognose positiv", "bool", "livelihood_prognosis_positive"),
        C("Integrationsprognose", "enum", "integration_prognosis", vocab=v.PROGNOSIS),
        C("Zweifel an Verfassungstreue", "bool", "fdgo_concerns"),
        C("Abschiebungsverbot", "enum", "deportation_ban", vocab=v.DEPORTATION_BAN,
          doc="Feststellung des BAMF: keines, § 60 Abs. 5, § 60 Abs. 7 (Gesundheit), § 60 Abs. 7 (sonstige)."),
        C("Anträge", "count", role="count", count_of="Anträge", doc="Zahl der Einträge im Blatt Anträge."),
        C("Bemerkungen", "text", "notes"),
        _JSON,
    ),
    "Eine Zeile je Person.",
)  # fmt: skip

LIST_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Aufenthalte",
        ("statuses",),
        (
            *_KEYS,
            C("Art", "enum", "type", vocab=v.STATUS_TYPE, required=True,
              doc="Gestattung, Duldung, Aufenthaltserlaubnis, Fiktionsbescheinigung, Visum, Ausland, unerlaubt."),
            C("Rechtsgrundlage", "enum", "basis", vocab=v.STATUS_BASIS,
              doc="Bei Duldung: § 60a, § 60a Abs. 2b, § 60b, § 60c, § 60d; bei Aufenthaltserlaubnis der "
              "Paragraph (§ 25 Abs. 5, § 104c …) oder sonstige."),
            C("Von", "date", "from", required=True),
            C("Bis", "date", "to", doc="Letzter Tag; leer = dauert an."),
            C("Gültig bis", "date", "valid_until", doc="Ablaufdatum der aktuellen Bescheinigung."),
            C("Bescheinigung ausgestellt", "bool", "documented",
              doc="Nein = keine Bescheinigung, aber ein Anspruch auf Duldung bestand. Leer = ja."),
            _JSON,
        ),
        "Aufenthaltszeiten in Deutschland, eine Zeile je Zeitraum; Zeiträume einer Person dürfen sich nicht "
        "überschneiden.",
    ),
    Sheet(
        "Beschäftigung",
        ("employment",),
        (
            *_KEYS,
            C("Von", "date", "from", required=True),
            C("Bis", "date", "to", doc="Leer = dauert an."),
            C("Wochenstunden", "number", "hours_per_week"),
            C("Sozialversicherungspflichtig", "bool", "social_insurance"),
            C("Netto (€/Monat)", "number", "net_monthly_eur"),
            C("Qualifizierte Beschäftigung", "bool", "qualified", doc="Im Sinne von § 2 Abs. 12b."),
            _JSON,
        ),
        "Beschäftigungen, eine Zeile je Beschäftigungsverhältnis.",
    ),
    Sheet(
        "Sprachnachweise",
        ("german",),
        (
            *_KEYS,
            C("Niveau", "enum", "level", vocab=v.LEVEL, required=True, doc="A1, A2, B1, B2, C1, C2."),
            C("Fertigkeit", "enum", "skill", vocab=v.SKILL, doc="alle (Standard), mündlich, schriftlich."),
            C("Nachweis", "enum", "evidence", vocab=v.EVIDENCE,
              doc="Zertifikat, Schulzeugnis, Einstufung, Selbstauskunft."),
            C("Datum", "date", "date"),
            _JSON,
        ),
        "Deutsch-Sprachnachweise, eine Zeile je Nachweis.",
    ),
    Sheet(
        "Verurteilungen",
        ("convictions",),
        (
            *_KEYS,
            C("Datum", "date", "date", required=True),
            C("Strafe", "enum", "sanction", vocab=v.SANCTION, required=True,
              doc="Geldstrafe, Freiheitsstrafe, Jugendstrafe, Jugendmaßnahmen."),
            C("Tagessätze", "int", "daily_rates"),
            C("Monate", "number", "months", doc="Dauer der Freiheits- oder Jugendstrafe."),
            C("Bewährung", "bool", "suspended"),
            C("Vorsatz", "bool", "intentional", doc="Leer = ja."),
            C("Ausländerrechtliche Straftat", "bool", "foreigner_only_offence",
              doc="Straftat, die nur Ausländer begehen können (AufenthG/AsylG)."),
            _JSON,
        ),
        "Verwertbare Verurteilungen in Deutschland (nicht getilgt, § 51 BZRG).",
    ),
    Sheet(
        "Schulbesuch",
        ("schooling",),
        (
            *_KEYS,
            C("Von", "date", "from", required=True),
            C("Bis", "date", "to", doc="Leer = dauert an."),
            C("Schulart", "enum", "kind", vocab=v.SCHOOL_KIND,
              doc="allgemeinbildende Schule, Berufsschule, Hochschule."),
            C("Erfolgreich", "bool", "successful", doc="Regelmäßig und mit Fortschritt besucht."),
            _JSON,
        ),
        "Schulbesuch in Deutschland (kein Integrationskurs).",
    ),
    Sheet(
        "Abschlüsse",
        ("qualifications",),
        (
            *_KEYS,
            C("Art", "enum", "kind", vocab=v.QUALIFICATION_KIND, required=True,
              doc="Schulabschluss, Berufsabschluss, Hochschulabschluss."),
            C("Datum", "date", "date", required=True),
            C("In Deutschland erworben", "bool", "obtained_in_germany"),
            C("Anerkannt", "bool", "recognised", doc="Deutscher oder als gleichwertig anerkannter Abschluss."),
            _JSON,
        ),
        "Schul-, Berufs- und Hochschulabschlüsse.",
    ),
    Sheet(
        "Ausbildung",
        ("training",),
        (
            *_KEYS,
            C("Von", "date", "from", required=True),
            C("Bis", "date", "to"),
            C("Art", "enum", "kind", vocab=v.TRAINING_KIND,
              doc="qualifizierte Ausbildung (mind. 2 Jahre) oder Helferausbildung."),
            C("Anschlusszusage Engpassberuf", "bool", "followup_commitment_shortage_occupation"),
            C("Vertrag unterschrieben am", "date", "contract_signed_on"),
            C("Stand", "enum", "state", vocab=v.TRAINING_STATE,
              doc="geplant, laufend, abgeschlossen, abgebrochen."),
            _JSON,
        ),
        "Berufsausbildungen (geplant, laufend oder beendet).",
    ),
    Sheet(
        "Anträge",
        ("applications",),
        (
            *_KEYS,
            C("Weg", "enum", "path", vocab=_application_paths(), required=True,
              doc="Beantragter Weg: Schlüssel wie aufenthg_25b oder die Norm wie § 25b Abs. 1 AufenthG."),
            C("Gestellt am", "date", "filed_on", required=True),
            _JSON,
        ),
        "Bereits gestellte Anträge auf einen Bleiberechtsweg.",
    ),
    Sheet(
        "Passbemühungen",
        ("identity", "efforts"),
        (
            *_KEYS,
            C("Datum", "date", "date", required=True),
            C("Handlung", "enum", "action", vocab=v.EFFORT_ACTION, required=True,
              doc="Vorsprache Botschaft, Passantrag gestellt, Gebühr bezahlt, Dokumente im Herkunftsland "
              "angefordert, Anwalt im Herkunftsland beauftragt, eidesstattliche Versicherung, "
              "Freiwilligkeitserklärung, sonstige."),
            C("Nachweis", "bool", "evidence", doc="Die Handlung ist belegt."),
            _JSON,
        ),
        "Dokumentierte Mitwirkungshandlungen zur Pass- und Identitätsklärung.",
    ),
)  # fmt: skip

SHEETS: dict[str, Sheet] = {s.name: s for s in (PERSONS_SHEET, *LIST_SHEETS)}
_BY_HEADER: dict[str, dict[str, Column]] = {
    s.name: {c.header.casefold(): c for c in s.columns} for s in SHEETS.values()
}
COUNT_COLUMNS: dict[str, Column] = {c.count_of: c for c in PERSONS_SHEET.columns if c.count_of}


def sheet_named(name: str) -> Sheet | None:
    """The sheet of this name (case-insensitive), or None."""
    folded = name.strip().casefold()
    return next((s for s in SHEETS.values() if s.name.casefold() == folded), None)
