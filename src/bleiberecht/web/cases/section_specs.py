"""What the guided sections show: the sections, their field groups and lists, labels and help texts.

The data only; `sections.py` builds the forms from it. A field's kind (date, yes/no, choice, number …) is read
from the living case file schema (`bleiberecht.casefile.load_schema`) unless given here, so a field can never
disagree with the format. Keys with a dot lie inside an object of the person (``identity.efforts``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Kind = Literal[
    "text",
    "longtext",
    "date",
    "int",
    "number",
    "bool",
    "choice",
    "multi",
    "ids",
    "raw",
    "index1",
    "path",
    "level",
]
Label: TypeAlias = Promise | str


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: Label
    kind: Kind | None = None  # None: read from the schema
    required: bool = False
    help: Label | None = None


@dataclass(frozen=True)
class Group:
    """Scalar fields of the person (or the case), or of one object inside it (``obj``), in one fieldset."""

    fields: tuple[FieldSpec, ...]
    obj: str | None = None
    legend: Label | None = None
    anchor: str | None = (
        None  # the fieldset's id; default f-<obj> or f-group-<first field> (the field is f-<key>)
    )

    @property
    def dom_id(self) -> str:
        return f"f-{self.anchor or self.obj or 'group-' + self.fields[0].key}"


@dataclass(frozen=True)
class ListSpec:
    """A list of objects as a formset; ``key`` may name a list inside an object (``asylum.follow_up_applications``)."""

    key: str
    label: Label
    item: Label
    fields: tuple[FieldSpec, ...]
    more: tuple[FieldSpec, ...] = ()  # shown folded per entry (details rarely needed)
    more_label: Label | None = None
    help: Label | None = None

    @property
    def prefix(self) -> str:
        return self.key.replace(".", "-")

    @property
    def dom_id(self) -> str:
        return f"f-{self.prefix}"

    @property
    def all_fields(self) -> tuple[FieldSpec, ...]:
        return self.fields + self.more


Part = Group | ListSpec


@dataclass(frozen=True)
class Section:
    slug: str
    title: Label
    scope: Literal["case", "person"]
    parts: tuple[Part, ...] = ()
    raw: tuple[FieldSpec, ...] = ()  # keys edited as JSON text (the expert section)
    intro: Label | None = None
    # next_questions facts answered here besides its own keys: fact -> the anchor (without "f-") to jump to
    facts: tuple[tuple[str, str], ...] = field(default=())

    @property
    def groups(self) -> tuple[Group, ...]:
        return tuple(p for p in self.parts if isinstance(p, Group))

    @property
    def lists(self) -> tuple[ListSpec, ...]:
        return tuple(p for p in self.parts if isinstance(p, ListSpec))


def F(key: str, label: Label, kind: Kind | None = None, **kw: Any) -> FieldSpec:
    return FieldSpec(key, label, kind, **kw)


FROM = F("from", _("von"), required=True)
TO = F("to", _("bis (leer: dauert an)"))

# Words for stored codes (schema enums). A code without a word is shown as it is. Where one code means different
# things in different fields, CHOICE_LABELS_BY_FIELD (key "<field>:<code>") has the word for that field.
CHOICE_LABELS: dict[str, Promise] = {
    # status types and bases
    "gestattung": _("Aufenthaltsgestattung"),
    "duldung": _("Duldung"),
    "aufenthaltserlaubnis": _("Aufenthaltserlaubnis"),
    "fiktion": _("Fiktionsbescheinigung"),
    "visa": _("Visum"),
    "abroad": _("im Ausland"),
    "unlawful": _("ohne Status (unerlaubt)"),
    "60a": _("§ 60a (Duldung)"),
    "60a_2b": _("§ 60a Abs. 2b (Eltern)"),
    "60b": _("§ 60b (Duldung für Personen mit ungeklärter Identität)"),
    "60c": _("§ 60c (Ausbildungsduldung)"),
    "60d": _("§ 60d (Beschäftigungsduldung)"),
    "104c": _("§ 104c (Chancen-Aufenthaltsrecht)"),
    "25_5": _("§ 25 Abs. 5"),
    "25_4": _("§ 25 Abs. 4"),
    "25a": _("§ 25a"),
    "25b": _("§ 25b"),
    "23a": _("§ 23a (Härtefall)"),
    "16g": _("§ 16g"),
    "19d": _("§ 19d"),
    "other": _("sonstige"),
    # Duldung grounds and the § 60b Zusatz
    "passport_missing": _("fehlender Pass"),
    "factual_impossibility_other": _("andere tatsächliche Unmöglichkeit"),
    "legal_impossibility": _("rechtliche Unmöglichkeit"),
    "general_removal_stop_60a_1": _("Abschiebungsstopp (§ 60a Abs. 1)"),
    "family_art6": _("Familie (Art. 6 GG)"),
    "health": _("Krankheit"),
    "witness_60a_2_2": _("Zeuge in einem Strafverfahren (§ 60a Abs. 2 S. 2)"),
    "discretion_60a_2_3": _("dringende persönliche Gründe (§ 60a Abs. 2 S. 3)"),
    "procedural": _("verfahrensbedingt"),
    "extension": _("bei Verlängerung"),
    "new_ground": _("bei neuem Duldungsgrund"),
    "mid_term": _("während der Geltungsdauer"),
    "deception": _("Täuschung über Identität oder Staatsangehörigkeit"),
    "false_statements": _("falsche Angaben"),
    "passport_duties": _("zumutbare Handlungen zur Passbeschaffung unterlassen"),
    "objection_pending": _("Widerspruch läuft"),
    "lawsuit_pending": _("Klage läuft"),
    "final_upheld": _("bestandskräftig bestätigt"),
    "final_annulled": _("bestandskräftig aufgehoben"),
    # asylum
    "never_applied": _("nie beantragt"),
    "pending": _("laufend"),
    "rejected": _("abgelehnt"),
    "rejected_manifestly_unfounded": _("offensichtlich unbegründet abgelehnt"),
    "rejected_manifestly_unfounded_qualified": _(
        "offensichtlich unbegründet (qualifiziert, § 10 Abs. 3 S. 2)"
    ),
    "inadmissible": _("unzulässig"),
    "not_admitted": _("kein weiteres Verfahren durchgeführt"),
    "withdrawn": _("zurückgenommen"),
    "protection_granted": _("Schutz gewährt"),
    # identity
    "valid": _("gültig"),
    "expired": _("abgelaufen"),
    "none": _("keiner / keine"),
    "yes": _("ja, zumutbar"),
    "impossible": _("unmöglich"),
    "unreasonable": _("unzumutbar"),
    "past": _("früher, nicht mehr ursächlich"),
    "current": _("aktuell"),
    "embassy_visit": _("Vorsprache bei der Botschaft"),
    "application_filed": _("Passantrag gestellt"),
    "fee_paid": _("Gebühr bezahlt"),
    "documents_requested_home_country": _("Dokumente im Herkunftsland angefordert"),
    "lawyer_commissioned_home_country": _("Anwalt im Herkunftsland beauftragt"),
    "sworn_declaration": _("eidesstattliche Versicherung"),
    "voluntary_return_declaration": _("Freiwilligkeitserklärung"),
    # school, training, work, German
    "school": _("allgemeinbildende Schule"),
    "vocational_school": _("Berufsschule"),
    "university": _("Hochschule"),
    "school_leaving": _("Schulabschluss"),
    "vocational": _("Berufsabschluss"),
    "qualified": _("qualifizierte Ausbildung (mind. 2 Jahre)"),
    "assistant": _("Helfer- oder Assistenzausbildung"),
    "planned": _("geplant"),
    "ongoing": _("läuft"),
    "completed": _("abgeschlossen"),
    "aborted": _("abgebrochen"),
    "entry_qualification": _("Einstiegsqualifizierung"),
    "pre_vocational": _("berufsvorbereitende Maßnahme"),
    "registration_applied": _("Eintragung beantragt"),
    "registered": _("in die Lehrlingsrolle eingetragen"),
    "school_contract": _("Schulvertrag"),
    "school_consent": _("Zusage der Schule"),
    "abs1_nr1": _("§ 12 Abs. 1 Nr. 1 BAföG"),
    "abs1_nr2": _("§ 12 Abs. 1 Nr. 2 BAföG"),
    "abs2_nr1": _("§ 12 Abs. 2 Nr. 1 BAföG"),
    "abs2_nr2": _("§ 12 Abs. 2 Nr. 2 BAföG"),
    "granted": _("erteilt"),
    "deemed": _("fingiert (§ 36 Abs. 2 BeschV)"),
    "not_required": _("nicht erforderlich"),
    "refused": _("versagt"),
    "oral": _("mündlich"),
    "written": _("schriftlich"),
    "all": _("alle Fertigkeiten"),
    "certificate": _("Zertifikat"),
    "assessment": _("Einschätzung (z. B. Behörde)"),
    "self_reported": _("eigene Angabe (beweist nichts)"),
    "positive": _("positiv"),
    "negative": _("negativ"),
    # livelihood
    "sgb2": _("Bürgergeld (SGB II)"),
    "sgb12": _("Sozialhilfe (SGB XII)"),
    "asylblg": _("Leistungen nach dem AsylbLG"),
    "housing_costs_only": _("nur Kosten der Unterkunft"),
    "self": _("für die Person selbst"),
    "household": _("für den Haushalt"),
    # removal, departure, employment ban
    "fitness_to_travel_exam": _("Untersuchung der Reisefähigkeit"),
    "voluntary_return_funding_application": _("Antrag auf Förderung der freiwilligen Ausreise"),
    "transport_booking": _("Buchung von Transportmitteln"),
    "comparable_preparation": _("vergleichbar konkrete Vorbereitung"),
    "dublin_procedure": _("Dublin-Verfahren eingeleitet"),
    "no_travel_documents": _("keine Reisedokumente"),
    "statelessness": _("Staatenlosigkeit"),
    "illness": _("Krankheit"),
    "family_ties": _("familiäre Bindungen (Art. 6 GG, Art. 8 EMRK)"),
    "rootedness": _("Verwurzelung (Art. 8 EMRK)"),
    "no_transport_route": _("kein Reiseweg"),
    "deportation_ban": _("Abschiebungsverbot"),
    "60_5": _("§ 60 Abs. 5 (EMRK)"),
    "60_7_health": _("§ 60 Abs. 7 S. 1, gesundheitlich"),
    "60_7_other": _("§ 60 Abs. 7 S. 1, andere Gründe"),
    "60a_6_1": _("§ 60a Abs. 6 S. 1 Nr. 1 (Einreise wegen Leistungen)"),
    "60a_6_2": _("§ 60a Abs. 6 S. 1 Nr. 2 (eigenes Verhalten verhindert Abschiebung)"),
    "60a_6_3": _("§ 60a Abs. 6 S. 1 Nr. 3 (sicherer Herkunftsstaat)"),
    "60b_5": _("§ 60b Abs. 5 S. 2 (Duldung mit Zusatz)"),
    # convictions
    "fine": _("Geldstrafe"),
    "prison": _("Freiheitsstrafe"),
    "youth_custody": _("Jugendstrafe"),
    "youth_measures": _("Erziehungsmaßregeln / Zuchtmittel"),
}
CHOICE_LABELS_BY_FIELD: dict[str, Promise] = {
    "challenge:none": _("nicht angefochten"),
    "deportation_ban:none": _("geprüft: kein Abschiebungsverbot"),
    "passport:none": _("kein Pass"),
    "deception:none": _("keine"),
    "obstruction:none": _("keine"),
    "documentation:none": _("keine"),
    "kind:university": _("Hochschule / Hochschulabschluss"),
}


SECTIONS: tuple[Section, ...] = (
    Section(
        "personen",
        _("Personen und Familie"),
        "case",
        parts=(
            Group(
                (
                    F("id", _("Aktenzeichen"), required=True),
                    F("as_of", _("Prüfdatum"), help=_("Das Recht an diesem Tag wird angewandt.")),
                    F("land", _("Bundesland (Kürzel, z. B. SN)")),
                ),
                anchor="main",
            ),
            ListSpec(
                "persons",
                _("Personen"),
                _("Person"),
                (
                    F("id", _("Person-ID"), required=True, help=_("Kurz und ohne Leerzeichen, z. B. vater")),
                    F("name", _("Name")),
                    F("birth_date", _("Geburtsdatum")),
                    F("nationality", _("Staatsangehörigkeit (ISO-Code, z. B. IRQ)")),
                    F("entry_date", _("Einreisedatum")),
                    F("spouse_id", _("Person-ID des Ehegatten")),
                    F("parent_ids", _("Person-IDs der Eltern"), "ids"),
                ),
            ),
        ),
        facts=(
            ("family", "persons"),
            ("birth_date", "persons"),
            ("entry_date", "persons"),
            ("nationality", "persons"),
        ),
    ),
    Section(
        "aufenthalt",
        _("Aufenthalt"),
        "person",
        intro=_("Jeder Zeitraum mit Status: Gestattung, Duldung, Titel. Ohne Ende = dauert an."),
        parts=(
            ListSpec(
                "statuses",
                _("Aufenthaltszeiten"),
                _("Zeitraum"),
                (
                    F("type", _("Status"), required=True),
                    F("basis", _("Rechtsgrundlage")),
                    FROM,
                    TO,
                    F("valid_until", _("gültig bis (Dokument)")),
                    F("documented", _("Bescheinigung ausgestellt?")),
                ),
                more=(
                    F(
                        "duldung_grounds",
                        _("Duldungsgründe"),
                        help=_("Warum die Abschiebung ausgesetzt ist; nichts angekreuzt = unbekannt."),
                    ),
                    F("last_reviewed_on", _("Zuletzt von der Behörde überprüft am")),
                    F(
                        "zusatz_60b_issued_on",
                        _("Zusatz „für Personen mit ungeklärter Identität“ erteilt am"),
                        help=_("Nur bei Rechtsgrundlage § 60b; leer: ab Beginn des Zeitraums."),
                    ),
                    F("zusatz_60b_occasion", _("Anlass des Zusatzes")),
                    F("zusatz_60b_grounds", _("Gründe des Zusatzes (§ 60b Abs. 1)")),
                    F("lifted_on", _("Zusatz aufgehoben ab (§ 60b Abs. 4)")),
                    F("lifted_retroactively_from", _("Zusatz rückwirkend aufgehoben ab (§ 60b Abs. 5)")),
                    F("challenge", _("Rechtsbehelf gegen den Zusatz")),
                ),
                more_label=_("Duldungsgründe und Zusatz nach § 60b"),
            ),
        ),
    ),
    Section(
        "asyl",
        _("Asylverfahren"),
        "person",
        parts=(
            Group(
                (
                    F("outcome", _("Ausgang")),
                    F("applied_on", _("Antrag gestellt am")),
                    F("decided_on", _("Entschieden am")),
                    F("final_on", _("Bestandskräftig am")),
                    F("court_pending", _("Klage anhängig?")),
                    F(
                        "withdrawn_after_bamf_counselling",
                        _("Nach Rückkehrberatung (§ 24 Abs. 1 AsylG) zurückgenommen?"),
                    ),
                    F(
                        "child_welfare_waiver",
                        _("Unbegleitet minderjährig, im Kindeswohl nicht gestellt oder zurückgenommen?"),
                    ),
                ),
                obj="asylum",
                legend=_("Asylverfahren"),
            ),
            ListSpec(
                "asylum.follow_up_applications",
                _("Folgeanträge (§ 71 AsylG)"),
                _("Folgeantrag"),
                (
                    F("applied_on", _("gestellt am"), required=True),
                    F("outcome", _("Ausgang")),
                    F("final_on", _("bestandskräftig am")),
                ),
            ),
        ),
    ),
    Section(
        "identitaet",
        _("Identität und Mitwirkung (§ 60b)"),
        "person",
        parts=(
            Group(
                (
                    F("clarified", _("Identität geklärt?")),
                    F("clarified_on", _("Geklärt am")),
                    F(
                        "level",
                        _("Nachweis der Identität (Stufe)"),
                        "level",
                        help=_("Stufenmodell: 1 Pass oder Ausweis … 4 sonstige Nachweise wie Zeugen."),
                    ),
                    F("passport", _("Pass")),
                    F("passport_valid_until", _("Pass gültig bis")),
                    F("passport_obtainable", _("Passbeschaffung zumutbar?")),
                ),
                obj="identity",
                legend=_("Identität und Pass"),
            ),
            Group(
                (
                    F("deception", _("Täuschung über Identität")),
                    F("obstruction", _("Fehlende Mitwirkung")),
                    F("instructed", _("Belehrung nach § 60b Abs. 3 S. 2 erteilt?")),
                    F("instructed_on", _("Belehrung zur Passbeschaffung am")),
                    F("instruction_specific", _("Belehrung nannte konkrete Handlungen?")),
                    F("instruction_deadline", _("Frist in der Belehrung")),
                    F("instruction_warned_of_60b", _("Belehrung wies auf die Duldung mit Zusatz hin?")),
                    F("demanded_acts_unreasonable", _("Verlangte Handlungen im Einzelfall unzumutbar?")),
                    F(
                        "all_reasonable_measures_taken_on",
                        _("Alle zumutbaren Maßnahmen zur Identitätsklärung ergriffen am"),
                        help=_("Einschätzung aus den Mitwirkungshandlungen unten."),
                    ),
                    F("late_clarification_attributable", _("Späte Klärung selbst zu vertreten?")),
                ),
                obj="identity",
                legend=_("Mitwirkung und Belehrung"),
                anchor="identity-conduct",
            ),
            ListSpec(
                "identity.efforts",
                _("Mitwirkungshandlungen"),
                _("Handlung"),
                (
                    F("date", _("Datum"), required=True),
                    F("action", _("Handlung"), required=True),
                    F("evidence", _("Nachweis liegt vor?")),
                ),
            ),
            Group(
                (
                    F("deceived_authority_intentionally", _("Ausländerbehörde vorsätzlich getäuscht?")),
                    F(
                        "obstructed_removal_intentionally",
                        _("Aufenthaltsbeendende Maßnahmen vorsätzlich behindert?"),
                    ),
                ),
                legend=_("Verhalten gegenüber der Behörde (§ 19d Abs. 1 Nr. 4, 5)"),
            ),
        ),
        facts=(("identity_conduct", "identity-conduct"),),
    ),
    Section(
        "ausbildung",
        _("Schule und Ausbildung"),
        "person",
        parts=(
            ListSpec(
                "schooling",
                _("Schulbesuch"),
                _("Schulbesuch"),
                (F("kind", _("Art")), FROM, TO, F("successful", _("erfolgreich?"))),
            ),
            ListSpec(
                "training",
                _("Berufsausbildung"),
                _("Ausbildung"),
                (
                    F("occupation", _("Ausbildungsberuf")),
                    F("state", _("Stand")),
                    F("kind", _("Art der Ausbildung")),
                    F(
                        "preparatory_measure",
                        _("Vorbereitende Maßnahme statt Ausbildung"),
                        help=_("Nur bei Einstiegsqualifizierung oder berufsvorbereitender Maßnahme."),
                    ),
                    F("from", _("Beginn"), required=True),
                    F("to", _("Ende (leer: offen)")),
                    F("contract_signed_on", _("Vertrag unterschrieben am")),
                ),
                more=(
                    F("regulated_duration_months", _("Regeldauer (Monate)")),
                    F("school_based", _("Schulische Ausbildung?")),
                    F("documentation", _("Nachweis des Ausbildungsverhältnisses")),
                    F("documentation_on", _("Nachweis vom")),
                    F("started_with_permission", _("Mit Beschäftigungserlaubnis begonnen?")),
                    F("followup_commitment_on", _("Zusage für die anschließende Ausbildung am")),
                    F("followup_commitment_conditional", _("Zusage nur unter Bedingungen?")),
                    F("followup_commitment_shortage_occupation", _("Anschluss in einem Engpassberuf?")),
                    F("exam_passed_on", _("Abschlussprüfung bestanden am")),
                    F("monthly_net_pay_eur", _("Ausbildungsvergütung netto im Monat (€)")),
                    F("bafoeg_12_category", _("Bedarfssatz nach § 12 BAföG")),
                    F("receives_bab", _("Bezieht Berufsausbildungsbeihilfe?")),
                    F("receives_bafoeg", _("Bezieht BAföG?")),
                ),
                more_label=_("Einzelheiten für §§ 60c, 16g, 19d"),
            ),
            ListSpec(
                "qualifications",
                _("Abschlüsse"),
                _("Abschluss"),
                (
                    F("kind", _("Art"), required=True),
                    F("date", _("Datum"), required=True),
                    F("obtained_in_germany", _("in Deutschland erworben?")),
                    F("recognised", _("anerkannt?")),
                    F("care_assistant", _("staatlich anerkannte Pflegehilfe/-assistenz?")),
                ),
            ),
        ),
    ),
    Section(
        "arbeit",
        _("Beschäftigung und Arbeitsangebote"),
        "person",
        parts=(
            ListSpec(
                "employment",
                _("Beschäftigung"),
                _("Beschäftigung"),
                (
                    FROM,
                    TO,
                    F("employer", _("Arbeitgeber")),
                    F("hours_per_week", _("Wochenstunden")),
                    F("social_insurance", _("sozialversicherungspflichtig?")),
                    F("net_monthly_eur", _("Netto im Monat (€)")),
                    F("permitted_on", _("Beschäftigung erlaubt am")),
                    F("ba_consent", _("Zustimmung der Bundesagentur")),
                ),
                more=(
                    F("ba_consent_on", _("Zustimmung der Bundesagentur am")),
                    F("qualified", _("qualifizierte Beschäftigung?")),
                    F("matches_qualification", _("entspricht dem erworbenen Abschluss?")),
                    F("temporary_agency", _("Leiharbeit?")),
                ),
                more_label=_("Weitere Einzelheiten"),
            ),
            ListSpec(
                "employment_interruptions",
                _("Unterbrechungen der Beschäftigung"),
                _("Unterbrechung"),
                (
                    F("from", _("von"), required=True),
                    F("to", _("bis"), required=True),
                    F("attributable", _("selbst zu vertreten?")),
                ),
            ),
            ListSpec(
                "job_offers",
                _("Arbeitsplatzangebote und Arbeitsverträge"),
                _("Angebot"),
                (
                    F("employer", _("Arbeitgeber")),
                    F("offered_on", _("angeboten am")),
                    F("start", _("Beginn"), required=True, help=_("Darf in der Zukunft liegen.")),
                    F("hours_per_week", _("Wochenstunden")),
                    F("social_insurance", _("sozialversicherungspflichtig?")),
                    F("net_monthly_eur", _("Netto im Monat (€)")),
                ),
                more=(
                    F("qualified", _("qualifizierte Beschäftigung?")),
                    F("matches_qualification", _("entspricht dem erworbenen Abschluss?")),
                    F("temporary_agency", _("Leiharbeit?")),
                    F("ba_consent", _("Zustimmung der Bundesagentur")),
                    F("ba_consent_on", _("Zustimmung der Bundesagentur am")),
                ),
                more_label=_("Weitere Einzelheiten"),
            ),
            ListSpec(
                "employment_permission_requests",
                _("Anträge auf Beschäftigungserlaubnis"),
                _("Antrag"),
                (
                    F("filed_on", _("gestellt am"), required=True),
                    F(
                        "job_offer",
                        _("für Angebot Nr."),
                        "index1",
                        help=_("Die Nummer des Angebots oben (1 = erstes); leer: unbekannt."),
                    ),
                    F("outcome", _("Ergebnis")),
                    F("decided_on", _("entschieden am")),
                ),
            ),
        ),
    ),
    Section(
        "lebensunterhalt",
        _("Lebensunterhalt und Wohnraum"),
        "person",
        intro=_("Leistungen und eigene Sicherung der Person; Bedarf je Haushalt unter „Haushalt und Geld“."),
        parts=(
            ListSpec(
                "own_livelihood_secured",
                _("Eigener Lebensunterhalt gesichert: Zeiträume"),
                _("Zeitraum"),
                (FROM, TO, F("by_employment", _("durch eigene Beschäftigung?"))),
            ),
            ListSpec(
                "public_benefits",
                _("Öffentliche Leistungen zum Lebensunterhalt"),
                _("Leistung"),
                (FROM, TO, F("kind", _("Art")), F("for_whom", _("für wen"))),
            ),
            Group(
                (
                    F(
                        "livelihood_prognosis_positive",
                        _("Lebensunterhalt wird künftig gesichert sein (z. B. Arbeitsvertrag)?"),
                    ),
                    F("adequate_housing", _("Ausreichender Wohnraum?")),
                ),
                legend=_("Prognose und Wohnraum"),
            ),
        ),
    ),
    Section(
        "deutsch",
        _("Deutschkenntnisse und Integration"),
        "person",
        intro=_("Eine eigene Angabe beweist nichts: Nachweise mit Zertifikat, Schule oder Einschätzung."),
        parts=(
            ListSpec(
                "german",
                _("Nachweise"),
                _("Nachweis"),
                (
                    F("level", _("Niveau"), required=True),
                    F("skill", _("Fertigkeit")),
                    F("date", _("Datum")),
                    F("evidence", _("Nachweis durch")),
                ),
            ),
            Group(
                (
                    F("integration_course_possible", _("Integrationskurs möglich?")),
                    F("integration_prognosis", _("Integrationsprognose (§ 25a)")),
                ),
                anchor="integration",
                legend=_("Integration"),
            ),
            Group(
                (
                    F("obliged", _("Zur Teilnahme verpflichtet?")),
                    F("completed_successfully", _("Erfolgreich abgeschlossen?")),
                    F("completed_on", _("Abgeschlossen am")),
                    F("aborted", _("Abgebrochen?")),
                    F("abort_attributable", _("Abbruch selbst zu vertreten?")),
                ),
                obj="integration_course",
                legend=_("Integrationskurs"),
            ),
        ),
    ),
    Section(
        "lid",
        _("Test „Leben in Deutschland“ und Grundordnung"),
        "person",
        parts=(
            Group(
                (
                    F("civics_test_passed_on", _("Bestanden am"), "date"),
                    F("civics_test_passed", _("Bestanden? (ohne Datum)")),
                    F(
                        "fdgo_declaration",
                        _("Bekenntnis zur freiheitlichen demokratischen Grundordnung abgegeben?"),
                    ),
                    F(
                        "fdgo_concerns",
                        _("Konkrete Zweifel an der Verfassungstreue?"),
                        help=_("„nein“ heißt: bekannt, dass es keine gibt."),
                    ),
                ),
                anchor="civics",
                legend=_("Test und Bekenntnis"),
            ),
        ),
        facts=(("civics_test", "civics"),),
    ),
    Section(
        "straftaten",
        _("Verurteilungen"),
        "person",
        parts=(
            Group(
                (
                    F("pending_criminal_proceedings", _("Laufende Strafverfahren?")),
                    F("entry_ban_active", _("Einreise- und Aufenthaltsverbot?")),
                    F("security_concerns", _("Sicherheitsbedenken (§ 5 Abs. 4)?")),
                ),
                anchor="main",
                legend=_("Verfahren und Bedenken"),
            ),
            ListSpec(
                "convictions",
                _("Verurteilungen"),
                _("Verurteilung"),
                (
                    F("date", _("Datum"), required=True),
                    F("offence", _("Tat (z. B. § 242 StGB)")),
                    F("sanction", _("Strafe"), required=True),
                    F("daily_rates", _("Tagessätze")),
                    F("months", _("Monate")),
                    F("suspended", _("zur Bewährung?")),
                    F("intentional", _("Vorsatztat?")),
                ),
                more=(
                    F("foreigner_only_offence", _("Tat, die nur Ausländer begehen können?")),
                    F("btmg_29_1_nr1", _("Vorsätzliche Tat nach § 29 Abs. 1 S. 1 Nr. 1 BtMG?")),
                    F("aufenthg_54_1_catalogue", _("Katalogtat nach § 54 Abs. 1 Nr. 1a–1c?")),
                ),
                more_label=_("Weitere Einzelheiten"),
            ),
        ),
    ),
    Section(
        "ausreise",
        _("Ausreise, Abschiebung, Verbote"),
        "person",
        parts=(
            Group(
                (
                    F("exists", _("Ausreise unmöglich?")),
                    F("reason", _("Hauptgrund")),
                    F("since", _("seit")),
                    F("lasting", _("Wegfall auf absehbare Zeit nicht zu erwarten?")),
                ),
                obj="departure_obstacle",
                legend=_("Ausreisehindernis (§ 25 Abs. 5)"),
            ),
            Group(
                (
                    F("deportation_ban", _("Abschiebungsverbot (Feststellung des BAMF)")),
                    F("expulsion_order", _("Ausweisungsverfügung?")),
                    F("deportation_order_58a", _("Abschiebungsanordnung nach § 58a?")),
                    F("removal_measures_imminent", _("Aufenthaltsbeendende Maßnahmen stehen bevor?")),
                    F(
                        "entry_for_benefits_established",
                        _("Einreise, um AsylbLG-Leistungen zu erlangen (von der Behörde festgestellt)?"),
                    ),
                ),
                legend=_("Verbote und Verfügungen"),
                anchor="removal",
            ),
            ListSpec(
                "removal_measures",
                _("Konkrete Maßnahmen zur Aufenthaltsbeendigung"),
                _("Maßnahme"),
                (
                    F("kind", _("Maßnahme"), required=True),
                    F("date", _("eingeleitet am"), required=True),
                    F("futile", _("erfolglos / aussichtslos?")),
                    F("ended_on", _("beendet am")),
                ),
            ),
            Group(
                (
                    F("imposed", _("Beschäftigungsverbot verhängt?")),
                    F("ground", _("Grund")),
                    F("since", _("seit")),
                ),
                obj="employment_ban",
                legend=_("Beschäftigungsverbot"),
            ),
        ),
    ),
    Section(
        "gesundheit",
        _("Gesundheit und Pflege"),
        "person",
        parts=(
            Group(
                (
                    F(
                        "prevents_work_or_language",
                        _("Krankheit, Behinderung oder Alter verhindert Arbeit oder Spracherwerb?"),
                    ),
                    F("pension_age_reached", _("Rentenalter erreicht?")),
                ),
                obj="health",
                legend=_("Gesundheit"),
            ),
            Group(
                (F("caring_for_relative", _("Pflegt einen Angehörigen?")),),
                legend=_("Pflege"),
            ),
        ),
    ),
    Section(
        "antraege",
        _("Anträge und Notizen"),
        "person",
        parts=(
            ListSpec(
                "applications",
                _("Gestellte Anträge"),
                _("Antrag"),
                (
                    F("path", _("Weg"), "path", required=True),
                    F("filed_on", _("gestellt am"), required=True),
                    F("outcome", _("Ergebnis"), help=_("leer: gilt als laufend")),
                    F("decided_on", _("entschieden am")),
                ),
            ),
            Group((F("notes", _("Notizen"), "longtext"),), legend=_("Notizen")),
        ),
    ),
    Section(
        "haushalt",
        _("Haushalt und Geld"),
        "case",
        intro=_("Bedarf und öffentliche Leistungen je Haushalt (Wohngeld, Kindergeld zählen nicht)."),
        parts=(
            ListSpec(
                "households",
                _("Haushalte"),
                _("Haushalt"),
                (
                    F("members", _("Mitglieder (Person-IDs)"), "ids", required=True),
                    F("monthly_need_eur", _("Bedarf im Monat (€)"), "number"),
                    F("monthly_public_benefits_eur", _("Öffentliche Leistungen im Monat (€)"), "number"),
                ),
            ),
        ),
        facts=(("households", "households"),),
    ),
    Section(
        "weitere",
        _("Experten: Person als JSON"),
        "person",
        intro=_(
            "Alle Angaben der Person als JSON (Falldatei v1). Nur für Fachleute: jede Angabe hat ein Formular."
        ),
        raw=(F("*", _("Person als JSON"), "raw"),),
    ),
)
BY_SLUG = {s.slug: s for s in SECTIONS}
