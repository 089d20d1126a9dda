"""Small, fast helpers for drawing from ``random.Random`` and for dates held as day ordinals (``int``)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from itertools import accumulate
from random import Random
from typing import Generic, TypeVar

K = TypeVar("K")

Day = int
"""A date as ``date.toordinal()``: arithmetic is plain integer arithmetic."""

_ISO: dict[int, str] = {}


def iso(day: Day) -> str:
    """ISO 8601 text of an ordinal day (cached: the same few thousand days occur again and again)."""
    text = _ISO.get(day)
    if text is None:
        text = _ISO[day] = date.fromordinal(day).isoformat()
    return text


def day(text: str) -> Day:
    return date.fromisoformat(text).toordinal()


@lru_cache(maxsize=4096)
def years_before(d: date, years: int) -> Day:
    """The same calendar day ``years`` years earlier (29 February -> 28 February)."""
    year = d.year - years
    try:
        return d.replace(year=year).toordinal()
    except ValueError:
        return date(year, 2, 28).toordinal()


def years_after(day_: Day, years: int) -> Day:
    d = date.fromordinal(day_)
    return years_before(d, -years)


def months_after(day_: Day, months: int) -> Day:
    """The day before the same calendar day ``months`` months later (last day of a ``months`` period)."""
    d = date.fromordinal(day_)
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    for dd in (d.day, 30, 29, 28):
        try:
            return date(year, month, dd).toordinal() - 1
        except ValueError:
            continue
    raise AssertionError("unreachable")


def age_on(birth: Day, on: Day) -> int:
    b, o = date.fromordinal(birth), date.fromordinal(on)
    return o.year - b.year - ((o.month, o.day) < (b.month, b.day))


def between(rng: Random, lo: int, hi: int) -> int:
    """Uniform integer in [lo, hi] (hi < lo gives lo); faster than ``Random.randint``."""
    if hi <= lo:
        return lo
    return lo + int(rng.random() * (hi - lo + 1))


def chance(rng: Random, p: float) -> bool:
    return rng.random() < p


class Weighted(Generic[K]):
    """A categorical distribution drawn with one ``random()`` call and a bisection."""

    __slots__ = ("_cum", "_keys", "_total")

    def __init__(self, weights: Mapping[K, float]) -> None:
        items = [(k, float(w)) for k, w in weights.items() if w > 0]
        if not items:
            raise ValueError("no positive weight")
        self._keys = [k for k, _ in items]
        self._cum = list(accumulate(w for _, w in items))
        self._total = self._cum[-1]

    def __call__(self, rng: Random) -> K:
        return self._keys[bisect_right(self._cum, rng.random() * self._total)]


def age_range(label: str) -> tuple[int, int]:
    """'18-26' -> (18, 26); '60+' -> (60, 80); '<1' -> (0, 0); '>8' -> (8, 8)."""
    if label.endswith("+"):
        return int(label[:-1]), 80
    if label.startswith(("<", ">")):
        n = int(label[1:])
        return n, n
    lo, hi = label.split("-")
    return int(lo), int(hi)
