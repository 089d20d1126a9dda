"""A person's timeline as table rows: what the case file records (entry, statuses, asylum, work, school,
German, civics test) and the dates the result adds (eligible from, apply by, deadlines), sorted by date."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bleiberecht.cli.labels import format_date
from bleiberecht.documents.words import DOSSIER, TIMELINE


@dataclass(frozen=True)
class TimelineRow:
    start: str  # formatted date
    end: str  # formatted date, "" for a single day, "–" for open-ended
    event: str
    future: bool  # after the assessment date: a forecast, not a record
    sort_key: date


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _periods(items: Any, key: str, lang: str) -> Iterable[tuple[date, Any, str]]:
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping) and (start := _day(item.get("from"))):
            yield start, item.get("to"), TIMELINE[key].get(lang)


def _record_events(person: Mapping[str, Any], lang: str) -> Iterable[tuple[date, Any, str]]:
    """(start, end or None, words) of what the case file records; a period's end None = open-ended."""
    if birth := _day(person.get("birth_date")):
        yield birth, "", TIMELINE["birth"].get(lang)
    if entry := _day(person.get("entry_date")):
        yield entry, "", TIMELINE["entry"].get(lang)
    for status in person.get("statuses") or []:
        if not isinstance(status, Mapping) or not (start := _day(status.get("from"))):
            continue
        words = TIMELINE.get(f"status.{status.get('type')}")
        text = words.get(lang) if words else str(status.get("type"))
        if status.get("basis"):
            text += f" (§ {status['basis']} AufenthG)"
        yield start, status.get("to"), text
    asylum = person.get("asylum")
    if isinstance(asylum, Mapping):
        for field, key in (("applied_on", "asylum_applied"), ("decided_on", "asylum_decided")):
            if day := _day(asylum.get(field)):
                yield day, "", TIMELINE[key].get(lang)
        if day := _day(asylum.get("final_on")):
            yield day, "", TIMELINE["asylum_final"].get(lang)
    yield from _periods(person.get("employment"), "employment", lang)
    yield from _periods(person.get("schooling"), "schooling", lang)
    yield from _periods(person.get("training"), "training", lang)
    for cert in person.get("german") or []:
        if isinstance(cert, Mapping) and (day := _day(cert.get("date"))):
            yield day, "", TIMELINE["german"].get(lang).format(level=cert.get("level", "?"))
    if day := _day(person.get("civics_test_passed_on")):
        yield day, "", TIMELINE["civics"].get(lang)


def _result_events(
    person: Mapping[str, Any], paths: Sequence[Mapping[str, Any]], lang: str
) -> Iterable[tuple[date, Any, str]]:
    for path in paths:
        if path.get("outcome") in ("eligible", "eligible_later") and (day := _day(path.get("eligible_from"))):
            yield day, "", TIMELINE["eligible_from"].get(lang).format(norm=path["norm"])
        if path.get("outcome") != "not_eligible" and (day := _day(path.get("apply_by"))):
            yield day, "", TIMELINE["apply_by"].get(lang).format(norm=path["norm"])
    for deadline in person.get("deadlines") or []:
        if day := _day(deadline.get("date")):
            yield day, "", TIMELINE["deadline"].get(lang).format(text=deadline.get("text", ""))


def build_timeline(
    doc_person: Mapping[str, Any],
    result_person: Mapping[str, Any],
    shown_paths: Sequence[Mapping[str, Any]],
    as_of: date,
    lang: str,
) -> tuple[TimelineRow, ...]:
    rows: list[TimelineRow] = []
    events = [*_record_events(doc_person, lang), *_result_events(result_person, shown_paths, lang)]
    events.append((as_of, "", TIMELINE["today"].get(lang)))
    for start, end, text in events:
        if end == "":
            end_text = ""
        else:
            end_day = _day(end)
            end_text = format_date(end_day, lang) if end_day else "–"
        future = start > as_of
        if future:
            text = f"{text} {DOSSIER['future'].get(lang)}"
        rows.append(TimelineRow(format_date(start, lang), end_text, text, future, start))
    rows.sort(key=lambda row: row.sort_key)
    return tuple(rows)
