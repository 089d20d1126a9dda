"""Adding columns to the wide evaluation frame at a cost that does not grow with its width.

Polars plans an eager ``with_columns`` against the frame's whole schema, and the evaluation frame holds some
2,000 columns (every requirement's status, dates and values). Evaluating each group of expressions on a frame
of just the columns they read, then attaching the new columns, is several times faster for one case and no
slower for a national caseload. The results are identical: the expressions see the same values.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

_ROW = "__row__"


def add_columns(df: pl.DataFrame, exprs: Sequence[pl.Expr]) -> pl.DataFrame:
    """``df.with_columns(exprs)``, evaluated on the columns the expressions read."""
    if not exprs:
        return df
    read: set[str] = set()
    for e in exprs:
        read.update(e.meta.root_names())
    narrow = pl.DataFrame([df.get_column(name) for name in read] or [df.to_series(0)])
    # a first full-height column makes literal-only expressions broadcast to the frame's height
    new = narrow.select(pl.first().alias(_ROW), *exprs).get_columns()[1:]
    try:
        return df.hstack(new)
    except pl.exceptions.DuplicateError:  # the expressions replace existing columns
        return df.with_columns(new)
