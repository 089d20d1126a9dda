"""Aggregate figures over the stored results and case files of a set of cases (no personal data leaves here).

Read only: `Case.result` (the engine's result stored at save time, never re-evaluated) and the case files'
``applications``. Counts are per case or per person; nothing identifies a person.

- traffic light per case (`Case.best_light`) and per person (result ``traffic_light``);
- best path per person, chosen by the worklist's rule (`bleiberecht.screening.triage`): the lowest of
  (outcome rank, date, legal consequence, norm order), where a ``not_eligible`` path whose unmet requirements
  are all actionable ranks between ``undetermined`` and ``not_eligible``;
- paths open now (``eligible``) and within 3, 6, 12 months of the result's ``as_of``: ``eligible_later`` with
  ``eligible_from`` before the day the period is fulfilled (§§ 187, 188 BGB, as for the green light);
- applications (``persons[].applications``: path, filed_on, outcome, decided_on) per path and month of filing,
  with their outcome (an absent outcome counts as pending, docs/case-format-additions.md);
- persons with a flagged review (§ 60b, employment ban).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bleiberecht.law.calendar import fulfilled_on
from bleiberecht.law.norms import ALL_NORMS, ALL_REVIEWS

# Reporting windows of the monitoring (a product choice, not a legal period).
WINDOW_MONTHS = (3, 6, 12)
OUTCOME_RANK = {"eligible": 0, "eligible_later": 1, "undetermined": 2}
ACTIONABLE_RANK, NOT_ELIGIBLE_RANK, NONE_RANK = 3, 4, 9
CONSEQUENCE_RANK = {"anspruch": 0, "soll": 1, "kann": 2}
NORM_ORDER = {norm.key: index for index, norm in enumerate(ALL_NORMS)}
REVIEW_KEYS = tuple(review.key for review in ALL_REVIEWS)
APPLICATION_OUTCOMES = ("granted", "refused", "withdrawn", "pending")
LIGHTS = ("green", "yellow", "red")
NONE = ""  # no light / no path: shown as "ohne Ergebnis" / "kein Weg"


@dataclass
class Figures:
    cases: int = 0
    cases_without_result: int = 0
    persons: int = 0
    cases_by_light: Counter[str] = field(default_factory=Counter)
    persons_by_light: Counter[str] = field(default_factory=Counter)
    persons_by_best_path: Counter[str] = field(default_factory=Counter)
    cases_by_best_path: Counter[str] = field(default_factory=Counter)  # best over the case's persons
    # path key (or "*" for any path) -> window ("now", 3, 6, 12) -> persons
    open_within: dict[str, Counter[str | int]] = field(default_factory=dict)
    # (path key, "YYYY-MM" of filing) -> {"filed", "granted", "refused", "withdrawn", "pending"} -> applications
    applications: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    reviews_flagged: Counter[str] = field(default_factory=Counter)


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _score(path: Mapping[str, Any]) -> tuple[int, int, int, int]:
    outcome = path.get("outcome")
    if outcome == "not_eligible":
        not_met = [r for r in path.get("requirements", []) if r.get("status") == "not_met"]
        rank = ACTIONABLE_RANK if all(r.get("actionable") for r in not_met) else NOT_ELIGIBLE_RANK
    else:
        rank = OUTCOME_RANK.get(str(outcome), NONE_RANK)
    when = None
    if outcome == "eligible_later":
        when = _date(path.get("eligible_from"))
    elif outcome == "undetermined":
        when = _date(path.get("apply_by"))
    day = when.toordinal() if when else date.max.toordinal()
    if outcome not in ("eligible_later", "undetermined"):
        day = 0
    consequence = CONSEQUENCE_RANK.get(str(path.get("consequence")), 3)
    return rank, day, consequence, NORM_ORDER.get(str(path.get("path")), len(NORM_ORDER))


def best_path(*persons: Mapping[str, Any]) -> str:
    """The key of the best path of the persons (the worklist's rule), or "" when no path is listed."""
    paths = [p for person in persons for p in person.get("paths", []) if p.get("outcome")]
    if not paths:
        return NONE
    best = min(paths, key=_score)
    return str(best["path"]) if _score(best)[0] < NONE_RANK else NONE


def open_windows(path: Mapping[str, Any], as_of: date | None) -> list[str | int]:
    """The windows ("now", 3, 6, 12) in which the path is open, per the stored outcome and date."""
    outcome = path.get("outcome")
    if outcome == "eligible":
        return ["now", *WINDOW_MONTHS]
    start = _date(path.get("eligible_from"))
    if outcome != "eligible_later" or start is None or as_of is None:
        return []
    return [months for months in WINDOW_MONTHS if start < fulfilled_on(as_of, months=months)]


def _add_person(figures: Figures, person: Mapping[str, Any], as_of: date | None) -> None:
    figures.persons += 1
    light = person.get("traffic_light")
    figures.persons_by_light[light if light in LIGHTS else NONE] += 1
    figures.persons_by_best_path[best_path(person)] += 1
    any_path: set[str | int] = set()
    for path in person.get("paths", []):
        windows = open_windows(path, as_of)
        if windows:
            figures.open_within.setdefault(str(path.get("path")), Counter()).update(windows)
            any_path.update(windows)
    if any_path:
        figures.open_within.setdefault("*", Counter()).update(any_path)
    for review in person.get("reviews", []):
        if review.get("flag") is True:
            figures.reviews_flagged[str(review.get("review"))] += 1


def _add_applications(figures: Figures, document: Mapping[str, Any]) -> None:
    for person in document.get("persons", []) or []:
        for application in person.get("applications", []) or []:
            filed = _date(application.get("filed_on"))
            if filed is None:
                continue
            key = (str(application.get("path")), f"{filed:%Y-%m}")
            counts = figures.applications.setdefault(key, Counter())
            counts["filed"] += 1
            outcome = application.get("outcome")
            counts[outcome if outcome in APPLICATION_OUTCOMES else "pending"] += 1


def aggregate(rows: Iterable[tuple[str, Any, Any]]) -> Figures:
    """``rows``: per case its stored best light, the German stored result (or None) and the case file."""
    figures = Figures()
    for light, result, document in rows:
        figures.cases += 1
        figures.cases_by_light[light if light in LIGHTS else NONE] += 1
        if isinstance(document, Mapping):
            _add_applications(figures, document)
        if not isinstance(result, Mapping):
            figures.cases_without_result += 1
            continue
        as_of = _date(result.get("as_of"))
        persons = result.get("persons", [])
        for person in persons:
            _add_person(figures, person, as_of)
        figures.cases_by_best_path[best_path(*persons)] += 1
    return figures
