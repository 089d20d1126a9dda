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


# Per-person values on rows sorted by ``pk`` (each person's periods contiguous). ``over("pk")`` hashes the key
# anew for every window (the chains need about 30); on sorted rows one running maximum over (pk, value) keys,
# read at each person's last row, gives the same per-person value in a linear pass.
_SHIFT = 1 << 31  # day numbers (Int32) shifted to be non-negative
PERSON_SPAN = 1 << 32  # one person's key range: every shifted day number fits below it


def last_row_of_person() -> pl.Expr:
    return (pl.col("pk") != pl.col("pk").shift(-1)).fill_null(True)


def _person_max_days(days: pl.Expr) -> pl.Expr:
    """``days.max().over("pk")`` for Int64 day numbers on rows sorted by ``pk`` (nulls skipped; all null: null)."""
    base = pl.col("pk").cast(pl.Int64) * PERSON_SPAN
    # a null gets the person's floor ``base``: above every earlier person's keys, below any value of its own
    running = (base + days + (_SHIFT + 1)).fill_null(base).cum_max()
    top = pl.when(last_row_of_person()).then(running).fill_null(strategy="backward") - base
    return pl.when(top > 0).then(top - (_SHIFT + 1))


def _days(day: pl.Expr) -> pl.Expr:
    return day.to_physical().cast(pl.Int64)


def _date(days: pl.Expr) -> pl.Expr:
    return days.cast(pl.Int32).cast(pl.Date)


def person_max(day: pl.Expr) -> pl.Expr:
    """``day.max().over("pk")`` (a date) on rows sorted by ``pk``."""
    return _date(_person_max_days(_days(day)))


def person_min(day: pl.Expr) -> pl.Expr:
    """``day.min().over("pk")`` (a date) on rows sorted by ``pk``."""
    return _date(-_person_max_days(-_days(day)))


def person_rank_desc(day: pl.Expr) -> pl.Expr:
    """``day.rank("ordinal", descending=True).over("pk")`` on rows sorted by ``pk`` (null stays null).

    One global rank of (pk, day) keys, later persons first, less the non-null days of the later persons; ties
    keep the order of the rows as in the per-person rank."""
    key = pl.col("pk").cast(pl.Int64) * PERSON_SPAN + _days(day) + _SHIFT
    ranked = key.rank("ordinal", descending=True).cast(pl.Int64)
    present = day.is_not_null().cast(pl.Int64)
    from_here = present.cum_sum(reverse=True)
    later = pl.when(last_row_of_person()).then(from_here - present).fill_null(strategy="backward")
    return ranked - later


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
        # sorted by person: the previous period of the same person is the previous row; the per-person values
        # below (``person_max`` …) rely on this order
        .with_columns(prev_end=pl.when(pl.col("pk") == pl.col("pk").shift(1)).then(pl.col("end").shift(1)))
        .with_columns(
            gap=(pl.col("from") - pl.col("prev_end")).dt.total_days() - 1,
            own_days=(pl.col("end") - pl.col("from")).dt.total_days() + 1,
        )
    )
    steps: list[list[pl.Expr]] = []
    running: list[pl.Expr] = []
    finals: list[pl.Expr] = []
    for i, chain in enumerate(chains):
        chain_steps, chain_running, chain_finals = _chain_columns(chain, f"_{i}")
        for n, exprs in enumerate(chain_steps):
            if n == len(steps):
                steps.append([])
            steps[n] += exprs
        running += chain_running
        finals += chain_finals
    running_names = [e.meta.output_name() for e in running]
    for exprs in steps:
        s = s.with_columns(exprs)
    # One row per person, its last period (the latest ``from``): there the per-person columns (chain start,
    # bagatelle days, ``as_of``) hold the person's value, ``cat_…`` the last period's category, and the
    # running totals less the previous person's give the person's sums. No group-by: the rows are sorted.
    last = s.with_columns(*running, last_end=person_max(pl.col("end"))).filter(last_row_of_person())
    totals = [(pl.col(name) - pl.col(name).shift(1).fill_null(0)).alias(name) for name in running_names]
    return last.with_columns(totals).select("pk", *finals).collect()


def _chain_columns(chain: Chain, sfx: str) -> tuple[list[list[pl.Expr]], list[pl.Expr], list[pl.Expr]]:
    """The steps, running totals and result columns of one chain (column names end in ``sfx``)."""
    forgive_count = chain.forgive_count
    forgive = chain.forgive_days if chain.forgive_days is not None else chain.bagatelle_days

    def c(name: str) -> pl.Expr:
        return pl.col(name + sfx)

    if forgive_count > 0:
        medium_rank = person_rank_desc(pl.when(c("medium") & c("after_hard")).then(pl.col("from")))
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
        [person_max(c("hard_restart")).alias("last_hard" + sfx)],
        [(c("last_hard").is_null() | (pl.col("from") >= c("last_hard"))).alias("after_hard" + sfx)],
        [medium_rank.alias("medium_rank" + sfx)],
        [
            person_max(
                pl.when(c("medium") & c("after_hard") & (c("medium_rank") > forgive_count)).then(
                    pl.col("from")
                )
            ).alias("medium_restart" + sfx)
        ]
        if forgive_count > 0
        else [],
        # the later of both, nulls skipped (as ``calendar.latest``); not ``max_horizontal``, which returns a
        # single row when both columns are all null; without a forgiven interruption: no medium restart
        [
            pl.when(c("medium_restart").is_null() | (c("last_hard") >= c("medium_restart")))
            .then(c("last_hard"))
            .otherwise(c("medium_restart"))
            .alias("restart" + sfx)
            if forgive_count > 0
            else c("last_hard").alias("restart" + sfx)
        ],
        [(c("restart").is_null() | (pl.col("from") >= c("restart"))).alias("in_chain" + sfx)],
        [
            person_min(pl.when(c("in_chain") & (c("cat") == COUNT)).then(pl.col("from"))).alias(
                "chain_start" + sfx
            )
        ],
    ]
    after_start = c("in_chain") & (pl.col("from") > c("chain_start"))
    days = (pl.col("end") - pl.col("from")).dt.total_days() + 1
    # the excluded days up to each row over all persons (a null condition or value adds nothing, as in a sum)
    excluded = pl.when(after_start & (c("cat") == EXCLUDE)).then(days).otherwise(0).fill_null(0) + pl.when(
        after_start & c("medium") & (c("medium_rank") <= forgive_count)
    ).then(c("medium_days")).otherwise(0).fill_null(0)
    running = [excluded.cum_sum().alias("excluded" + sfx)]
    tail_gap = (pl.col("as_of") - pl.col("last_end")).dt.total_days()
    current = ~c("cat").is_in([BREAK, INTERRUPT]) & (tail_gap <= c("bagatelle"))
    finals = [
        pl.when(current).then(c("chain_start")).alias(f"{chain.prefix}_start"),
        pl.when(current & c("chain_start").is_not_null())
        .then(c("excluded"))
        .alias(f"{chain.prefix}_excluded_days"),
    ]
    return steps, running, finals
