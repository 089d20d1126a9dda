"""The timeline of one person, drawn server-side as SVG: status periods, dates requirements are met, deadlines.

`build_timeline` turns a person of the case document and of result v1 into shapes with coordinates; the
template ``cases/_timeline.html`` draws them. The same events are listed as text beside the drawing, so
nothing is only in the picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from bleiberecht.cli.labels import format_date

WIDTH = 760
LEFT = 150
RIGHT = 20
ROW = 26
STATUS_CLASS = {
    "gestattung": "st-gestattung",
    "duldung": "st-duldung",
    "aufenthaltserlaubnis": "st-titel",
    "fiktion": "st-titel",
    "visa": "st-titel",
    "abroad": "st-abroad",
    "unlawful": "st-unlawful",
}


@dataclass
class Bar:
    x: float
    width: float
    y: float
    css: str
    title: str


@dataclass
class Marker:
    x: float
    y: float
    css: str
    title: str


@dataclass
class Rule:
    x: float
    css: str
    label: str
    title: str


@dataclass
class Row:
    y: float
    label: str


@dataclass
class Timeline:
    width: int
    height: int
    rows: list[Row] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    events: list[tuple[date, str]] = field(default_factory=list)  # the same, as a list of (date, text)
    axis_y: float = 0

    @property
    def event_rows(self) -> list[tuple[str, str]]:
        return [(d.isoformat(), text) for d, text in sorted(self.events)]


def _d(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _birthday(birth: date, years: int) -> date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February
        return date(birth.year + years, 3, 1)


def build_timeline(
    person_doc: dict[str, Any], person_result: dict[str, Any], as_of: date, lang: str
) -> Timeline:
    statuses = [s for s in person_doc.get("statuses", []) if isinstance(s, dict) and _d(s.get("from"))]
    paths = [p for p in person_result.get("paths", []) if p.get("outcome") in ("eligible", "eligible_later")]
    deadlines = [d for d in person_result.get("deadlines", []) if _d(d.get("date"))]
    birth = _d(person_doc.get("birth_date"))
    birthday27 = _birthday(birth, 27) if birth else None

    dates: list[date] = [as_of]
    dates += [_d(s["from"]) for s in statuses]  # type: ignore[misc]
    dates += [d for s in statuses if (d := _d(s.get("to")))]
    dates += [d for p in paths if (d := _d(p.get("eligible_from")))]
    dates += [
        d
        for p in paths
        for r in p["requirements"]
        if r.get("status") == "met" and (d := _d(r.get("met_from")))
    ]
    dates += [_d(d["date"]) for d in deadlines]  # type: ignore[misc]
    if entry := _d(person_doc.get("entry_date")):
        dates.append(entry)
    start = min(dates)
    if birthday27 and birthday27 >= start:
        dates.append(birthday27)
    end = max(max(dates), date(as_of.year + 1, as_of.month, min(as_of.day, 28)))
    start = date(start.year, 1, 1)
    end = date(end.year + 1, 1, 1)
    span = (end - start).days or 1
    inner = WIDTH - LEFT - RIGHT

    def x(day: date) -> float:
        return round(LEFT + inner * (day - start).days / span, 1)

    rows: list[Row] = []
    timeline = Timeline(width=WIDTH, height=0)
    y = 30.0
    rows.append(Row(y, _("Aufenthalt")))
    for s in statuses:
        begin = _d(s["from"])
        assert begin is not None
        finish = _d(s.get("to")) or as_of
        label = s["type"] + (f" ({s['basis']})" if s.get("basis") else "")
        title = f"{label}: {format_date(begin, lang)} – {format_date(_d(s.get('to')), lang) if s.get('to') else _('andauernd')}"
        timeline.bars.append(
            Bar(
                x(begin),
                max(x(finish) - x(begin), 2.0),
                y - 8,
                STATUS_CLASS.get(s["type"], "st-other"),
                title,
            )
        )
        timeline.events.append((begin, title))
    for p in paths:
        y += ROW
        rows.append(Row(y, p["norm"].replace(" AufenthG", "")))
        for r in p["requirements"]:
            met = _d(r.get("met_from")) if r.get("status") == "met" else None
            if met and met >= start:
                title = f"{r['title']} ({r['citation']}): {format_date(met, lang)}"
                timeline.markers.append(Marker(x(met), y, "req", title))
        if eligible := _d(p.get("eligible_from")):
            title = _("%(norm)s erfüllt ab %(date)s") % {
                "norm": p["norm"],
                "date": format_date(eligible, lang),
            }
            timeline.markers.append(Marker(x(eligible), y, "path", title))
            timeline.events.append((eligible, title))
    for d in deadlines:
        day = _d(d["date"])
        assert day is not None
        title = f"{format_date(day, lang)}: {d['text']}"
        timeline.rules.append(Rule(x(day), "deadline" if d.get("kind") == "apply_by" else "alert", "", title))
        timeline.events.append((day, title))
    if birthday27:
        title = _("27. Geburtstag: %(date)s") % {"date": format_date(birthday27, lang)}
        timeline.rules.append(Rule(x(birthday27), "birthday", _("27."), title))
        timeline.events.append((birthday27, title))
    as_of_title = _("Prüfdatum: %(date)s") % {"date": format_date(as_of, lang)}
    timeline.rules.append(Rule(x(as_of), "as-of", _("Prüfdatum"), as_of_title))
    timeline.axis_y = y + ROW
    years = end.year - start.year
    step = max(1, -(-years // 12))
    timeline.ticks = [(x(date(year, 1, 1)), str(year)) for year in range(start.year, end.year + 1, step)]
    timeline.rows = rows
    timeline.height = int(timeline.axis_y + 24)
    return timeline
