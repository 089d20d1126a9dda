"""The engine: derived facts -> requirement statuses -> outcomes per path -> traffic light.

One vectorised pass over a frame with one row per person; the same code serves a single case and a
national caseload. Column names: ``{path}__{requirement}__{part}`` and ``{path}__{part}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from .calendar import birthday_expr, earliest, latest
from .derive import derive
from .facts import build_fact_tables
from .frame import add_columns
from .norm import STATUSES, Norm
from .norms import ALL_NORMS, ALL_REVIEWS
from .params import Params, load_params
from .review import Review, evaluate_review

ELIGIBLE = ("eligible", "eligible_later")

# Which column tells whether a fact (as named in ``reads``) is known.
FACT_KNOWN: dict[str, pl.Expr] = {
    "statuses": pl.col("known__statuses"),
    "schooling": pl.col("known__schooling"),
    "qualifications": pl.col("known__qualifications"),
    "training": pl.col("known__training"),
    "employment": pl.col("known__employment"),
    "german": pl.col("known__german"),
    "convictions": pl.col("known__convictions"),
    "applications": pl.col("known__applications"),
    "households": pl.col("households_known") & pl.col("hh_need").is_not_null(),
    "birth_date": pl.col("birth_date").is_not_null(),
    "entry_date": pl.col("entry_date").is_not_null(),
    "identity": pl.col("identity_clarified").is_not_null() & pl.col("passport").is_not_null(),
    "identity_conduct": pl.col("deception").is_not_null() & pl.col("obstruction").is_not_null(),
    "asylum": pl.col("asylum_outcome").is_not_null(),
    "civics_test_passed_on": pl.col("civics_test_passed_on").is_not_null()
    | pl.col("civics_test_passed").is_not_null(),
    "civics_test_passed": pl.col("civics_test_passed_on").is_not_null()
    | pl.col("civics_test_passed").is_not_null(),
    "fdgo_declaration": pl.col("fdgo_declaration").is_not_null(),
    "pending_criminal_proceedings": pl.col("pending_criminal_proceedings").is_not_null(),
    "entry_ban_active": pl.col("entry_ban_active").is_not_null(),
    "security_concerns": pl.col("security_concerns").is_not_null(),
    "health": pl.col("health_prevents_work_or_language").is_not_null(),
    "departure_obstacle": pl.col("departure_obstacle_exists").is_not_null(),
    "integration_prognosis": pl.col("integration_prognosis").is_not_null(),
    "fdgo_concerns": pl.col("fdgo_concerns").is_not_null(),
    "family": pl.lit(True),
}


# A full-length null date column (a bare literal would stay a length-1 scalar column in horizontal ops).
NULL_DATE = pl.when(pl.col("as_of").is_null()).then(pl.col("as_of"))
TRUE_COL = pl.col("as_of").is_not_null()
FALSE_COL = pl.col("as_of").is_null()


# Statuses as an enum (one small integer per value): compared with the status words like text, several times
# cheaper to build and compare over ~180 requirement columns than strings; read back (``iter_rows``) as the word.
STATUS = pl.Enum(STATUSES)
_STATUS_LIT = {word: pl.lit(word, dtype=STATUS) for word in STATUSES}


def _status(word: str) -> pl.Expr:
    return _STATUS_LIT[word]


def _c(path: str, *parts: str) -> str:
    return "__".join((path, *parts))


def _in_force(norm: Norm, p: Params) -> pl.Expr:
    start = pl.col("as_of") >= pl.lit(norm.in_force_from)
    if norm.in_force_until_param:
        return start & (pl.col("as_of") <= p.expr(norm.in_force_until_param))
    return start


@dataclass(frozen=True)
class _Defaults:
    """The columns of a requirement part left unset (``NULL_DATE``, ``TRUE_COL``, ``FALSE_COL``), computed once
    per frame and attached under each name instead of being evaluated anew for every requirement."""

    null_date: pl.Series
    true_col: pl.Series
    false_col: pl.Series

    @classmethod
    def of(cls, df: pl.DataFrame) -> _Defaults:
        # beside the full-height ``as_of`` column, a column that collapsed to one value would be an error
        cols = df.select(
            "as_of", NULL_DATE.alias("n"), TRUE_COL.alias("t"), FALSE_COL.alias("f")
        ).get_columns()
        return cls(*cols[1:])


def _part(expr: pl.Expr | None, default: pl.Series, name: str) -> pl.Expr | pl.Series:
    return expr.alias(name) if expr is not None else default.alias(name)


def _evaluate_norm(
    df: pl.DataFrame, norm: Norm, p: Params, *, explain: bool = True, defaults: _Defaults | None = None
) -> pl.DataFrame:
    path = norm.key
    d = defaults or _Defaults.of(df)
    cols: list[pl.Expr | pl.Series] = [_in_force(norm, p).alias(_c(path, "in_force"))]
    dated: set[str] = set()  # requirements with a met_from of their own
    deadlined: set[str] = set()  # requirements with an apply_by of their own
    for req in norm.requirements:
        r = req.fn(p)
        base = (path, req.key)
        if r.met_from is not None:
            dated.add(req.key)
        if r.apply_by is not None:
            deadlined.add(req.key)
        cols += [
            r.ok.cast(pl.Boolean).alias(_c(*base, "ok")),
            _part(r.met_from, d.null_date, _c(*base, "met_from")),
            # TRUE_COL has no nulls: unset, ``fill_null(True)`` changes nothing
            _part(
                r.applies.fill_null(True) if r.applies is not None else None, d.true_col, _c(*base, "applies")
            ),
            # null waivable (e.g. whether efforts were made is unknown) keeps a failure open
            _part(r.waivable, d.false_col, _c(*base, "waivable")),
            _part(r.apply_by, d.null_date, _c(*base, "apply_by")),
            _part(r.filed_on, d.null_date, _c(*base, "filed_on")),
            # null = whether the statute waives it is unknown: a failure then stays open
            _part(r.waived, d.false_col, _c(*base, "waived")),
        ]
        if explain:
            cols += [v.alias(_c(*base, "v", name)) for name, v in r.values.items()]
    df = add_columns(df, cols)

    statuses = []
    for req in norm.requirements:
        b = (path, req.key)
        ok, applies, waivable = pl.col(_c(*b, "ok")), pl.col(_c(*b, "applies")), pl.col(_c(*b, "waivable"))
        statuses.append(
            pl.when(~applies)
            .then(_status("not_applicable"))
            .when(pl.col(_c(*b, "waived")))
            .then(_status("met"))
            .when(ok)
            .then(_status("met"))
            .when(ok.is_null() | waivable.is_null() | pl.col(_c(*b, "waived")).is_null())
            .then(_status("unknown"))
            .when(waivable)
            .then(_status("waivable"))
            .otherwise(_status("not_met"))
            .alias(_c(*b, "status"))
        )
    df = add_columns(df, statuses)

    def st(key: str) -> pl.Expr:
        return pl.col(_c(path, key, "status"))

    reqs = norm.requirements
    fail = pl.any_horizontal([st(r.key) == "not_met" for r in reqs])
    blocking_unknown = pl.any_horizontal(
        [(st(r.key) == "unknown") & ~pl.col(_c(path, r.key, "waivable")).fill_null(False) for r in reqs]
    )
    # A requirement without a date of its own has the all-null default column, which never changes a latest or
    # earliest date: only the dated requirements are read (the same dates, far fewer expressions).
    ef = latest(
        pl.lit(norm.in_force_from),
        *[
            pl.when(st(r.key) == "met").then(pl.col(_c(path, r.key, "met_from")))
            for r in reqs
            if r.key in dated
        ],
    )
    apply_by: pl.Expr | pl.Series = d.null_date
    binding: pl.Expr | pl.Series = d.null_date
    if deadlined:
        apply_by = earliest(*[pl.col(_c(path, r.key, "apply_by")) for r in reqs if r.key in deadlined])
        binding = earliest(
            *[
                pl.when(pl.col(_c(path, r.key, "filed_on")).is_null()).then(
                    pl.col(_c(path, r.key, "apply_by"))
                )
                for r in reqs
                if r.key in deadlined
            ]
        )
    # Intermediate columns first: the outcome then refers to them instead of repeating their expressions
    # (Polars plans every node of an eager expression anew, so repetition costs even on a single case).
    df = add_columns(
        df,
        [
            fail.alias(_c(path, "fail")),
            blocking_unknown.alias(_c(path, "open")),
            ef.alias(_c(path, "ef_raw")),
            apply_by.alias(_c(path, "apply_by")),
            binding.alias(_c(path, "binding")),
        ],
    )
    ef_c, binding_c = pl.col(_c(path, "ef_raw")), pl.col(_c(path, "binding"))
    outcome = (
        pl.when(~pl.col(_c(path, "in_force")))
        .then(None)
        .when(pl.col(_c(path, "fail")))
        .then(pl.lit("not_eligible"))
        .when(pl.col(_c(path, "open")))
        .then(pl.lit("undetermined"))
        .when(binding_c.is_not_null() & (ef_c > binding_c))
        .then(pl.lit("not_eligible"))
        .when(ef_c > pl.col("as_of"))
        .then(pl.lit("eligible_later"))
        .otherwise(pl.lit("eligible"))
    )
    # The statutory consequence stays; a discretionary waiver (status waivable) is shown as a hint.
    statutory = norm.consequence_fn(p) if norm.consequence_fn else pl.lit(norm.consequence)
    only_actionable = pl.all_horizontal([(st(r.key) != "not_met") | pl.lit(r.actionable) for r in reqs])
    df = add_columns(
        df,
        [
            outcome.alias(_c(path, "outcome")),
            statutory.alias(_c(path, "consequence")),
            only_actionable.alias(_c(path, "only_actionable")),
        ],
    )
    df = add_columns(
        df, [pl.when(pl.col(_c(path, "outcome")).is_in(ELIGIBLE)).then(ef_c).alias(_c(path, "eligible_from"))]
    )
    extra: list[pl.Expr] = []
    for hint in norm.hints if explain else ():
        extra.append(hint.when(p).fill_null(False).alias(_c(path, "hint", hint.key)))
        extra += [v(p).alias(_c(path, "hint", hint.key, name)) for name, v in hint.values.items()]
    for dl in norm.deadlines:
        extra.append(dl.date(p).cast(pl.Date).alias(_c(path, "deadline", dl.key)))
    return add_columns(df, extra)


def _reference_state(path: str) -> pl.Expr:
    """Kleene state "holds or will get the title of ``path``" of the person in a row."""
    basis = path.removeprefix("aufenthg_")
    holds = (pl.col("cur_type") == "aufenthaltserlaubnis") & (pl.col("cur_basis") == basis)
    out = pl.col(_c(path, "outcome"))
    return (
        pl.when(holds.fill_null(False) | out.is_in(ELIGIBLE))
        .then(pl.lit(True))
        .when(out == "undetermined")
        .then(None)
        .otherwise(pl.lit(False))
    )


def _reference_from(path: str) -> pl.Expr:
    basis = path.removeprefix("aufenthg_")
    holds = (pl.col("cur_type") == "aufenthaltserlaubnis") & (pl.col("cur_basis") == basis)
    return (
        pl.when(holds.fill_null(False)).then(pl.col("cur_from")).otherwise(pl.col(_c(path, "eligible_from")))
    )


def add_relations(df: pl.DataFrame, bases: Sequence[str] = ("aufenthg_25a", "aufenthg_25b")) -> pl.DataFrame:
    """Family links for derived titles: spouse's, parents' and children's state on a base path."""
    refs = df.select(
        "case_idx",
        "person_id",
        "parent_ids",
        "birth_date",
        "as_of",
        "spouse_id",
        "household_idx",
        *[_reference_state(b).alias(f"ref__{b}") for b in bases],
        *[_reference_from(b).alias(f"reffrom__{b}") for b in bases],
    ).with_columns(ref_minor_until=birthday_expr(pl.col("birth_date"), 18) - pl.duration(days=1))
    me = df.select("pk", "case_idx", "person_id", "spouse_id", "parent_ids", "household_idx")

    def agg(b: str, prefix: str) -> list[pl.Expr]:
        state = pl.col(f"ref__{b}")
        return [
            pl.when(state.fill_null(False).any())
            .then(pl.lit(True))
            .when(state.is_null().any())
            .then(None)
            .otherwise(pl.lit(False))
            .alias(f"{prefix}__{b}"),
            pl.col(f"reffrom__{b}").filter(state.fill_null(False)).min().alias(f"{prefix}from__{b}"),
        ]

    spouse = me.join(
        refs.drop("parent_ids", "spouse_id", "household_idx"),
        left_on=["case_idx", "spouse_id"],
        right_on=["case_idx", "person_id"],
        how="inner",
    ).select(
        "pk",
        *[pl.col(f"ref__{b}").alias(f"spouse__{b}") for b in bases],
        *[pl.col(f"reffrom__{b}").alias(f"spousefrom__{b}") for b in bases],
        pl.col("household_idx").alias("_h"),
    )
    parents = (
        me.explode("parent_ids", empty_as_null=True)
        .join(
            refs.drop("parent_ids", "spouse_id").rename({"household_idx": "ref_household"}),
            left_on=["case_idx", "parent_ids"],
            right_on=["case_idx", "person_id"],
            how="inner",
        )
        .group_by("pk")
        .agg([e for b in bases for e in agg(b, "parent")])
    )
    children_links = (
        refs.explode("parent_ids", empty_as_null=True)
        .filter(pl.col("parent_ids").is_not_null())
        .join(
            me.select("pk", "case_idx", "person_id"),
            left_on=["case_idx", "parent_ids"],
            right_on=["case_idx", "person_id"],
            how="inner",
        )
        .filter(pl.col("as_of") <= pl.col("ref_minor_until"))
    )
    children = children_links.group_by("pk").agg(
        [e for b in bases for e in agg(b, "minorchild")],
        minorchild_minor_until=pl.col("ref_minor_until").max(),
    )
    siblings = (
        me.explode("parent_ids", empty_as_null=True)
        .filter(pl.col("parent_ids").is_not_null())
        .join(
            refs.explode("parent_ids", empty_as_null=True).rename(
                {"person_id": "sibling_id", "household_idx": "ref_household"}
            ),
            on=["case_idx", "parent_ids"],
            how="inner",
        )
        .filter(
            (pl.col("sibling_id") != pl.col("person_id")) & (pl.col("as_of") <= pl.col("ref_minor_until"))
        )
        .group_by("pk")
        .agg([e for b in bases for e in agg(b, "minorsibling")])
    )
    # A marker per relation kind tells "no such relative in the case" (False) from "relative whose state is
    # still open" (null, kept: unknown must not turn into "no").
    parts = {
        "spouse": spouse.drop("_h"),
        "parent": parents,
        "minorchild": children,
        "minorsibling": siblings,
    }
    out = df
    for prefix, part in parts.items():
        out = out.join(part.with_columns(pl.lit(True).alias(f"_linked_{prefix}")), on="pk", how="left")
    fills = [
        pl.when(pl.col(f"_linked_{prefix}").is_null())
        .then(False)
        .otherwise(pl.col(f"{prefix}__{b}"))
        .alias(f"{prefix}__{b}")
        for b in bases
        for prefix in parts
    ]
    return out.with_columns(fills).drop([f"_linked_{prefix}" for prefix in parts])


_GREEN_UNTIL = "__green_until__"


def _traffic_light(df: pl.DataFrame, norms: Iterable[Norm], p: Params) -> pl.DataFrame:
    # the date once as a column (the expression would otherwise be evaluated once per path)
    df = add_columns(df, [p.fulfilled_after(pl.col("as_of"), "screening.green_months").alias(_GREEN_UNTIL)])
    green_until = pl.col(_GREEN_UNTIL)
    greens, yellows = [], []
    for n in norms:
        out, ef = pl.col(_c(n.key, "outcome")), pl.col(_c(n.key, "eligible_from"))
        greens.append(
            ((out == "eligible") | ((out == "eligible_later") & (ef < green_until))).fill_null(False)
        )
        yellows.append(
            (
                out.is_in(["eligible_later", "undetermined"])
                | ((out == "not_eligible") & pl.col(_c(n.key, "only_actionable")))
            ).fill_null(False)
        )
    return add_columns(
        df,
        [
            pl.when(pl.any_horizontal(greens))
            .then(pl.lit("green"))
            .when(pl.any_horizontal(yellows))
            .then(pl.lit("yellow"))
            .otherwise(pl.lit("red"))
            .alias("traffic_light")
        ],
    ).drop(_GREEN_UNTIL)


def evaluate_frame(
    facts: pl.DataFrame,
    p: Params,
    norms: Sequence[Norm] = ALL_NORMS,
    reviews: Sequence[Review] = ALL_REVIEWS,
    *,
    explain: bool = True,
) -> pl.DataFrame:
    """Evaluate all norms, then all reviews, on a derived-facts frame (one row per person).

    ``explain=False`` leaves out what only the per-person result (`bleiberecht.law.result`) reads: the
    requirements' explanation values (``…__v__…``) and the hints (``…__hint__…``). Nothing else reads them, so
    every other column is the same; screening a caseload needs none of them.
    """
    df = add_columns(facts, [e.fill_null(False).alias(f"fact_known__{k}") for k, e in FACT_KNOWN.items()])
    defaults = _Defaults.of(df)
    for stage in sorted({n.stage for n in norms}):
        if stage > 1:
            df = add_relations(df)
        for norm in (n for n in norms if n.stage == stage):
            df = _evaluate_norm(df, norm, p, explain=explain, defaults=defaults)
    for review in reviews:
        df = evaluate_review(df, review, p)
    return _traffic_light(df, norms, p)


def evaluate_cases(
    cases: Iterable[Mapping[str, Any]],
    *,
    default_as_of: date | None = None,
    params: Params | None = None,
    explain: bool = True,
) -> pl.DataFrame:
    """Case documents -> evaluated frame (one row per person); ``explain``: see :func:`evaluate_frame`."""
    p = params or load_params()
    tables = build_fact_tables(cases, default_as_of=default_as_of)
    return evaluate_frame(derive(tables, p), p, explain=explain)
