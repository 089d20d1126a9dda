"""Building blocks of the training and employment norms (§§ 60c, 16g, 19d, 60d, 25b Abs. 6).

Pure expression helpers over the columns of :mod:`bleiberecht.law.derive_work` and :mod:`bleiberecht.law.bans`;
the norm modules register requirements with them. Kleene throughout.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from ..calendar import latest
from ..kleene import TRUE
from ..norm import Norm
from ..params import Params
from .common import german_proven

AS_OF = pl.col("as_of")


def identity_parts(deadline: str, prefix: str = "") -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """(ok, waivable, met_from) of "identity clarified by the deadline" (§ 60c Abs. 2 Nr. 3, § 16g Abs. 2 Nr. 3,
    § 60d Abs. 1 Nr. 1), for the person (``prefix=""``) or the spouse (``prefix="sp_"``).

    Met: clarified by the deadline; or clarified later, all necessary and reasonable measures taken by the
    deadline and the delay not attributable ("Frist gilt als gewahrt"). Otherwise discretion (§ 60c Abs. 7,
    § 16g Abs. 6, § 60d Abs. 4) only where the measures were complete by the deadline (engine rule O7).
    """
    dl = pl.col(f"{prefix}{deadline}")
    clarified = pl.col(f"{prefix}identity_clarified")
    on = pl.col(f"{prefix}identity_clarified_on")
    measures = pl.col(f"{prefix}id_measures_complete_on")
    late = pl.col(f"{prefix}id_late_attributable")
    in_time = clarified & (on <= dl)
    deemed = clarified & (measures <= dl) & ~late
    return in_time | deemed, measures <= dl, on


def measures_ok(catalogue: str, pending: str | None = None, known: str = "known__applications") -> pl.Expr:
    """No concrete removal measure at the application (Kleene): at the pending application (date column
    ``pending``, e.g. ``app__aufenthg_60c``) or at a new application today – whichever is more favourable.
    Without a known list of applications, an earlier application cannot be excluded."""
    today = pl.col(f"rm_none_{catalogue}_asof")
    if pending is None:
        return today
    key = {"app__aufenthg_60c": "app60c", "app__aufenthg_16g": "app16g", "perm_req_on": "perm"}[pending]
    earlier = (
        pl.when(~pl.col(known))
        .then(None)
        .when(pl.col(pending).is_not_null())
        .then(pl.col(f"rm_none_{catalogue}_{key}"))
        .otherwise(False)
    )
    return earlier | today


def chain_req(p: Params, name: str, known: str, months_param: str) -> tuple[pl.Expr, pl.Expr]:
    """(ok, met_from) of "for N months uninterruptedly ..." from the pessimistic/optimistic chain pair."""
    sp, so = pl.col(f"{name}_p"), pl.col(f"{name}_o")
    met = p.fulfilled_after(sp, months_param)
    ok = (
        pl.when(~pl.col(known))
        .then(None)
        .when(sp.is_not_null() & ((so == sp) | (met <= AS_OF)))
        .then(True)
        .when(so.is_null())
        .then(False)
    )
    return ok, met


def choose(cond: pl.Expr, if_true: pl.Expr, if_false: pl.Expr) -> pl.Expr:
    """Kleene choice: an unknown condition gives the common value of both branches, else unknown."""
    return (
        pl.when(cond.is_null())
        .then(pl.when(if_true.eq_missing(if_false)).then(if_true))
        .when(cond)
        .then(if_true)
        .otherwise(if_false)
    )


def german_by_param(p: Params, name: str, skill: str) -> tuple[pl.Expr, pl.Expr]:
    """German at the level the (dated, text) parameter ``name`` names, for ``skill`` oral/written/all."""
    levels = sorted({str(v.value) for v in p[name].values})
    ok_chain: Any = pl
    from_chain: Any = pl
    for level in levels:
        if skill == "all":
            ok_o, from_o = german_proven(level, "oral")
            ok_w, from_w = german_proven(level, "written")
            ok, met = ok_o & ok_w, latest(from_o, from_w)
        else:
            ok, met = german_proven(level, skill)
        ok_chain = ok_chain.when(p.expr(name) == level).then(ok)
        from_chain = from_chain.when(p.expr(name) == level).then(met)
    ok_expr: pl.Expr = ok_chain.otherwise(None)
    from_expr: pl.Expr = from_chain.otherwise(None)
    return ok_expr, from_expr


def spouse_german_written(p: Params, name: str) -> tuple[pl.Expr, pl.Expr]:
    """The spouse's proven written German at the parameter's level (A2 only, as derived)."""
    proven = (
        pl.col("sp_german_a2_written_proven").fill_null(False)
        | pl.col("sp_qual_school_de_from").is_not_null()
    )
    ok = (
        pl.when(proven)
        .then(TRUE)
        .when(
            ~pl.col("sp_known__german").fill_null(False)
            | pl.col("sp_german_a2_written_claimed").fill_null(False)
        )
        .then(None)
        .otherwise(False)
    )
    return ok, pl.coalesce("sp_german_a2_written_from", "sp_qual_school_de_from")


def no_public_funds_19d(p: Params) -> tuple[pl.Expr, pl.Expr]:
    """§ 19d Abs. 1 Nr. 1 lit. c: no public funds except housing costs in the year before the application."""
    free_from = p.fulfilled_after(
        pl.col("pb_last_end") + pl.duration(days=1), "aufenthg_19d.no_public_funds_months"
    )
    unknown_recent = (
        p.fulfilled_after(
            pl.col("pb_unknown_kind_end") + pl.duration(days=1), "aufenthg_19d.no_public_funds_months"
        )
        > AS_OF
    ).fill_null(False)
    ok = (
        pl.when(pl.col("pb_ongoing").is_null())
        .then(None)
        .when(pl.col("pb_ongoing"))
        .then(False)
        .when(unknown_recent)
        .then(None)
        .otherwise(TRUE)
    )
    return ok, free_from


def all_true(*terms: pl.Expr) -> pl.Expr:
    out = terms[0]
    for term in terms[1:]:
        out = out & term
    return out


def hint_mixed_fines(norm: Norm, requirement: str) -> None:
    """§ 19d Abs. 1 Nr. 7 (also via § 60c/§ 16g Abs. 2 Nr. 4, § 19d Abs. 1a): "Geldstrafen von insgesamt bis zu 50
    Tagessätzen oder bis zu 90 Tagessätzen wegen Straftaten, die … nur von Ausländern begangen werden können". The
    engine applies the caps separately (general <= 50, foreigner-only <= 90); whether mixed fines are added up is
    contested (residence-paths.md § 5, § 11 Nr. 9) – shown, not decided silently."""

    @norm.hint(
        "mixed_fines",
        "§ 19d Abs. 1 Nr. 7 AufenthG",
        "Geldstrafen wegen allgemeiner und wegen ausländerrechtlicher Straftaten: geprüft sind die Grenzen getrennt "
        "(allgemein bis 50, nur von Ausländern begehbare Taten bis 90 Tagessätze). Ob gemischte Geldstrafen "
        "zusammenzurechnen sind, ist ungeklärt – die Behörde kann strenger zählen; anwaltlich prüfen.",
        "Fines for general and for foreigner-only offences: the caps are checked separately (general up to 50, "
        "foreigner-only offences up to 90 daily rates). Whether mixed fines are added up is unresolved – the "
        "authority may count more strictly; have counsel check.",
    )
    def _hint(p: Params) -> pl.Expr:
        return pl.col("conv19_mixed").fill_null(False) & (
            pl.col(f"{norm.key}__{requirement}__status") == "met"
        )
