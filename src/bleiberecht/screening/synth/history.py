"""Residence histories: asylum procedure, status chain (Gestattung -> Duldung, gaps, abroad, § 104c, Fiktion).

A household gets one template history; each person takes it from their own start (entry or birth). Children
born in Germany and spouses who came later run their own asylum procedure first. Person-level Duldung kinds
(§ 60b, § 60c, § 60d) are laid over the chain afterwards with ``overlay``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from bleiberecht.screening.synth.context import Context
from bleiberecht.screening.synth.draw import Day, between, chance, months_after

GESTATTUNG, DULDUNG, AE, FIKTION, VISA, ABROAD, UNLAWFUL = (
    "gestattung",
    "duldung",
    "aufenthaltserlaubnis",
    "fiktion",
    "visa",
    "abroad",
    "unlawful",
)
NEVER = "never_applied"


@dataclass(slots=True)
class Seg:
    """One status period; ``end`` is inclusive; a chain's last period ends on as_of (= ongoing)."""

    kind: str
    start: Day
    end: Day
    basis: str | None = None
    documented: bool = True

    def copy(self) -> Seg:
        return Seg(self.kind, self.start, self.end, self.basis, self.documented)


@dataclass(slots=True)
class Procedure:
    outcome: str
    applied: Day | None = None
    decided: Day | None = None
    final: Day | None = None
    start: Day | None = None  # first day of the Gestattung


@dataclass(slots=True)
class C104:
    granted: Day
    expires: Day
    afterwards: str | None  # None while the permit is still valid on as_of


@dataclass(slots=True)
class Template:
    procedure: Procedure
    segs: list[Seg]
    duldung_from: Day
    last_entry: Day | None  # return from abroad
    c104: C104 | None


# ------------------------------------------------------------------------------------------ asylum procedure


def procedure(
    rng: Random, ctx: Context, arrival: Day, outcome: str, *, limit: Day | None, by_birth: bool = False
) -> Procedure:
    """Dates of an asylum procedure from ``arrival``; compressed so that it is final by ``limit`` if given.

    Without a limit the procedure may still run on as_of: then ``final`` (and maybe ``decided``) stay None and
    the outcome is 'pending' if nothing has been decided yet.
    """
    today, d = ctx.today, ctx.m["asylum_procedure"]
    start = arrival if by_birth else arrival + between(rng, 0, 5)
    b_from, b_to, b_days = ctx.backlog
    if by_birth:
        delay = between(rng, *d["delay_by_birth_days"])
    elif b_from <= arrival <= b_to:
        delay = between(rng, 30, b_days)
    else:
        delay = between(rng, *d["delay_days"])
    applied = start + delay
    kind = "manifestly_unfounded" if outcome.startswith("rejected_manifestly") else outcome
    decided = applied + between(rng, *d["decision_days"][kind])
    if chance(rng, d["appeal_share"][kind]):
        final = decided + between(rng, *d["appeal_days"][kind])
    else:
        final = decided + d["final_without_appeal_days"][kind]
    if limit is not None and final > limit:
        total, room = final - start, max(limit - start, 3)
        applied = start + (applied - start) * room // total
        decided = max(applied, start + (decided - start) * room // total)
        final = max(decided, limit)
    if limit is None and final > today:
        if decided > today:
            return Procedure("pending", applied if applied <= today else start, None, None, start)
        return Procedure(outcome, applied, decided, None, start)
    return Procedure(outcome, applied, decided, final, start)


# ------------------------------------------------------------------------------------- household template


def household_template(rng: Random, ctx: Context, entry: Day) -> Template:
    today, days = ctx.today, ctx.m["history_days"]
    outcome = ctx.asylum_outcome(rng)
    segs: list[Seg] = []
    if outcome == NEVER:
        proc = Procedure(NEVER)
        after = entry
        if chance(rng, ctx.m["visa_entry_share"]):
            visa_end = min(entry + 89, today - 8)
            segs.append(Seg(VISA, entry, visa_end))
            after = visa_end + 1
        first = after
        if chance(rng, ctx.m["never_applied_unlawful_share"]):
            first = max(after, min(after + between(rng, *days["never_applied_until_duldung"]), today - 7))
        if first > after:
            segs.append(Seg(UNLAWFUL, after, first - 1))
        dul_from = first
    else:
        room = today - entry
        limit = today - max(3, min(between(rng, 14, 90), room // 3))
        proc = procedure(rng, ctx, entry, outcome, limit=limit)
        assert proc.start is not None and proc.final is not None
        segs.append(Seg(GESTATTUNG, proc.start, proc.final))
        dul_from = proc.final + 1
        r = rng.random()
        if r < ctx.m["undocumented_start_share"]:
            end = min(dul_from + between(rng, *days["undocumented_start"]), today - 7)
            if end >= dul_from:
                segs.append(Seg(DULDUNG, dul_from, end, "60a", documented=False))
                dul_from = end + 1
        elif r < ctx.m["undocumented_start_share"] + ctx.m["unlawful_episode_share"]:
            end = min(dul_from + between(rng, *days["unlawful_episode"]), today - 7)
            if end >= dul_from:
                segs.append(Seg(UNLAWFUL, dul_from, end))
                dul_from = end + 1

    c104 = _c104(rng, ctx, entry, dul_from)
    if c104 is None:
        segs.append(Seg(DULDUNG, dul_from, today, "60a"))
    else:
        if c104.granted > dul_from:
            segs.append(Seg(DULDUNG, dul_from, c104.granted - 1, "60a"))
        segs.append(Seg(AE, c104.granted, min(c104.expires, today), "104c"))
        if c104.afterwards == FIKTION:
            segs.append(Seg(FIKTION, c104.expires + 1, today))
        elif c104.afterwards == DULDUNG:
            back = min(c104.expires + 1 + (between(rng, 1, 20) if chance(rng, 0.3) else 0), today)
            segs.append(Seg(DULDUNG, back, today, "60a"))
    for _ in range(ctx.gaps(rng)):
        _punch_gap(rng, ctx, segs)
    last_entry = None
    if c104 is None and chance(rng, ctx.m["abroad_share"]):
        last_entry = _abroad(rng, ctx, segs)
    return Template(proc, segs, dul_from, last_entry, c104)


def _c104(rng: Random, ctx: Context, entry: Day, dul_from: Day) -> C104 | None:
    """§ 104c for households in Germany since the cut-off who got it (and are still in the caseload)."""
    today = ctx.today
    if entry > ctx.c104_cutoff or today < ctx.c104_first + 30 or not chance(rng, ctx.m["c104"]["share"]):
        return None
    year = ctx.grant_year(rng)
    lo = max(ctx.c104_first, date(year, 1, 1).toordinal(), dul_from + 1)
    hi = min(ctx.c104_last, date(year, 12, 31).toordinal(), today - 30)
    if hi < lo:
        return None
    granted = between(rng, lo, hi)
    expires = months_after(granted, ctx.c104_months)
    afterwards = ctx.after_104c(rng) if expires < today else None
    return C104(granted, expires, afterwards)


def _duldung_spans(segs: list[Seg], min_len: int) -> list[int]:
    return [
        i for i, s in enumerate(segs) if s.kind == DULDUNG and s.documented and s.end - s.start >= min_len
    ]


def _punch_gap(rng: Random, ctx: Context, segs: list[Seg]) -> None:
    """A gap between two Duldung papers: nothing on file, a claim without paper, or unlawful stay."""
    long = chance(rng, ctx.m["long_gap_share"])
    length = between(rng, *ctx.m["history_days"]["long_gap" if long else "short_gap"])
    candidates = _duldung_spans(segs, length + 90)
    if not candidates:
        return
    i = candidates[int(rng.random() * len(candidates))]
    seg = segs[i]
    first = between(rng, seg.start + 30, seg.end - 30 - length)
    last = first + length - 1
    kind = ctx.gap_kind(rng)
    if kind == "unlawful" and not long:
        kind = "none"  # a late renewal of a few days leaves no unlawful stay on file
    filler: list[Seg] = []
    if kind == "undocumented":
        filler = [Seg(DULDUNG, first, last, seg.basis, documented=False)]
    elif kind == "unlawful":
        filler = [Seg(UNLAWFUL, first, last)]
    segs[i : i + 1] = [
        Seg(DULDUNG, seg.start, first - 1, seg.basis),
        *filler,
        Seg(DULDUNG, last + 1, seg.end, seg.basis),
    ]


def _abroad(rng: Random, ctx: Context, segs: list[Seg]) -> Day | None:
    """A stay abroad (the Duldung lapses, § 60a Abs. 5 S. 1); returns the day of the last entry."""
    candidates = _duldung_spans(segs, 150)
    if not candidates:
        return None
    i = candidates[int(rng.random() * len(candidates))]
    seg = segs[i]
    left = between(rng, seg.start + 30, seg.end - 100)
    back = left + between(rng, *ctx.m["history_days"]["abroad"])
    resumed = back + (between(rng, 3, 30) if chance(rng, 0.3) else 0)
    replacement = [Seg(DULDUNG, seg.start, left - 1, seg.basis), Seg(ABROAD, left, back - 1)]
    if resumed > back:
        replacement.append(Seg(UNLAWFUL, back, resumed - 1))
    replacement.append(Seg(DULDUNG, resumed, seg.end, seg.basis))
    segs[i : i + 1] = replacement
    return back


# ------------------------------------------------------------------------------------------ per person


def clip(segs: list[Seg], start: Day) -> list[Seg]:
    """The part of a chain from ``start`` on (copies)."""
    out = []
    for s in segs:
        if s.end < start:
            continue
        c = s.copy()
        c.start = max(c.start, start)
        out.append(c)
    return out


def segment_at(segs: list[Seg], day_: Day) -> Seg | None:
    for s in segs:
        if s.start <= day_ <= s.end:
            return s
    return None


def person_history(
    rng: Random, ctx: Context, tpl: Template, start: Day, *, born_here: bool, with_household: bool
) -> tuple[list[Seg], Procedure]:
    """The person's status chain and asylum procedure (never_applied e.g. for a child born into a permit)."""
    proc = tpl.procedure
    if with_household:
        return [s.copy() for s in tpl.segs], proc
    at = segment_at(tpl.segs, start)
    at_kind = at.kind if at is not None else None
    if proc.outcome != NEVER and at_kind in (None, DULDUNG, UNLAWFUL, ABROAD):
        # own procedure: § 14a AsylG for a child born here, a spouse who came later
        outcome = (
            ("rejected_manifestly_unfounded" if chance(rng, 0.5) else "rejected")
            if born_here
            else ctx.late_asylum_outcome(rng)
        )
        own = procedure(rng, ctx, start, outcome, limit=None, by_birth=born_here)
        assert own.start is not None
        if own.final is None:
            return [Seg(GESTATTUNG, own.start, ctx.today)], own
        return [Seg(GESTATTUNG, own.start, own.final), *clip(tpl.segs, own.final + 1)], own
    chain = clip(tpl.segs, start)
    if born_here:
        for s in chain:
            if s.kind == VISA:
                s.kind = UNLAWFUL
            elif s.kind == AE:
                s.basis = "other"  # § 33 AufenthG: a child born to a permit holder
    if at_kind == GESTATTUNG and proc.decided is not None and proc.final is not None:
        # joins the household's pending procedure (§ 14a AsylG for a child born here)
        if proc.decided > start:
            applied = max(start, min(start + between(rng, 3, 60), proc.decided - 1))
            return chain, Procedure(proc.outcome, applied, proc.decided, proc.final, start)
        # the household's case is already in court: the newcomer's own decision comes in between
        applied = min(start + between(rng, 3, 60), proc.final)
        decided = between(rng, applied, proc.final)
        return chain, Procedure(proc.outcome, applied, decided, proc.final, start)
    return chain, Procedure(NEVER)


def current(chain: list[Seg], today: Day) -> Seg | None:
    last = chain[-1] if chain else None
    return last if last is not None and last.end >= today else None


def overlay(chain: list[Seg], first: Day, last: Day, basis: str) -> None:
    """Give documented Duldung periods within [first, last] the basis ``basis`` (splitting them as needed)."""
    out: list[Seg] = []
    for s in chain:
        if s.kind != DULDUNG or not s.documented or s.end < first or s.start > last:
            out.append(s)
            continue
        if s.start < first:
            out.append(Seg(DULDUNG, s.start, first - 1, s.basis))
        out.append(Seg(DULDUNG, max(s.start, first), min(s.end, last), basis))
        if s.end > last:
            out.append(Seg(DULDUNG, last + 1, s.end, s.basis))
    chain[:] = out
