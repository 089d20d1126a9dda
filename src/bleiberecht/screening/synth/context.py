"""Everything the generator precomputes once per run: distributions, legal dates and the as_of day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bleiberecht.law.params import Parameter, load_params
from bleiberecht.screening.synth.calibration import Calibration, load_calibration
from bleiberecht.screening.synth.draw import Day, Weighted, age_range, day, years_before

LANDS = ("BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH")
STAY_BINS = ("<1", "1-3", "3-6", "6-8", ">8")


def stay_bin(years: int) -> str:
    """Completed years in Germany -> the dossier's classes (stat L64)."""
    if years < 1:
        return "<1"
    if years < 3:
        return "1-3"
    if years < 6:
        return "3-6"
    if years < 8:
        return "6-8"
    return ">8"


def nationality_profile(land: str) -> str:
    """Saxony uses the Dresden profile (stat L330); other Länder the national one (stat L89, L329)."""
    return "SN" if land == "SN" else "DE"


@dataclass(frozen=True, slots=True)
class Context:
    cal: Calibration
    as_of: date
    today: Day
    land: str
    m: dict[str, Any]
    # distributions
    household_kind: Weighted[str]
    children_count: Weighted[int]
    child_age: Weighted[tuple[int, int]]
    single_age: Weighted[tuple[int, int]]
    couple_age: Weighted[tuple[int, int]]
    nationality: Weighted[str]
    stay: Weighted[str]
    asylum_outcome: Weighted[str]
    late_asylum_outcome: Weighted[str]
    gaps: Weighted[int]
    gap_kind: Weighted[str]
    grant_year: Weighted[int]
    after_104c: Weighted[str]
    work_kind: Weighted[str]
    identity_kind: Weighted[str]
    german_level: Weighted[str]
    conviction: Weighted[str]
    passport_obtainable: Weighted[str]
    deception_unclarified: Weighted[str]
    obstruction_unclarified: Weighted[str]
    school_success: Weighted[str]
    application_path: Weighted[str]
    # legal dates
    in_force_60b: Day
    in_force_60cd: Day
    c104_cutoff: Day
    c104_first: Day
    c104_last: Day
    c104_months: int
    c60d_entry_until: Day
    employment_wait: int
    safe_countries: dict[str, Day]  # country -> asylum applications after this day bring the § 60a Abs. 6 ban
    backlog: tuple[Day, Day, int]

    def years_before(self, years: int) -> Day:
        return years_before(self.as_of, years)


def _first_or_current(param: Parameter, on: date) -> Any:
    """The value in force on ``on``, or the first value for dates before it (for old as_of dates)."""
    current = [v.value for v in param.values if v.valid_from <= on]
    return current[-1] if current else param.values[0].value


def _dated_day(param: Parameter, on: date) -> Day:
    """A date parameter in force on ``on``; before it exists, a day that excludes everything."""
    current = [v.value for v in param.values if v.valid_from <= on]
    return current[-1].toordinal() if current and current[-1] is not None else date.min.toordinal()


def _age_bins(weights: dict[str, float]) -> Weighted[tuple[int, int]]:
    return Weighted({age_range(label): w for label, w in weights.items()})


def make_context(as_of: date, land: str, cal: Calibration | None = None) -> Context:
    if land not in LANDS:
        raise ValueError(f"unknown land {land!r}; expected one of {', '.join(LANDS)}")
    cal = cal or load_calibration()
    law = load_params()
    stichtag_param = law["aufenthg_104c.stichtag"]
    stichtag: date = stichtag_param.values[0].value
    m = {name: spec.get("value") for name, spec in cal.model.items()}
    outcomes: dict[str, float] = m["asylum_outcomes"]
    c104 = m["c104"]
    backlog = m["asylum_backlog_2015"]
    return Context(
        cal=cal,
        as_of=as_of,
        today=as_of.toordinal(),
        land=land,
        m=m,
        household_kind=Weighted(m["household_kinds"]),
        children_count=Weighted({int(k): w for k, w in m["children_count"].items()}),
        child_age=_age_bins(m["child_age_groups"]),
        single_age=_age_bins(m["single_age_groups"]),
        couple_age=_age_bins(m["couple_age_groups"]),
        nationality=Weighted(cal.nationality_mix(nationality_profile(land))),
        stay=Weighted(m["stay_years_households"]),
        asylum_outcome=Weighted(outcomes),
        late_asylum_outcome=Weighted({k: w for k, w in outcomes.items() if k != "never_applied"}),
        gaps=Weighted({int(k): w for k, w in m["duldung_gaps"].items()}),
        gap_kind=Weighted(m["gap_kinds"]),
        grant_year=Weighted({int(k): w for k, w in c104["grant_year"].items()}),
        after_104c=Weighted(c104["afterwards"]),
        work_kind=Weighted(m["work_kinds"]),
        identity_kind=Weighted(m["identity_adults"]),
        german_level=Weighted(m["german_levels"]),
        conviction=Weighted(m["convictions"]),
        passport_obtainable=Weighted(m["identity_details"]["passport_obtainable"]),
        deception_unclarified=Weighted(m["identity_details"]["deception_unclarified"]),
        obstruction_unclarified=Weighted(m["identity_details"]["obstruction_unclarified"]),
        school_success=Weighted(m["schooling_details"]["successful"]),
        application_path=Weighted(m["applications"]["paths"]),
        in_force_60b=cal.law_date("in_force_60b").toordinal(),
        in_force_60cd=cal.law_date("in_force_60c_60d").toordinal(),
        c104_cutoff=years_before(
            stichtag, int(law.value("aufenthg_104c.years", stichtag_param.values[0].valid_from))
        ),
        c104_first=stichtag_param.values[0].valid_from.toordinal(),
        c104_last=law.value("aufenthg_104c.last_day", stichtag_param.values[0].valid_from).toordinal(),
        c104_months=int(cal.law_value("c104_months")),
        c60d_entry_until=_dated_day(law["aufenthg_60d.entry_cutoff"], as_of),
        employment_wait=30 * int(_first_or_current(law["beschv_32.waiting_months"], as_of)),
        safe_countries={
            row["country"]: row["application_cutoff"].toordinal()
            for row in _first_or_current(law["aufenthg_29a.safe_countries_of_origin"], as_of)
        },
        backlog=(day(backlog["from"]), day(backlog["to"]), int(backlog["max_days"])),
    )
