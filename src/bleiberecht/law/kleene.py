"""Three-valued (Kleene) logic on Polars expressions.

Unknown is a value: a requirement that cannot be decided is ``null``, never ``False``.
Polars already applies Kleene logic to ``&``, ``|``, ``~``, ``all_horizontal`` and ``any_horizontal``
(with ``ignore_nulls=False``), but ``when()`` sends ``null`` conditions to ``otherwise``, ``filter`` drops
nulls and ``.all()``/``.any()`` ignore nulls by default. Rule code uses only the helpers below, which are
covered by a full truth-table test.
"""

from __future__ import annotations

from functools import reduce

import polars as pl

TRUE = pl.lit(True, dtype=pl.Boolean)
FALSE = pl.lit(False, dtype=pl.Boolean)
UNKNOWN = pl.lit(None, dtype=pl.Boolean)


def k_and(*terms: pl.Expr) -> pl.Expr:
    """Kleene AND: false dominates, then unknown."""
    if not terms:
        return TRUE
    return reduce(lambda a, b: a & b, terms)


def k_or(*terms: pl.Expr) -> pl.Expr:
    """Kleene OR: true dominates, then unknown."""
    if not terms:
        return FALSE
    return reduce(lambda a, b: a | b, terms)


def k_not(term: pl.Expr) -> pl.Expr:
    return ~term


def k_if(cond: pl.Expr, then: pl.Expr, otherwise: pl.Expr) -> pl.Expr:
    """If-then-else where an unknown condition gives unknown (unless both branches agree)."""
    return (
        pl.when(cond.is_null())
        .then(pl.when(then.eq_missing(otherwise)).then(then).otherwise(None))
        .when(cond)
        .then(then)
        .otherwise(otherwise)
    )


def k_implies(cond: pl.Expr, then: pl.Expr) -> pl.Expr:
    """Material implication under Kleene logic: ``not cond or then``."""
    return k_or(k_not(cond), then)


def is_true(term: pl.Expr) -> pl.Expr:
    """Definitely true (unknown -> False). For filtering and display only, never for a requirement."""
    return term.fill_null(False)


def is_false(term: pl.Expr) -> pl.Expr:
    """Definitely false (unknown -> False)."""
    return (~term).fill_null(False)


def is_unknown(term: pl.Expr) -> pl.Expr:
    return term.is_null()


def known_bool(value: pl.Expr) -> pl.Expr:
    """Cast a nullable column to Boolean keeping null as unknown."""
    return value.cast(pl.Boolean)


def k_any_list(values: pl.Expr) -> pl.Expr:
    """Kleene ANY over a list column of booleans: null list -> unknown; [] -> False."""
    return (
        pl.when(values.is_null())
        .then(None)
        .when(values.list.eval(pl.element().fill_null(False)).list.any())
        .then(True)
        .when(values.list.eval(pl.element().is_null()).list.any())
        .then(None)
        .otherwise(False)
    )


def k_all_list(values: pl.Expr) -> pl.Expr:
    """Kleene ALL over a list column of booleans: null list -> unknown; [] -> True."""
    return k_not(k_any_list(values.list.eval(~pl.element())))
