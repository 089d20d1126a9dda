"""Re-examinations: reasons why a measure the authority has taken should be looked at again.

A review (e.g. ``review_60b``) applies to a person when its precondition holds (e.g. a current § 60b
Duldung); it is flagged when at least one of its reasons holds. Each reason is a cited, vectorised test
(Kleene: ``null`` = cannot be decided, shown as an open question, never as a reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from .frame import add_columns
from .norm import Text
from .params import Params

CondFn = Callable[[Params], pl.Expr]


@dataclass(frozen=True)
class Reason:
    code: str
    citation: str
    text: Text
    test: CondFn


@dataclass
class Review:
    key: str
    citation: str
    title: Text
    applies: CondFn
    reasons: list[Reason] = field(default_factory=list)

    def reason(self, code: str, citation: str, de: str, en: str) -> Callable[[CondFn], CondFn]:
        def register(fn: CondFn) -> CondFn:
            if any(r.code == code for r in self.reasons):
                raise ValueError(f"{self.key}: reason {code} defined twice")
            self.reasons.append(Reason(code, citation, Text(de, en), fn))
            return fn

        return register


def evaluate_review(df: pl.DataFrame, review: Review, p: Params) -> pl.DataFrame:
    k = review.key
    cols = [review.applies(p).fill_null(False).alias(f"{k}__applies")]
    cols += [r.test(p).cast(pl.Boolean).alias(f"{k}__reason__{r.code}") for r in review.reasons]
    df = add_columns(df, cols)
    any_reason = pl.any_horizontal(
        [pl.col(f"{k}__reason__{r.code}").fill_null(False) for r in review.reasons]
    )
    return add_columns(df, [(pl.col(f"{k}__applies") & any_reason).alias(f"{k}__flag")])
