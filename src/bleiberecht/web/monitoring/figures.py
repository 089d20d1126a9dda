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


def _person_summary(person: Mapping[str, Any], as_of: date | None) -> dict[str, Any]:
    light = person.get("traffic_light")
    opened: dict[str, list[str | int]] = {}
    for path in person.get("paths", []):
        windows = open_windows(path, as_of)
        if windows:
            opened[str(path.get("path"))] = windows
    return {
        "light": light if light in LIGHTS else NONE,
        "best": best_path(person),
        "open": opened,
        "reviews": [str(r.get("review")) for r in person.get("reviews", []) if r.get("flag") is True],
    }


def _applications(document: Any) -> list[list[str]]:
    found: list[list[str]] = []
    if not isinstance(document, Mapping):
        return found
    for person in document.get("persons", []) or []:
        for application in person.get("applications", []) or []:
            filed = _date(application.get("filed_on"))
            if filed is None:
                continue
            outcome = application.get("outcome")
            found.append(
                [
                    str(application.get("path")),
                    f"{filed:%Y-%m}",
                    outcome if outcome in APPLICATION_OUTCOMES else "pending",
                ]
            )
    return found


def summarize(light: str, result: Any, document: Any) -> dict[str, Any]:
    """What the monitoring counts of one case, small and without names: its light, whether it has a stored
    result, its best path, per person light / best path / open paths by window / flagged reviews, and its
    applications as (path, month of filing, outcome). Stored per case (`CaseFigures`) when the case is saved."""
    summary: dict[str, Any] = {
        "light": light if light in LIGHTS else NONE,
        "result": isinstance(result, Mapping),
        "applications": _applications(document),
        "persons": [],
        "best": NONE,
    }
    if isinstance(result, Mapping):
        as_of = _date(result.get("as_of"))
        persons = result.get("persons", [])
        summary["persons"] = [_person_summary(person, as_of) for person in persons]
        summary["best"] = best_path(*persons)
    return summary


def aggregate(summaries: Iterable[Mapping[str, Any]]) -> Figures:
    """Sum the per-case summaries (`summarize`)."""
    figures = Figures()
    for case in summaries:
        figures.cases += 1
        figures.cases_by_light[case["light"]] += 1
        for path, month, outcome in case["applications"]:
            counts = figures.applications.setdefault((path, month), Counter())
            counts["filed"] += 1
            counts[outcome] += 1
        if not case["result"]:
            figures.cases_without_result += 1
            continue
        figures.cases_by_best_path[case["best"]] += 1
        for person in case["persons"]:
            figures.persons += 1
            figures.persons_by_light[person["light"]] += 1
            figures.persons_by_best_path[person["best"]] += 1
            any_path: set[str | int] = set()
            for path, windows in person["open"].items():
                figures.open_within.setdefault(path, Counter()).update(windows)
                any_path.update(windows)
            if any_path:
                figures.open_within.setdefault("*", Counter()).update(any_path)
            figures.reviews_flagged.update(person["reviews"])
    return figures
