"""How many people become eligible per path in each of the next 24 months (from ``eligible_from``).

Month 0 is the calendar month of the assessment date (its remaining days), month 23 the 23rd month after it.
A person counts for a path in the month of that path's ``eligible_from`` if the outcome is ``eligible_later``;
"already eligible" counts outcome ``eligible``; "later" counts ``eligible_later`` beyond the 24 months.
Undetermined and not eligible paths are not counted: the forecast assumes nothing changes but time.
The last column counts persons (not paths) by the earliest date any path opens for them.

The second forecast (``possible=True``) counts the *undetermined* paths instead, in the month they would open
if every open question were answered in the person's favour: the potential that clarifying the files unlocks.
It never mixes with the first: a path is either certain (only time missing) or possible (facts missing).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from bleiberecht.law.norm import Norm
from bleiberecht.law.norms import ALL_NORMS
from bleiberecht.screening.labels import FORECAST

MONTHS = 24
ALREADY, LATER = -1, MONTHS


def _bucket(outcome: pl.Expr, eligible_from: pl.Expr) -> pl.Expr:
    """-1 already eligible, 0..23 month of eligible_from, 24 later, null not counted."""
    months = (eligible_from.dt.year() - pl.col("as_of").dt.year()) * 12 + (
        eligible_from.dt.month() - pl.col("as_of").dt.month()
    )
    return (
        pl.when(outcome == "eligible")
        .then(ALREADY)
        .when(outcome == "eligible_later")
        .then(months.clip(upper_bound=LATER))
        .cast(pl.Int32)
    )


def month_labels(tri: pl.DataFrame, lang: str) -> list[str]:
    as_of = tri.get_column("as_of")
    first = as_of.min() if len(as_of) else None
    same_month = first is not None and as_of.dt.strftime("%Y-%m").n_unique() == 1
    labels = []
    for k in range(MONTHS):
        if same_month:
            year, month = divmod(first.year * 12 + first.month - 1 + k, 12)  # type: ignore[union-attr]
            labels.append(f"{month + 1:02d}/{year}")
        else:
            labels.append(f"+{k}")
    return labels


def _possible_bucket(possible_from: pl.Expr) -> pl.Expr:
    """-1 open questions only, 0..23 month the path would open, 24 later, null not counted."""
    months = (possible_from.dt.year() - pl.col("as_of").dt.year()) * 12 + (
        possible_from.dt.month() - pl.col("as_of").dt.month()
    )
    return (
        pl.when(possible_from <= pl.col("as_of"))
        .then(ALREADY)
        .otherwise(months.clip(upper_bound=LATER))
        .cast(pl.Int32)
    )


def forecast(
    tri: pl.DataFrame, *, lang: str = "de", norms: Sequence[Norm] = ALL_NORMS, possible: bool = False
) -> pl.DataFrame:
    """Rows: already eligible, 24 months, later, total; columns: one per path and persons by first path.

    ``possible``: count undetermined paths by the month they would open once the open questions are
    answered favourably (first row: "only questions open") instead of certain ones.
    """
    if possible:
        buckets = [_possible_bucket(pl.col(f"{n.key}__possible_from")).alias(n.key) for n in norms]
    else:
        buckets = [
            _bucket(pl.col(f"{n.key}__outcome"), pl.col(f"{n.key}__eligible_from")).alias(n.key)
            for n in norms
        ]
    # concat_list, not min_horizontal: the latter returns one row when every input is an all-null column
    frame = tri.select(*buckets, pl.concat_list(buckets).list.min().alias("anyone"))
    order = [ALREADY, *range(MONTHS), LATER]
    first_row = FORECAST["questions_only" if possible else "already"].get(lang)
    labels = [first_row, *month_labels(tri, lang), FORECAST["later"].get(lang)]
    columns: dict[str, list[object]] = {FORECAST["month"].get(lang): [*labels, FORECAST["sum"].get(lang)]}
    for key, header in [*((n.key, n.citation) for n in norms), ("anyone", FORECAST["anyone"].get(lang))]:
        counts = frame.get_column(key).drop_nulls().value_counts()
        by = dict(zip(counts.get_column(key).to_list(), counts.get_column("count").to_list(), strict=True))
        values = [int(by.get(b, 0)) for b in order]
        columns[header] = [*values, sum(values)]
    return pl.DataFrame(columns)
