"""Employment bans for Geduldete: § 60b Abs. 5 S. 2 and § 60a Abs. 6 S. 1 Nr. 1–3 AufenthG (with S. 3, S. 4).

Each ban is a Kleene column (``null`` = cannot be decided from the file):
- ``ban_60b``: a current Duldung with the § 60b Zusatz that is not lifted (absolute ban, § 60b Abs. 5 S. 2);
- ``ban_nr1``: the authority has *established* entry to obtain AsylbLG benefits (never inferred);
- ``ban_nr2``: own present deception or refusal to cooperate (``current`` in the file = still the cause of
  non-deportation) – unless a recorded Duldung ground other than the missing passport makes it non-causal
  (Gegenwärtigkeit and causality, SMI-Erlass SN 15.12.2020; BayVGH 10 CE 19.273); never for a child under 14,
  who cannot be answerable for the conduct (the parents' conduct is not attributed);
- ``ban_nr3``: national of a safe country of origin (the lists named by ``aufenthg_60a.abs6_nr3_safe_country_bases``
  in force on ``as_of``) whose asylum application filed after the country's cut-off was rejected or withdrawn
  (not after BAMF counselling, § 24 Abs. 1 AsylG), or who never applied – except S. 3 (unaccompanied minors,
  child welfare) and § 104 Abs. 18 (Georgia/Moldova: applied by the cut-off, or geduldet on it without an
  application). § 104 Abs. 16: for an employment permitted by the cut-off date and still continuing, Nr. 3 is read
  in its old scope.
Recognised protection holders may work (§ 60a Abs. 6 S. 4): no ban.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from .facts import FactTables
from .params import Params

REJECTED = (
    "rejected",
    "rejected_manifestly_unfounded",
    "rejected_manifestly_unfounded_qualified",
    "inadmissible",
)
SAFE_TABLES = {"29a": "aufenthg_29a.safe_countries_of_origin", "29b": "aufenthg_29b.safe_countries_of_origin"}
# A recorded Duldung ground that is not the missing passport: removal is impossible anyway (no causality).
CAUSAL_GROUND = "passport_missing"


def param_is_in(p: Params, name: str, value: pl.Expr, on: pl.Expr) -> pl.Expr:
    """Kleene ``value ∈ list parameter`` with the list in force on ``on`` (null before its first value)."""
    chain: Any = pl
    for v in reversed(p[name].values):
        items = list(v.value or [])
        test = value.is_in(items) if items else pl.lit(False)
        chain = chain.when(on >= pl.lit(v.valid_from)).then(test)
    result: pl.Expr = chain.otherwise(None)
    return result


def param_in_force(p: Params, name: str, on: pl.Expr) -> pl.Expr:
    """Whether a (list or table) parameter has a value on ``on`` (the rule it encodes exists by then)."""
    return on >= pl.lit(p[name].values[0].valid_from)


def table_frame(p: Params, name: str, columns: dict[str, pl.DataType | type[pl.DataType]]) -> pl.DataFrame:
    """A dated table parameter as one long frame: every row of every version with its validity ``[v_from, v_until)``."""
    values = p[name].values
    rows: list[dict[str, Any]] = []
    for i, version in enumerate(values):
        until = values[i + 1].valid_from if i + 1 < len(values) else None
        for row in version.value:
            rows.append({"v_from": version.valid_from, "v_until": until, **{c: row.get(c) for c in columns}})
    return pl.DataFrame(rows, schema={"v_from": pl.Date, "v_until": pl.Date, **columns})


def in_version(on: pl.Expr) -> pl.Expr:
    return (on >= pl.col("v_from")) & (pl.col("v_until").is_null() | (on < pl.col("v_until")))


def _safe_country(df: pl.DataFrame, p: Params) -> pl.DataFrame:
    """Per person: on a safe-country list in force on ``as_of`` (Kleene), its cut-off and the § 104 Abs. 18 flag."""
    cols: dict[str, pl.DataType | type[pl.DataType]] = {
        "country": pl.Utf8,
        "application_cutoff": pl.Date,
        "exempt_if_geduldet_on_cutoff": pl.Boolean,
    }
    tables = pl.concat(
        [table_frame(p, name, cols).with_columns(basis=pl.lit(code)) for code, name in SAFE_TABLES.items()]
    )
    hits = (
        df.select("pk", "nationality", "as_of")
        .join(tables, left_on="nationality", right_on="country", how="inner")
        .filter(in_version(pl.col("as_of")))
        .filter(param_is_in(p, "aufenthg_60a.abs6_nr3_safe_country_bases", pl.col("basis"), pl.col("as_of")))
        .group_by("pk")
        .agg(
            safe_cutoff=pl.col("application_cutoff").max(),
            safe_exempt_geduldet=pl.col("exempt_if_geduldet_on_cutoff").fill_null(False).any(),
        )
    )
    bases_in_force = param_in_force(p, "aufenthg_60a.abs6_nr3_safe_country_bases", pl.col("as_of"))
    return (
        df.select("pk", "nationality", "as_of")
        .join(hits, on="pk", how="left")
        .select(
            "pk",
            "safe_cutoff",
            "safe_exempt_geduldet",
            # no list in force -> the ban (in this wording) does not exist yet: not safe
            safe_country=pl.when(~bases_in_force)
            .then(False)
            .when(pl.col("nationality").is_null())
            .then(None)
            .otherwise(pl.col("safe_cutoff").is_not_null()),
        )
    )


def _geduldet_on_cutoff(t: FactTables, safe: pl.DataFrame) -> pl.DataFrame:
    """§ 104 Abs. 18 Alt. 2: a Duldung covered the cut-off day (statuses known)."""
    st = t.list("statuses").join(t.persons.select("pk", "as_of"), on="pk", how="left")
    hit = (
        st.join(safe.select("pk", "safe_cutoff"), on="pk", how="inner")
        .filter(
            (pl.col("type") == "duldung")
            & (pl.col("from") <= pl.col("safe_cutoff"))
            & (pl.coalesce("to", "as_of") >= pl.col("safe_cutoff"))
        )
        .group_by("pk")
        .agg(geduldet_on_cutoff_hit=pl.lit(True))
    )
    return (
        t.persons.select("pk", "known__statuses")
        .join(hit, on="pk", how="left")
        .select(
            "pk",
            geduldet_on_cutoff=pl.when(pl.col("known__statuses")).then(
                pl.col("geduldet_on_cutoff_hit").fill_null(False)
            ),
        )
    )


def _old_permission(t: FactTables, p: Params) -> pl.DataFrame:
    """§ 104 Abs. 16: an employment permitted by the cut-off day is still continuing on ``as_of``."""
    em = t.list("employment").join(t.persons.select("pk", "as_of"), on="pk", how="left")
    cutoff = p["aufenthg_104.abs16_old_permission_cutoff"].expr(pl.col("as_of"))
    ongoing = (pl.col("from") <= pl.col("as_of")) & (
        pl.col("to").is_null() | (pl.col("to") >= pl.col("as_of"))
    )
    old = ongoing & (pl.col("permitted_on") <= cutoff)
    agg = em.group_by("pk").agg(
        old_true=old.fill_null(False).any(),
        old_null=(ongoing & old.is_null() & cutoff.is_not_null()).any(),
    )
    return (
        t.persons.select("pk", "known__employment")
        .join(agg, on="pk", how="left")
        .select(
            "pk",
            old_permission_104_16=pl.when(~pl.col("known__employment"))
            .then(None)
            .when(pl.col("old_true").fill_null(False))
            .then(True)
            .when(pl.col("old_null").fill_null(False))
            .then(None)
            .otherwise(False),
        )
    )


def _nr3_covered(p: Params, scope_on: pl.Expr) -> pl.Expr:
    """The asylum constellation is within Nr. 3 in the scope valid on ``scope_on`` (before the exemptions)."""
    outcome, applied = pl.col("asylum_outcome"), pl.col("asylum_applied_on")
    after_cutoff = applied > pl.col("safe_cutoff")
    name = "aufenthg_60a.abs6_nr3_scope"
    rejected = param_is_in(p, name, pl.lit("rejected"), scope_on) & after_cutoff & outcome.is_in(REJECTED)
    withdrawn = (
        param_is_in(p, name, pl.lit("withdrawn"), scope_on)
        & after_cutoff
        & (outcome == "withdrawn")
        & ~pl.col("asylum_withdrawn_after_counselling")
    )
    never = param_is_in(p, name, pl.lit("never_applied"), scope_on) & (outcome == "never_applied")
    # S. 3: unaccompanied minors who withdrew or did not apply for the child's welfare; an adult at entry
    # cannot have been one.
    adult_at_entry = pl.col("entry_date") >= pl.col("birth_date").dt.offset_by("18y")
    s3 = (
        pl.when(pl.col("asylum_child_welfare_waiver").is_not_null())
        .then(pl.col("asylum_child_welfare_waiver"))
        .when(adult_at_entry)
        .then(False)
    )
    return rejected | ((withdrawn | never) & ~s3)


def ban_columns(df: pl.DataFrame, t: FactTables, p: Params) -> pl.DataFrame:
    """Adds ``ban_60b``, ``ban_nr1``, ``ban_nr2``, ``ban_nr3``, ``ban_60a6`` (Nr. 1–3) and ``bans_any``."""
    safe = _safe_country(df, p)
    df = (
        df.join(safe, on="pk", how="left")
        .join(_geduldet_on_cutoff(t, safe), on="pk", how="left")
        .join(_old_permission(t, p), on="pk", how="left")
    )
    scope_in_force = param_in_force(p, "aufenthg_60a.abs6_nr3_scope", pl.col("as_of"))
    old_day = p["aufenthg_104.abs16_old_permission_cutoff"].expr(pl.col("as_of"))
    new = _nr3_covered(p, pl.col("as_of"))
    old = _nr3_covered(p, old_day)
    covered = (
        pl.when(pl.col("old_permission_104_16") == True)  # noqa: E712
        .then(old)
        .when(pl.col("old_permission_104_16") == False)  # noqa: E712
        .then(new)
        .when(old.eq_missing(new))
        .then(new)
    )
    # § 104 Abs. 18: application by the cut-off (Alt. 1, in the cut-off of the row) or geduldet on it (Alt. 2).
    abs18 = (
        pl.col("safe_exempt_geduldet").fill_null(False)
        & (pl.col("asylum_outcome") == "never_applied")
        & pl.col("geduldet_on_cutoff")
    )
    nr3 = pl.when(~scope_in_force).then(False).otherwise(pl.col("safe_country") & covered & ~abs18)
    other_ground = (
        pl.col("cur_duldung_grounds").list.eval(pl.element() != CAUSAL_GROUND).list.any().fill_null(False)
    )
    protected = pl.col("asylum_outcome") == "protection_granted"  # Kleene: unknown outcome keeps bans open
    df = df.with_columns(
        ban_60b=pl.col("sixtyb_active"),
        ban_nr1=pl.col("entry_for_benefits_established"),
        # a child under 14 cannot "selbst zu vertreten" (§ 19 StGB; residence-paths.md § 7.3 N6, § 7.7 R8)
        ban_nr2=pl.col("own_fault_now") & ~other_ground & ~pl.col("under_14"),
        ban_nr3=nr3,
        nr3_other_ground=other_ground,
    ).with_columns([(~protected & pl.col(c)).alias(c) for c in ("ban_60b", "ban_nr1", "ban_nr2", "ban_nr3")])
    return df.with_columns(
        ban_60a6=pl.col("ban_nr1") | pl.col("ban_nr2") | pl.col("ban_nr3"),
    ).with_columns(bans_any=pl.col("ban_60a6") | pl.col("ban_60b"))
