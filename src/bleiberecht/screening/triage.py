"""What the worklist needs per person, computed column-wise from the engine's frame.

The per-case result (``bleiberecht check``, `bleiberecht.law.result`) renders one person at a time in Python;
for 200,000 persons that is too slow, so the same selections are written here as Polars expressions over the
engine's columns. Nothing is decided anew: outcomes, dates and statuses are the engine's. What is chosen here:

- the **best path** per person (``best_path``): the lowest of (outcome rank, date, legal consequence, norm
  order), where the outcome rank is eligible < eligible_later < undetermined < not_eligible but reachable by
  the person's own actions < not_eligible; the date is ``eligible_from`` for eligible_later and ``apply_by`` for
  undetermined; consequence Anspruch < Soll < Kann;
- the **next question** (``next_fact``): exactly `result._next_questions`' first entry (the unknown fact that
  decides the most open paths, then the nearest application deadline, then the fact's name);
- the **nearest deadline** (``deadline_date``): exactly `result._deadlines`' first entry;
- the **review flags**: the reviews (`ALL_REVIEWS`) flagged for the person.

`tests/screening/test_one_engine.py` checks these against `person_result` for every person of random caseloads.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

from bleiberecht.cli.labels import FACT, word
from bleiberecht.law.norm import Norm, Text
from bleiberecht.law.norms import ALL_NORMS, ALL_REVIEWS
from bleiberecht.law.params import Params, load_params
from bleiberecht.law.review import Review

OUTCOME_RANK = {"eligible": 0, "eligible_later": 1, "undetermined": 2}
ACTIONABLE_RANK, NOT_ELIGIBLE_RANK, NONE_RANK = 3, 4, 9
CONSEQUENCE_RANK = {"anspruch": 0, "soll": 1, "kann": 2}
OPEN_FOR_QUESTIONS = ("undetermined", "eligible", "eligible_later")
EPOCH = date(1970, 1, 1)
NO_CSE = pl.QueryOptFlags(comm_subexpr_elim=False)
FAR = (date(9999, 12, 31) - EPOCH).days

APPLY_BY_TEXT = Text("Letzter Tag für den Antrag: ", "Last day to apply: ")
MISSING_PARTS = {
    "not_met": Text("nicht erfüllt: ", "not met: "),
    "unknown": Text("offen: ", "open: "),
    "later": Text("Zeit: ", "time: "),
}


def _days(expr: pl.Expr) -> pl.Expr:
    return (expr - pl.lit(EPOCH)).dt.total_days()


def _c(*parts: str) -> str:
    return "__".join(parts)


def _known(columns: set[str], fact: str) -> pl.Expr:
    name = f"fact_known__{fact}"
    return pl.col(name) if name in columns else pl.lit(True)


def _in_force(norm: Norm) -> pl.Expr:
    return pl.col(_c(norm.key, "in_force")).fill_null(False)


def best_score(norms: Sequence[Norm]) -> pl.Expr:
    """``_best``: the lowest score over the paths; its last two digits are the index of the best path."""
    scores = []
    for index, norm in enumerate(norms):
        k = norm.key
        out = pl.col(_c(k, "outcome"))
        rank = (
            pl.when(~_in_force(norm) | out.is_null())
            .then(NONE_RANK)
            .when(out == "not_eligible")
            .then(
                pl.when(pl.col(_c(k, "only_actionable"))).then(ACTIONABLE_RANK).otherwise(NOT_ELIGIBLE_RANK)
            )
            .otherwise(out.replace_strict(OUTCOME_RANK, default=NONE_RANK, return_dtype=pl.Int64))
        )
        when = (
            pl.when(out == "eligible_later")
            .then(_days(pl.col(_c(k, "eligible_from"))))
            .when(out == "undetermined")
            .then(_days(pl.col(_c(k, "apply_by"))))
            .otherwise(0)
            .fill_null(FAR)
        )
        consequence = pl.col(_c(k, "consequence")).replace_strict(
            CONSEQUENCE_RANK, default=3, return_dtype=pl.Int64
        )
        scores.append(
            rank.cast(pl.Int64) * 10**12 + when.cast(pl.Int64) * 10**4 + consequence * 10**2 + index
        )
    return pl.min_horizontal(scores).alias("_best")


def best_path(norms: Sequence[Norm]) -> list[pl.Expr]:
    """From ``_best``: ``best_path`` (key), ``best_outcome``, ``best_eligible_from``, ``best_apply_by``."""
    best = pl.col("_best")
    found = best < NONE_RANK * 10**12
    index = (best % 100).cast(pl.Int64)
    keys = {i: n.key for i, n in enumerate(norms)}

    def pick(part: str) -> pl.Expr:
        # the column of the path at ``index``: flat and columnar (a list column per row is many times slower)
        return pl.when(found).then(
            pl.coalesce([pl.when(index == i).then(pl.col(_c(n.key, part))) for i, n in enumerate(norms)])
        )

    return [
        pl.when(found).then(index.replace_strict(keys, return_dtype=pl.Utf8)).alias("best_path"),
        pick("outcome").alias("best_outcome"),
        pick("eligible_from").alias("best_eligible_from"),
        pick("apply_by").alias("best_apply_by"),
    ]


def missing_masks(norms: Sequence[Norm]) -> list[pl.Expr]:
    """For the best path: bit masks of its requirements not met, open (facts missing), or met only later."""
    exprs = []
    for part in MISSING_PARTS:
        per_path = []
        for norm in norms:
            if len(norm.requirements) > 62:
                raise ValueError(f"{norm.key}: too many requirements for a bit mask")
            bits = []
            for j, req in enumerate(norm.requirements):
                b = (norm.key, req.key)
                st = pl.col(_c(*b, "status"))
                hit = (
                    (st == "met") & (pl.col(_c(*b, "met_from")) > pl.col("as_of"))
                    if part == "later"
                    else st == part
                )
                bits.append(pl.when(hit).then(pl.lit(1 << j, dtype=pl.Int64)).otherwise(0))
            per_path.append((norm.key, pl.sum_horizontal(bits) if bits else pl.lit(0, dtype=pl.Int64)))
        # the first path whose key is the best path's (a flat coalesce: a nested when-chain is much slower)
        picked = [pl.when(pl.col("best_path") == key).then(mask) for key, mask in per_path]
        exprs.append(pl.coalesce([*picked, pl.lit(0, dtype=pl.Int64)]).alias(f"_mask_{part}"))
    return exprs


def add_missing_text(frame: pl.DataFrame, norms: Sequence[Norm], lang: str) -> pl.DataFrame:
    """``missing``: the titles behind the masks, rendered once per distinct combination (there are few)."""
    keys = ["best_path", *(f"_mask_{part}" for part in MISSING_PARTS)]
    by_key = {n.key: n for n in norms}
    combos = frame.select(keys).unique()
    texts = []
    for row in combos.iter_rows(named=True):
        norm = by_key.get(row["best_path"] or "")
        parts = []
        for part, label in MISSING_PARTS.items():
            mask = row[f"_mask_{part}"] or 0
            if norm is None or not mask:
                continue
            titles = [r.title.get(lang) for j, r in enumerate(norm.requirements) if mask >> j & 1]
            parts.append(label.get(lang) + "; ".join(titles))
        texts.append(" | ".join(parts) or None)
    table = combos.with_columns(pl.Series("missing", texts, dtype=pl.Utf8))
    return frame.join(table, on=keys, how="left", nulls_equal=True, maintain_order="left").drop(keys[1:])


def next_question(frame: pl.DataFrame, norms: Sequence[Norm]) -> pl.Series:
    """``_nq``: the key of the first of `result._next_questions` (decoded by `next_question_decode`).

    A fact counts for a path when the path is open for questions and one of its unknown requirements reads
    the fact, either because the fact itself is unknown or because every fact the requirement reads is known
    (then the requirement's own unknown detail is the question). The per-path and per-requirement parts are
    materialised once and shared by every fact: several times faster than one expression per fact.
    """
    facts = _facts(norms)
    if not facts:
        return pl.Series("_nq", [None] * frame.height, dtype=pl.Int64)
    columns = set(frame.collect_schema().names())
    parts: list[pl.Expr] = []
    for n in norms:
        out = pl.col(_c(n.key, "outcome"))
        parts.append((_in_force(n) & out.is_in(OPEN_FOR_QUESTIONS)).fill_null(False).alias(f"o|{n.key}"))
        parts.append(_days(pl.col(_c(n.key, "apply_by"))).alias(f"d|{n.key}"))
        for r in n.requirements:
            unknown = (pl.col(_c(n.key, r.key, "status")) == "unknown").fill_null(False)
            all_known = pl.all_horizontal([_known(columns, f) for f in r.reads])
            parts.append(unknown.alias(f"u|{n.key}|{r.key}"))
            parts.append((unknown & all_known).fill_null(False).alias(f"a|{n.key}|{r.key}"))
    recorded = [f for f in facts if f"fact_known__{f}" in columns]
    parts += [pl.col(f"fact_known__{f}").fill_null(True).alias(f"k|{f}") for f in recorded]
    shared = frame.select(parts)
    keys = []
    for rank, fact in enumerate(facts):
        fact_unknown = ~pl.col(f"k|{fact}") if fact in recorded else pl.lit(False)
        hits, urgent = [], []
        for n in norms:
            reqs = [r for r in n.requirements if fact in r.reads]
            if not reqs:
                continue
            # any((u & fact_unknown) | a) over the requirements, factored (every part is non-null)
            misses = pl.any_horizontal([pl.col(f"a|{n.key}|{r.key}") for r in reqs])
            if fact in recorded:
                misses = misses | (
                    fact_unknown & pl.any_horizontal([pl.col(f"u|{n.key}|{r.key}") for r in reqs])
                )
            hit = pl.col(f"o|{n.key}") & misses
            hits.append(hit)
            urgent.append(pl.when(hit).then(pl.col(f"d|{n.key}")))
        if not hits:
            continue
        count = pl.sum_horizontal(hits).cast(pl.Int64)  # booleans summed: the number of paths
        urgency = pl.min_horizontal(urgent).fill_null(FAR)
        keys.append(pl.when(count > 0).then((100 - count) * 10**10 + urgency.cast(pl.Int64) * 10**3 + rank))
    if not keys:
        return pl.Series("_nq", [None] * frame.height, dtype=pl.Int64)
    return shared.select(pl.min_horizontal(keys).alias("_nq")).to_series()


def _facts(norms: Sequence[Norm]) -> list[str]:
    return sorted({f for n in norms for r in n.requirements for f in r.reads})


def next_question_decode(norms: Sequence[Norm]) -> list[pl.Expr]:
    """``next_fact`` (the fact) and ``next_fact_paths`` (how many open paths it decides)."""
    best = pl.col("_nq")
    names = dict(enumerate(_facts(norms)))
    return [
        (best % 1000).replace_strict(names, default=None, return_dtype=pl.Utf8).alias("next_fact"),
        (100 - best // 10**10).fill_null(0).alias("next_fact_paths"),
    ]


def nearest_deadline(
    frame: pl.DataFrame, norms: Sequence[Norm], lang: str
) -> tuple[list[pl.Expr], dict[int, str]]:
    """``deadline_date`` and ``deadline_text``: the first of `result._deadlines` (date, then path key);
    ``apply_deadline``: the nearest deadline of kind ``apply_by`` on or after ``as_of`` (alerts left out)."""
    path_rank = {key: i for i, key in enumerate(sorted(n.key for n in norms))}
    columns = set(frame.collect_schema().names())
    texts: dict[int, str] = {}
    keys = []
    applies = []
    for norm in norms:
        k = norm.key
        base = path_rank[k] * 100
        texts[base] = APPLY_BY_TEXT.get(lang) + norm.citation
        apply_by = pl.col(_c(k, "apply_by"))
        keys.append(
            pl.when(
                _in_force(norm) & (pl.col(_c(k, "outcome")) != "not_eligible") & apply_by.is_not_null()
            ).then(_days(apply_by) * 10**4 + base)
        )
        applies.append(keys[-1])
        for j, dl in enumerate(norm.deadlines, start=1):
            name = _c(k, "deadline", dl.key)
            if name not in columns:
                continue
            d = pl.col(name)
            texts[base + j] = dl.text.get(lang)
            keys.append(pl.when(_in_force(norm) & (d >= pl.col("as_of"))).then(_days(d) * 10**4 + base + j))
            if dl.kind == "apply_by":
                applies.append(keys[-1])
    if not keys:
        return [pl.lit(None, dtype=pl.Int64).alias("_dl"), pl.lit(None, dtype=pl.Int64).alias("_apply")], {}
    upcoming = pl.min_horizontal([pl.when(k >= _days(pl.col("as_of")) * 10**4).then(k) for k in applies])
    return [pl.min_horizontal(keys).alias("_dl"), upcoming.alias("_apply")], texts


def nearest_deadline_decode(texts: dict[int, str]) -> list[pl.Expr]:
    best = pl.col("_dl")
    return [
        _date(best // 10**4).alias("deadline_date"),
        (best % 10**4).replace_strict(texts, default=None, return_dtype=pl.Utf8).alias("deadline_text"),
        _date(pl.col("_apply") // 10**4).alias("apply_deadline"),
    ]


def _date(days: pl.Expr) -> pl.Expr:
    return (pl.lit(EPOCH) + pl.duration(days=days)).cast(pl.Date)


def review_columns(reviews: Sequence[Review], lang: str) -> list[pl.Expr]:
    """``reviews``: the titles of flagged reviews; per review its held and open reasons (for the review sheet)."""
    if not reviews:
        return [pl.lit(None, dtype=pl.Utf8).alias("reviews")]
    flagged = [
        pl.when(pl.col(_c(r.key, "flag")).fill_null(False)).then(pl.lit(r.title.get(lang))) for r in reviews
    ]
    out = [_joined(flagged).alias("reviews")]
    for review in reviews:
        held, open_ = [], []
        for reason in review.reasons:
            col = pl.col(_c(review.key, "reason", reason.code))
            text = f"{reason.code}: {reason.text.get(lang)} ({reason.citation})"
            held.append(pl.when(col.fill_null(False)).then(pl.lit(text)))
            open_.append(pl.when(col.is_null()).then(pl.lit(f"{reason.code}: {reason.text.get(lang)}")))
        out += [
            pl.col(_c(review.key, "flag")).fill_null(False).alias(_c(review.key, "flag")),
            _joined(held).alias(_c(review.key, "held")),
            _joined(open_).alias(_c(review.key, "open")),
        ]
    return out


def _joined(items: Sequence[pl.Expr]) -> pl.Expr:
    """The non-null texts joined with "; " (null if there are none); the texts are never empty."""
    if not items:
        return pl.lit(None, dtype=pl.Utf8)
    # concat_str, not a list column per row (concat_list + list.join): same text, many times faster
    return pl.concat_str(items, separator="; ", ignore_nulls=True).replace("", None)


def other_paths(norms: Sequence[Norm], lang: str) -> pl.Expr:
    """In-force paths other than the best one that are open or reachable, with their outcome word."""
    from bleiberecht.screening.labels import OUTCOME_WORD

    items = []
    for norm in norms:
        out = pl.col(_c(norm.key, "outcome"))
        word_expr = out.replace_strict(
            {k: v.get(lang) for k, v in OUTCOME_WORD.items()}, default="", return_dtype=pl.Utf8
        )
        items.append(
            pl.when(_in_force(norm) & out.is_in(OPEN_FOR_QUESTIONS) & (pl.col("best_path") != norm.key)).then(
                pl.lit(f"{norm.citation} (") + word_expr + pl.lit(")")
            )
        )
    return _joined(items).alias("other_paths")


def fact_label(lang: str) -> pl.Expr:
    facts = {key: word(FACT, key, lang) for key in FACT}
    return pl.col("next_fact").replace_strict(facts, default=pl.col("next_fact"), return_dtype=pl.Utf8)


def _collect(lazy: pl.LazyFrame) -> pl.DataFrame:
    # Common-subexpression elimination costs seconds on these wide trees and saves nothing here.
    return lazy.collect(optimizations=NO_CSE)


def triage(
    frame: pl.DataFrame,
    *,
    lang: str = "de",
    norms: Sequence[Norm] = ALL_NORMS,
    reviews: Sequence[Review] = ALL_REVIEWS,
    params: Params | None = None,
) -> pl.DataFrame:
    """The engine's frame -> one narrow row per person with everything the worklist and forecast need.

    Three narrow ``select``s instead of ``with_columns`` on the engine's frame (about 2,000 columns): Polars
    plans a ``with_columns`` on such a frame far more slowly than a ``select`` of the columns needed.
    """
    p = params or load_params()
    per_path = [
        _c(n.key, part)
        for n in norms
        for part in ("outcome", "eligible_from", "apply_by", "in_force", "consequence", "only_actionable")
    ]
    per_req = [
        _c(n.key, r.key, part) for n in norms for r in n.requirements for part in ("status", "met_from")
    ]
    # Undetermined paths: the day they open if every open question is answered favourably (the engine's
    # date over the requirements already met), unless that day lies beyond an application deadline.
    possible = [
        pl.when(
            (pl.col(_c(n.key, "outcome")) == "undetermined")
            & ~(pl.col(_c(n.key, "ef_raw")) > pl.col(_c(n.key, "binding"))).fill_null(False)
        )
        .then(pl.col(_c(n.key, "ef_raw")))
        .alias(_c(n.key, "possible_from"))
        for n in norms
    ]
    ids = ["pk", "case_idx", "case_id", "person_id", "birth_date", "as_of", "traffic_light"]
    deadline_keys, texts = nearest_deadline(frame, norms, lang)
    first = _collect(
        frame.lazy().select(
            *ids,
            *per_path,
            *possible,
            *dict.fromkeys(per_req),
            *deadline_keys,
            *review_columns(reviews, lang),
            best_score(norms),
            p.fulfilled_after(pl.col("as_of"), "screening.green_months").alias("green_until"),
        )
    )
    first = first.hstack([next_question(frame, norms)])
    second = _collect(
        first.lazy().select(
            pl.all(), *best_path(norms), *next_question_decode(norms), *nearest_deadline_decode(texts)
        )
    )
    drop = {*per_req, "_best", "_nq", "_dl", "_apply"}
    keep = [c for c in second.columns if c not in drop]
    third = _collect(
        second.lazy().select(
            *keep,
            *missing_masks(norms),
            other_paths(norms, lang),
            fact_label(lang).alias("next_question"),
        )
    )
    return add_missing_text(third, norms, lang)
