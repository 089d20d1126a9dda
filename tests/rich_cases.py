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
    statuses.append(
        {"type": "duldung", "basis": basis, "from": _iso(rejected + timedelta(days=1)), "to": None}
    )
    p: dict[str, Any] = {
        "id": pid,
        "birth_date": _iso(birth),
        "nationality": draw(st.sampled_from(["IRQ", "AFG", "SYR", "NGA", "XXA"])),
        "entry_date": _iso(entry),
        "statuses": statuses,
        "asylum": {
            "applied_on": _iso(entry),
            "outcome": draw(
                st.sampled_from(["rejected", "rejected", "rejected_manifestly_unfounded_qualified"])
            ),
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
                    [
                        {
                            "date": _iso(as_of - timedelta(days=400)),
                            "sanction": "fine",
                            "daily_rates": 30,
                            "foreigner_only_offence": False,
                        }
                    ],
                    [
                        {
                            "date": _iso(as_of - timedelta(days=400)),
                            "sanction": "prison",
                            "months": 8,
                            "suspended": True,
                        }
                    ],
                ]
            )
        ),
        "pending_criminal_proceedings": draw(st.sampled_from([False] * 5 + [True])),
        "entry_ban_active": draw(st.sampled_from([False] * 5 + [True])),
        "security_concerns": False,
        "fdgo_declaration": draw(st.sampled_from([True, True, False])),
        "civics_test_passed": True,
        "german": [
            {
                "level": draw(st.sampled_from(["A1", "A2", "B1"])),
                "date": _iso(entry + timedelta(days=500)),
                "evidence": "certificate",
            }
        ],
        "schooling": [],
        "qualifications": [],
        "training": [],
        "applications": [],
        "health": {"prevents_work_or_language": draw(st.booleans()), "pension_age_reached": False},
        "caring_for_relative": False,
        "livelihood_prognosis_positive": False,
        "integration_prognosis": "positive",
        "departure_obstacle": {
            "exists": draw(st.booleans()),
            "reason": "no_travel_documents",
            "lasting": draw(st.booleans()),
        },
    }
    if date.fromisoformat(p["german"][0]["date"]) > as_of:
        p["german"] = []
    if p["identity"]["obstruction"] == "current":
        p["identity"]["instructed_on"] = _iso(entry)
    civics_on = entry + timedelta(days=draw(st.integers(200, 2000)))
    if civics_on <= as_of:
        p["civics_test_passed_on"] = _iso(civics_on)
    # issue 3: a profile that makes the training and employment paths reachable now and then
    profile = "worker" if basis == "60d" else draw(st.sampled_from(["plain", "plain", "worker", "trainee"]))
    _work_facts(draw, p, as_of, entry=entry, rejected=rejected, basis=basis, profile=profile)
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
    _work_employment(draw, p, as_of, profile=profile if age >= 16 else "plain", since=rejected)
    if age < 22:
        p["schooling"] = [
            {"kind": "school", "from": _iso(entry + timedelta(days=60)), "to": None, "successful": True}
        ]
        if date.fromisoformat(p["schooling"][0]["from"]) > as_of:
            p["schooling"] = []
    return p


def _work_facts(
    draw: st.DrawFn, p: dict[str, Any], as_of: date, *, entry: date, rejected: date, basis: str, profile: str
) -> None:
    """Facts the training and employment paths read (§§ 60c, 16g, 19d, 60d, 25b Abs. 6), mostly favourable."""
    if profile != "plain" or basis == "60c":
        p["identity"].update(clarified=True, passport="valid", deception="none", obstruction="none")
        p["convictions"] = draw(st.sampled_from([[], [], p["convictions"]]))
        p["entry_ban_active"] = False
        p["pending_criminal_proceedings"] = False
        p["fdgo_declaration"] = draw(st.sampled_from([True, True, p["fdgo_declaration"]]))
    clarified_on = min(entry + timedelta(days=draw(st.integers(10, 150))), as_of)
    if p["identity"]["clarified"]:
        p["identity"]["clarified_on"] = _iso(clarified_on)
        if draw(st.booleans()):
            p["identity"]["all_reasonable_measures_taken_on"] = _iso(min(entry + timedelta(days=5), as_of))
            p["identity"]["late_clarification_attributable"] = draw(st.booleans())
    p["nationality"] = draw(st.sampled_from([p["nationality"]] * 4 + ["GEO", "ALB"]))
    p["asylum"].update(court_pending=False, withdrawn_after_bamf_counselling=False, follow_up_applications=[])
    p.update(
        entry_for_benefits_established=False,
        expulsion_order=False,
        deportation_order_58a=False,
        deceived_authority_intentionally=False,
        obstructed_removal_intentionally=draw(st.sampled_from([False] * 5 + [True])),
        adequate_housing=draw(st.sampled_from([True, True, False])),
        integration_course=draw(
            st.sampled_from(
                [
                    {"obliged": False},
                    {"obliged": True, "completed_successfully": True},
                    {
                        "obliged": True,
                        "completed_successfully": False,
                        "aborted": True,
                        "abort_attributable": False,
                    },
                ]
            )
        ),
        public_benefits=[],
        employment_interruptions=[],
        job_offers=[],
        employment_permission_requests=[],
    )
    measure = draw(st.sampled_from([None, None, None, "transport_booking"]))
    p["removal_measures"] = (
        [] if measure is None else [{"kind": measure, "date": _iso(as_of - timedelta(days=20))}]
    )
    # a planned qualified training (§ 60c, § 16g) starting within the next months
    if profile == "trainee" or draw(st.booleans()):
        start = as_of + timedelta(days=draw(st.integers(-60, 240)))
        p["training"] = [
            {
                "from": _iso(start),
                "to": _iso(start + timedelta(days=3 * 365)),
                "kind": draw(st.sampled_from(["qualified", "qualified", "assistant"])),
                "regulated_duration_months": 36,
                "followup_commitment_shortage_occupation": True,
                "followup_commitment_conditional": False,
                "documentation": "registration_applied",
                "documentation_on": _iso(as_of - timedelta(days=10)),
                "school_based": False,
                "started_with_permission": True,
                "state": "planned" if start > as_of else "ongoing",
                "monthly_net_pay_eur": draw(st.sampled_from([300, 800, 950])),
                "bafoeg_12_category": "abs2_nr1",
                "receives_bab": False,
            }
        ]
    # § 19d Abs. 1a: an Ausbildungsduldung, the exam passed and a matching job offer
    if basis == "60c":
        exam = max(rejected + timedelta(days=200), as_of - timedelta(days=draw(st.integers(5, 150))))
        if exam <= as_of:
            p["training"] = [
                {
                    "from": _iso(rejected + timedelta(days=30)),
                    "to": _iso(exam),
                    "kind": "qualified",
                    "state": "completed",
                    "exam_passed_on": _iso(exam),
                }
            ]
            p["qualifications"] = [{"kind": "vocational", "date": _iso(exam), "obtained_in_germany": True}]
    if profile == "worker" or basis == "60c" or draw(st.booleans()):
        p["adequate_housing"] = draw(st.sampled_from([True, True, p["adequate_housing"]]))
        p["job_offers"] = [
            {
                "offered_on": _iso(as_of - timedelta(days=7)),
                "start": _iso(as_of + timedelta(days=30)),
                "hours_per_week": 39,
                "social_insurance": True,
                "net_monthly_eur": 2100,
                "qualified": True,
                "matches_qualification": True,
                "ba_consent": draw(st.sampled_from(["granted", "pending", "not_required"])),
                "ba_consent_on": _iso(as_of - timedelta(days=2)),
            }
        ]
        p["employment_permission_requests"] = [{"filed_on": _iso(as_of - timedelta(days=3)), "job_offer": 0}]
    if p["german"]:
        p["german"][0]["level"] = draw(st.sampled_from([p["german"][0]["level"], "B1"]))


def _work_employment(draw: st.DrawFn, p: dict[str, Any], as_of: date, *, profile: str, since: date) -> None:
    """Employment details for § 60d / § 19d and the own livelihood for § 60d Abs. 1 Nr. 4, 5."""
    if profile == "worker":
        start = min(since + timedelta(days=draw(st.integers(0, 400))), as_of - timedelta(days=10))
        p["employment"] = [
            {
                "from": _iso(start),
                "to": None,
                "hours_per_week": 38,
                "social_insurance": True,
                "net_monthly_eur": 2200,
            }
        ]
        p["german"] = [
            {"level": draw(st.sampled_from(["A2", "B1"])), "date": _iso(start), "evidence": "certificate"}
        ]
    for job in p["employment"]:
        job.update(
            permitted_on=job["from"],
            ba_consent="granted",
            ba_consent_on=job["from"],
            qualified=draw(st.booleans()),
            matches_qualification=True,
        )
    secured = [j for j in p["employment"] if j["net_monthly_eur"] >= 1400]
    p["own_livelihood_secured"] = (
        [{"from": secured[0]["from"], "to": None, "by_employment": True}] if secured else []
    )


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
            {
                "members": [p["id"] for p in persons],
                "monthly_need_eur": need,
                "monthly_public_benefits_eur": draw(st.sampled_from([0, 300])),
            }
        ],
    }
