"""Building blocks several norms share (German, civics test, stay chains)."""

from __future__ import annotations

import polars as pl

from ..calendar import earliest
from ..kleene import TRUE
from ..params import Params


def privileged_104c(p_until: pl.Expr) -> pl.Expr:
    """§§ 25a Abs. 5–6, 25b Abs. 7–8: holder of a § 104c title while the privileges last."""
    return pl.col("holds_104c") & (pl.col("as_of") <= p_until)


def german_proven(level: str, skill: str) -> tuple[pl.Expr, pl.Expr]:
    """(ok, met_from) for "German at ``level`` (``skill``)": proven -> True; only claimed -> unknown."""
    name = f"german_{level.lower()}_{skill}"
    school = pl.col("qual_school_de_from").is_not_null()
    ok = (
        pl.when(pl.col(f"{name}_proven").fill_null(False) | school)
        .then(TRUE)
        .when(~pl.col("known__german") | pl.col(f"{name}_claimed").fill_null(False))
        .then(None)
        .otherwise(False)
    )
    met_from = earliest(f"{name}_from", "qual_school_de_from")
    return ok, met_from


def civics_proven() -> tuple[pl.Expr, pl.Expr]:
    """Grundkenntnisse: 'Leben in Deutschland'/Einbürgerungstest, or a German school-leaving certificate."""
    ok = (
        pl.when(pl.col("civics_test_passed_on").is_not_null() | pl.col("qual_school_de_from").is_not_null())
        .then(TRUE)
        .when(pl.col("civics_test_passed") == False)  # noqa: E712
        .then(False)
    )
    met_from = earliest("civics_test_passed_on", "qual_school_de_from")
    return ok, met_from


def chain_met(p: Params, prefix: str, length_param: str) -> pl.Expr:
    """Date a "since N years" chain is fulfilled: anniversary plus the days inside that do not count."""
    return p.fulfilled_after(pl.col(f"{prefix}_start"), length_param) + pl.duration(
        days=pl.col(f"{prefix}_excluded_days").fill_null(0)
    )


def chain_ok(prefix: str) -> pl.Expr:
    """Chain requirement status before dates: unknown without status history; False without current chain."""
    return pl.when(pl.col("known__statuses")).then(pl.col(f"{prefix}_start").is_not_null())
