"""The fixed words of dossiers and outreach letters in German and English (German first)."""

from __future__ import annotations

from bleiberecht.law.norm import Text

DOSSIER: dict[str, Text] = {
    "title": Text("Dossier zum Fall {reference}", "Dossier for case {reference}"),
    "kind": Text("Dossier für die Ausländerbehörde", "Dossier for the immigration authority"),
    "confidential": Text(
        "VERTRAULICH – enthält personenbezogene Daten", "CONFIDENTIAL – contains personal data"
    ),
    "reference": Text("Aktenzeichen", "Case reference"),
    "organisation": Text("Erstellt von", "Prepared by"),
    "created_on": Text("Erstellt am", "Prepared on"),
    "as_of": Text("Prüfdatum", "Assessment date"),
    "rules_version": Text("Regelstand", "Rules version"),
    "last_legal_review": Text("Letzte rechtliche Prüfung", "Last legal review"),
    "persons": Text("Personen", "Persons"),
    "contents": Text("Inhalt", "Contents"),
    "person": Text("Person", "Person"),
    "birth_date": Text("Geburtsdatum", "Date of birth"),
    "light": Text("Ampel", "Traffic light"),
    "best_paths": Text("Beste Wege", "Best paths"),
    "path": Text("Weg", "Path"),
    "outcome": Text("Ergebnis", "Outcome"),
    "consequence": Text("Rechtsfolge", "Legal consequence"),
    "apply_by": Text("Antrag spätestens", "Apply by"),
    "requirements": Text("Voraussetzungen", "Requirements"),
    "citation": Text("Fundstelle", "Citation"),
    "requirement": Text("Voraussetzung", "Requirement"),
    "status": Text("Stand", "Status"),
    "met_from": Text("erfüllt ab", "met from"),
    "explanation": Text("Begründung", "Explanation"),
    "missing_facts": Text("Angaben fehlen", "Facts missing"),
    "evidence": Text("Nachweise zum Beifügen", "Evidence to attach"),
    "evidence_for": Text("für", "for"),
    "no_evidence": Text("Keine Nachweise hinterlegt.", "No evidence listed."),
    "hints": Text("Hinweise zu Ermessen und Alternativen", "Hints on discretion and alternatives"),
    "waivable": Text("Absehen möglich (Ermessen der Behörde)", "May be waived (the authority's discretion)"),
    "other_paths": Text("Weitere geprüfte Wege", "Other paths assessed"),
    "questions": Text("Offene Fragen", "Open questions"),
    "decides": Text("entscheidet über", "decides"),
    "deadlines": Text("Fristen", "Deadlines"),
    "date": Text("Datum", "Date"),
    "kind_col": Text("Art", "Kind"),
    "text": Text("Inhalt", "Content"),
    "reviews": Text("Prüfaufträge", "Reviews"),
    "review_flagged": Text("zu überprüfen", "to be re-examined"),
    "review_open": Text("zu klären", "to be clarified"),
    "timeline": Text("Zeitleiste", "Timeline"),
    "event": Text("Ereignis", "Event"),
    "until": Text("bis", "until"),
    "future": Text("(künftig)", "(future)"),
    "consent": Text("Einwilligung zur Weitergabe", "Consent to sharing"),
    "consent_unknown": Text(
        "Nicht bekannt: Einwilligungen werden in der Webanwendung erfasst; dieses Dossier wurde ohne sie "
        "erstellt. Vor einer Weitergabe die Einwilligung jeder Person prüfen.",
        "Unknown: consents are recorded in the web application; this dossier was made without them. Check "
        "every person's consent before sharing.",
    ),
    "consent_none": Text("Keine Einwilligung zur Weitergabe erfasst.", "No consent to sharing recorded."),
    "consent_active": Text(
        "Einwilligung für {organisation} seit {date} ({given_by})",
        "Consent for {organisation} since {date} ({given_by})",
    ),
    "consent_revoked": Text(
        "Einwilligung für {organisation} vom {date} widerrufen am {revoked}",
        "Consent for {organisation} of {date}, revoked on {revoked}",
    ),
    "no_paths": Text(
        "Kein Weg geprüft: keine der Normen ist am Prüfdatum in Kraft.",
        "No path assessed: none of the norms is in force on the assessment date.",
    ),
    "no_result": Text(
        "Für diesen Fall liegt kein Prüfergebnis vor.", "There is no assessment result for this case."
    ),
    "disclaimer_heading": Text("Wichtiger Hinweis", "Important note"),
    "disclaimer": Text(
        "Dieses Dossier ist keine Rechtsberatung und keine Entscheidung. Es fasst zusammen, was die Software "
        "„Wege ins Bleiberecht“ aus den erfassten Angaben am Prüfdatum ableitet. Fehlende Angaben sind als "
        "„offen“ gekennzeichnet, nicht als „nicht erfüllt“. Die Entscheidung trifft die Ausländerbehörde. "
        "Regeln, die im Regelblatt (docs/rules.md) als „zu prüfen“ markiert sind, müssen vor der Verwendung "
        "am amtlichen Gesetzestext geprüft werden.",
        "This dossier is not legal advice and not a decision. It summarises what the software “Wege ins "
        "Bleiberecht” derives from the recorded facts on the assessment date. Missing facts are marked "
        "“open”, not “not met”. The immigration authority decides. Rules marked “to verify” in the rules "
        "sheet (docs/rules.md) must be checked against the official text before they are relied on.",
    ),
    "to_verify": Text(
        "Für die gezeigten Wege als „zu prüfen“ markierte Regeln:",
        "Rules marked “to verify” for the paths shown:",
    ),
    "page": Text("Seite", "Page"),
}

# Requirement status words (the three the task names, plus the engine's two others).
STATUS: dict[str, Text] = {
    "met": Text("erfüllt", "met"),
    "not_met": Text("nicht erfüllt", "not met"),
    "unknown": Text("offen", "open"),
    "waivable": Text("nicht erfüllt – Absehen möglich", "not met – may be waived"),
    "not_applicable": Text("nicht anwendbar", "not applicable"),
}

TIMELINE: dict[str, Text] = {
    "entry": Text("Einreise", "Entry"),
    "birth": Text("Geburt", "Birth"),
    "status.duldung": Text("Duldung", "Duldung"),
    "status.gestattung": Text("Aufenthaltsgestattung", "Aufenthaltsgestattung"),
    "status.aufenthaltserlaubnis": Text("Aufenthaltserlaubnis", "Aufenthaltserlaubnis"),
    "status.fiktion": Text("Fiktionsbescheinigung", "Fiktionsbescheinigung"),
    "status.visa": Text("Visum", "Visa"),
    "status.abroad": Text("Aufenthalt im Ausland", "Stay abroad"),
    "status.unlawful": Text("ohne Aufenthaltsrecht oder Duldung", "without right of residence or Duldung"),
    "asylum_applied": Text("Asylantrag", "Asylum application"),
    "asylum_decided": Text("Asylentscheidung", "Asylum decision"),
    "asylum_final": Text("Asylverfahren bestandskräftig abgeschlossen", "Asylum procedure final"),
    "employment": Text("Beschäftigung", "Employment"),
    "schooling": Text("Schulbesuch", "Schooling"),
    "training": Text("Berufsausbildung", "Vocational training"),
    "german": Text("Deutschnachweis {level}", "German certificate {level}"),
    "civics": Text("Test „Leben in Deutschland“ bestanden", "Civics test passed"),
    "eligible_from": Text("{norm}: erfüllt ab", "{norm}: eligible from"),
    "apply_by": Text("{norm}: Antrag spätestens", "{norm}: apply by"),
    "deadline": Text("Frist: {text}", "Deadline: {text}"),
    "today": Text("Prüfdatum", "Assessment date"),
}

LETTER: dict[str, Text] = {
    "title": Text("Einladung zur Beratung", "Invitation to a counselling appointment"),
    "subject": Text(
        "Einladung zur Beratung: Ihr Aufenthalt in Deutschland",
        "Invitation to a counselling appointment: your stay in Germany",
    ),
    "reference": Text("Aktenzeichen", "Case reference"),
    "date": Text("Datum", "Date"),
    "greeting_name": Text("Guten Tag {name},", "Dear {name},"),
    "greeting": Text("Guten Tag,", "Dear Sir or Madam,"),
    "intro": Text(
        "wir haben Ihre Akte geprüft. Vielleicht gibt es für Sie einen Weg zu einem Aufenthaltsrecht. "
        "Darüber möchten wir mit Ihnen sprechen.",
        "we have looked at your file. There may be a way for you to get a right to stay. We would like to "
        "talk to you about it.",
    ),
    # The path's own title, never "Aufenthaltserlaubnis" for all: § 60c/§ 60d lead to a Duldung, not a permit.
    "path_eligible": Text(
        "Nach unserer ersten Prüfung kommt für Sie möglicherweise jetzt schon in Frage: {title}. "
        "Die Regel dafür heißt: {norm}.",
        "After our first check, this may be open to you now: {title}. The rule is: {norm}.",
    ),
    "path_later": Text(
        "Nach unserer ersten Prüfung kommt für Sie möglicherweise ab dem {date} in Frage: {title}. "
        "Die Regel dafür heißt: {norm}.",
        "After our first check, this may be open to you from {date}: {title}. The rule is: {norm}.",
    ),
    "path_undetermined": Text(
        "Möglicherweise kommt für Sie diese Regel in Frage: {norm} ({title}). Dafür fehlen uns noch "
        "Angaben. Das klären wir im Gespräch.",
        "This rule may apply to you: {norm} ({title}). We still need some information for it. We will "
        "clarify that in the meeting.",
    ),
    "path_not_eligible": Text(
        "Möglicherweise gibt es für Sie später einen Weg: {norm} ({title}). Dafür muss sich noch etwas "
        "ändern. Wir sagen Ihnen im Gespräch, was Sie tun können.",
        "There may be a way for you later: {norm} ({title}). Something still has to change for it. In the "
        "meeting we will tell you what you can do.",
    ),
    "path_none": Text(
        "Wir möchten mit Ihnen über Ihre Lage sprechen.", "We would like to talk to you about your situation."
    ),
    "not_decided": Text(
        "Das ist noch keine Entscheidung. Die Ausländerbehörde entscheidet erst nach einem Antrag.",
        "This is not a decision yet. The immigration authority decides only after an application.",
    ),
    "apply_by": Text(
        "Wichtig: Ein Antrag muss spätestens am {date} gestellt werden.",
        "Important: an application must be made by {date} at the latest.",
    ),
    "bring": Text(
        "Bitte bringen Sie zum Gespräch mit, was Sie davon haben:",
        "Please bring to the meeting what you have of these:",
    ),
    "bring_always": Text("diesen Brief und Ihre Duldung", "this letter and your Duldung"),
    "contact": Text("So erreichen Sie uns:", "How to reach us:"),
    "contact_default": Text("Bitte melden Sie sich bei {organisation}.", "Please contact {organisation}."),
    "help": Text(
        "Sie können eine Person mitbringen, der Sie vertrauen, zum Beispiel aus einer Beratungsstelle.",
        "You can bring a person you trust, for example from a counselling service.",
    ),
    "closing": Text("Mit freundlichen Grüßen", "Kind regards"),
}
