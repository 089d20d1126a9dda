"""Who lives together: the persons of one case, with role, sex, age, birth day and relationships."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random

from bleiberecht.screening.synth.context import Context
from bleiberecht.screening.synth.draw import Day, between, chance, years_before

HEAD, PARTNER, CHILD, ADULT_CHILD, GRANDPARENT = "head", "partner", "child", "adult_child", "grandparent"


@dataclass(slots=True, eq=False)
class Member:
    """One generated person while the case is being built (internal; the output is a case-v1 dict)."""

    role: str
    male: bool
    age: int
    birth: Day = 0
    entry: Day = 0
    born_here: bool = False
    pid: str = ""
    spouse: Member | None = None
    parents: list[Member] = field(default_factory=list)
    separate_household: bool = False


def compose(rng: Random, ctx: Context, budget: int) -> list[Member]:
    """Draw a household (at most ``budget`` persons) and set ids, birth days and relationships."""
    kind = ctx.household_kind(rng)
    m = ctx.m
    members: list[Member]
    if kind == "single":
        lo, hi = ctx.single_age(rng)
        members = [Member(HEAD, chance(rng, m["male_single"]), between(rng, lo, hi))]
    elif kind == "unaccompanied_minor":
        members = [Member(HEAD, chance(rng, m["male_unaccompanied_minor"]), between(rng, 14, 17))]
    elif kind == "couple":
        lo, hi = ctx.couple_age(rng)
        older = between(rng, lo, hi)
        younger = max(18, older - between(rng, 0, 8))
        man_older = chance(rng, 0.85)
        members = [Member(HEAD, True, older if man_older else younger)]
        members.append(Member(PARTNER, False, younger if man_older else older))
        _marry(members[0], members[1])
    else:
        members = _family(rng, ctx, two_parents=kind == "couple_children")
    del members[budget:]
    _keep_links_inside(members)
    for i, member in enumerate(members, start=1):
        member.pid = f"p{i}"
        member.birth = _birth(
            rng,
            ctx.as_of,
            member.age,
            jan_first=member.age >= 18 and chance(rng, m["jan_first_birthday_share"]),
        )
    return members


def _family(rng: Random, ctx: Context, *, two_parents: bool) -> list[Member]:
    m = ctx.m
    k = ctx.children_count(rng)
    ages = sorted((between(rng, *ctx.child_age(rng)) for _ in range(k)), reverse=True)
    oldest, youngest = ages[0], ages[-1]
    mother_age = max(oldest + 17, min(oldest + between(rng, 19, 33), youngest + 45))
    father_age = max(18, mother_age + int(rng.triangular(-2, 12, 3)))
    if two_parents:
        father, mother = Member(HEAD, True, father_age), Member(PARTNER, False, mother_age)
        _marry(father, mother)
        parents = [father, mother]
    elif chance(rng, m["mother_single_parent"]):
        parents = [Member(HEAD, False, mother_age)]
    else:
        parents = [Member(HEAD, True, father_age)]
    members = list(parents)
    if two_parents and mother_age >= 38 and chance(rng, m["adult_child_share"]):
        top = min(26, mother_age - 19)
        for _ in range(2 if chance(rng, 0.25) else 1):
            adult = Member(
                ADULT_CHILD, chance(rng, m["child_male"]), between(rng, 18, top), parents=list(parents)
            )
            adult.separate_household = chance(rng, m["adult_child_separate_household"])
            members.append(adult)
    members.extend(Member(CHILD, chance(rng, m["child_male"]), age, parents=list(parents)) for age in ages)
    if chance(rng, m["grandparent_share"]):
        parent = parents[-1]
        grandparent = Member(GRANDPARENT, chance(rng, 0.35), min(85, parent.age + between(rng, 19, 32)))
        parent.parents = [grandparent]
        members.append(grandparent)
    return members


def _marry(a: Member, b: Member) -> None:
    a.spouse, b.spouse = b, a


def _keep_links_inside(members: list[Member]) -> None:
    """After truncation to the person budget, drop links to persons who are not in the case."""
    inside = {id(x) for x in members}
    for member in members:
        if member.spouse is not None and id(member.spouse) not in inside:
            member.spouse = None
        member.parents = [p for p in member.parents if id(p) in inside]


def _birth(rng: Random, as_of: date, age: int, *, jan_first: bool) -> Day:
    """A birth day that makes the person exactly ``age`` on as_of (or 1 January of a fitting year)."""
    hi = years_before(as_of, age)
    lo = years_before(as_of, age + 1) + 1
    if jan_first:
        # the interval [lo, hi] is one year long and holds exactly one 1 January
        year = date.fromordinal(lo).year
        jan1 = date(year + 1, 1, 1).toordinal()
        return jan1 if jan1 <= hi else date(year, 1, 1).toordinal()
    return between(rng, lo, hi)
