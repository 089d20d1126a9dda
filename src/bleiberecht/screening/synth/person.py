"""One person's facts: identity, Duldung kind, employment ban, work, language, school, record, applications.

Facts the file does not state are left out (unknown); an empty list means "known: none" (rule of unknowns).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random
from typing import Any

from bleiberecht.screening.synth.context import Context, stay_bin
from bleiberecht.screening.synth.draw import Day, age_on, between, chance, iso, years_after
from bleiberecht.screening.synth.history import (
    DULDUNG,
    FIKTION,
    NEVER,
    Procedure,
    Seg,
    Template,
    current,
    overlay,
)
from bleiberecht.screening.synth.household import Member

KEY_ORDER = (
    "id", "name", "birth_date", "nationality", "entry_date", "spouse_id", "parent_ids", "statuses", "asylum",
    "identity", "schooling", "qualifications", "training", "employment", "german", "civics_test_passed_on",
    "civics_test_passed", "fdgo_declaration", "integration_course_possible", "convictions",
    "pending_criminal_proceedings", "entry_ban_active", "security_concerns", "health", "caring_for_relative",
    "employment_ban", "removal_measures_imminent", "applications", "notes",
)  # fmt: skip
EFFORTS = (
    "embassy_visit", "application_filed", "fee_paid", "documents_requested_home_country",
    "lawyer_commissioned_home_country", "sworn_declaration", "voluntary_return_declaration", "other",
)  # fmt: skip
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


@dataclass(slots=True, eq=False)
class Person:
    member: Member
    nationality: str
    chain: list[Seg]
    procedure: Procedure
    out: dict[str, Any] = field(default_factory=dict)
    clarified: bool | None = None
    passport: str | None = None
    net_income: float = 0.0
    basis_60d_from: Day | None = None
    has_child_under_3: bool = False

    @property
    def age(self) -> int:
        return self.member.age


# ------------------------------------------------------------------------------------------ helpers


def _first_duldung(chain: list[Seg]) -> Day | None:
    for s in chain:
        if s.kind == DULDUNG:
            return s.start
    return None


def _dated(rng: Random, lo: Day, hi: Day) -> str:
    return iso(between(rng, lo, hi))


def _maybe(rng: Random, p_known: float, value: Any) -> Any:
    return value if chance(rng, p_known) else None


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        out[key] = value


def _flag(rng: Random, p_unknown: float, p_true: float) -> bool | None:
    """A yes/no fact: None (not in the file) with ``p_unknown``, else True with ``p_true``."""
    return None if chance(rng, p_unknown) else chance(rng, p_true)


# ------------------------------------------------------------------------------------------ adults


def fill_adult(rng: Random, ctx: Context, p: Person) -> None:
    """Facts of a person aged 18 or more."""
    today, m = ctx.today, ctx.m
    out, member = p.out, p.member
    entry = member.entry
    years = age_on(entry, today)
    sbin = stay_bin(years)
    cur = current(p.chain, today)
    in_duldung = cur is not None and cur.kind == DULDUNG and cur.documented
    dul_first = _first_duldung(p.chain)

    # identity kind, § 60b now or in the past, own fault
    kind = ctx.identity_kind(rng)
    s60b: Day | None = None
    if (
        in_duldung
        and cur is not None
        and today >= ctx.in_force_60b + 14
        and chance(rng, m["duldung_60b_adult"])
    ):
        lo = max(cur.start, ctx.in_force_60b)
        s60b = between(rng, lo, max(lo, today - 14))
        overlay(p.chain, s60b, today, "60b")
        kind = "60b"
    lifted: Day | None = None
    if s60b is None and chance(rng, m["duldung_60b_past"]):
        lifted = _past_60b(rng, ctx, p.chain)
        if lifted is not None:
            lifted_valid = m["identity_details"]["lifted_60b_passport_valid"]
            kind = "passport_valid" if chance(rng, lifted_valid) else "clarified_other"
    deception, obstruction = _faults(rng, ctx, kind, lifted is not None)
    own_fault = "current" in (deception, obstruction)
    ban = _employment_ban(rng, ctx, p, own_fault, s60b, in_duldung, dul_first)
    banned = ban is not None and ban.get("imposed") is True

    # work and training
    jobs: list[dict[str, Any]] = []
    trainings: list[dict[str, Any]] = []
    work_from = max(entry + ctx.employment_wait, years_after(member.birth, 16), (lifted or 0) + 1)
    job_kind = _job_kind(rng, ctx, p, sbin) if 18 <= p.age <= 64 and not banned else None
    job_start: Day | None = None
    if job_kind is not None and work_from <= today - 14:
        job_start = _job_start(rng, ctx, work_from, training=job_kind == "training")
        if job_kind == "training":
            trainings.append(_training(rng, ctx, job_start))
            p.net_income = float(between(rng, *m["training_pay_net"].values()) // 10 * 10)
            jobs.append(
                {"from": iso(job_start), "to": None, "hours_per_week": 39, "social_insurance": True,
                 "net_monthly_eur": p.net_income, "qualified": False}
            )  # fmt: skip
        else:
            jobs.append(_job(rng, ctx, job_kind, job_start, None, member.spouse is not None))
            p.net_income = jobs[-1]["net_monthly_eur"]
    else:
        job_kind = None
    if 18 <= p.age <= 64 and years >= 3 and chance(rng, m["past_job_share"]):
        # an earlier job that ended before the current one, a ban or a § 60b
        ban_since = _day_or(ban.get("since") if ban else None, today)
        end_limit = min(job_start or today, ban_since, s60b or today) - 30
        if end_limit - work_from > 120:
            first = between(rng, work_from, end_limit - 90)
            last = between(rng, first + 60, end_limit)
            kind_before = "part_time" if chance(rng, 0.5) else "full_time"
            jobs.insert(0, _job(rng, ctx, kind_before, first, last, False))
    if years >= 5 and job_kind != "training" and chance(rng, m["work_details"]["completed_training"]):
        _completed_training(rng, ctx, p, trainings, work_from)

    # Ausbildungs- / Beschäftigungsduldung (identity clarified: § 60c Abs. 2 Nr. 3, § 60d Abs. 1 Nr. 1)
    cur = current(p.chain, today)
    if (
        job_start is not None
        and cur is not None
        and cur.kind == DULDUNG
        and cur.documented
        and cur.basis == "60a"
        and today >= ctx.in_force_60cd
        and not own_fault
    ):
        if job_kind == "training" and chance(rng, m["duldung_60c_of_trainees"]):
            overlay(p.chain, max(job_start, cur.start, ctx.in_force_60cd), today, "60c")
            kind = _clarify(rng, kind)
        elif (
            job_kind == "full_time"
            and entry <= ctx.c60d_entry_until
            and job_start <= today - 365
            and chance(rng, m["duldung_60d_of_eligible"])
        ):
            since = max(job_start + between(rng, 365, 540), cur.start, ctx.in_force_60cd)
            if since <= today - 7:
                overlay(p.chain, since, today, "60d")
                p.basis_60d_from = since
                kind = _clarify(rng, kind)
    identity = _identity(rng, ctx, p, kind, deception, obstruction, s60b, lifted, dul_first)

    # German, civics
    german, proven_level, cert_day = _german_adult(rng, ctx, p, sbin, job_kind is not None)
    if german is not None:
        out["german"] = german
    _civics(rng, ctx, p, proven_level, cert_day, years)
    unknown, other = m["unknown"], m["other_facts"]
    possible = _flag(rng, unknown["integration_course_possible"], other["integration_course_possible"])
    _put(out, "integration_course_possible", possible)

    # school in Germany for those who came as children, or a certificate from the country of origin
    age_at_entry = age_on(member.birth, entry)
    if age_at_entry < 17 and p.age <= 30:
        _past_school(rng, ctx, p)
    elif chance(rng, m["schooling_details"]["foreign_qualification"]):
        qualification = _foreign_qualification(rng, ctx, member.birth, entry)
        if qualification is not None:
            out.setdefault("qualifications", []).append(qualification)

    if not chance(rng, m["unknown"]["employment"]) or p.basis_60d_from or job_kind == "training":
        out["employment"] = jobs
    if trainings:
        out["training"] = trainings
    if identity is not None:
        out["identity"] = identity
    if ban is not None:
        out["employment_ban"] = ban
    _record(rng, ctx, p)
    _put(out, "security_concerns", _flag(rng, unknown["security_concerns"], other["security_concerns"]))
    if p.age >= 67:
        out["health"] = {"pension_age_reached": True}
    elif chance(rng, other["health_in_file"]):
        prevents = other["prevents_work_50"] if p.age >= 50 else other["prevents_work"]
        out["health"] = {"prevents_work_or_language": chance(rng, prevents), "pension_age_reached": False}
    _put(out, "caring_for_relative", _flag(rng, unknown["caring_for_relative"], other["caring_for_relative"]))


def _job_kind(rng: Random, ctx: Context, p: Person, sbin: str) -> str | None:
    """Whether (and how) a working-age person without an employment ban works now."""
    m = ctx.m
    prob = m["work_by_stay"][sbin]
    if not p.member.male:
        prob *= m["work_factor_female"]
        if p.has_child_under_3:
            prob *= m["work_factor_mother_small_child"]
    if p.age >= 50:
        prob *= m["work_factor_age_50"]
    if not chance(rng, prob):
        return None
    kind = ctx.work_kind(rng)
    return "part_time" if kind == "training" and p.age > 35 else kind


def _clarify(rng: Random, kind: str) -> str:
    """Identity as the file of a § 60c/§ 60d holder shows it: clarified (either way about equally often)."""
    if kind in ("unclarified", "unknown"):
        return "passport_valid" if chance(rng, 0.5) else "clarified_other"
    return kind


def _faults(rng: Random, ctx: Context, kind: str, lifted: bool) -> tuple[str | None, str | None]:
    """(deception, obstruction) as none / past / current; None = not in the file."""
    d = ctx.m["identity_details"]
    if kind == "60b":
        deceived = chance(rng, d["deception_60b"])
        deception = "current" if deceived else ("past" if chance(rng, d["deception_past_60b"]) else "none")
        also = chance(rng, d["obstruction_also_60b"])
        return deception, "current" if not deceived or also else "none"
    if kind == "unclarified":
        return _known(ctx.deception_unclarified(rng)), _known(ctx.obstruction_unclarified(rng))
    if kind == "unknown":
        return None, None
    known = d["faults_in_file_clarified"]
    deception = _maybe(rng, known, "past" if chance(rng, d["deception_past_clarified"]) else "none")
    obstruction = _maybe(
        rng, known, "past" if lifted or chance(rng, d["obstruction_past_clarified"]) else "none"
    )
    return deception, obstruction


def _known(value: str) -> str | None:
    return None if value == "unknown" else value


def _day_or(text: Any, default: Day) -> Day:
    return date.fromisoformat(text).toordinal() if isinstance(text, str) else default


def _past_60b(rng: Random, ctx: Context, chain: list[Seg]) -> Day | None:
    """Lay a lifted § 60b period over an earlier Duldung; returns its last day."""
    today = ctx.today
    spans = [
        s
        for s in chain
        if s.kind == DULDUNG and s.documented and s.end >= ctx.in_force_60b + 120 and s.start <= today - 240
    ]
    if not spans:
        return None
    s = spans[int(rng.random() * len(spans))]
    lo = max(s.start, ctx.in_force_60b)
    hi = min(s.end, today - 120) - 60
    if hi < lo:
        return None
    first = between(rng, lo, hi)
    last = min(first + between(rng, 60, 700), min(s.end, today - 60))
    overlay(chain, first, last, "60b")
    return last


def _identity(
    rng: Random,
    ctx: Context,
    p: Person,
    kind: str,
    deception: str | None,
    obstruction: str | None,
    s60b: Day | None,
    lifted: Day | None,
    dul_first: Day | None,
) -> dict[str, Any] | None:
    """The identity object; None when the file says nothing about identity."""
    today, d = ctx.today, ctx.m["identity_details"]
    entry = p.member.entry
    if kind == "unknown":
        return None
    ident: dict[str, Any] = {}
    after = dul_first or entry
    if kind in ("passport_valid", "clarified_other"):
        p.clarified = True
        if kind == "passport_valid":
            p.passport = "valid"
        else:
            p.passport = "expired" if chance(rng, d["clarified_other_passport_expired"]) else "none"
        ident["clarified"] = True
        if lifted is not None:
            ident["clarified_on"] = iso(min(lifted + 1, today))
        elif chance(rng, d["clarified_on_in_file"]):
            ident["clarified_on"] = _dated(rng, entry, today)
        ident["passport"] = p.passport
        if p.passport == "valid" and chance(rng, d["passport_valid_until_in_file"]):
            ident["passport_valid_until"] = iso(today + between(rng, 60, 3600))
        elif p.passport == "expired" and chance(rng, d["expired_until_in_file"]):
            ident["passport_valid_until"] = iso(
                between(rng, max(entry - 1500, p.member.birth + 1), today - 1)
            )
        if p.passport != "valid":
            _put(ident, "passport_obtainable", _obtainable(rng, ctx, p.nationality))
    elif kind == "unclarified":
        p.clarified = False
        p.passport = "expired" if chance(rng, d["unclarified_passport_expired"]) else "none"
        ident["clarified"] = False
        ident["passport"] = p.passport
        _put(ident, "passport_obtainable", _obtainable(rng, ctx, p.nationality))
        if chance(rng, d["instructed_unclarified"]) and after < today - 30:
            ident["instructed_on"] = _dated(rng, after, today - 30)
        if chance(rng, ctx.m["identity_efforts_share"]):
            ident["efforts"] = _efforts(rng, ctx, after, today, between(rng, 1, 4))
    else:  # current § 60b
        assert s60b is not None
        p.clarified, p.passport = False, "none"
        ident["clarified"] = False
        ident["passport"] = "none"
        _put(ident, "passport_obtainable", "yes" if chance(rng, d["passport_obtainable_60b_yes"]) else None)
        if deception == "current" and chance(rng, ctx.m["nationality_unclarified_share"]):
            p.nationality = "XXX"
        if chance(rng, d["instructed_60b"]) and s60b - 14 >= after:
            ident["instructed_on"] = _dated(rng, max(after, s60b - 400), s60b - 14)
        if chance(rng, d["efforts_60b"]):
            ident["efforts"] = _efforts(rng, ctx, max(after, s60b - 200), today, between(rng, 1, 3))
    _put(ident, "deception", deception)
    _put(ident, "obstruction", obstruction)
    return ident


def _obtainable(rng: Random, ctx: Context, nationality: str) -> str | None:
    if nationality == "XXA":
        return "impossible"  # stateless
    return _known(ctx.passport_obtainable(rng))


def _efforts(rng: Random, ctx: Context, lo: Day, hi: Day, n: int) -> list[dict[str, Any]]:
    with_evidence = ctx.m["identity_details"]["effort_evidence"]
    return [
        {
            "date": iso(d),
            "action": EFFORTS[int(rng.random() * len(EFFORTS))],
            "evidence": chance(rng, with_evidence),
        }
        for d in sorted(between(rng, lo, hi) for _ in range(n))
    ]


def _employment_ban(
    rng: Random,
    ctx: Context,
    p: Person,
    own_fault: bool,
    s60b: Day | None,
    in_duldung: bool,
    dul_first: Day | None,
) -> dict[str, Any] | None:
    """§ 60b Abs. 5 / § 60a Abs. 6 ban as in the file; {"imposed": False} = known: none; None = unknown."""
    today, rates = ctx.today, ctx.m["employment_ban"]
    if s60b is not None:
        return {"imposed": True, "ground": "60b_5", "since": iso(s60b)}
    if in_duldung and dul_first is not None:
        cutoff = ctx.safe_countries.get(p.nationality)
        proc = p.procedure
        after_cutoff = cutoff is not None and (
            proc.outcome == NEVER or (proc.applied is not None and proc.applied > cutoff)
        )
        if after_cutoff and chance(rng, rates["safe_country"]):
            return {"imposed": True, "ground": "60a_6_3", "since": iso(dul_first)}
        if own_fault and chance(rng, rates["own_fault"]):
            return {"imposed": True, "ground": "60a_6_2", "since": _dated(rng, dul_first, today)}
        r = rng.random()
        if r < rates["benefits_entry"]:
            return {"imposed": True, "ground": "60a_6_1", "since": _dated(rng, dul_first, today)}
        if r < rates["benefits_entry"] + rates["other"]:
            return {"imposed": True, "ground": "other", "since": _dated(rng, dul_first, today)}
    return None if chance(rng, ctx.m["unknown"]["employment_ban"]) else {"imposed": False}


def _job_start(rng: Random, ctx: Context, earliest: Day, *, training: bool) -> Day:
    today = ctx.today
    latest = today - 14
    if training:
        # trainings start on 1 August or 1 September of one of the last three years
        years = [y for y in range(ctx.as_of.year - 3, ctx.as_of.year + 1)]
        starts = [date(y, mo, 1).toordinal() for y in years for mo in (8, 9)]
        starts = [d for d in starts if earliest <= d <= latest and today - d < 3 * 365]
        if starts:
            return starts[int(rng.random() * len(starts))]
    tenure = int(rng.expovariate(1 / 700)) + 14
    return max(earliest, today - tenure)


def _job(rng: Random, ctx: Context, kind: str, first: Day, last: Day | None, married: bool) -> dict[str, Any]:
    m, d = ctx.m, ctx.m["work_details"]
    wage = m["hourly_wage_gross"]
    hourly = wage["min"] + rng.random() * (wage["max"] - wage["min"])
    if kind == "full_time":
        options = d["full_time_hours"]
        hours = options[int(rng.random() * len(options))]
    else:
        hours = between(rng, *d["part_time_hours" if kind == "part_time" else "minijob_hours"])
    gross = hours * 4.33 * hourly
    if kind == "minijob":
        net = min(gross, m["minijob_limit_eur"])
    else:
        net = gross * m["net_factor"]["married" if married else "single"]
    job: dict[str, Any] = {
        "from": iso(first),
        "to": iso(last) if last is not None else None,
        "hours_per_week": hours,
        "social_insurance": kind != "minijob",
        "net_monthly_eur": float(round(net / 10) * 10),
    }
    if chance(rng, d["qualified_in_file"]):
        job["qualified"] = kind == "full_time" and chance(rng, d["qualified_full_time"])
    return job


def _training(rng: Random, ctx: Context, start: Day) -> dict[str, Any]:
    d = ctx.m["work_details"]
    assistant = chance(rng, d["assistant_training"])
    training: dict[str, Any] = {
        "from": iso(start),
        "to": None,
        "kind": "assistant" if assistant else "qualified",
        "contract_signed_on": iso(start - between(rng, 20, 150)),
        "state": "ongoing",
    }
    if assistant:
        training["followup_commitment_shortage_occupation"] = chance(rng, d["followup_commitment"])
    return training


def _completed_training(
    rng: Random, ctx: Context, p: Person, trainings: list[dict[str, Any]], work_from: Day
) -> None:
    """A finished qualified training in Germany (the § 19d Abs. 1a / § 16g cases)."""
    end = ctx.today - between(rng, 30, 700)
    start = end - between(rng, 730, 1200)
    if start < work_from:
        return
    trainings.append({"from": iso(start), "to": iso(end), "kind": "qualified", "state": "completed"})
    p.out.setdefault("qualifications", []).append(
        {"kind": "vocational", "date": iso(end), "obtained_in_germany": True, "recognised": True}
    )


def _german_adult(
    rng: Random, ctx: Context, p: Person, sbin: str, working: bool
) -> tuple[list[dict[str, Any]] | None, int, Day | None]:
    """German evidence: (list, None = unknown; highest proven level index or -1; day of that proof)."""
    m, today, d = ctx.m, ctx.today, ctx.m["german_details"]
    if chance(rng, m["unknown"]["german"]):
        return None, -1, None
    entry = p.member.entry
    lo = max(entry + 180, years_after(p.member.birth, 14))
    prob = min(0.95, m["german_by_stay"][sbin] * (1.15 if working else 1.0))
    if lo < today - 7 and chance(rng, prob):
        level = ctx.german_level(rng)
        if sbin in ("6-8", ">8") and level == "A1" and chance(rng, d["a1_to_a2_after_6_years"]):
            level = "A2"
        idx = LEVELS.index(level)
        proof = between(rng, lo, today - 7)
        evidence = "certificate" if chance(rng, d["certificate"]) else "assessment"
        entry_: dict[str, Any] = {"level": level}
        if chance(rng, d["oral_only"]):
            entry_["skill"] = "oral"
        elif chance(rng, d["skill_all_stated"]):
            entry_["skill"] = "all"
        entry_["date"] = iso(proof)
        entry_["evidence"] = evidence
        out = [entry_]
        if idx >= 1 and proof - 200 > lo and chance(rng, d["earlier_level_too"]):
            out.insert(
                0, {"level": LEVELS[idx - 1], "date": _dated(rng, lo, proof - 200), "evidence": "certificate"}
            )
        return out, idx, proof
    if chance(rng, m["german_self_reported_share"]):
        level = ("A1", "A2", "B1")[int(rng.random() * 3)]
        return [{"level": level, "evidence": "self_reported"}], -1, None
    return [], -1, None


def _civics(rng: Random, ctx: Context, p: Person, level: int, proof: Day | None, years: int) -> None:
    out, today, d = p.out, ctx.today, ctx.m["civics"]
    passed_on: Day | None = None
    if proof is not None and level >= 1 and years >= 2 and chance(rng, ctx.m["civics_passed_with_a2"]):
        passed_on = between(rng, proof, today - 1) if proof < today - 1 else proof
    elif years >= 2 and chance(rng, d["passed_without_certificate"]):
        passed_on = between(rng, p.member.entry + 365, today - 1)
    if passed_on is not None:
        out["civics_test_passed_on"] = iso(passed_on)
        out["civics_test_passed"] = True
        if chance(rng, d["fdgo_if_passed"]):
            out["fdgo_declaration"] = True
    elif chance(rng, d["known_not_passed"]):
        out["civics_test_passed"] = False
    elif chance(rng, d["fdgo_otherwise"]):
        out["fdgo_declaration"] = True


def school_start(birth: Day) -> Day:
    """1 August of the school year in which a child starts school (six by 30 June)."""
    b = date.fromordinal(birth)
    return date(b.year + (6 if (b.month, b.day) <= (6, 30) else 7), 8, 1).toordinal()


def _past_school(rng: Random, ctx: Context, p: Person) -> None:
    """School in Germany for someone who came as a child and is an adult now."""
    member, d = p.member, ctx.m["schooling_details"]
    start = max(member.entry + between(rng, 14, 120), school_start(member.birth))
    end = min(
        date(date.fromordinal(member.birth).year + between(rng, 16, 18), 7, 31).toordinal(), ctx.today - 1
    )
    if end <= start + 180:
        return
    school: dict[str, Any] = {"kind": "school", "from": iso(start), "to": iso(end)}
    if chance(rng, d["young_adult_successful_in_file"]):
        school["successful"] = chance(rng, d["young_adult_successful"])
    p.out["schooling"] = [school]
    if chance(rng, d["school_leaving_certificate"]):
        p.out.setdefault("qualifications", []).append(
            {"kind": "school_leaving", "date": iso(end), "obtained_in_germany": True, "recognised": True}
        )
    if chance(rng, ctx.m["german_details"]["school_proof_young_adults"]):
        proof = {"level": "B1" if chance(rng, 0.7) else "B2", "date": iso(end), "evidence": "school"}
        p.out.setdefault("german", []).append(proof)


def _foreign_qualification(rng: Random, ctx: Context, birth: Day, entry: Day) -> dict[str, Any] | None:
    """A school-leaving or vocational certificate from the country of origin, obtained before entry."""
    d = ctx.m["schooling_details"]
    first, last = years_after(birth, 17), min(years_after(birth, 24), entry - 30)
    if last < first:
        return None
    q: dict[str, Any] = {
        "kind": "vocational" if chance(rng, d["foreign_vocational"]) else "school_leaving",
        "date": _dated(rng, first, last),
        "obtained_in_germany": False,
    }
    if chance(rng, d["foreign_not_recognised_in_file"]):
        q["recognised"] = False
    return q


# ------------------------------------------------------------------------------------------ minors


def fill_minor(rng: Random, ctx: Context, p: Person, head: Person | None) -> None:
    """Facts of a person under 18 (``head``: the adult heading the household, None if alone)."""
    today, m = ctx.today, ctx.m
    out, member = p.out, p.member
    d = m["identity_details"]
    # identity follows the parent who heads the household
    if head is not None and head.clarified is not None:
        ident: dict[str, Any] = {"clarified": head.clarified}
        has_passport = (
            head.passport == "valid" and p.age >= 1 and chance(rng, d["child_passport_if_parent_has_one"])
        )
        ident["passport"] = "valid" if has_passport else "none"
        out["identity"] = ident
    elif head is None:  # alone
        clarified = chance(rng, d["unaccompanied_minor_clarified"])
        out["identity"] = {
            "clarified": clarified,
            "passport": "valid" if clarified and chance(rng, 0.5) else "none",
        }
    cur = current(p.chain, today)
    if (
        p.age >= 16
        and cur is not None
        and cur.kind == DULDUNG
        and cur.documented
        and today >= ctx.in_force_60b + 14
        and chance(rng, m["duldung_60b_minor_16_17"])
    ):
        since = between(rng, max(cur.start, ctx.in_force_60b), max(cur.start, ctx.in_force_60b, today - 14))
        overlay(p.chain, since, today, "60b")
        out["identity"] = {"clarified": False, "passport": "none", "obstruction": "current"}
        out["employment_ban"] = {"imposed": True, "ground": "60b_5", "since": iso(since)}
    # school
    if p.age >= 6 and not chance(rng, m["unknown"]["schooling"]):
        start = max(member.entry + between(rng, 14, 120), school_start(member.birth))
        if start <= today - 1 and chance(rng, m["school_attendance"]):
            sd = m["schooling_details"]
            vocational = p.age >= 16 and chance(rng, sd["vocational_school_16_17"])
            school: dict[str, Any] = {
                "kind": "vocational_school" if vocational else "school",
                "from": iso(start),
                "to": None,
            }
            success = ctx.school_success(rng)
            if success != "unknown":
                school["successful"] = success == "true"
            out["schooling"] = [school]
            if today - start > 365 and chance(rng, m["german_details"]["school_proof_children"]):
                level = "B1" if chance(rng, 0.6) else ("A2" if chance(rng, 0.5) else "B2")
                out["german"] = [
                    {"level": level, "date": _dated(rng, start + 365, today), "evidence": "school"}
                ]
        else:
            out["schooling"] = []
    if p.age >= 14:
        _record(rng, ctx, p)
    elif not chance(rng, m["unknown"]["convictions"]):
        out["convictions"] = []  # under 14: below the age of criminal responsibility


# ------------------------------------------------------------------------------------------ both


def _record(rng: Random, ctx: Context, p: Person) -> None:
    """Convictions, pending proceedings, entry ban."""
    m, today, out = ctx.m, ctx.today, p.out
    member, other, unknown = p.member, m["other_facts"], m["unknown"]
    if not chance(rng, unknown["convictions"]):
        convictions: list[dict[str, Any]] = []
        lo = max(member.entry, years_after(member.birth, 14)) + 30
        hi = today - 30
        n = 0
        kind = ctx.conviction(rng)
        while kind != "none" and lo <= hi and n < 3:
            d = between(rng, lo, hi)
            convictions.append(_conviction(rng, ctx, kind, d, age_on(member.birth, d)))
            n += 1
            kind = "fine_small" if chance(rng, m["conviction_details"]["second"]) else "none"
        convictions.sort(key=lambda c: c["date"])
        out["convictions"] = convictions
    pending = _flag(rng, unknown["pending_proceedings"], m["pending_proceedings"])
    _put(out, "pending_criminal_proceedings", pending)
    if p.procedure.outcome == "rejected_manifestly_unfounded_qualified":
        out["entry_ban_active"] = chance(rng, other["entry_ban_qualified"])
    else:
        _put(out, "entry_ban_active", _flag(rng, unknown["entry_ban"], other["entry_ban_other"]))


def _conviction(rng: Random, ctx: Context, kind: str, d: Day, age: int) -> dict[str, Any]:
    cd = ctx.m["conviction_details"]
    if age < 21 and kind != "fine_small":
        kind = "youth"
    if kind == "youth":
        if age < 18 or chance(rng, cd["juvenile_law_18_20"]):
            if chance(rng, cd["youth_measures"]):
                return {"date": iso(d), "sanction": "youth_measures"}
            return {
                "date": iso(d),
                "sanction": "youth_custody",
                "months": between(rng, 6, 24),
                "suspended": chance(rng, cd["youth_custody_suspended"]),
            }
        kind = "fine_small"
    if kind.startswith("fine"):
        rates = {"fine_small": (10, 50), "fine_mid": (51, 90), "fine_large": (91, 180)}[kind]
        conviction: dict[str, Any] = {"date": iso(d), "sanction": "fine", "daily_rates": between(rng, *rates)}
        share = cd["foreigner_only_large" if kind == "fine_large" else "foreigner_only_small"]
        conviction["foreigner_only_offence"] = chance(rng, share)
        return conviction
    suspended = kind == "prison_suspended"
    months = between(rng, 3, 24) if suspended else between(rng, 6, 48)
    return {"date": iso(d), "sanction": "prison", "months": months, "suspended": suspended}


def finish(rng: Random, ctx: Context, p: Person, tpl: Template, imminent: bool | None) -> None:
    """Facts that depend on the final Duldung kind: removal measures, applications, current paper."""
    today, out, m = ctx.today, p.out, ctx.m
    cur = current(p.chain, today)
    basis = cur.basis if cur is not None and cur.kind == DULDUNG else None
    if basis in ("60a", "60b"):
        _put(out, "removal_measures_imminent", imminent)
    elif basis in ("60c", "60d") and not chance(rng, m["unknown"]["removal_measures"]):
        out["removal_measures_imminent"] = False  # excluded by § 60c Abs. 2 Nr. 5 / § 60d Abs. 1 Nr. 2
    applications: list[dict[str, Any]] = []
    c104 = tpl.c104
    first_day = max(p.member.birth, p.member.entry)
    if cur is not None and cur.kind == FIKTION and c104 is not None and first_day < c104.expires - 1:
        # the application that keeps the § 104c permit alive (§ 81 Abs. 4)
        age_then = age_on(p.member.birth, c104.expires)
        young = 14 <= age_then < 27 and chance(rng, m["applications"]["fiktion_25a_if_young"])
        path = "aufenthg_25a" if young else "aufenthg_25b"
        if age_then < 14:
            path = "aufenthg_25b_family"
        lo = max(c104.granted + 30, c104.expires - 90, first_day)
        applications.append({"path": path, "filed_on": _dated(rng, lo, c104.expires - 1)})
    elif (
        p.age >= 18 and age_on(p.member.entry, today) >= 3 and chance(rng, m["applications"]["pending_share"])
    ):
        path = ctx.application_path(rng)
        if path == "aufenthg_25a" and p.age >= 27:
            path = "aufenthg_25b"
        applications.append({"path": path, "filed_on": _dated(rng, today - 180, today - 1)})
    if applications or not chance(rng, m["unknown"]["applications"]):
        out["applications"] = applications
