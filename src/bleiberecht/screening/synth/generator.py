"""Build one case (a household or family) from the pieces: household, histories, person facts, money."""

from __future__ import annotations

from random import Random
from typing import Any

from bleiberecht.screening.synth import names
from bleiberecht.screening.synth.context import Context
from bleiberecht.screening.synth.draw import Day, between, chance, iso, years_before
from bleiberecht.screening.synth.history import (
    ABROAD,
    AE,
    DULDUNG,
    FIKTION,
    Seg,
    Template,
    current,
    household_template,
    overlay,
    person_history,
)
from bleiberecht.screening.synth.household import HEAD, PARTNER, Member, compose
from bleiberecht.screening.synth.money import household_money
from bleiberecht.screening.synth.person import KEY_ORDER, Person, fill_adult, fill_minor, finish

_STAY_LIMITS = {"<1": (0, 0), "1-3": (1, 2), "3-6": (3, 5), "6-8": (6, 7)}


def build_case(rng: Random, ctx: Context, case_id: str, budget: int, seed: int) -> dict[str, Any]:
    today, m = ctx.today, ctx.m
    members = compose(rng, ctx, budget)
    nationality = ctx.nationality(rng)
    entry = _household_entry(rng, ctx)
    tpl = household_template(rng, ctx, entry)

    persons: list[Person] = []
    for member in members:
        start, with_household = _person_start(rng, ctx, member, entry, tpl)
        chain, proc = person_history(
            rng, ctx, tpl, start, born_here=member.born_here, with_household=with_household
        )
        persons.append(Person(member, nationality, chain, proc))
    head = persons[0]
    for p in persons:
        if p.member.role in (HEAD, PARTNER) and not p.member.male:
            p.has_child_under_3 = any(c.member.age < 3 and p.member in c.member.parents for c in persons)

    for p in persons:
        if p.age >= 18:
            fill_adult(rng, ctx, p)
        else:
            fill_minor(rng, ctx, p, head if head is not p else None)
    _family_60d(persons, today)

    # the household shares whether its removal is imminent (stat L107)
    imminent: bool | None = None
    if chance(rng, m["removal_measures_imminent"]):
        imminent = True
    elif not chance(rng, m["unknown"]["removal_measures"]):
        imminent = False
    family = ""
    if not chance(rng, m["unknown"]["name"]):
        family = names.family_name(rng, nationality)
    docs = []
    for i, p in enumerate(persons):
        finish(rng, ctx, p, tpl, imminent)
        docs.append(_person_doc(rng, ctx, p, tpl, family, note=i == 0, seed=seed))

    main = [p for p in persons if not p.member.separate_household]
    households = [household_money(rng, ctx, main)]
    households += [household_money(rng, ctx, [p]) for p in persons if p.member.separate_household]
    return {
        "format": "bleiberecht.case/1",
        "id": case_id,
        "as_of": ctx.as_of.isoformat(),
        "land": ctx.land,
        "persons": docs,
        "households": households,
    }


def _household_entry(rng: Random, ctx: Context) -> Day:
    """First entry of the household, drawn from the stay classes (completed years before as_of)."""
    label = ctx.stay(rng)
    if label == ">8":
        years = min(25, 8 + int(rng.expovariate(1 / ctx.m["stay_over_8_mean_extra_years"])))
        lo_years, hi_years = years, years
    else:
        lo_years, hi_years = _STAY_LIMITS[label]
    lo = years_before(ctx.as_of, hi_years + 1) + 1
    hi = min(years_before(ctx.as_of, lo_years), ctx.today - 45)
    return between(rng, lo, hi)


def _person_start(rng: Random, ctx: Context, member: Member, entry: Day, tpl: Template) -> tuple[Day, bool]:
    """(first day in Germany, whether the person shares the household history from its start)."""
    today = ctx.today
    if member.birth > entry:
        member.born_here = True
        member.entry = member.birth
        if tpl.last_entry is not None and member.birth < tpl.last_entry:
            # born while the family was abroad: arrived with them
            back = tpl.last_entry
            abroad = next((s for s in tpl.segs if s.kind == ABROAD), None)
            if abroad is not None and abroad.start <= member.birth:
                member.born_here = False
                member.entry = back
                return back, False
        return member.birth, False
    if (
        member.role == PARTNER
        and member.spouse is not None
        and entry + 120 < today - 365
        and chance(rng, ctx.m["late_spouse_share"])
    ):
        late = entry + between(rng, 60, min(1095, today - 365 - entry))
        if late > member.birth:
            member.entry = late
            return late, False
    member.entry = tpl.last_entry if tpl.last_entry is not None else entry
    return entry, True


def _family_60d(persons: list[Person], today: Day) -> None:
    """§ 60d Abs. 2: spouse and minor children of a Beschäftigungsduldung holder get one too."""
    for holder in persons:
        since = holder.basis_60d_from
        if since is None:
            continue
        family = [
            p
            for p in persons
            if p.member is holder.member.spouse or (p.age < 18 and holder.member in p.member.parents)
        ]
        for p in family:
            cur = current(p.chain, today)
            if cur is not None and cur.kind == DULDUNG and cur.documented and cur.basis == "60a":
                overlay(p.chain, max(since, cur.start), today, "60d")


def _statuses(rng: Random, ctx: Context, p: Person, tpl: Template) -> list[dict[str, Any]]:
    today = ctx.today
    out = []
    last_index = len(p.chain) - 1
    for i, s in enumerate(p.chain):
        status: dict[str, Any] = {"type": s.kind}
        if s.basis is not None and s.kind in (DULDUNG, AE):
            status["basis"] = s.basis
        status["from"] = iso(s.start)
        ongoing = i == last_index and s.end >= today
        status["to"] = None if ongoing else iso(s.end)
        if ongoing:
            valid_until = _valid_until(rng, ctx, s, tpl)
            if valid_until is not None:
                status["valid_until"] = iso(valid_until)
        if not s.documented:
            status["documented"] = False
        out.append(status)
    return out


def _valid_until(rng: Random, ctx: Context, s: Seg, tpl: Template) -> Day | None:
    today = ctx.today
    if s.kind == AE:
        return (
            tpl.c104.expires if tpl.c104 is not None and s.basis == "104c" else today + between(rng, 30, 700)
        )
    if s.kind == FIKTION:
        return today + between(rng, 14, 180) if chance(rng, 0.6) else None
    if s.kind == DULDUNG and s.documented and chance(rng, ctx.m["current_duldung_valid_until_share"]):
        if s.basis in ("60c", "60d"):
            return today + between(rng, 90, 900)
        return today + (between(rng, 14, 35) if chance(rng, 0.15) else between(rng, 60, 183))
    return None


def _person_doc(
    rng: Random, ctx: Context, p: Person, tpl: Template, family: str, *, note: bool, seed: int
) -> dict[str, Any]:
    member, out, m = p.member, p.out, ctx.m
    out["id"] = member.pid
    if family:
        out["name"] = f"{names.given_name(rng, p.nationality, member.male)} {family}"
    out["birth_date"] = iso(member.birth)
    out["nationality"] = p.nationality
    if not chance(rng, m["unknown"]["entry_date"]):
        out["entry_date"] = iso(member.entry)
    if member.spouse is not None:
        out["spouse_id"] = member.spouse.pid
    if member.parents:
        out["parent_ids"] = [x.pid for x in member.parents]
    out["statuses"] = _statuses(rng, ctx, p, tpl)
    asylum = _asylum(rng, ctx, p)
    if asylum is not None:
        out["asylum"] = asylum
    if note:
        out["notes"] = (
            f"SYNTHETISCHER FALL (bleiberecht.screening.synth, seed {seed}) – keine realen Personendaten."
        )
    return {k: out[k] for k in KEY_ORDER if k in out}


def _asylum(rng: Random, ctx: Context, p: Person) -> dict[str, Any] | None:
    m = ctx.m
    proc = p.procedure
    if chance(rng, m["unknown"]["asylum"]):
        return None
    asylum: dict[str, Any] = {}
    if proc.applied is not None:
        asylum["applied_on"] = iso(proc.applied)
    asylum["outcome"] = proc.outcome
    dates_known = not chance(rng, m["unknown"]["asylum_dates"])
    if proc.decided is not None and dates_known:
        asylum["decided_on"] = iso(proc.decided)
    if proc.final is not None and dates_known:
        asylum["final_on"] = iso(proc.final)
    return asylum
