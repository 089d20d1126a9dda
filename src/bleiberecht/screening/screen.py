"""Screening a list of valid case documents: the engine in chunks, then worklist, counts and forecast.

The engine (`bleiberecht.law.engine.evaluate_cases`, the same as ``bleiberecht check``) runs on chunks of
cases so that a national caseload never holds the full engine frame (about 900 columns per person) at once;
only the narrow triage columns of each chunk are kept. Family links never cross a case, so chunking by case
changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from bleiberecht.law.derive import derive
from bleiberecht.law.engine import evaluate_cases, evaluate_frame
from bleiberecht.law.facts_columnar import build_fact_tables_columnar, person_names
from bleiberecht.law.norm import Norm
from bleiberecht.law.norms import ALL_NORMS, ALL_REVIEWS
from bleiberecht.law.params import Params, load_params
from bleiberecht.law.review import Review
from bleiberecht.screening.forecast import forecast
from bleiberecht.screening.labels import REVIEW_HEADERS, TRAFFIC_LIGHT
from bleiberecht.screening.overview import light_counts, path_counts
from bleiberecht.screening.triage import triage
from bleiberecht.screening.worklist import build_worklist

# Persons per engine run: each run pays a fixed cost for planning the ~2,000 expressions (about 1 s CPU), and
# the evaluated frame of 200,000 persons (statuses as enum) peaks below 1 GiB.
CHUNK_PERSONS = 200_000


@dataclass
class Screening:
    tri: pl.DataFrame  # one narrow row per person (triage columns and names), in input order
    worklist: pl.DataFrame
    paths: pl.DataFrame
    lights: pl.DataFrame
    forecast: pl.DataFrame
    forecast_possible: pl.DataFrame  # undetermined paths by the month they open once clarified
    reviews: pl.DataFrame

    @property
    def persons(self) -> int:
        return self.tri.height


def chunks(cases: Sequence[dict[str, Any]], persons: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    size = 0
    for case in cases:
        batch.append(case)
        size += len(case["persons"])
        if size >= persons:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def evaluate(
    cases: Sequence[dict[str, Any]],
    *,
    lang: str = "de",
    default_as_of: date | None = None,
    progress: Callable[[int], None] | None = None,
    chunk_persons: int = CHUNK_PERSONS,
    params: Params | None = None,
) -> pl.DataFrame:
    """All cases -> the triage frame (one row per person, input order) with a ``name`` column."""
    p = params or load_params()
    parts: list[pl.DataFrame] = []
    offset_pk = offset_case = 0
    for batch in chunks(cases, chunk_persons):
        # the triage reads no explanation values or hints (the per-person result renders them)
        frame = evaluate_cases(batch, default_as_of=default_as_of, params=p, explain=False)
        part = triage(frame, lang=lang, params=p).sort("pk")
        names = [person.get("name") for case in batch for person in case["persons"]]
        part = part.with_columns(
            pl.Series("name", names, dtype=pl.Utf8),
            pl.col("pk") + offset_pk,
            pl.col("case_idx") + offset_case,
        )
        parts.append(part)
        offset_pk += part.height
        offset_case += len(batch)
        if progress:
            progress(part.height)
    if not parts:
        return triage(
            evaluate_cases([], default_as_of=default_as_of, params=p, explain=False), lang=lang, params=p
        ).with_columns(pl.lit(None, dtype=pl.Utf8).alias("name"))
    return pl.concat(parts, how="vertical_relaxed")


def review_rows(
    tri: pl.DataFrame, *, lang: str = "de", reviews: Sequence[Review] = ALL_REVIEWS
) -> pl.DataFrame:
    """One row per flagged re-examination (person × review)."""
    h = {k: v.get(lang) for k, v in REVIEW_HEADERS.items()}
    lights = {k: v.get(lang) for k, v in TRAFFIC_LIGHT.items()}
    parts = []
    for review in reviews:
        flag = f"{review.key}__flag"
        if flag not in tri.columns:
            continue
        parts.append(
            tri.filter(pl.col(flag)).select(
                pl.col("case_id").alias(h["case_id"]),
                pl.col("person_id").alias(h["person_id"]),
                pl.col("name").alias(h["name"]),
                pl.col("traffic_light").replace_strict(lights, return_dtype=pl.Utf8).alias(h["light"]),
                pl.lit(review.title.get(lang)).alias(h["review"]),
                pl.lit(review.citation).alias(h["citation"]),
                pl.col(f"{review.key}__held").alias(h["reasons"]),
                pl.col(f"{review.key}__open").alias(h["open"]),
            )
        )
    if not parts:
        return pl.DataFrame({v: [] for v in h.values()}, schema={v: pl.Utf8 for v in h.values()})
    return pl.concat(parts)


def summarise(tri: pl.DataFrame, *, lang: str = "de", norms: Sequence[Norm] = ALL_NORMS) -> Screening:
    """The triage frame -> worklist, counts, both forecasts and the flagged re-examinations."""
    return Screening(
        tri=tri,
        worklist=build_worklist(tri, tri.get_column("name"), lang=lang, norms=norms),
        paths=path_counts(tri, lang=lang, norms=norms),
        lights=light_counts(tri, lang=lang),
        forecast=forecast(tri, lang=lang, norms=norms),
        forecast_possible=forecast(tri, lang=lang, norms=norms, possible=True),
        reviews=review_rows(tri, lang=lang),
    )


def screen_cases(
    cases: Sequence[dict[str, Any]],
    *,
    lang: str = "de",
    default_as_of: date | None = None,
    progress: Callable[[int], None] | None = None,
    norms: Sequence[Norm] = ALL_NORMS,
    chunk_persons: int = CHUNK_PERSONS,
) -> Screening:
    tri = evaluate(
        cases, lang=lang, default_as_of=default_as_of, progress=progress, chunk_persons=chunk_persons
    )
    return summarise(tri, lang=lang, norms=norms)


# --- the columnar path: valid cases as one nested frame (JSON Lines, nested Parquet) instead of dicts ---------


def frame_chunks(frame: pl.DataFrame, persons: int) -> Iterator[pl.DataFrame]:
    """Slices of whole cases (rows) of about ``persons`` persons each, cut as `chunks` cuts a list of dicts."""
    sizes = frame.get_column("persons").list.len().fill_null(0).to_list()
    start = size = 0
    for end, n in enumerate(sizes, start=1):
        size += n
        if size >= persons:
            yield frame.slice(start, end - start)
            start, size = end, 0
    if start < len(sizes):
        yield frame.slice(start)


def evaluate_columnar(
    frame: pl.DataFrame,
    *,
    lang: str = "de",
    default_as_of: date | None = None,
    progress: Callable[[int], None] | None = None,
    chunk_persons: int = CHUNK_PERSONS,
    params: Params | None = None,
) -> pl.DataFrame:
    """As `evaluate`, for a frame of case documents in the nested layout (one row per case): the fact tables
    are built by `build_fact_tables_columnar` from each chunk, so no case ever becomes a Python dict."""
    p = params or load_params()
    parts: list[pl.DataFrame] = []
    offset_pk = offset_case = 0
    for batch in frame_chunks(frame, chunk_persons):
        tables = build_fact_tables_columnar(batch, default_as_of=default_as_of)
        evaluated = evaluate_frame(derive(tables, p), p, explain=False)  # = evaluate_cases(…, explain=False)
        part = triage(evaluated, lang=lang, params=p).sort("pk")
        part = part.with_columns(
            person_names(batch),
            pl.col("pk") + offset_pk,
            pl.col("case_idx") + offset_case,
        )
        parts.append(part)
        offset_pk += part.height
        offset_case += batch.height
        if progress:
            progress(part.height)
    if not parts:
        return evaluate([], lang=lang, default_as_of=default_as_of, params=p)
    return pl.concat(parts, how="vertical_relaxed")


def screen_frame(
    frame: pl.DataFrame,
    *,
    lang: str = "de",
    default_as_of: date | None = None,
    progress: Callable[[int], None] | None = None,
    norms: Sequence[Norm] = ALL_NORMS,
    chunk_persons: int = CHUNK_PERSONS,
) -> Screening:
    """`screen_cases` for a frame of case documents in the nested layout."""
    tri = evaluate_columnar(
        frame, lang=lang, default_as_of=default_as_of, progress=progress, chunk_persons=chunk_persons
    )
    return summarise(tri, lang=lang, norms=norms)
