"""The monitoring figures as labelled tables (page and exports), with small-number suppression.

Suppression: a count of 1 to 4 is shown as "< 5" (0 stays 0) in every export and on the page for users who
may not read the cases of every organisation in scope. Only the cells themselves are suppressed; totals are
shown as counted (see docs/web.md, "Noch offen": secondary suppression).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from bleiberecht.law.norms import ALL_NORMS, ALL_REVIEWS
from bleiberecht.web.monitoring.figures import (
    APPLICATION_OUTCOMES,
    LIGHTS,
    NONE,
    WINDOW_MONTHS,
    Figures,
)

SUPPRESS_BELOW = 5  # counts 1..4 are shown as "< 5"
Cell = str | int


@dataclass
class Table:
    key: str  # stable code (export column "Tabelle")
    title: str
    headers: list[str]  # label columns first, then count columns
    labels: int  # how many leading columns are labels
    rows: list[list[Cell]]
    code_column: bool = True  # the first column is a stable code: in exports, not on the page

    @property
    def page_headers(self) -> list[str]:
        return self.headers[1:] if self.code_column else self.headers

    @property
    def page_rows(self) -> list[list[Cell]]:
        return [row[1:] for row in self.rows] if self.code_column else self.rows

    @property
    def page_labels(self) -> int:
        return self.labels - 1 if self.code_column else self.labels


def shown(count: int, suppress: bool) -> Cell:
    if suppress and 0 < count < SUPPRESS_BELOW:
        return f"< {SUPPRESS_BELOW}"
    return count


def _light_label(light: str) -> str:
    return {"green": _("grün"), "yellow": _("gelb"), "red": _("rot")}.get(light, _("ohne Ergebnis"))


def _path_label(key: str, lang: str) -> str:
    for norm in ALL_NORMS:
        if norm.key == key:
            return f"{norm.citation} – {norm.title.get(lang)}"
    return key  # an application for a path key this version does not know


def build_tables(figures: Figures, *, suppress: bool, lang: str) -> list[Table]:
    def n(count: int) -> Cell:
        return shown(count, suppress)

    tables = [
        Table(
            "overview",
            _("Übersicht"),
            [_("Merkmal"), _("Anzahl")],
            1,
            [
                [_("Fälle"), n(figures.cases)],
                [_("Personen"), n(figures.persons)],
                [_("Fälle ohne gespeichertes Ergebnis"), n(figures.cases_without_result)],
            ],
            code_column=False,
        ),
        Table(
            "traffic_light",
            _("Nach Ampel"),
            [_("Ampel"), _("Fälle"), _("Personen")],
            1,
            [
                [_light_label(light), n(figures.cases_by_light[light]), n(figures.persons_by_light[light])]
                for light in (*LIGHTS, NONE)
            ],
            code_column=False,
        ),
    ]
    best_rows: list[list[Cell]] = [
        [
            norm.key,
            _path_label(norm.key, lang),
            n(figures.cases_by_best_path[norm.key]),
            n(figures.persons_by_best_path[norm.key]),
        ]
        for norm in ALL_NORMS
    ]
    best_rows.append(
        [
            "",
            _("ohne Weg"),
            n(figures.cases_by_best_path[NONE]),
            n(figures.persons_by_best_path[NONE]),
        ]
    )
    tables.append(
        Table(
            "best_path",
            _("Nach bestem Weg"),
            [_("Schlüssel"), _("Weg"), _("Fälle"), _("Personen")],
            2,
            best_rows,
        )
    )
    window_headers = [_("jetzt offen")] + [_("in %(n)s Monaten offen") % {"n": m} for m in WINDOW_MONTHS]
    window_rows: list[list[Cell]] = []
    for key, label in [(norm.key, _path_label(norm.key, lang)) for norm in ALL_NORMS] + [
        ("*", _("irgendein Weg"))
    ]:
        counts = figures.open_within.get(key)
        window_rows.append([key, label] + [n(counts[w] if counts else 0) for w in ("now", *WINDOW_MONTHS)])
    tables.append(
        Table(
            "open_paths",
            _("Offene Wege (Personen)"),
            [_("Schlüssel"), _("Weg"), *window_headers],
            2,
            window_rows,
        )
    )
    outcome_headers = {
        "granted": _("erteilt"),
        "refused": _("abgelehnt"),
        "withdrawn": _("zurückgenommen"),
        "pending": _("offen"),
    }
    application_rows: list[list[Cell]] = [
        [path, month, _path_label(path, lang), n(counts["filed"])]
        + [n(counts[outcome]) for outcome in APPLICATION_OUTCOMES]
        for (path, month), counts in sorted(figures.applications.items())
    ]
    tables.append(
        Table(
            "applications",
            _("Anträge nach Weg und Monat der Antragstellung"),
            [
                _("Schlüssel"),
                _("Monat"),
                _("Weg"),
                _("gestellt"),
                *(outcome_headers[o] for o in APPLICATION_OUTCOMES),
            ],
            3,
            application_rows,
        )
    )
    tables.append(
        Table(
            "reviews",
            _("Zur Überprüfung markiert (Personen)"),
            [_("Schlüssel"), _("Überprüfung"), _("Personen")],
            2,
            [
                [
                    review.key,
                    f"{review.citation} – {review.title.get(lang)}",
                    n(figures.reviews_flagged[review.key]),
                ]
                for review in ALL_REVIEWS
            ],
        )
    )
    return tables
