"""Meaning checks on time: periods, overlapping statuses, dates after `as_of`, dates before birth.

A period's ``to`` is its last day (inclusive); without ``to`` it is still ongoing on `as_of`. Ends may
lie after `as_of` (a planned end, a printed expiry date); beginnings and events may not, because the case
is judged on `as_of` with what is known then. One exception: a training with ``state: planned`` may start
later, since § 60c and § 16g are applied for before the training begins. Job offers (``job_offers``) are
not checked: an offered job lies in the future by nature.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bleiberecht.casefile.document import as_dict, items, parse_date, person_label, persons
from bleiberecht.casefile.issues import Code, Issue, Loc, error

PERIOD_LISTS: dict[str, tuple[str, str]] = {
    "statuses": ("Aufenthaltszeit", "Residence period"),
    "schooling": ("Schulbesuch", "Schooling"),
    "training": ("Ausbildung", "Training"),
    "employment": ("Beschäftigung", "Employment"),
    "public_benefits": ("Leistungsbezug", "Public benefits"),
    "own_livelihood_secured": ("Eigene Lebensunterhaltssicherung", "Own livelihood secured"),
    "employment_interruptions": ("Unterbrechung der Beschäftigung", "Employment interruption"),
}
_PERIOD_STARTS: dict[str, str] = {
    "statuses": "Beginn der Aufenthaltszeit",
    "schooling": "Beginn des Schulbesuchs",
    "training": "Beginn der Ausbildung",
    "employment": "Beginn der Beschäftigung",
    "public_benefits": "Beginn des Leistungsbezugs",
    "own_livelihood_secured": "Beginn der eigenen Lebensunterhaltssicherung",
    "employment_interruptions": "Beginn der Unterbrechung",
}

# Dates of events that have happened by `as_of` (relative to the person).
_PERSON_DATES = {
    "entry_date": ("Einreisedatum", "date of entry"),
    "civics_test_passed_on": ("Datum des Tests „Leben in Deutschland“", "date the civics test was passed"),
}
_OBJECT_DATES = {
    ("asylum", "applied_on"): ("Datum des Asylantrags", "date of the asylum application"),
    ("asylum", "decided_on"): ("Datum der Asylentscheidung", "date of the asylum decision"),
    ("asylum", "final_on"): (
        "Datum der Bestandskraft der Asylentscheidung",
        "date the asylum decision became final",
    ),
    ("identity", "clarified_on"): ("Datum der Identitätsklärung", "date the identity was clarified"),
    ("identity", "instructed_on"): (
        "Datum der Belehrung zur Passbeschaffung",
        "date of the passport instruction",
    ),
    ("employment_ban", "since"): ("Beginn des Beschäftigungsverbots", "start of the employment ban"),
    ("departure_obstacle", "since"): ("Beginn des Ausreisehindernisses", "start of the departure obstacle"),
}
# {n}: the entry's number in its list, counted from 1
_LIST_DATES = {
    ("german", "date"): ("Datum des Sprachnachweises Nr. {n}", "date of language evidence no. {n}"),
    ("convictions", "date"): ("Datum der Verurteilung Nr. {n}", "date of conviction no. {n}"),
    ("applications", "filed_on"): ("Datum des Antrags Nr. {n}", "date of application no. {n}"),
    ("qualifications", "date"): ("Datum des Abschlusses Nr. {n}", "date of qualification no. {n}"),
    ("training", "contract_signed_on"): (
        "Unterschriftsdatum des Vertrags für Ausbildung Nr. {n}",
        "date the contract for training no. {n} was signed",
    ),
    ("identity.efforts", "date"): (
        "Datum der Mitwirkungshandlung Nr. {n}",
        "date of cooperation act no. {n}",
    ),
    ("removal_measures", "date"): (
        "Datum der Maßnahme zur Aufenthaltsbeendigung Nr. {n}",
        "date of removal measure no. {n}",
    ),
}


@dataclass(frozen=True, slots=True)
class _Event:
    loc: Loc
    day: dt.date
    de: str
    en: str
    may_be_future: bool = False


def check_chronology(doc: object, as_of: dt.date | None) -> Iterator[Issue]:
    for index, person in persons(doc):
        who = person_label(index, person)
        base: Loc = ("persons", index)
        birth = parse_date(person.get("birth_date"))
        entry = parse_date(person.get("entry_date"))
        yield from _check_periods(base, who, person)
        yield from _check_status_overlap(base, who, person)

        if birth is not None and entry is not None and entry < birth:
            yield error(
                (*base, "entry_date"),
                Code.BIRTH_AFTER_ENTRY,
                f"{who[0]}: Das Einreisedatum ({entry}) liegt vor dem Geburtsdatum ({birth}).",
                f"{who[1]}: The date of entry ({entry}) is before the date of birth ({birth}).",
            )
        events = list(_events(base, person))
        if birth is not None:
            for event in events:
                if event.day < birth and event.loc[-1] != "entry_date":
                    yield error(
                        event.loc,
                        Code.DATE_BEFORE_BIRTH,
                        f"{who[0]}: {event.de} ({event.day}) liegt vor dem Geburtsdatum ({birth}).",
                        f"{who[1]}: {event.en} ({event.day}) is before the date of birth ({birth}).",
                    )
        if as_of is None:
            continue
        if birth is not None:
            events.append(_Event((*base, "birth_date"), birth, "Geburtsdatum", "date of birth"))
        for event in events:
            if event.day > as_of and not event.may_be_future:
                yield _after_as_of(event, who, as_of)


def _events(base: Loc, person: dict[str, Any]) -> Iterator[_Event]:
    for key, (de, en) in _PERSON_DATES.items():
        day = parse_date(person.get(key))
        if day is not None:
            yield _Event((*base, key), day, de, en)
    for (obj, key), (de, en) in _OBJECT_DATES.items():
        day = parse_date(as_dict(person.get(obj)).get(key))
        if day is not None:
            yield _Event((*base, obj, key), day, de, en)
    for (list_path, key), (de, en) in _LIST_DATES.items():
        *parents, list_key = list_path.split(".")
        container = person
        for parent in parents:
            container = as_dict(container.get(parent))
        for pos, entry in items(container, list_key):
            day = parse_date(entry.get(key))
            if day is not None:
                loc = (*base, *parents, list_key, pos, key)
                yield _Event(loc, day, de.format(n=pos + 1), en.format(n=pos + 1))
    for list_key, (_, en) in PERIOD_LISTS.items():
        for pos, period in items(person, list_key):
            day = parse_date(period.get("from"))
            if day is not None:
                planned = list_key == "training" and period.get("state") == "planned"
                yield _Event(
                    (*base, list_key, pos, "from"),
                    day,
                    f"{_PERIOD_STARTS[list_key]} Nr. {pos + 1}",
                    f"start of {en.lower()} no. {pos + 1}",
                    may_be_future=planned,
                )


def _after_as_of(event: _Event, who: tuple[str, str], as_of: dt.date) -> Issue:
    hint_de = hint_en = ""
    if event.loc[-1] == "from":
        hint_de = " Ein geplantes Ende ('to', 'valid_until') darf nach as_of liegen, ein Beginn nicht."
        hint_en = " A planned end ('to', 'valid_until') may lie after as_of, a start may not."
        if event.loc[-3] == "training":
            hint_de += ' Eine geplante Ausbildung mit "state": "planned" kennzeichnen.'
            hint_en += ' Mark a planned training with "state": "planned".'
        if event.loc[-3] == "employment":
            hint_de += " Für einen unterschriebenen, noch nicht begonnenen Arbeitsvertrag "
            hint_de += "'livelihood_prognosis_positive' verwenden."
            hint_en += " For a signed contract that has not started yet use 'livelihood_prognosis_positive'."
    return error(
        event.loc,
        Code.DATE_AFTER_AS_OF,
        f"{who[0]}: {event.de} ({event.day}) liegt nach dem Prüfdatum as_of ({as_of}).{hint_de}",
        f"{who[1]}: {event.en} ({event.day}) is after the assessment date as_of ({as_of}).{hint_en}",
    )


def _check_periods(base: Loc, who: tuple[str, str], person: dict[str, Any]) -> Iterator[Issue]:
    for list_key, (de, en) in PERIOD_LISTS.items():
        for pos, period in items(person, list_key):
            start, end = parse_date(period.get("from")), parse_date(period.get("to"))
            if start is not None and end is not None and end < start:
                yield error(
                    (*base, list_key, pos, "to"),
                    Code.PERIOD_ENDS_BEFORE_START,
                    f"{who[0]}, {de} Nr. {pos + 1}: Zeitraum endet ({end}) vor seinem Beginn ({start}).",
                    f"{who[1]}, {en.lower()} no. {pos + 1}: the period ends ({end}) "
                    f"before it starts ({start}).",
                )


@dataclass(frozen=True, slots=True)
class _Span:
    pos: int
    start: dt.date
    end: dt.date | None  # None: ongoing
    kind: str

    @property
    def last_day(self) -> dt.date:
        return self.end or dt.date.max

    def describe(self, lang: str) -> str:
        if self.end is None:
            return f"{self.kind}, {self.start} {'ohne Ende' if lang == 'de' else 'open-ended'}"
        return f"{self.kind}, {self.start} {'bis' if lang == 'de' else 'to'} {self.end}"


def _check_status_overlap(base: Loc, who: tuple[str, str], person: dict[str, Any]) -> Iterator[Issue]:
    spans: list[_Span] = []
    for pos, status in items(person, "statuses"):
        start = parse_date(status.get("from"))
        raw_end = status.get("to")
        end = parse_date(raw_end)
        if start is None or (raw_end is not None and end is None) or (end is not None and end < start):
            continue  # malformed or reversed: reported elsewhere
        kind = status.get("type")
        spans.append(_Span(pos, start, end, kind if isinstance(kind, str) else "?"))

    # Sweep in order of start; compare each period with the one reaching furthest so far.
    reach: _Span | None = None
    for span in sorted(spans, key=lambda s: (s.start, s.pos)):
        if reach is not None and span.start <= reach.last_day:
            yield error(
                (*base, "statuses", span.pos, "from"),
                Code.STATUS_OVERLAP,
                f"{who[0]}: Aufenthaltszeit Nr. {span.pos + 1} ({span.describe('de')}) "
                f"überschneidet sich mit Aufenthaltszeit Nr. {reach.pos + 1} ({reach.describe('de')}). "
                "Aufenthaltszeiten dürfen sich nicht überschneiden; 'to' ist der letzte Tag, "
                "ohne 'to' dauert ein Zeitraum noch an.",
                f"{who[1]}: residence period no. {span.pos + 1} ({span.describe('en')}) "
                f"overlaps residence period no. {reach.pos + 1} ({reach.describe('en')}). "
                "Residence periods must not overlap; 'to' is the last day, "
                "without 'to' a period is still ongoing.",
            )
        if reach is None or span.last_day > reach.last_day:
            reach = span
