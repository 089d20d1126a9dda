"""Household need (Bedarf as an SGB II calculation would give it) and public benefits received."""

from __future__ import annotations

from random import Random
from typing import Any

from bleiberecht.screening.synth.context import Context
from bleiberecht.screening.synth.draw import chance
from bleiberecht.screening.synth.person import Person


def _allowance(net: float, with_children: bool) -> float:
    """Erwerbstätigenfreibetrag (§ 11b Abs. 2, 3 SGB II), applied to net pay as an approximation."""
    if net <= 0:
        return 0.0
    top = 1500.0 if with_children else 1200.0
    free = min(net, 100.0)
    free += 0.2 * max(0.0, min(net, 520.0) - 100.0)
    free += 0.3 * max(0.0, min(net, 1000.0) - 520.0)
    free += 0.1 * max(0.0, min(net, top) - 1000.0)
    return free


def household_money(rng: Random, ctx: Context, members: list[Person]) -> dict[str, Any]:
    rb, housing = ctx.m["regelbedarf_eur"], ctx.m["housing_eur"]
    unknown = ctx.m["unknown"]
    adults = [p for p in members if p.age >= 18]
    minors = [p for p in members if p.age < 18]
    need = 0.0
    for p in adults:
        if len(adults) == 1:
            need += rb["single"]
        elif p.member.role == "adult_child" and p.age <= 24:
            need += rb["adult_in_household_18_24"]
        else:
            need += rb["partner"]
    for p in minors:
        need += rb["child_14_17"] if p.age >= 14 else rb["child_6_13"] if p.age >= 6 else rb["child_0_5"]
    n = len(members)
    rent = (housing["first_person"] + housing["per_further_person"] * (n - 1)) * (0.85 + 0.3 * rng.random())
    need += rent + housing["heating_base"] + housing["heating_per_person"] * n
    income = sum(max(0.0, p.net_income - _allowance(p.net_income, bool(minors))) for p in members)
    benefits = max(0.0, need - income)
    household: dict[str, Any] = {"members": [p.member.pid for p in members]}
    if not chance(rng, unknown["household_need"]):
        household["monthly_need_eur"] = float(round(need))
    elif chance(rng, 0.2):
        household["monthly_need_eur"] = None
    if not chance(rng, unknown["household_benefits"]):
        household["monthly_public_benefits_eur"] = float(round(benefits))
    return household
