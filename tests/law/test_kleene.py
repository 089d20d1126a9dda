"""Full truth tables of the three-valued helpers (None = unknown)."""

from __future__ import annotations

import itertools

import polars as pl
import pytest

from bleiberecht.law.kleene import is_false, is_true, is_unknown, k_and, k_if, k_implies, k_not, k_or

V = (True, False, None)


def kleene_and(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def kleene_or(a: bool | None, b: bool | None) -> bool | None:
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def kleene_not(a: bool | None) -> bool | None:
    return None if a is None else not a


PAIRS = list(itertools.product(V, V))
FRAME = pl.DataFrame(
    {"a": [a for a, _ in PAIRS], "b": [b for _, b in PAIRS]}, schema={"a": pl.Boolean, "b": pl.Boolean}
)


def column(expr: pl.Expr) -> list[bool | None]:
    return FRAME.select(expr.alias("r"))["r"].to_list()


def test_and_truth_table() -> None:
    assert column(k_and(pl.col("a"), pl.col("b"))) == [kleene_and(a, b) for a, b in PAIRS]


def test_or_truth_table() -> None:
    assert column(k_or(pl.col("a"), pl.col("b"))) == [kleene_or(a, b) for a, b in PAIRS]


def test_not_truth_table() -> None:
    assert column(k_not(pl.col("a"))) == [kleene_not(a) for a, _ in PAIRS]


def test_implies_truth_table() -> None:
    assert column(k_implies(pl.col("a"), pl.col("b"))) == [kleene_or(kleene_not(a), b) for a, b in PAIRS]


def test_and_or_of_three_and_empty() -> None:
    triples = list(itertools.product(V, V, V))
    df = pl.DataFrame(
        {k: [t[i] for t in triples] for i, k in enumerate("xyz")}, schema=dict.fromkeys("xyz", pl.Boolean)
    )
    got_and = df.select(k_and(pl.col("x"), pl.col("y"), pl.col("z")).alias("r"))["r"].to_list()
    got_or = df.select(k_or(pl.col("x"), pl.col("y"), pl.col("z")).alias("r"))["r"].to_list()
    assert got_and == [kleene_and(kleene_and(x, y), z) for x, y, z in triples]
    assert got_or == [kleene_or(kleene_or(x, y), z) for x, y, z in triples]
    assert FRAME.select(k_and().alias("r"))["r"][0] is True
    assert FRAME.select(k_or().alias("r"))["r"][0] is False


@pytest.mark.parametrize(("cond", "expected"), [(True, "then"), (False, "else"), (None, None)])
def test_if_unknown_condition_gives_unknown(cond: bool | None, expected: str | None) -> None:
    df = pl.DataFrame({"c": [cond]}, schema={"c": pl.Boolean})
    got = df.select(k_if(pl.col("c"), pl.lit("then"), pl.lit("else")).alias("r"))["r"][0]
    assert got == expected


def test_if_unknown_condition_with_equal_branches_is_known() -> None:
    df = pl.DataFrame({"c": [None]}, schema={"c": pl.Boolean})
    assert df.select(k_if(pl.col("c"), pl.lit(1), pl.lit(1)).alias("r"))["r"][0] == 1


def test_definite_readings() -> None:
    assert column(is_true(pl.col("a"))) == [a is True for a, _ in PAIRS]
    assert column(is_false(pl.col("a"))) == [a is False for a, _ in PAIRS]
    assert column(is_unknown(pl.col("a"))) == [a is None for a, _ in PAIRS]
