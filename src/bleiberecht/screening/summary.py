"""The totals of a screening run, as printed on the terminal and on the overview sheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bleiberecht.law.norm import Text
from bleiberecht.screening.caseload import Caseload

LINES: dict[str, Text] = {
    "input": Text("Eingabedatei", "Input file"),
    "as_of": Text("Prüfdatum", "Assessment date"),
    "persons_read": Text("Personen gelesen", "Persons read"),
    "cases_read": Text("Fälle (Aktenzeichen) gelesen", "Cases read"),
    "persons_screened": Text("Personen geprüft", "Persons screened"),
    "cases_screened": Text("Fälle geprüft", "Cases screened"),
    "persons_rejected": Text("Personen abgelehnt (nicht geprüft)", "Persons rejected (not screened)"),
    "cases_rejected": Text("Fälle abgelehnt", "Cases rejected"),
    "rows_unassigned": Text("Zeilen ohne Fall verworfen", "Rows without a case discarded"),
    "report": Text("Fehlerbericht", "Error report"),
    "rules": Text("Regelstand", "Rules version"),
    "review": Text("Letzte rechtliche Prüfung", "Last legal review"),
    "disclaimer": Text(
        "Keine Rechtsberatung. Jede Einstufung ist im Einzelfall zu prüfen.",
        "Not legal advice. Every result must be checked case by case.",
    ),
}


@dataclass
class RunSummary:
    input: str
    persons_read: int
    cases_read: int
    persons_screened: int
    cases_screened: int
    persons_rejected: int
    cases_rejected: int
    rows_unassigned: int
    as_of: tuple[date, date] | None
    rules_version: str
    last_legal_review: date
    report: str | None = None

    @classmethod
    def of(cls, caseload: Caseload, as_of: tuple[date, date] | None, rules: str, review: date) -> RunSummary:
        return cls(
            input=caseload.file,
            persons_read=caseload.persons_read,
            cases_read=caseload.cases_read,
            persons_screened=caseload.persons_screened,
            cases_screened=caseload.cases_screened,
            persons_rejected=caseload.persons_rejected,
            cases_rejected=caseload.cases_rejected,
            rows_unassigned=caseload.rows_unassigned,
            as_of=as_of,
            rules_version=rules,
            last_legal_review=review,
        )

    def as_of_text(self, lang: str) -> str:
        if self.as_of is None:
            return "–"
        first, last = (d.strftime("%d.%m.%Y") if lang == "de" else d.isoformat() for d in self.as_of)
        return first if first == last else f"{first} – {last}"

    def lines(self, lang: str) -> list[tuple[str, object]]:
        values: list[tuple[str, object]] = [
            ("input", self.input),
            ("as_of", self.as_of_text(lang)),
            ("persons_read", self.persons_read),
            ("cases_read", self.cases_read),
            ("persons_screened", self.persons_screened),
            ("cases_screened", self.cases_screened),
            ("persons_rejected", self.persons_rejected),
            ("cases_rejected", self.cases_rejected),
        ]
        if self.rows_unassigned:
            values.append(("rows_unassigned", self.rows_unassigned))
        if self.report:
            values.append(("report", self.report))
        values += [
            ("rules", self.rules_version),
            (
                "review",
                self.last_legal_review.strftime("%d.%m.%Y") if lang == "de" else str(self.last_legal_review),
            ),
        ]
        return [(LINES[key].get(lang), value) for key, value in values]
