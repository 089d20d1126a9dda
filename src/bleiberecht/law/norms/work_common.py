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


# --- § 60d: the breadwinner's requirements and the family derivation (Abs. 2) ------------------------------------
#
# Nr. 2–6 and 9 (with the employment bans read into Nr. 3) concern only "den ausreisepflichtigen Ausländer"; the
# entry cut-off and Nr. 1, 7, 8, 11 concern him and the spouse/partner; Nr. 10 the minor children. The spouse/
# partner (Abs. 1) and the minor unmarried children in the household (Abs. 2) get the Duldung with him. Each
# ``*_own`` function gives (ok, met_from) of one requirement judged on the person's own facts; the derived facts
# (``derive_work._family_60d``) evaluate the same functions on the spouse's/parent's row.


def duldung_own(p: Params) -> tuple[pl.Expr, pl.Expr]:
    """Nr. 2: 12 months in possession of a Duldung (§ 60b periods excluded)."""
    met = p.fulfilled_after(pl.col("duldung_start"), "aufenthg_60d.duldung_months") + pl.duration(
        days=pl.col("duldung_excluded_days").fill_null(0)
    )
    ok = pl.when(pl.col("known__statuses")).then(pl.col("duldung_start").is_not_null())
    return ok, met


def employment_own(p: Params) -> tuple[pl.Expr, pl.Expr]:
    """Nr. 3: 12 months social-insurance employment with the minimum weekly hours."""
    n_ok, n_from = chain_req(p, "emp60d_n", "known__employment", "aufenthg_60d.employment_months")
    s_ok, s_from = chain_req(p, "emp60d_s", "known__employment", "aufenthg_60d.employment_months")
    single = pl.col("single_parent")
    return choose(single, s_ok, n_ok), choose(single, s_from, n_from)


def livelihood_past_own(p: Params) -> tuple[pl.Expr, pl.Expr]:
    """Nr. 4: own livelihood secured by the employment in the 12 months before the application."""
    return chain_req(p, "live60d", "known__own_livelihood", "aufenthg_60d.livelihood_lookback_months")


def livelihood_now_own(p: Params) -> tuple[pl.Expr, pl.Expr]:
    """Nr. 5: own livelihood currently secured by the employment (no date)."""
    sp, so = pl.col("live60d_p"), pl.col("live60d_o")
    ok = (
        pl.when(~pl.col("known__own_livelihood"))
        .then(None)
        .when(sp.is_not_null())
        .then(True)
        .when(so.is_null())
        .then(False)
    )
    return ok, pl.lit(None, dtype=pl.Date)


def german_oral_own(p: Params) -> tuple[pl.Expr, pl.Expr]:
    """Nr. 6: sufficient oral German (A2)."""
    return german_by_param(p, "aufenthg_60d.german_level_oral", "oral")


def expulsion_own(p: Params) -> tuple[pl.Expr, pl.Expr]:
    """Nr. 9: no expulsion order, no § 58a deportation order (no date)."""
    return ~pl.col("expulsion_order") & ~pl.col("deportation_order_58a"), pl.lit(None, dtype=pl.Date)


def no_ban_own(p: Params) -> tuple[pl.Expr, pl.Expr]:
    """Nr. 3 i.V.m. § 60a Abs. 6, § 60b Abs. 5 S. 2: no employment ban (no date)."""
    return ~pl.col("bans_any"), pl.lit(None, dtype=pl.Date)


BREADWINNER_60D = (
    duldung_own,
    employment_own,
    no_ban_own,
    livelihood_past_own,
    livelihood_now_own,
    german_oral_own,
    expulsion_own,
)
"""The requirements § 60d asks of the employed applicant only (spec 6.2 "A": Nr. 2–6, 9)."""

NO_SPOUSE = ~pl.col("sp_present")


def entry_own(p: Params) -> pl.Expr:
    """Abs. 1 Einleitungssatz: entry by the cut-off (applicant and spouse), within the old sunset."""
    cutoff = p.expr("aufenthg_60d.entry_cutoff")
    sunset = p.expr("aufenthg_60d.sunset")
    own = pl.col("entry_date") <= cutoff
    spouse = NO_SPOUSE | (pl.col("sp_entry_date") <= cutoff)
    # § 60d a.F. applied only to applications up to its sunset (no sunset since 23.12.2023)
    in_time = sunset.is_null() | (sunset >= AS_OF)
    return own & spouse & in_time


def identity_own(p: Params) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """Nr. 1, Abs. 4: (ok, waivable, met_from) for the person and the spouse."""
    a_ok, a_w, a_from = identity_parts("id_deadline__60d")
    s_ok, s_w, s_from = identity_parts("id_deadline__60d", prefix="sp_")
    s_ok = NO_SPOUSE | s_ok
    s_w = NO_SPOUSE | s_w
    met = latest(a_from, pl.when(pl.col("sp_present").fill_null(False)).then(s_from))
    return a_ok & s_ok, (a_ok | a_w) & (s_ok | s_w), met


def convictions_own(p: Params) -> pl.Expr:
    """Nr. 7: no intentional conviction of the person or the spouse."""
    return pl.col("conv60d_ok") & (NO_SPOUSE | pl.col("sp_conv60d_ok"))


def extremism_own(p: Params) -> pl.Expr:
    """Nr. 8: no security concerns recorded for the person or the spouse (burden on the authority)."""
    own = ~pl.col("security_concerns").fill_null(False)
    return own & (NO_SPOUSE | ~pl.col("sp_security_concerns").fill_null(False))


def integration_own(p: Params) -> pl.Expr:
    """Nr. 11: integration course obligation of the person and the spouse."""
    return pl.col("ic_ok") & (NO_SPOUSE | pl.col("sp_ic_ok"))


def children_own(p: Params) -> tuple[pl.Expr, pl.Expr]:
    """Nr. 10: (ok, applies) for the person's minor children of school age and § 29 BtMG."""
    has = pl.col("school_age_children").fill_null(0) > 0
    age_unknown = pl.col("school_age_unknown").fill_null(False)
    school = pl.when(has).then(pl.col("children_school_all")).otherwise(TRUE)
    school = pl.when(age_unknown).then(None).otherwise(school)
    btmg = pl.col("child_btmg")
    return school & ~btmg, has | age_unknown | btmg.is_null() | btmg


def breadwinner_60d(p: Params) -> tuple[pl.Expr, pl.Expr]:
    """(ok, met_from): the person meets every "A" requirement of § 60d on his or her own facts (Kleene AND)."""
    parts = [fn(p) for fn in BREADWINNER_60D]
    return all_true(*[ok for ok, _ in parts]), latest(*[met for _, met in parts])


def family_conditions_60d(p: Params) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """(ok, ok_or_waivable, met_from) of the requirements on the person AND the spouse (entry, Nr. 1, 7, 8, 11) and
    on the children (Nr. 10), judged on the person's row: what a child's derived grant needs of the parents."""
    id_ok, id_w, id_from = identity_own(p)
    ch_ok, ch_applies = children_own(p)
    rest = all_true(
        entry_own(p), convictions_own(p), extremism_own(p), integration_own(p), ~ch_applies | ch_ok
    )
    return rest & id_ok, rest & id_w, id_from


def _date_text(day: pl.Expr, lang: str) -> pl.Expr:
    return day.dt.strftime("%d.%m.%Y" if lang == "de" else "%Y-%m-%d").fill_null(
        "unbekannt" if lang == "de" else "?"
    )


def derived_60d(
    own_ok: pl.Expr,
    own_from: pl.Expr,
    own_text: tuple[str, str],
    *own_dates: pl.Expr,
    kind: str = "breadwinner",
    waivable_parent: bool = True,
) -> tuple[pl.Expr, pl.Expr, dict[str, pl.Expr]]:
    """§ 60d Abs. 2: a requirement met by the person or – for the spouse/partner and the minor unmarried children
    in the household – through the family member who meets the applicant's requirements (Kleene OR; the
    relative's facts are joined by ``derive_work._family_60d``). Returns (ok, met_from, explanation values
    ``text_de``/``text_en``: ``own_text`` with ``own_dates`` filled in, or the derivation when met through the
    relative).

    ``kind="breadwinner"``: Nr. 2–6, 9, met through the spouse's or the parent's own facts. ``kind="family"``: the
    entry cut-off and Nr. 1, 7, 8, 11, which already cover both spouses on the person's row; for a child they are
    met through the parent (and the parent's spouse). ``waivable_parent``: whether a parent whose identity is only
    waivable (Abs. 4) carries the requirement (all but the identity requirement itself).
    A derived requirement is met from the date the relative meets the applicant's requirements.
    """
    parent_ok = pl.col("fam60d_par_w" if waivable_parent else "fam60d_par_ok")
    if kind == "breadwinner":
        rel_ok = pl.col("fam60d_sp_ok") | parent_ok
        rel_from = (
            pl.when(pl.col("fam60d_sp_ok").fill_null(False))
            .then(pl.col("fam60d_sp_from"))
            .otherwise(pl.col("fam60d_par_from"))
        )
    else:
        rel_ok, rel_from = parent_ok, pl.col("fam60d_par_from")
    own_true, rel_true = own_ok.fill_null(False), rel_ok.fill_null(False)
    both_dated = own_from.is_not_null() & rel_from.is_not_null()
    met = (
        pl.when(own_true & rel_true)
        .then(pl.when(both_dated).then(pl.min_horizontal(own_from, rel_from)))
        .when(own_true)
        .then(own_from)
        .when(rel_true)
        .then(rel_from)
        .otherwise(own_from)
    )
    derived = rel_true & ~own_true
    via_sp = pl.col("fam60d_sp_ok").fill_null(False)
    values: dict[str, pl.Expr] = {}
    texts = {
        "de": (
            "Erfüllt über den Ehegatten/Lebenspartner, der die Voraussetzungen des Antragstellers ab {} erfüllt "
            "(§ 60d Abs. 1 Einleitungssatz AufenthG: die Duldung wird dem Ausländer und seinem Ehegatten oder "
            "Lebenspartner erteilt).",
            "Erfüllt über einen Elternteil im Haushalt, der die Voraussetzungen des Antragstellers ab {} erfüllt "
            "(§ 60d Abs. 2 AufenthG: minderjährige ledige Kinder in familiärer Lebensgemeinschaft erhalten die "
            "Duldung für den gleichen Zeitraum).",
        ),
        "en": (
            "Met through the spouse/partner, who meets the applicant's requirements from {} (§ 60d (1) opening "
            "words: the Duldung is granted to the foreigner and the spouse or partner).",
            "Met through a parent in the household, who meets the applicant's requirements from {} (§ 60d (2): "
            "minor unmarried children living with the family get the Duldung for the same period).",
        ),
    }
    for i, lang in enumerate(("de", "en")):
        spouse, parent = texts[lang]
        day = _date_text(rel_from, lang)
        own = (
            pl.format(own_text[i], *[_date_text(d, lang) for d in own_dates])
            if own_dates
            else pl.lit(own_text[i])
        )
        values[f"text_{lang}"] = (
            pl.when(derived & via_sp)
            .then(pl.format(spouse, day))
            .when(derived)
            .then(pl.format(parent, day))
            .otherwise(own)
        )
    return own_ok | rel_ok, met, values


TEXT = ("{text_de}", "{text_en}")
"""The explanation template of a requirement that may be met through a family member (values of ``derived_60d``)."""
