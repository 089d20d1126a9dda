"""Hypothesis strategy for complete, mostly favourable family cases.

Random schema-valid cases rarely reach ``eligible`` (too many facts are missing), so properties that
speak about positive outcomes need cases where every fact is known and often favourable.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

AS_OF = st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31))


def _iso(d: date) -> str:
    return d.isoformat()


@st.composite
def person(draw: st.DrawFn, pid: str, as_of: date, *, birth: date, entry: date) -> dict[str, Any]:
    rejected = entry + timedelta(days=draw(st.integers(120, 900)))
    rejected = min(rejected, as_of - timedelta(days=30))
    statuses: list[dict[str, Any]] = [{"type": "gestattung", "from": _iso(entry), "to": _iso(rejected)}]
    basis = draw(st.sampled_from(["60a", "60a", "60a", "60b", "60c", "60d"]))
    statuses.append({"type": "duldung", "basis": basis, "from": _iso(rejected + timedelta(days=1)), "to": None})
    p: dict[str, Any] = {
        "id": pid,
        "birth_date": _iso(birth),
        "nationality": draw(st.sampled_from(["IRQ", "AFG", "SYR", "NGA", "XXA"])),
        "entry_date": _iso(entry),
        "statuses": statuses,
        "asylum": {
            "applied_on": _iso(entry),
            "outcome": draw(st.sampled_from(["rejected", "rejected", "rejected_manifestly_unfounded_qualified"])),
            "final_on": _iso(rejected),
        },
        "identity": {
            "clarified": draw(st.booleans()),
            "passport": draw(st.sampled_from(["valid", "valid", "expired", "none"])),
            "deception": draw(st.sampled_from(["none"] * 4 + ["past", "current"])),
            "obstruction": draw(st.sampled_from(["none"] * 4 + ["past", "current"])),
            "efforts": [],
        },
        "convictions": draw(
            st.sampled_from(
                [
                    [],
                    [],
                    [{"date": _iso(as_of - timedelta(days=400)), "sanction": "fine", "daily_rates": 30, "foreigner_only_offence": False}],
                    [{"date": _iso(as_of - timedelta(days=400)), "sanction": "prison", "months": 8, "suspended": True}],
                ]
            )
        ),
        "pending_criminal_proceedings": draw(st.sampled_from([False] * 5 + [True])),
        "entry_ban_active": draw(st.sampled_from([False] * 5 + [True])),
        "security_concerns": False,
        "fdgo_declaration": draw(st.sampled_from([True, True, False])),
        "civics_test_passed": True,
        "german": [{"level": draw(st.sampled_from(["A1", "A2", "B1"])), "date": _iso(entry + timedelta(days=500)), "evidence": "certificate"}],
        "schooling": [],
        "qualifications": [],
        "training": [],
        "applications": [],
        "health": {"prevents_work_or_language": draw(st.booleans()), "pension_age_reached": False},
        "caring_for_relative": False,
        "livelihood_prognosis_positive": False,
        "integration_prognosis": "positive",
        "departure_obstacle": {"exists": draw(st.booleans()), "reason": "no_travel_documents", "lasting": draw(st.booleans())},
    }
    if date.fromisoformat(p["german"][0]["date"]) > as_of:
        p["german"] = []
    if p["identity"]["obstruction"] == "current":
        p["identity"]["instructed_on"] = _iso(entry)
    civics_on = entry + timedelta(days=draw(st.integers(200, 2000)))
    if civics_on <= as_of:
        p["civics_test_passed_on"] = _iso(civics_on)
    age = (as_of - birth).days // 365
    if age >= 16 and draw(st.booleans()):
        p["employment"] = [
            {
                "from": _iso(max(entry, as_of - timedelta(days=draw(st.integers(30, 1500))))),
                "to": None,
                "hours_per_week": 38,
                "social_insurance": True,
                "net_monthly_eur": draw(st.sampled_from([600, 1400, 2200])),
            }
        ]
    else:
        p["employment"] = []
    if age < 22:
        p["schooling"] = [{"kind": "school", "from": _iso(entry + timedelta(days=60)), "to": None, "successful": True}]
        if date.fromisoformat(p["schooling"][0]["from"]) > as_of:
            p["schooling"] = []
    return p


@st.composite
def rich_cases(draw: st.DrawFn) -> dict[str, Any]:
    as_of = draw(AS_OF)
    entry = as_of - timedelta(days=draw(st.integers(400, 4500)))
    parent_birth = entry - timedelta(days=draw(st.integers(19 * 365, 45 * 365)))
    persons = [draw(person("a", as_of, birth=parent_birth, entry=entry))]
    family = draw(st.integers(0, 2))
    if family >= 1:
        spouse = draw(person("b", as_of, birth=parent_birth + timedelta(days=700), entry=entry))
        persons[0]["spouse_id"], spouse["spouse_id"] = "b", "a"
        persons.append(spouse)
    if family >= 2:
        child_birth = as_of - timedelta(days=draw(st.integers(3 * 365, 17 * 365)))
        child = draw(person("c", as_of, birth=child_birth, entry=max(entry, child_birth)))
        child["parent_ids"] = [p["id"] for p in persons]
        for k in ("employment",):
            child[k] = []
        persons.append(child)
    need = draw(st.sampled_from([900, 1800, 2600]))
    return {
        "format": "bleiberecht.case/1",
        "id": "rich",
        "as_of": _iso(as_of),
        "persons": persons,
        "households": [
            {"members": [p["id"] for p in persons], "monthly_need_eur": need, "monthly_public_benefits_eur": draw(st.sampled_from([0, 300]))}
        ],
    }
