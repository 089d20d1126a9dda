"""The worklist: one row per person, most urgent first.

Order (documented in docs/screening-worklist.md):

1. urgency class: 1 an application deadline (not a mere alert) falls before the green limit (as_of + 3 months) —
   2 green — 3 a re-examination (§ 60b, employment ban …) is flagged — 4 yellow, a path opens on a known date —
   5 yellow, facts missing — 6 yellow, a requirement the person can meet — 7 red;
2. within a class: the nearest application deadline first, then the nearest deadline or alert, then the earliest
   ``eligible_from`` of the best path;
3. then Aktenzeichen and Person-ID, so the order is stable.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from bleiberecht.law.norm import Norm
from bleiberecht.law.norms import ALL_NORMS
from bleiberecht.screening.labels import NEXT_STEP, OUTCOME_WORD, TRAFFIC_LIGHT, URGENCY

WORKLIST_COLUMNS = (
    "rank",
    "urgency",
    "light",
    "case_id",
    "person_id",
    "name",
    "birth_date",
    "best_path",
    "outcome",
    "eligible_from",
    "apply_by",
    "deadline_date",
    "deadline_text",
    "missing",
    "next_step",
    "next_question",
    "other_paths",
    "reviews",
    "as_of",
)
# Machine-readable codes kept beside the words (JSON and Parquet output; colours in XLSX).
CODE_COLUMNS = ("traffic_light", "best_path_key", "best_outcome", "urgency_class", "next_fact")


def _date_text(col: str, lang: str) -> pl.Expr:
    return pl.col(col).dt.strftime("%d.%m.%Y" if lang == "de" else "%Y-%m-%d")


def urgency_class() -> pl.Expr:
    d = pl.col("apply_deadline")
    soon = (d >= pl.col("as_of")) & (d < pl.col("green_until"))
    light = pl.col("traffic_light")
    best = pl.col("best_outcome")
    return (
        pl.when(soon.fill_null(False))
        .then(1)
        .when(light == "green")
        .then(2)
        .when(pl.col("reviews").is_not_null())
        .then(3)
        .when(best == "eligible_later")
        .then(4)
        .when(best == "undetermined")
        .then(5)
        .when(light == "yellow")
        .then(6)
        .otherwise(7)
        .cast(pl.Int8)
    )


def next_step(norms: Sequence[Norm], lang: str) -> pl.Expr:
    citation = pl.col("best_path").replace_strict(
        {n.key: n.citation for n in norms}, default=pl.col("best_path"), return_dtype=pl.Utf8
    )
    when = _date_text("best_eligible_from", lang)

    def fill(key: str, **values: pl.Expr) -> pl.Expr:
        template = NEXT_STEP[key].get(lang)
        parts: list[pl.Expr] = []
        rest = template
        while "{" in rest:
            head, tail = rest.split("{", 1)
            name, rest = tail.split("}", 1)
            parts += [pl.lit(head), values[name]]
        parts.append(pl.lit(rest))
        return pl.concat_str(parts)

    best = pl.col("best_outcome")
    return (
        pl.when(best == "eligible")
        .then(fill("apply", path=citation))
        .when((best == "eligible_later") & (pl.col("traffic_light") == "green"))
        .then(fill("prepare", path=citation, date=when))
        .when(best == "eligible_later")
        .then(fill("resubmit", path=citation, date=when))
        .when((best == "undetermined") & pl.col("next_question").is_not_null())
        .then(fill("clarify", question=pl.col("next_question")))
        .when(best == "undetermined")
        .then(fill("clarify_generic", path=citation))
        .when(pl.col("traffic_light") == "yellow")
        .then(fill("counsel", path=citation))
        .otherwise(pl.lit(NEXT_STEP["none"].get(lang)))
    )


def build_worklist(
    tri: pl.DataFrame, names: pl.Series | None = None, *, lang: str = "de", norms: Sequence[Norm] = ALL_NORMS
) -> pl.DataFrame:
    """The triage frame (`triage.triage`) -> the sorted worklist with words in ``lang`` and the codes."""
    frame = tri.with_columns(
        (names if names is not None else pl.lit(None, dtype=pl.Utf8)).alias("name"),
        urgency_class().alias("urgency_class"),
    )
    citations = {n.key: n.citation for n in norms}
    frame = frame.sort(
        ["urgency_class", "apply_deadline", "deadline_date", "best_eligible_from", "case_id", "person_id"],
        nulls_last=True,
        maintain_order=True,
    )
    return frame.select(
        pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("rank"),
        pl.col("urgency_class")
        .replace_strict({k: v.get(lang) for k, v in URGENCY.items()}, return_dtype=pl.Utf8)
        .alias("urgency"),
        pl.col("traffic_light")
        .replace_strict({k: v.get(lang) for k, v in TRAFFIC_LIGHT.items()}, return_dtype=pl.Utf8)
        .alias("light"),
        "case_id",
        "person_id",
        "name",
        "birth_date",
        pl.col("best_path").replace_strict(citations, default=None, return_dtype=pl.Utf8).alias("best_path"),
        pl.col("best_outcome")
        .replace_strict({k: v.get(lang) for k, v in OUTCOME_WORD.items()}, default=None, return_dtype=pl.Utf8)
        .alias("outcome"),
        pl.col("best_eligible_from").alias("eligible_from"),
        pl.col("best_apply_by").alias("apply_by"),
        "deadline_date",
        "deadline_text",
        "missing",
        next_step(norms, lang).alias("next_step"),
        "next_question",
        "other_paths",
        "reviews",
        "as_of",
        "traffic_light",
        pl.col("best_path").alias("best_path_key"),
        "best_outcome",
        "urgency_class",
        "next_fact",
    )
