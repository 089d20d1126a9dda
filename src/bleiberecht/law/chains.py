"""Qualifying-stay chains: "seit N Jahren ununterbrochen geduldet, gestattet oder erlaubt".

Counting rules (spec residence-paths.md § 1.2), vectorised over all persons of a batch:
- each status period is classified by the caller as ``count`` (counts and continues the chain),
  ``exclude`` (does not count, but does not break the chain either — e.g. § 60b periods under
  ``exclude_only``) or ``break`` (ends the chain: abroad, unlawful without Duldungsanspruch, § 60b under
  ``reset_chain``);
- gaps between papers of up to ``bagatelle_days`` are harmless and counted (the authority must not profit
  from a late renewal, BVerwG 1 C 34.18);
- optionally ``forgive_count`` longer interruptions of up to ``forgive_days`` are harmless but their days do
  not count (§ 25b: once up to three months, BMI-AH 2015); a period classified ``interrupt`` (a stay abroad
  for § 25b) is such an interruption whatever its length: forgiven like a gap of its length (never as a
  bagatelle, its days never count), otherwise it breaks the chain;
- any longer gap breaks the chain; the chain must reach the decision date.

The result per person is the chain start and the number of days inside the chain that do not count;
a "since N years" requirement is fulfilled on ``fulfilled_on(start, years=N) + excluded_days``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

COUNT, EXCLUDE, BREAK, INTERRUPT = "count", "exclude", "break", "interrupt"


@dataclass(frozen=True)
class Chain:
    """One way of counting a chain: how each period is classified and which gaps are harmless."""

    prefix: str
    category: pl.Expr
    bagatelle_days: pl.Expr
    forgive_days: pl.Expr | None = None
    forgive_count: int = 0


def stay_chain(
    statuses: pl.DataFrame,
    category: pl.Expr,
    *,
    bagatelle_days: pl.Expr,
    forgive_days: pl.Expr | None = None,
    forgive_count: int = 0,
    prefix: str,
) -> pl.DataFrame:
    """Per ``pk``: ``{prefix}_start`` (null: no current chain) and ``{prefix}_excluded_days``.

    ``statuses`` must carry ``pk, from, to, as_of`` plus whatever ``category`` reads.
    """
    return stay_chains(statuses, [Chain(prefix, category, bagatelle_days, forgive_days, forgive_count)])


def stay_chains(statuses: pl.DataFrame, chains: Sequence[Chain]) -> pl.DataFrame:
    """:func:`stay_chain` for several ways of counting over the same periods, in one pass: the periods are
    filtered, sorted and paired with their predecessor once; each chain's columns carry its number."""
    s = (
        statuses.lazy()
        .filter(pl.col("from") <= pl.col("as_of"))
        .with_columns(end=pl.min_horizontal(pl.coalesce("to", "as_of"), "as_of"))
        .sort("pk", "from")
        # sorted by person: the previous period of the same person is the previous row
        .with_columns(prev_end=pl.when(pl.col("pk") == pl.col("pk").shift(1)).then(pl.col("end").shift(1)))
        .with_columns(
            gap=(pl.col("from") - pl.col("prev_end")).dt.total_days() - 1,
            own_days=(pl.col("end") - pl.col("from")).dt.total_days() + 1,
        )
    )
    steps: list[list[pl.Expr]] = []
    aggs: list[pl.Expr] = []
    finals: list[pl.Expr] = []
    for i, chain in enumerate(chains):
        chain_steps, chain_aggs, chain_finals = _chain_columns(chain, f"_{i}")
        for n, exprs in enumerate(chain_steps):
            if n == len(steps):
                steps.append([])
            steps[n] += exprs
        aggs += chain_aggs
        finals += chain_finals
    for exprs in steps:
        s = s.with_columns(exprs)
    cats = [f"cat_{i}" for i in range(len(chains))]
    grouped = s.group_by("pk").agg(
        *aggs,
        as_of=pl.col("as_of").first(),
        last_end=pl.col("end").max(),
        # the category of each person's last period, for every chain by one sort of the person's periods
        _last=pl.struct(cats).sort_by("from").last(),
    )
    return grouped.with_columns(pl.col("_last").struct.unnest()).select("pk", *finals).collect()


def _chain_columns(chain: Chain, sfx: str) -> tuple[list[list[pl.Expr]], list[pl.Expr], list[pl.Expr]]:
    """The window steps, group aggregates and result columns of one chain (column names end in ``sfx``)."""
    forgive_count = chain.forgive_count
    forgive = chain.forgive_days if chain.forgive_days is not None else chain.bagatelle_days

    def c(name: str) -> pl.Expr:
        return pl.col(name + sfx)

    if forgive_count > 0:
        medium_rank = (
            pl.when(c("medium") & c("after_hard"))
            .then(pl.col("from"))
            .rank("ordinal", descending=True)
            .over("pk")
        )
    else:  # no interruption is forgiven: ``medium`` is false everywhere, its rank is never read
        medium_rank = pl.lit(None, dtype=pl.get_index_type())
    steps = [
        [
            chain.category.alias("cat" + sfx),
            chain.bagatelle_days.alias("bagatelle" + sfx),
            forgive.alias("forgive" + sfx),
        ],
        [
            pl.when(
                (c("cat") == BREAK)
                | (
                    (c("cat") == INTERRUPT)
                    & ((pl.col("own_days") > c("forgive")) | pl.lit(forgive_count == 0))
                )
            )
            .then(pl.col("end") + pl.duration(days=1))
            .when(pl.col("gap") > c("forgive"))
            .then(pl.col("from"))
            .when((pl.col("gap") > c("bagatelle")) & pl.lit(forgive_count == 0))
            .then(pl.col("from"))
            .alias("hard_restart" + sfx),
            # an interrupting period: forgiven like a gap of its own length
            pl.when(c("cat") == INTERRUPT)
            .then((pl.col("own_days") <= c("forgive")) & pl.lit(forgive_count > 0))
            .otherwise(
                (pl.col("gap") > c("bagatelle")) & (pl.col("gap") <= c("forgive")) & pl.lit(forgive_count > 0)
            )
            .alias("medium" + sfx),
            pl.when(c("cat") == INTERRUPT)
            .then(pl.col("own_days"))
            .otherwise(pl.col("gap"))
            .alias("medium_days" + sfx),
        ],
        [c("hard_restart").max().over("pk").alias("last_hard" + sfx)],
        [(c("last_hard").is_null() | (pl.col("from") >= c("last_hard"))).alias("after_hard" + sfx)],
        [medium_rank.alias("medium_rank" + sfx)],
        [
            pl.when(c("medium") & c("after_hard") & (c("medium_rank") > forgive_count))
            .then(pl.col("from"))
            .max()
            .over("pk")
            .alias("medium_restart" + sfx)
        ],
        # ``calendar.latest`` of two full-length columns: a horizontal max skips nulls the same way, faster
        [pl.max_horizontal("last_hard" + sfx, "medium_restart" + sfx).alias("restart" + sfx)],
        [(c("restart").is_null() | (pl.col("from") >= c("restart"))).alias("in_chain" + sfx)],
        [
            pl.col("from")
            .filter(c("in_chain") & (c("cat") == COUNT))
            .min()
            .over("pk")
            .alias("chain_start" + sfx)
        ],
    ]
    after_start = c("in_chain") & (pl.col("from") > c("chain_start"))
    days = (pl.col("end") - pl.col("from")).dt.total_days() + 1
    aggs = [
        c("chain_start").first().alias("start" + sfx),
        (  # filter + sum, the same total as when/then/otherwise(0) + sum, without the zero-filled column
            days.filter(after_start & (c("cat") == EXCLUDE)).sum()
            + c("medium_days").filter(after_start & c("medium") & (c("medium_rank") <= forgive_count)).sum()
        ).alias("excluded" + sfx),
        c("bagatelle").first().alias("bagatelle" + sfx),
    ]
    tail_gap = (pl.col("as_of") - pl.col("last_end")).dt.total_days()
    current = ~c("cat").is_in([BREAK, INTERRUPT]) & (tail_gap <= c("bagatelle"))
    finals = [
        pl.when(current).then(c("start")).alias(f"{chain.prefix}_start"),
        pl.when(current & c("start").is_not_null())
        .then(c("excluded"))
        .alias(f"{chain.prefix}_excluded_days"),
    ]
    return steps, aggs, finals
