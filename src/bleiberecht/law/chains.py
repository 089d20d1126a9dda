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

import polars as pl

from .calendar import latest

COUNT, EXCLUDE, BREAK, INTERRUPT = "count", "exclude", "break", "interrupt"


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
    forgive = forgive_days if forgive_days is not None else bagatelle_days
    s = (
        statuses.filter(pl.col("from") <= pl.col("as_of"))
        .with_columns(
            end=pl.min_horizontal(pl.coalesce("to", "as_of"), "as_of"),
            cat=category,
            bagatelle=bagatelle_days,
            forgive=forgive,
        )
        .sort("pk", "from")
        .with_columns(prev_end=pl.col("end").shift(1).over("pk"))
        .with_columns(
            gap=(pl.col("from") - pl.col("prev_end")).dt.total_days() - 1,
            own_days=(pl.col("end") - pl.col("from")).dt.total_days() + 1,
        )
        .with_columns(
            hard_restart=pl.when(
                (pl.col("cat") == BREAK)
                | (
                    (pl.col("cat") == INTERRUPT)
                    & ((pl.col("own_days") > pl.col("forgive")) | pl.lit(forgive_count == 0))
                )
            )
            .then(pl.col("end") + pl.duration(days=1))
            .when(pl.col("gap") > pl.col("forgive"))
            .then(pl.col("from"))
            .when((pl.col("gap") > pl.col("bagatelle")) & pl.lit(forgive_count == 0))
            .then(pl.col("from")),
            # an interrupting period: forgiven like a gap of its own length
            medium=pl.when(pl.col("cat") == INTERRUPT)
            .then((pl.col("own_days") <= pl.col("forgive")) & pl.lit(forgive_count > 0))
            .otherwise(
                (pl.col("gap") > pl.col("bagatelle"))
                & (pl.col("gap") <= pl.col("forgive"))
                & pl.lit(forgive_count > 0)
            ),
            medium_days=pl.when(pl.col("cat") == INTERRUPT).then(pl.col("own_days")).otherwise(pl.col("gap")),
        )
        .with_columns(last_hard=pl.col("hard_restart").max().over("pk"))
        .with_columns(
            after_hard=pl.col("last_hard").is_null() | (pl.col("from") >= pl.col("last_hard")),
        )
        .with_columns(
            medium_rank=pl.when(pl.col("medium") & pl.col("after_hard"))
            .then(pl.col("from"))
            .rank("ordinal", descending=True)
            .over("pk")
        )
        .with_columns(
            medium_restart=pl.when(
                pl.col("medium") & pl.col("after_hard") & (pl.col("medium_rank") > forgive_count)
            )
            .then(pl.col("from"))
            .max()
            .over("pk")
        )
        .with_columns(restart=latest("last_hard", "medium_restart"))
        .with_columns(
            in_chain=pl.col("restart").is_null() | (pl.col("from") >= pl.col("restart")),
        )
    )
    s = s.with_columns(
        chain_start=pl.col("from").filter(pl.col("in_chain") & (pl.col("cat") == COUNT)).min().over("pk")
    )
    after_start = pl.col("in_chain") & (pl.col("from") > pl.col("chain_start"))
    days = (pl.col("end") - pl.col("from")).dt.total_days() + 1
    grouped = s.group_by("pk").agg(
        start=pl.col("chain_start").first(),
        excluded=(
            pl.when(after_start & (pl.col("cat") == EXCLUDE)).then(days).otherwise(0).sum()
            + pl.when(after_start & pl.col("medium") & (pl.col("medium_rank") <= forgive_count))
            .then(pl.col("medium_days"))
            .otherwise(0)
            .sum()
        ),
        last_end=pl.col("end").max(),
        last_cat=pl.col("cat").sort_by("from").last(),
        as_of=pl.col("as_of").first(),
        bagatelle=pl.col("bagatelle").first(),
    )
    tail_gap = (pl.col("as_of") - pl.col("last_end")).dt.total_days()
    current = ~pl.col("last_cat").is_in([BREAK, INTERRUPT]) & (tail_gap <= pl.col("bagatelle"))
    return grouped.select(
        "pk",
        pl.when(current).then(pl.col("start")).alias(f"{prefix}_start"),
        pl.when(current & pl.col("start").is_not_null())
        .then(pl.col("excluded"))
        .alias(f"{prefix}_excluded_days"),
    )
