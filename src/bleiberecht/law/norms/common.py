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
        pl.when(
            pl.col("civics_test_passed_on").is_not_null()
            | pl.col("qual_school_de_from").is_not_null()
            | (pl.col("civics_test_passed") == True)  # noqa: E712  (passed, date not recorded)
        )
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


def fines_within_caps(p: Params, general_max: str, foreigner_max: str) -> pl.Expr:
    """Kleene: do the intentional fines stay within "insgesamt bis zu 50 Tagessätzen oder bis zu 90 Tagessätzen
    wegen Straftaten, die … nur von Ausländern begangen werden können" (§ 104c Abs. 1 S. 1 Nr. 2, § 25a Abs. 3)?

    Separate caps per kind (spec § 4.4 Ex. 104c-5). A fine whose kind is not recorded may belong to either cap:
    the answer is False only if the caps are exceeded whatever its kind, True only if they hold whatever its
    kind, otherwise unknown (a missing fact never excludes). Null when a fine's number of daily rates is missing
    and the known ones do not already exceed the caps.
    """
    g_max, f_max = p.expr(general_max), p.expr(foreigner_max)
    unknown_kind = pl.col("conv_fines_kind_unknown").fill_null(0)
    # conv_fines_general includes the fines of unknown kind; take them out for the known part
    general_known = pl.col("conv_fines_general").fill_null(0) - unknown_kind
    foreigner_known = pl.col("conv_fines_foreigner_only").fill_null(0)
    # exceeded whatever the kind: a known cap is exceeded, the unknown fines do not fit into the room left in
    # both caps together, or a single one fits into neither
    room_g, room_f = g_max - general_known, f_max - foreigner_known
    largest_unknown = pl.col("conv_fines_kind_unknown_max").fill_null(0)
    over = (
        (general_known > g_max)
        | (foreigner_known > f_max)
        | (unknown_kind > room_g + room_f)
        | (largest_unknown > pl.max_horizontal(room_g, room_f))
    )
    within = (general_known + unknown_kind <= g_max) & (foreigner_known + unknown_kind <= f_max)
    return (
        pl.when(over)
        .then(False)
        .when(within & ~pl.col("conv_rates_unknown").fill_null(False))
        .then(TRUE)
        .otherwise(None)
    )
