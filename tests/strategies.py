"""Hypothesis strategies for case file v1 documents.

`case_documents()` draws documents that are schema-valid and pass every meaning check of
`bleiberecht.casefile` (no errors, no warnings). Every optional key is sometimes absent (unknown), lists
are sometimes empty (known: none) and sometimes filled. Enum values are read from the shipped schema, so
new values are drawn without touching this file.

Dates are drawn as ordinals inside a window [lower, as_of]: the lower bound is the person's birth date (or
30 years before `as_of` when the birth date is unknown), so no event precedes birth or follows `as_of`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from bleiberecht.casefile import PATH_KEYS, load_schema

AS_OF_MIN = dt.date(2016, 1, 1)
AS_OF_MAX = dt.date(2028, 12, 31)
_YEAR = 365
_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzäöüß0123456789-_"

Draw = Callable[[st.SearchStrategy[Any]], Any]


# --- values taken from the schema ---------------------------------------------------------------------------


def _schema_node(*keys: str) -> dict[str, Any]:
    node: dict[str, Any] = {"properties": load_schema()["$defs"]["person"]["properties"]}
    for key in keys:
        node = node.get("items", node)
        node = node["properties"][key]
    return node


def _enum(*keys: str) -> list[Any]:
    if keys[-1] == "items":  # an array of enum values
        return list(_schema_node(*keys[:-1])["items"]["enum"])
    return list(_schema_node(*keys)["enum"])


def _lands() -> list[str]:
    pattern = load_schema()["properties"]["land"]["pattern"]
    match = re.fullmatch(r"\^\((.*)\)\$", pattern)
    assert match is not None
    return match.group(1).split("|")


_STATUS_TYPES = _enum("statuses", "type")
_BASES = _enum("statuses", "basis")
# Bases that fit a status type; any other basis is still drawn sometimes, since the schema allows it.
_FITTING_BASES = {
    "duldung": ["60a", "60a_2b", "60b", "60c", "60d"],
    "aufenthaltserlaubnis": ["104c", "25_5", "25_4", "25a", "25b", "23a", "16g", "19d", "other"],
}


# --- small helpers ------------------------------------------------------------------------------------------


def _day(draw: Draw, lo: int, hi: int) -> int:
    return int(draw(st.integers(lo, max(lo, hi))))


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def _maybe(draw: Draw, obj: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    """Set `key` sometimes; absent means unknown."""
    if draw(st.booleans()):
        obj[key] = draw(strategy)


def _list_mode(draw: Draw) -> str:
    """A list is absent (unknown), empty (known: none) or filled."""
    return str(draw(st.sampled_from(("absent", "empty", "filled"))))


def _maybe_list(
    draw: Draw, obj: dict[str, Any], key: str, element: st.SearchStrategy[Any], max_size: int = 3
) -> None:
    mode = _list_mode(draw)
    if mode == "empty":
        obj[key] = []
    elif mode == "filled":
        obj[key] = draw(st.lists(element, min_size=1, max_size=max_size))


def _dates(lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.integers(lo, max(lo, hi)).map(_iso)


_money = st.one_of(st.integers(0, 5000), st.floats(0, 5000, allow_nan=False, allow_infinity=False))
_short_text = st.text(max_size=8)


# --- parts of a person --------------------------------------------------------------------------------------


@st.composite
def _status_chain(draw: Draw, lo: int, as_of: int) -> list[dict[str, Any]]:
    """Non-overlapping, sorted periods with random gaps; only the last may be open or end after as_of."""
    count = draw(st.integers(1, 5))
    chain: list[dict[str, Any]] = []
    cursor = _day(draw, lo, as_of)
    for number in range(count):
        start = min(as_of, cursor + draw(st.one_of(st.just(0), st.integers(1, 3 * _YEAR))))
        last = number == count - 1 or start >= as_of
        status_type = draw(st.sampled_from(_STATUS_TYPES))
        entry: dict[str, Any] = {"type": status_type, "from": _iso(start)}
        fitting = _FITTING_BASES.get(status_type, [])
        basis = st.sampled_from(_BASES) if not fitting else st.sampled_from(fitting) | st.sampled_from(_BASES)
        _maybe(draw, entry, "basis", basis)
        _maybe(draw, entry, "valid_until", _dates(start, as_of + 3 * _YEAR))
        _maybe(draw, entry, "documented", st.booleans())
        if status_type == "duldung" and draw(st.booleans()):
            _status_60b_details(draw, entry, start, as_of)
        if last:
            ending = draw(st.sampled_from(("open_absent", "open_null", "closed")))
            if ending == "open_null":
                entry["to"] = None
            elif ending == "closed":  # may end after as_of: a planned end
                entry["to"] = _iso(_day(draw, start, as_of + 3 * _YEAR))
            chain.append(entry)
            break
        end = _day(draw, start, min(as_of - 1, start + 6 * _YEAR))
        entry["to"] = _iso(end)
        chain.append(entry)
        cursor = end + 1
    return chain


def _status_60b_details(draw: Draw, entry: dict[str, Any], start: int, as_of: int) -> None:
    """Keys of the § 60b review (issue 3), sometimes."""
    _maybe(
        draw,
        entry,
        "duldung_grounds",
        st.lists(st.sampled_from(_enum("statuses", "duldung_grounds", "items")), max_size=2),
    )
    _maybe(draw, entry, "zusatz_60b_issued_on", _dates(start, as_of))
    _maybe(draw, entry, "zusatz_60b_occasion", st.sampled_from(_enum("statuses", "zusatz_60b_occasion")))
    _maybe(
        draw,
        entry,
        "zusatz_60b_grounds",
        st.lists(st.sampled_from(_enum("statuses", "zusatz_60b_grounds", "items")), max_size=2, unique=True),
    )
    _maybe(draw, entry, "lifted_on", _dates(start, as_of))
    _maybe(draw, entry, "lifted_retroactively_from", _dates(start, as_of))
    _maybe(draw, entry, "challenge", st.sampled_from(_enum("statuses", "challenge")))
    _maybe(draw, entry, "last_reviewed_on", _dates(start, as_of))


def _period(
    lo: int, as_of: int, extra: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    @st.composite
    def build(draw: Draw) -> dict[str, Any]:
        start = _day(draw, lo, as_of)
        entry: dict[str, Any] = {"from": _iso(start)}
        _maybe(draw, entry, "to", st.none() | _dates(start, as_of + 3 * _YEAR))
        for key, strategy in extra.items():
            _maybe(draw, entry, key, strategy)
        return entry

    return build()


@st.composite
def _training(draw: Draw, lo: int, as_of: int) -> dict[str, Any]:
    # A planned training may start after as_of (applications under § 60c/§ 16g come before the start).
    planned = draw(st.booleans())
    start = _day(draw, lo, as_of + (7 * 30 if planned else 0))
    entry: dict[str, Any] = {"from": _iso(start)}
    if planned:
        entry["state"] = "planned"
    else:
        _maybe(
            draw, entry, "state", st.sampled_from([s for s in _enum("training", "state") if s != "planned"])
        )
    _maybe(draw, entry, "to", st.none() | _dates(start, start + 4 * _YEAR))
    if draw(st.integers(0, 5)) == 0:
        entry["preparatory_measure"] = draw(st.sampled_from(_enum("training", "preparatory_measure")))
    else:
        _maybe(draw, entry, "kind", st.sampled_from(_enum("training", "kind")))
    _maybe(draw, entry, "followup_commitment_shortage_occupation", st.booleans())
    _maybe(draw, entry, "contract_signed_on", _dates(lo, as_of))
    # issue 3: the training paths (§ 60c, § 16g, § 19d Abs. 1a)
    _maybe(draw, entry, "regulated_duration_months", st.sampled_from([12, 24, 36, 42]))
    _maybe(draw, entry, "school_based", st.booleans())
    _maybe(draw, entry, "documentation", st.sampled_from(_enum("training", "documentation")))
    _maybe(draw, entry, "documentation_on", _dates(lo, as_of))
    _maybe(draw, entry, "started_with_permission", st.booleans())
    _maybe(draw, entry, "followup_commitment_conditional", st.booleans())
    _maybe(draw, entry, "followup_commitment_on", _dates(lo, as_of))
    _maybe(draw, entry, "exam_passed_on", _dates(start, as_of))
    _maybe(draw, entry, "monthly_net_pay_eur", _money)
    _maybe(draw, entry, "bafoeg_12_category", st.sampled_from(_enum("training", "bafoeg_12_category")))
    _maybe(draw, entry, "receives_bab", st.booleans())
    _maybe(draw, entry, "receives_bafoeg", st.booleans())
    return entry


@st.composite
def _asylum(draw: Draw, lo: int, as_of: int) -> dict[str, Any]:
    asylum: dict[str, Any] = {}
    applied = _day(draw, lo, as_of)
    decided = _day(draw, applied, as_of)
    final = _day(draw, decided, as_of)
    _maybe(draw, asylum, "applied_on", st.just(_iso(applied)))
    _maybe(draw, asylum, "outcome", st.sampled_from(_enum("asylum", "outcome")))
    _maybe(draw, asylum, "decided_on", st.just(_iso(decided)))
    _maybe(draw, asylum, "final_on", st.just(_iso(final)))
    for flag in ("court_pending", "withdrawn_after_bamf_counselling", "child_welfare_waiver"):
        _maybe(draw, asylum, flag, st.booleans())
    follow_up = st.fixed_dictionaries(
        {"applied_on": _dates(lo, as_of)},
        optional={
            "outcome": st.sampled_from(_enum("asylum", "follow_up_applications", "outcome")),
            "final_on": _dates(lo, as_of),
        },
    )
    _maybe_list(draw, asylum, "follow_up_applications", follow_up, max_size=2)
    return asylum


@st.composite
def _identity(draw: Draw, lo: int, as_of: int) -> dict[str, Any]:
    identity: dict[str, Any] = {}
    _maybe(draw, identity, "clarified", st.booleans())
    _maybe(draw, identity, "clarified_on", _dates(lo, as_of))
    _maybe(draw, identity, "level", st.integers(1, 4))
    _maybe(draw, identity, "passport", st.sampled_from(_enum("identity", "passport")))
    _maybe(draw, identity, "passport_valid_until", _dates(as_of - 10 * _YEAR, as_of + 10 * _YEAR))
    _maybe(draw, identity, "passport_obtainable", st.sampled_from(_enum("identity", "passport_obtainable")))
    _maybe(draw, identity, "deception", st.sampled_from(_enum("identity", "deception")))
    _maybe(draw, identity, "obstruction", st.sampled_from(_enum("identity", "obstruction")))
    _maybe(draw, identity, "instructed_on", _dates(lo, as_of))
    effort = st.fixed_dictionaries(
        {"date": _dates(lo, as_of), "action": st.sampled_from(_enum("identity", "efforts", "action"))},
        optional={"evidence": st.booleans()},
    )
    _maybe_list(draw, identity, "efforts", effort)
    _maybe(draw, identity, "all_reasonable_measures_taken_on", _dates(lo, as_of))
    _maybe(draw, identity, "instruction_deadline", _dates(lo, as_of))
    for flag in (
        "late_clarification_attributable",
        "instructed",
        "instruction_specific",
        "instruction_warned_of_60b",
        "demanded_acts_unreasonable",
    ):
        _maybe(draw, identity, flag, st.booleans())
    return identity


def _optional_object(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields)


def _work_lists(draw: Draw, person: dict[str, Any], lo: int, as_of: int) -> None:
    """The lists and objects issue 3 added (training and employment paths, reviews), sometimes."""
    if "removal_measures_imminent" not in person:  # keep the snapshot and the dated list consistent
        measure = st.fixed_dictionaries(
            {"kind": st.sampled_from(_enum("removal_measures", "kind")), "date": _dates(lo, as_of)},
            optional={"futile": st.booleans(), "ended_on": _dates(lo, as_of + _YEAR)},
        )
        _maybe_list(draw, person, "removal_measures", measure, max_size=2)
    benefit = {
        "kind": st.sampled_from(_enum("public_benefits", "kind")),
        "for_whom": st.sampled_from(_enum("public_benefits", "for_whom")),
    }
    _maybe_list(draw, person, "public_benefits", _period(lo, as_of, benefit), max_size=2)
    _maybe_list(
        draw,
        person,
        "own_livelihood_secured",
        _period(lo, as_of, {"by_employment": st.booleans()}),
        max_size=2,
    )

    @st.composite
    def interruption(draw_: Draw) -> dict[str, Any]:
        start = _day(draw_, lo, as_of)
        entry: dict[str, Any] = {"from": _iso(start), "to": _iso(_day(draw_, start, start + 60))}
        _maybe(draw_, entry, "attributable", st.booleans())
        return entry

    _maybe_list(draw, person, "employment_interruptions", interruption(), max_size=2)
    _maybe(
        draw,
        person,
        "integration_course",
        _optional_object(
            {
                "obliged": st.booleans(),
                "completed_successfully": st.booleans(),
                "completed_on": _dates(lo, as_of),
                "aborted": st.booleans(),
                "abort_attributable": st.booleans(),
            }
        ),
    )
    offer = st.fixed_dictionaries(
        {"start": _dates(as_of - _YEAR, as_of + _YEAR)},
        optional={
            "offered_on": _dates(lo, as_of),
            "hours_per_week": st.integers(0, 45),
            "social_insurance": st.booleans(),
            "net_monthly_eur": _money,
            "qualified": st.booleans(),
            "matches_qualification": st.booleans(),
            "temporary_agency": st.booleans(),
            "ba_consent": st.sampled_from(_enum("job_offers", "ba_consent")),
            "ba_consent_on": _dates(lo, as_of),
        },
    )
    _maybe_list(draw, person, "job_offers", offer, max_size=2)
    n_offers = len(person.get("job_offers") or [])
    request_optional: dict[str, st.SearchStrategy[Any]] = {
        "outcome": st.sampled_from(_enum("employment_permission_requests", "outcome")),
        "decided_on": _dates(lo, as_of),
    }
    if n_offers:
        request_optional["job_offer"] = st.integers(0, n_offers - 1)
    request = st.fixed_dictionaries({"filed_on": _dates(lo, as_of)}, optional=request_optional)
    _maybe_list(draw, person, "employment_permission_requests", request, max_size=2)


@st.composite
def _person(draw: Draw, pid: str, birth: int | None, as_of: int) -> dict[str, Any]:
    lo = birth if birth is not None else as_of - 30 * _YEAR
    person: dict[str, Any] = {"id": pid}
    if birth is not None:
        person["birth_date"] = _iso(birth)
    _maybe(draw, person, "name", _short_text)
    _maybe(draw, person, "nationality", st.sampled_from(["IRQ", "SYR", "AFG", "XXA", "XXX", "GEO", "NGA"]))
    _maybe(draw, person, "entry_date", _dates(lo, as_of))
    mode = _list_mode(draw)
    if mode != "absent":
        person["statuses"] = draw(_status_chain(lo, as_of)) if mode == "filled" else []
    _maybe(draw, person, "asylum", _asylum(lo, as_of))
    _maybe(draw, person, "identity", _identity(lo, as_of))
    _maybe_list(
        draw,
        person,
        "schooling",
        _period(
            lo, as_of, {"kind": st.sampled_from(_enum("schooling", "kind")), "successful": st.booleans()}
        ),
    )
    qualification = st.fixed_dictionaries(
        {"kind": st.sampled_from(_enum("qualifications", "kind")), "date": _dates(lo, as_of)},
        optional={
            "obtained_in_germany": st.booleans(),
            "recognised": st.booleans(),
            "care_assistant": st.booleans(),
        },
    )
    _maybe_list(draw, person, "qualifications", qualification)
    _maybe_list(draw, person, "training", _training(lo, as_of))
    employment_extra = {
        "hours_per_week": st.integers(0, 60) | st.floats(0, 60, allow_nan=False),
        "social_insurance": st.booleans(),
        "net_monthly_eur": _money,
        "qualified": st.booleans(),
        "permitted_on": _dates(lo, as_of),
        "ba_consent": st.sampled_from(_enum("employment", "ba_consent")),
        "ba_consent_on": _dates(lo, as_of),
        "matches_qualification": st.booleans(),
        "temporary_agency": st.booleans(),
    }
    _maybe_list(draw, person, "employment", _period(lo, as_of, employment_extra))
    german = st.fixed_dictionaries(
        {"level": st.sampled_from(_enum("german", "level"))},
        optional={
            "skill": st.sampled_from(_enum("german", "skill")),
            "date": _dates(lo, as_of),
            "evidence": st.sampled_from(_enum("german", "evidence")),
        },
    )
    _maybe_list(draw, person, "german", german)
    _maybe(draw, person, "civics_test_passed_on", st.none() | _dates(lo, as_of))
    for flag in (
        "civics_test_passed",
        "fdgo_declaration",
        "integration_course_possible",
        "pending_criminal_proceedings",
        "entry_ban_active",
        "security_concerns",
        "caring_for_relative",
        "removal_measures_imminent",
        "livelihood_prognosis_positive",
        "fdgo_concerns",
        "adequate_housing",
        "expulsion_order",
        "deportation_order_58a",
        "entry_for_benefits_established",
        "deceived_authority_intentionally",
        "obstructed_removal_intentionally",
    ):
        _maybe(draw, person, flag, st.booleans())
    _work_lists(draw, person, lo, as_of)
    conviction = st.fixed_dictionaries(
        {"date": _dates(lo, as_of), "sanction": st.sampled_from(_enum("convictions", "sanction"))},
        optional={
            "daily_rates": st.integers(0, 360),
            "months": st.integers(0, 60) | st.floats(0, 60, allow_nan=False),
            "suspended": st.booleans(),
            "intentional": st.booleans(),
            "foreigner_only_offence": st.booleans(),
            "btmg_29_1_nr1": st.booleans(),
        },
    )
    _maybe_list(draw, person, "convictions", conviction)
    _maybe(
        draw,
        person,
        "health",
        _optional_object({"prevents_work_or_language": st.booleans(), "pension_age_reached": st.booleans()}),
    )
    _maybe(
        draw,
        person,
        "employment_ban",
        _optional_object(
            {
                "imposed": st.booleans(),
                "ground": st.sampled_from(_enum("employment_ban", "ground")),
                "since": _dates(lo, as_of),
            }
        ),
    )
    _maybe(
        draw,
        person,
        "departure_obstacle",
        _optional_object(
            {
                "exists": st.booleans(),
                "reason": st.sampled_from(_enum("departure_obstacle", "reason")),
                "since": _dates(lo, as_of),
                "lasting": st.booleans(),
            }
        ),
    )
    _maybe(draw, person, "integration_prognosis", st.sampled_from(_enum("integration_prognosis")))
    _maybe(draw, person, "deportation_ban", st.sampled_from(_enum("deportation_ban")))
    application = st.fixed_dictionaries(
        {"path": st.sampled_from(sorted(PATH_KEYS)), "filed_on": _dates(lo, as_of)},
        optional={
            "outcome": st.sampled_from(_enum("applications", "outcome")),
            "decided_on": _dates(lo, as_of),
        },
    )
    _maybe_list(draw, person, "applications", application, max_size=2)
    _maybe(draw, person, "notes", _short_text)
    return person


def _older(parent_birth: int | None, child_birth: int | None) -> bool:
    return parent_birth is None or child_birth is None or parent_birth < child_birth


# --- the whole case -----------------------------------------------------------------------------------------


@st.composite
def case_documents(
    draw: Draw, *, min_persons: int = 1, max_persons: int = 5, allow_missing_as_of: bool = False
) -> dict[str, Any]:
    """A random case file v1 document that passes `validate_case` without any issue.

    With `allow_missing_as_of`, `as_of` is sometimes left out; it is then drawn no later than today, because
    the loader judges such a file as of today.
    """
    latest = min(AS_OF_MAX, dt.date.today()) if allow_missing_as_of else AS_OF_MAX
    as_of = _day(draw, AS_OF_MIN.toordinal(), AS_OF_MAX.toordinal())
    doc: dict[str, Any] = {"format": "bleiberecht.case/1"}
    _maybe(draw, doc, "id", _short_text)
    if not (allow_missing_as_of and as_of <= latest.toordinal() and draw(st.booleans())):
        doc["as_of"] = _iso(as_of)
    _maybe(draw, doc, "land", st.sampled_from(_lands()))

    count = draw(st.integers(min_persons, max_persons))
    ids: list[str] = draw(
        st.lists(st.text(_ID_ALPHABET, min_size=1, max_size=5), min_size=count, max_size=count, unique=True)
    )
    births: list[int | None] = [
        draw(st.none() | st.integers(as_of - 80 * _YEAR, as_of)) for _ in range(count)
    ]
    persons = [draw(_person(pid, birth, as_of)) for pid, birth in zip(ids, births, strict=True)]

    # Spouses: disjoint mutual pairs.
    order: list[int] = draw(st.permutations(range(count)))
    spouse_of: dict[int, int] = {}
    for a, b in zip(order[0::2], order[1::2], strict=False):
        if draw(st.booleans()):
            spouse_of[a], spouse_of[b] = b, a
            persons[a]["spouse_id"], persons[b]["spouse_id"] = ids[b], ids[a]
    # Parents: only earlier persons who are older when both births are known, so links never form a cycle.
    for child in range(count):
        mode = _list_mode(draw)
        candidates = [
            p for p in range(child) if spouse_of.get(child) != p and _older(births[p], births[child])
        ]
        if mode == "filled" and candidates:
            chosen = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=2, unique=True))
            persons[child]["parent_ids"] = [ids[p] for p in chosen]
        elif mode != "absent":
            persons[child]["parent_ids"] = []
    doc["persons"] = draw(st.permutations(persons))

    # Households: each person in at most one.
    mode = _list_mode(draw)
    if mode != "absent":
        doc["households"] = []
    if mode == "filled":
        groups: dict[int, list[str]] = {}
        for pid in ids:
            group = draw(st.none() | st.integers(0, 2))
            if group is not None:
                groups.setdefault(group, []).append(pid)
        for members in groups.values():
            household: dict[str, Any] = {"members": members}
            _maybe(draw, household, "monthly_need_eur", st.none() | _money)
            _maybe(draw, household, "monthly_public_benefits_eur", st.none() | _money)
            doc["households"].append(household)
    return doc
