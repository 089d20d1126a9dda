"""Counts for the overview sheet: per path and outcome, per traffic light, and the run's totals."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from bleiberecht.law.norm import Norm
from bleiberecht.law.norms import ALL_NORMS
from bleiberecht.screening.labels import NOT_IN_FORCE, OUTCOME_WORD, OVERVIEW, TRAFFIC_LIGHT

OUTCOMES = ("eligible", "eligible_later", "undetermined", "not_eligible")


def path_counts(tri: pl.DataFrame, *, lang: str = "de", norms: Sequence[Norm] = ALL_NORMS) -> pl.DataFrame:
    """One row per path: persons per outcome, not in force, and how often the path is the best one."""
    rows: dict[str, list[object]] = {
        OVERVIEW["path"].get(lang): [],
        OVERVIEW["title"].get(lang): [],
        **{OUTCOME_WORD[o].get(lang): [] for o in OUTCOMES},
        NOT_IN_FORCE.get(lang): [],
        OVERVIEW["best"].get(lang): [],
    }
    best = tri.get_column("best_path")
    for norm in norms:
        outcome = tri.get_column(f"{norm.key}__outcome")
        in_force = tri.get_column(f"{norm.key}__in_force").fill_null(False)
        rows[OVERVIEW["path"].get(lang)].append(norm.citation)
        rows[OVERVIEW["title"].get(lang)].append(norm.title.get(lang))
        for o in OUTCOMES:
            rows[OUTCOME_WORD[o].get(lang)].append(int(((outcome == o) & in_force).sum()))
        rows[NOT_IN_FORCE.get(lang)].append(int((~in_force).sum()))
        rows[OVERVIEW["best"].get(lang)].append(int((best == norm.key).sum()))
    return pl.DataFrame(rows)


def light_counts(tri: pl.DataFrame, *, lang: str = "de") -> pl.DataFrame:
    total = max(tri.height, 1)
    lights = tri.get_column("traffic_light")
    counts = [int((lights == code).sum()) for code in TRAFFIC_LIGHT]
    return pl.DataFrame(
        {
            OVERVIEW["light"].get(lang): [t.get(lang) for t in TRAFFIC_LIGHT.values()],
            OVERVIEW["count"].get(lang): counts,
            OVERVIEW["share"].get(lang): [round(c / total, 4) for c in counts],
        }
    )
