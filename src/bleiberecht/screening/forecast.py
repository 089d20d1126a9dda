"""How many people become eligible per path in each of the next 24 months (from ``eligible_from``).

Month 0 is the calendar month of the assessment date (its remaining days), month 23 the 23rd month after it.
A person counts for a path in the month of that path's ``eligible_from`` if the outcome is ``eligible_later``;
"already eligible" counts outcome ``eligible``; "later" counts ``eligible_later`` beyond the 24 months.
Undetermined and not eligible paths are not counted: the forecast assumes nothing changes but time.
The last column counts persons (not paths) by the earliest date any path opens for them.
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


def forecast(tri: pl.DataFrame, *, lang: str = "de", norms: Sequence[Norm] = ALL_NORMS) -> pl.DataFrame:
    """Rows: already eligible, 24 months, later, total; columns: one per path and persons by first path."""
    buckets = [
        _bucket(pl.col(f"{n.key}__outcome"), pl.col(f"{n.key}__eligible_from")).alias(n.key) for n in norms
    ]
    # concat_list, not min_horizontal: the latter returns one row when every input is an all-null column
    frame = tri.select(*buckets, pl.concat_list(buckets).list.min().alias("anyone"))
    order = [ALREADY, *range(MONTHS), LATER]
    labels = [FORECAST["already"].get(lang), *month_labels(tri, lang), FORECAST["later"].get(lang)]
    columns: dict[str, list[object]] = {FORECAST["month"].get(lang): [*labels, FORECAST["sum"].get(lang)]}
    for key, header in [*((n.key, n.citation) for n in norms), ("anyone", FORECAST["anyone"].get(lang))]:
        counts = frame.get_column(key).drop_nulls().value_counts()
        by = dict(zip(counts.get_column(key).to_list(), counts.get_column("count").to_list(), strict=True))
        values = [int(by.get(b, 0)) for b in order]
        columns[header] = [*values, sum(values)]
    return pl.DataFrame(columns)
