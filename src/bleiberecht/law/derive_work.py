"""Derived facts for the training and employment paths (§§ 60c, 16g, 19d, 60d, 25b Abs. 6) and the reviews.

Adds columns to the one-row-per-person frame of :func:`bleiberecht.law.derive.derive`. The rule of unknowns holds
throughout: a list that is absent gives ``null`` aggregates; an entry whose deciding attribute is missing makes
the aggregate ``null`` unless the known entries already decide it. Chains of periods (employment, own livelihood,
status) are computed twice, once counting only entries known to qualify ("pessimistic") and once also counting
entries whose qualification is unknown ("optimistic"); the norms decide only where both agree or where the
pessimistic chain already suffices.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl

from .bans import REJECTED, ban_columns, in_version, param_is_in
from .calendar import latest
from .chains import PERSON_SPAN
from .facts import FactTables
from .frame import join_left
from .params import Params

S = pl.Utf8
D = pl.Date
I = pl.Int64  # noqa: E741

# application paths whose pending application date (A) is read
WORK_PATHS = (
    "aufenthg_60c",
    "aufenthg_16g",
    "aufenthg_19d",
    "aufenthg_19d_1a",
    "aufenthg_60d",
    "aufenthg_25b_after_60d",
)
CONSENT_OK = ("granted", "deemed", "not_required")
DOCUMENTATION_OK = ("registration_applied", "registered", "school_contract", "school_consent")
IDENTITY_TABLES = {
    "60c": "aufenthg_60c.identity_deadline",
    "16g": "aufenthg_16g.identity_deadline",
    "60d": "aufenthg_60d.identity_deadline",
}
MEASURE_CATALOGUES = {
    "60c": "aufenthg_60c.removal_measures_catalogue",  # also § 16g Abs. 2 Nr. 5 (same wording)
    "5b": "aufenthg_60a.abs5b_removal_measures_catalogue",
}


def _with_as_of(df: pl.DataFrame, t: FactTables) -> pl.DataFrame:
    return df.join(t.persons.select("pk", "as_of"), on="pk", how="left")


def _covers(on: pl.Expr) -> pl.Expr:
    return (pl.col("from") <= on) & (pl.col("to").is_null() | (pl.col("to") >= on))


def offset_months(day: pl.Expr, months: pl.Expr, values: Iterable[int]) -> pl.Expr:
    """``day`` shifted by ``months`` calendar months (negative: back), for the few values a parameter takes.

    The same calendar day; where it does not exist, the month's last day (Polars' month offset clamps).
    Used for deadlines that run from an event (§§ 187 Abs. 1, 188 Abs. 2 Alt. 1, Abs. 3 BGB: the day that
    corresponds in number to the event day, else the last day of the month) and for "frühestens N Monate vor
    Beginn". One constant offset per value (no per-row string formatting).
    """
    chain: Any = pl
    for value in sorted(set(values)):
        chain = chain.when(months == value).then(day.dt.offset_by(f"{value}mo"))
    if chain is pl:
        return pl.lit(None, dtype=pl.Date)
    result: pl.Expr = chain.otherwise(None)
    return result


def months_before(day: pl.Expr, p: Params, name: str) -> pl.Expr:
    """The same calendar day ``N`` months earlier (``N`` = parameter ``name`` on ``as_of``), clamped."""
    values = [int(v.value) for v in p[name].values]
    return offset_months(day, -p.expr(name), [-v for v in values])


# --- chains of periods ---------------------------------------------------------------------------------------


def chain_start(rows: pl.DataFrame, name: str) -> pl.DataFrame:
    """Start of the uninterrupted run of periods that reaches ``as_of``.

    ``rows``: ``pk, from, to, as_of, main``. Periods that touch or overlap (next day) merge; ``main = False``
    rows only bridge (e.g. interruptions not attributable to the person) and neither start nor carry a run to
    ``as_of``. Result: ``pk, {name}`` (absent = no current run).
    """
    # Sorted by person, without a window per person: ``e`` is never null (``as_of`` is set after the filter),
    # so the running maximum of (pk, e) keys less the person's offset is the person's own running reach; the
    # block numbers run over all persons (a new person always starts a block), which groups the same rows.
    offset = pl.col("pk").cast(pl.Int64) * PERSON_SPAN
    same_person = pl.col("pk") == pl.col("pk").shift(1)
    r = (
        rows.lazy()
        .filter(pl.col("from") <= pl.col("as_of"))
        .with_columns(end=pl.coalesce("to", "as_of"))
        .with_columns(f=pl.col("from").to_physical(), e=pl.col("end").to_physical().cast(pl.Int64))
        .sort("pk", "f")
        .with_columns(reach=(offset + pl.col("e")).cum_max() - offset)
        .with_columns(prev=pl.when(same_person).then(pl.col("reach").shift(1)))
        .with_columns(new=(pl.col("prev").is_null() | (pl.col("f") > pl.col("prev") + 1)).cast(pl.Int32))
        .with_columns(block=pl.col("new").cum_sum())
    )
    blocks = (
        r.filter(pl.col("main"))
        .group_by("pk", "block")
        .agg(start=pl.col("from").min(), reach=pl.col("end").max(), as_of=pl.col("as_of").first())
    )
    return (
        blocks.filter(pl.col("reach") >= pl.col("as_of"))
        .group_by("pk")
        .agg(pl.col("start").max().alias(name))
        .collect()
    )


def _chain_pair(
    main: pl.DataFrame, qualifies: pl.Expr, bridge: pl.DataFrame | None, bridge_ok: pl.Expr | None, name: str
) -> list[pl.DataFrame]:
    """Pessimistic (``{name}_p``) and optimistic (``{name}_o``) chain starts."""
    out = []
    for suffix, strict in (("p", True), ("o", False)):
        q = qualifies.fill_null(not strict)
        parts = [main.filter(q).select("pk", "from", "to", "as_of", main=pl.lit(True))]
        if bridge is not None and bridge_ok is not None:
            b = bridge_ok.fill_null(not strict)
            parts.append(bridge.filter(b).select("pk", "from", "to", "as_of", main=pl.lit(False)))
        out.append(chain_start(pl.concat(parts), f"{name}_{suffix}"))
    return out


def _chains(t: FactTables, p: Params) -> list[pl.DataFrame]:
    em = _with_as_of(t.list("employment"), t)
    gaps = _with_as_of(t.list("interruptions"), t)
    gap_ok = ~pl.col("attributable")  # § 60d Abs. 3 S. 2: short interruptions not attributable to the person
    sv = pl.col("social_insurance")
    hours = pl.col("hours_per_week")
    normal = hours >= p["aufenthg_60d.hours_per_week"].expr(pl.col("as_of"))
    single = hours >= p["aufenthg_60d.hours_per_week_single_parent"].expr(pl.col("as_of"))
    live = _with_as_of(t.list("own_livelihood"), t)
    st = _with_as_of(t.list("statuses"), t)
    in60d = st.filter((pl.col("type") == "duldung") & (pl.col("basis") == "60d")).select(
        "pk", "from", "to", "as_of", main=pl.lit(True)
    )
    return [
        # § 60d Abs. 1 Nr. 3: social-insurance employment with the minimum weekly hours, employers combined
        *_chain_pair(em, sv & normal, gaps, gap_ok, "emp60d_n"),
        *_chain_pair(em, sv & single, gaps, gap_ok, "emp60d_s"),
        # § 60d Abs. 1 Nr. 4, 5: own livelihood secured by the employment
        *_chain_pair(live, pl.col("by_employment"), gaps, gap_ok, "live60d"),
        # § 19d Abs. 1 Nr. 1 lit. c (qualified) and lit. b (appropriate to the degree)
        *_chain_pair(em, pl.col("qualified"), None, None, "q19c"),
        *_chain_pair(em, pl.col("qualified") & pl.col("matches_qualification"), None, None, "q19b"),
        # § 25b Abs. 6: in possession of a § 60d Duldung
        chain_start(in60d, "in60d_start"),
    ]


# --- single facts ----------------------------------------------------------------------------------------------


def _status_details(t: FactTables) -> pl.DataFrame:
    st = _with_as_of(t.list("statuses"), t).sort("pk", "from")
    cur = (
        st.filter(_covers(pl.col("as_of")))
        .group_by("pk")
        .agg(
            cur_duldung_grounds=pl.col("duldung_grounds").last(),
            cur_zusatz_on=pl.col("zusatz_issued_on").last(),
            cur_occasion=pl.col("zusatz_occasion").last(),
            cur_zusatz_grounds=pl.col("zusatz_grounds").last(),
            cur_lifted_on=pl.col("lifted_on").last(),
            cur_lifted_retro=pl.col("lifted_retro_from").last(),
            cur_last_reviewed=pl.col("last_reviewed_on").last(),
        )
    )
    history = st.group_by("pk").agg(
        had_60c_from=pl.col("from").filter((pl.col("type") == "duldung") & (pl.col("basis") == "60c")).min(),
        any_104c_status=((pl.col("type") == "aufenthaltserlaubnis") & (pl.col("basis") == "104c")).any(),
    )
    return cur.join(history, on="pk", how="full", coalesce=True)


def _training(t: FactTables) -> pl.DataFrame:
    """The training ``T`` the training paths look at: the latest one not completed or aborted; and exams."""
    tr = _with_as_of(t.list("training"), t)
    open_ = ~pl.col("state").is_in(["completed", "aborted"]).fill_null(False)
    latest = (
        tr.filter(open_)
        .sort("pk", "from")
        .group_by("pk")
        .agg(
            t_from=pl.col("from").last(),
            t_to=pl.col("to").last(),
            t_kind=pl.col("kind").last(),
            t_measure=pl.col("preparatory_measure").last(),
            t_regulated=pl.col("regulated_months").last(),
            t_school=pl.col("school_based").last(),
            t_doc=pl.col("documentation").last(),
            t_doc_on=pl.col("documentation_on").last(),
            t_swp=pl.col("started_with_permission").last(),
            t_followup=pl.col("followup_commitment").last(),
            t_followup_cond=pl.col("followup_conditional").last(),
            t_followup_on=pl.col("followup_on").last(),
            t_net_pay=pl.col("net_pay").last(),
            t_bafoeg_cat=pl.col("bafoeg_category").last(),
            t_bab=pl.col("receives_bab").last(),
            t_bafoeg=pl.col("receives_bafoeg").last(),
        )
    )
    return latest


def _exams(t: FactTables, df: pl.DataFrame) -> pl.DataFrame:
    """§ 19d Abs. 1a: the final exam of a training passed after the Ausbildungsduldung began (Kleene)."""
    tr = t.list("training").join(df.select("pk", "had_60c_from"), on="pk", how="left")
    after = pl.col("exam_passed_on") >= pl.col("had_60c_from")
    agg = tr.group_by("pk").agg(
        exam_on=pl.col("exam_passed_on").filter(after.fill_null(False)).min(),
        exam_open=((pl.col("state") == "completed") & pl.col("exam_passed_on").is_null()).any(),
        # an exam passed whose relation to the Ausbildungsduldung cannot be judged (status history unknown)
        exam_undated=(pl.col("exam_passed_on").is_not_null() & after.is_null()).any(),
    )
    return (
        df.select("pk", "known__training", "known__statuses")
        .join(agg, on="pk", how="left")
        .select(
            "pk",
            "exam_on",
            exam_passed=pl.when(~pl.col("known__training"))
            .then(None)
            .when(pl.col("exam_on").is_not_null())
            .then(True)
            .when(pl.col("exam_open").fill_null(False))
            .then(None)
            .when(~pl.col("known__statuses") & pl.col("exam_undated").fill_null(False))
            .then(None)
            .otherwise(False),
        )
    )


def _training_route(t: FactTables, df: pl.DataFrame) -> pl.DataFrame:
    """Whether ``T`` began during a Gestattung (§ 60c Abs. 1 S. 1 Nr. 1: started as an asylum seeker)."""
    st = t.list("statuses").filter(pl.col("type") == "gestattung")
    hits = (
        df.select("pk", "t_from", "as_of")
        .join(st, on="pk", how="inner")
        .filter((pl.col("from") <= pl.col("t_from")) & (pl.coalesce("to", "as_of") >= pl.col("t_from")))
        .group_by("pk")
        .agg(in_gest=pl.lit(True))
    )
    return df.select("pk").join(hits, on="pk", how="left").select("pk", "in_gest")


def _applications(t: FactTables) -> pl.DataFrame:
    a = t.list("applications")
    pending = pl.col("outcome").is_null() | (pl.col("outcome") == "pending")
    apps = a.group_by("pk").agg(
        [
            pl.col("filed_on").filter((pl.col("path") == path) & pending).min().alias(f"app__{path}")
            for path in WORK_PATHS
        ]
    )
    r = t.list("permission_requests")
    req_pending = pl.col("outcome").is_null() | (pl.col("outcome") == "pending")
    reqs = r.group_by("pk").agg(
        perm_req_on=pl.col("filed_on").filter(req_pending).min(),
        perm_req_n=req_pending.sum(),
    )
    return apps.join(reqs, on="pk", how="full", coalesce=True)


def _measures(t: FactTables, p: Params, df: pl.DataFrame) -> pl.DataFrame:
    """Concrete removal measures active on the decisive dates: ``rm_{catalogue}_{date}`` = none active (Kleene).

    Dates: ``asof``, the pending § 60c and § 16g applications, the pending employment-permission request.
    Without the list, only today is judged, from the snapshot ``removal_measures_imminent``.
    """
    dates = {
        "asof": pl.col("as_of"),
        "app60c": pl.col("app__aufenthg_60c"),
        "app16g": pl.col("app__aufenthg_16g"),
        "perm": pl.col("perm_req_on"),
    }
    rm = t.list("removal_measures").join(
        df.select("pk", "as_of", "app__aufenthg_60c", "app__aufenthg_16g", "perm_req_on"), on="pk", how="left"
    )
    aggs: list[pl.Expr] = []
    for cat, pname in MEASURE_CATALOGUES.items():
        listed = param_is_in(p, pname, pl.col("kind"), pl.col("as_of"))
        counts = listed & ((pl.col("kind") != "comparable_preparation") | ~pl.col("futile"))
        for key, day in dates.items():
            active = (
                counts & (pl.col("date") <= day) & (pl.col("ended_on").is_null() | (pl.col("ended_on") > day))
            )
            aggs += [
                active.fill_null(False).any().alias(f"_rm_t_{cat}_{key}"),
                (active.is_null() & day.is_not_null()).any().alias(f"_rm_n_{cat}_{key}"),
            ]
    agg = rm.group_by("pk").agg(aggs)
    out = df.select("pk", "known__removal_measures", "removal_measures_imminent").join(
        agg, on="pk", how="left"
    )
    cols = []
    for cat in MEASURE_CATALOGUES:
        for key in dates:
            from_list = (
                pl.when(pl.col(f"_rm_t_{cat}_{key}").fill_null(False))
                .then(False)
                .when(pl.col(f"_rm_n_{cat}_{key}").fill_null(False))
                .then(None)
                .otherwise(True)
            )
            fallback = (
                ~pl.col("removal_measures_imminent") if key == "asof" else pl.lit(None, dtype=pl.Boolean)
            )
            cols.append(
                pl.when(pl.col("known__removal_measures"))
                .then(from_list)
                .otherwise(fallback)
                .alias(f"rm_none_{cat}_{key}")
            )
    return out.select("pk", *cols)


def _jobs(t: FactTables) -> pl.DataFrame:
    """A qualification-matching job (offered, or current employment) with BA consent (§ 18 Abs. 2 AufenthG)."""
    offers = _with_as_of(t.list("job_offers"), t).select(
        "pk",
        "matches_qualification",
        "ba_consent",
        met=pl.coalesce("ba_consent_on", "offered_on", "as_of"),
    )
    em = _with_as_of(t.list("employment"), t)
    current = em.filter(_covers(pl.col("as_of"))).select(
        "pk", "matches_qualification", "ba_consent", met=pl.coalesce("ba_consent_on", "from")
    )
    jobs = pl.concat([offers, current])
    ok = (
        pl.when((pl.col("matches_qualification") == False) | (pl.col("ba_consent") == "refused"))  # noqa: E712
        .then(False)
        .when(pl.col("matches_qualification") & pl.col("ba_consent").is_in(CONSENT_OK))
        .then(True)
    )
    agg = jobs.group_by("pk").agg(
        job_true=ok.fill_null(False).any(),
        job_null=ok.is_null().any(),
        job19_from=pl.col("met").filter(ok.fill_null(False)).min(),
    )
    offers_n = t.list("job_offers").group_by("pk").agg(job_offers_n=pl.len())
    return (
        t.persons.select("pk", "known__job_offers", "known__employment")
        .join(agg, on="pk", how="left")
        .join(offers_n, on="pk", how="left")
        .select(
            "pk",
            "job19_from",
            job19_ok=pl.when(pl.col("job_true").fill_null(False))
            .then(True)
            .when(
                pl.col("job_null").fill_null(False)
                | ~pl.col("known__job_offers")
                | ~pl.col("known__employment")
            )
            .then(None)
            .otherwise(False),
            job_offers_n=pl.when(pl.col("known__job_offers")).then(pl.col("job_offers_n").fill_null(0)),
        )
    )


def _qualifications(t: FactTables) -> pl.DataFrame:
    """§ 19d Abs. 1 Nr. 1 lit. a (completed in Germany: qualified training, state-recognised care assistance,
    university) and lit. b (recognised foreign degree), Kleene. Read from ``qualifications`` (a training passed
    in Germany is recorded there as a vocational qualification)."""
    q = t.list("qualifications")
    germany = pl.col("obtained_in_germany")
    kind_a = pl.col("kind").is_in(["vocational", "university"]) | pl.col("care_assistant").fill_null(False)
    a = kind_a & germany
    b = (pl.col("kind") == "university") & pl.col("recognised") & ~germany.fill_null(False)
    quals = q.group_by("pk").agg(
        q19a_from=pl.col("date").filter(a.fill_null(False)).min(),
        q19a_unknown=a.is_null().any(),
        q19b_degree_from=pl.col("date").filter(b.fill_null(False)).min(),
        q19b_unknown=b.is_null().any(),
    )
    out = t.persons.select("pk", "known__qualifications").join(quals, on="pk", how="left")
    return out.select(
        "pk",
        q19a_from=pl.col("q19a_from"),
        q19a_ok=pl.when(pl.col("q19a_from").is_not_null())
        .then(True)
        .when(~pl.col("known__qualifications") | pl.col("q19a_unknown").fill_null(False))
        .then(None)
        .otherwise(False),
        q19b_degree_from=pl.col("q19b_degree_from"),
        q19b_degree=pl.when(pl.col("q19b_degree_from").is_not_null())
        .then(True)
        .when(~pl.col("known__qualifications") | pl.col("q19b_unknown").fill_null(False))
        .then(None)
        .otherwise(False),
    )


def _benefits(t: FactTables) -> pl.DataFrame:
    """Public funds other than housing costs (§ 19d Abs. 1 Nr. 1 lit. c): ongoing, last end, unknown kind."""
    b = _with_as_of(t.list("public_benefits"), t).filter(pl.col("from") <= pl.col("as_of"))
    harmful = pl.col("kind").is_not_null() & (pl.col("kind") != "housing_costs_only")
    ongoing = pl.col("to").is_null() | (pl.col("to") >= pl.col("as_of"))
    agg = b.group_by("pk").agg(
        pb_ongoing=(harmful & ongoing).any(),
        pb_last_end=pl.col("to").filter(harmful & ~ongoing).max(),
        pb_unknown_kind_end=pl.coalesce("to", "as_of").filter(pl.col("kind").is_null()).max(),
    )
    return (
        t.persons.select("pk", "known__public_benefits")
        .join(agg, on="pk", how="left")
        .select(
            "pk",
            pb_ongoing=pl.when(pl.col("known__public_benefits")).then(pl.col("pb_ongoing").fill_null(False)),
            pb_last_end=pl.col("pb_last_end"),
            pb_unknown_kind_end=pl.col("pb_unknown_kind_end"),
        )
    )


def _convictions(t: FactTables, p: Params) -> pl.DataFrame:
    """§ 19d Abs. 1 Nr. 7 (50/90 Tagessätze) and § 60d Abs. 1 Nr. 7 (only § 32 Abs. 2 Nr. 5 lit. a BZRG
    convictions for offences only foreigners can commit, as the only entry) – Kleene."""
    c = t.list("convictions").join(t.persons.select("pk", "as_of"), on="pk", how="left")
    intentional = pl.col("intentional").fill_null(True)  # schema: default true
    penalty = pl.col("sanction").is_in(
        ["fine", "prison", "youth_custody"]
    )  # entered Strafen (not Zuchtmittel)
    fine = (pl.col("sanction") == "fine") & intentional
    foreign = pl.col("foreigner_only_offence")
    agg = c.group_by("pk").agg(
        cv_custodial=(pl.col("sanction").is_in(["prison", "youth_custody"]) & intentional).any(),
        cv_gen=pl.col("daily_rates").filter(fine & (foreign == False)).sum(),  # noqa: E712
        cv_alien=pl.col("daily_rates").filter(fine & (foreign == True)).sum(),  # noqa: E712
        cv_unk=pl.col("daily_rates").filter(fine & foreign.is_null()).sum(),
        cv_rates_unknown=(fine & pl.col("daily_rates").is_null()).any(),
        cv_intentional_penalties=(penalty & intentional).sum(),
        cv_penalties=penalty.sum(),
        cv_single_alien_ok=(
            fine
            & foreign
            & (
                pl.col("daily_rates")
                <= p["aufenthg_60d.conviction_max_daily_rates_alien_specific"].expr(pl.col("as_of"))
            )
        ).any(),
        cv_single_alien_unknown=(fine & (foreign.is_null() | pl.col("daily_rates").is_null())).any(),
        as_of=pl.col("as_of").first(),
    )
    gen_max = p["aufenthg_19d.conviction_max_daily_rates"].expr(pl.col("as_of"))
    alien_max = p["aufenthg_19d.conviction_max_daily_rates_alien_specific"].expr(pl.col("as_of"))
    gen, alien, unk = (pl.col(k).fill_null(0) for k in ("cv_gen", "cv_alien", "cv_unk"))
    conv19 = (
        pl.when(pl.col("cv_custodial").fill_null(False) | (gen > gen_max) | (alien > alien_max))
        .then(False)
        .when(pl.col("cv_rates_unknown").fill_null(False))
        .then(None)
        .when((gen + unk <= gen_max) & (alien + unk <= alien_max))
        .then(True)
    )
    n_int = pl.col("cv_intentional_penalties").fill_null(0)
    conv60d = (
        pl.when(n_int == 0)
        .then(True)
        .when((pl.col("cv_penalties") == 1) & pl.col("cv_single_alien_ok").fill_null(False))
        .then(True)
        .when((pl.col("cv_penalties") == 1) & pl.col("cv_single_alien_unknown").fill_null(False))
        .then(None)
        .otherwise(False)
    )
    return (
        t.persons.select("pk", "known__convictions", as_of_p="as_of")
        .join(agg.drop("as_of"), on="pk", how="left")
        .with_columns(as_of=pl.col("as_of_p"))
        .select(
            "pk",
            conv19_ok=pl.when(pl.col("known__convictions")).then(conv19),
            conv60d_ok=pl.when(pl.col("known__convictions")).then(conv60d),
            # fines for general AND for foreigner-only offences: whether they are added up is open (hint)
            conv19_mixed=(pl.col("cv_gen").fill_null(0) > 0) & (pl.col("cv_alien").fill_null(0) > 0),
        )
    )


def _employed_on_reference_day(t: FactTables, p: Params) -> pl.DataFrame:
    """Old § 60d identity table: was there social-insurance employment on the reference day (Kleene)?"""
    em = _with_as_of(t.list("employment"), t)
    day = p["aufenthg_60d.identity_employment_reference_day"].expr(pl.col("as_of"))
    on_day = _covers(day)
    agg = em.group_by("pk").agg(
        ref_true=(on_day & pl.col("social_insurance")).fill_null(False).any(),
        ref_null=(on_day & pl.col("social_insurance").is_null()).fill_null(False).any(),
    )
    return (
        t.persons.select("pk", "known__employment")
        .join(agg, on="pk", how="left")
        .select(
            "pk",
            employed_ref=pl.when(~pl.col("known__employment"))
            .then(None)
            .when(pl.col("ref_true").fill_null(False))
            .then(True)
            .when(pl.col("ref_null").fill_null(False))
            .then(None)
            .otherwise(False),
        )
    )


def _identity_deadlines(df: pl.DataFrame, p: Params) -> pl.DataFrame:
    """The identity deadline per table (§ 60c Abs. 2 Nr. 3, § 16g Abs. 2 Nr. 3, § 60d Abs. 1 Nr. 1).

    Judged for an application today: a later application date never makes the deadline earlier
    (``by_application`` = the application, ``min_application_fixed`` = the earlier of both).
    """
    kinds = {"by_application": 0, "min_application_fixed": 1, "fixed": 2, "months_after_entry": 3}
    people = df.select("pk", "as_of", "entry_date", "employed_ref")
    out = df.select("pk")
    for key, name in IDENTITY_TABLES.items():
        values = p[name].values
        records: list[dict[str, Any]] = []
        for i, version in enumerate(values):
            until = values[i + 1].valid_from if i + 1 < len(values) else None
            for row in version.value:
                condition = row.get("condition")
                records.append(
                    {
                        "v_from": version.valid_from,
                        "v_until": until,
                        "entry_from": row.get("entry_from"),
                        "entry_to": row.get("entry_to"),
                        # old § 60d: the row applies if employed (True) / not employed (False) on the reference day
                        "need_employed": None if condition is None else not str(condition).startswith("not_"),
                        "kind": kinds[str(row["deadline_kind"])],
                        "fixed_date": row.get("fixed_date"),
                        "months": row.get("months_after_entry"),
                    }
                )
        rows = pl.DataFrame(
            records,
            schema={
                "v_from": D,
                "v_until": D,
                "entry_from": D,
                "entry_to": D,
                "need_employed": pl.Boolean,
                "kind": I,
                "fixed_date": D,
                "months": I,
            },
        )
        month_values = [int(r["months"]) for r in records if r["months"] is not None]
        cond = pl.col("need_employed").is_null() | (pl.col("need_employed") == pl.col("employed_ref"))
        hit = (
            people.join(rows, how="cross")
            .filter(in_version(pl.col("as_of")))
            .filter(
                (pl.col("entry_from").is_null() | (pl.col("entry_date") >= pl.col("entry_from")))
                & (pl.col("entry_to").is_null() | (pl.col("entry_date") <= pl.col("entry_to")))
                & cond
            )
            .with_columns(
                deadline=pl.when(pl.col("kind") == kinds["by_application"])
                .then(pl.col("as_of"))
                .when(pl.col("kind") == kinds["min_application_fixed"])
                .then(
                    pl.when(pl.col("as_of") <= pl.col("fixed_date"))
                    .then(pl.col("as_of"))
                    .otherwise(pl.col("fixed_date"))
                )
                .when(pl.col("kind") == kinds["fixed"])
                .then(pl.col("fixed_date"))
                .when(pl.col("kind") == kinds["months_after_entry"])
                .then(offset_months(pl.col("entry_date"), pl.col("months"), month_values))
            )
            .group_by("pk")
            .agg(pl.col("deadline").min().alias(f"id_deadline__{key}"))
        )
        out = out.join(hit, on="pk", how="left")
    return out


def _children(df: pl.DataFrame, t: FactTables) -> pl.DataFrame:
    """§ 60d Abs. 1 Nr. 10: a minor child convicted under § 29 Abs. 1 S. 1 Nr. 1 BtMG (Kleene)."""
    c = t.list("convictions")
    btmg = c.group_by("pk").agg(
        btmg_true=(pl.col("btmg") & pl.col("intentional").fill_null(True)).fill_null(False).any(),
        btmg_null=pl.col("btmg").is_null().any(),
    )
    kids = (
        df.select(
            "case_idx", child_pk="pk", parent_id="parent_ids", minor="minor", known="known__convictions"
        )
        .explode("parent_id", empty_as_null=True)
        .filter(pl.col("parent_id").is_not_null() & pl.col("minor").fill_null(True))
        .join(btmg, left_on="child_pk", right_on="pk", how="left")
        .with_columns(
            hit=pl.col("minor")
            & pl.when(~pl.col("known"))
            .then(None)
            .when(pl.col("btmg_true").fill_null(False))
            .then(True)
            .when(pl.col("btmg_null").fill_null(False))
            .then(None)
            .otherwise(False)
        )
    )
    links = df.select("pk", "case_idx", "person_id").join(
        kids, left_on=["case_idx", "person_id"], right_on=["case_idx", "parent_id"], how="inner"
    )
    agg = links.group_by("pk").agg(
        child_btmg=pl.when(pl.col("hit").fill_null(False).any())
        .then(True)
        .when(pl.col("hit").is_null().any())
        .then(None)
        .otherwise(False)
    )
    # no minor child in the case: False; a child whose conviction record is open: unknown (kept)
    marked = agg.with_columns(_linked=pl.lit(True))
    return (
        df.select("pk")
        .join(marked, on="pk", how="left")
        .select(
            "pk", child_btmg=pl.when(pl.col("_linked").is_null()).then(False).otherwise(pl.col("child_btmg"))
        )
    )


def _review_facts(t: FactTables, df: pl.DataFrame) -> pl.DataFrame:
    """Facts of the § 60b review judged on the Zusatz date ``Z``: follow-up asylum applications pending (now and
    on Z), identity acts performed since Z, training or employment ongoing on Z (§ 105 Abs. 2)."""
    z = df.select("pk", "as_of", "zusatz_date")
    fu = t.list("follow_ups").join(z, on="pk", how="left")

    def open_on(day: pl.Expr) -> pl.Expr:
        """The follow-up procedure was filed and not finally decided on ``day`` (Kleene)."""
        final = (
            pl.when(pl.col("final_on").is_not_null())
            .then(pl.col("final_on") <= day)
            .when(pl.col("outcome") == "pending")
            .then(False)
        )
        return (pl.col("applied_on") <= day) & ~final

    fu_agg = fu.group_by("pk").agg(
        fu_now_true=open_on(pl.col("as_of")).fill_null(False).any(),
        fu_now_null=open_on(pl.col("as_of")).is_null().any(),
        fu_z_true=open_on(pl.col("zusatz_date")).fill_null(False).any(),
        fu_z_null=open_on(pl.col("zusatz_date")).is_null().any(),
    )
    ef = t.list("efforts").join(z, on="pk", how="left")
    ef_agg = ef.group_by("pk").agg(
        efforts_after_z=((pl.col("date") >= pl.col("zusatz_date")) & pl.col("evidence").fill_null(True))
        .fill_null(False)
        .any()
    )
    work = pl.concat(
        [
            t.list("employment").select("pk", "from", "to"),
            t.list("training").filter(pl.col("state") != "planned").select("pk", "from", "to"),
        ]
    ).join(z, on="pk", how="left")
    work_agg = work.group_by("pk").agg(
        work_z_hit=_covers(pl.col("zusatz_date")).fill_null(False).any(),
    )
    out = (
        df.select("pk", "known__follow_ups", "known__efforts", "known__employment", "known__training")
        .join(fu_agg, on="pk", how="left")
        .join(ef_agg, on="pk", how="left")
        .join(work_agg, on="pk", how="left")
    )
    return out.select(
        "pk",
        fu_pending_now=pl.when(~pl.col("known__follow_ups"))
        .then(None)
        .when(pl.col("fu_now_true").fill_null(False))
        .then(True)
        .when(pl.col("fu_now_null").fill_null(False))
        .then(None)
        .otherwise(False),
        fu_pending_z=pl.when(~pl.col("known__follow_ups"))
        .then(None)
        .when(pl.col("fu_z_true").fill_null(False))
        .then(True)
        .when(pl.col("fu_z_null").fill_null(False))
        .then(None)
        .otherwise(False),
        efforts_after_z=pl.when(pl.col("known__efforts")).then(pl.col("efforts_after_z").fill_null(False)),
        work_on_z=pl.when(pl.col("work_z_hit").fill_null(False))
        .then(True)
        .when(pl.col("known__employment") & pl.col("known__training"))
        .then(False),
    )


SPOUSE_COLUMNS = (
    "entry_date",
    "id_deadline__60d",
    "identity_clarified",
    "identity_clarified_on",
    "id_measures_complete_on",
    "id_late_attributable",
    "conv60d_ok",
    "security_concerns",
    "ic_ok",
    "german_a2_written_proven",
    "german_a2_written_claimed",
    "german_a2_written_from",
    "known__german",
    "qual_school_de_from",
)


def _spouse(df: pl.DataFrame) -> pl.DataFrame:
    """The spouse's facts on the applicant's row (§ 60d Abs. 1 Nr. 1, 7, 8, 11; § 25b Abs. 6 Hs. 2)."""
    sp = df.select(
        "case_idx", "person_id", *[pl.col(c).alias(f"sp_{c}") for c in SPOUSE_COLUMNS]
    ).with_columns(sp_found=pl.lit(True))
    joined = df.select("pk", "case_idx", "spouse_id").join(
        sp, left_on=["case_idx", "spouse_id"], right_on=["case_idx", "person_id"], how="left"
    )
    return joined.select(
        "pk",
        *[f"sp_{c}" for c in SPOUSE_COLUMNS],
        # no spouse in the case: False; a spouse: True; a link to no one (invalid file): unknown
        sp_present=pl.when(pl.col("spouse_id").is_null()).then(False).when(pl.col("sp_found")).then(True),
    )


def _family_60d(df: pl.DataFrame, p: Params) -> pl.DataFrame:
    """§ 60d Abs. 1, 2: the relative through whom a spouse/partner or a minor unmarried child gets the Duldung.

    ``fam60d_sp_ok``/``_from``: the spouse meets every requirement § 60d asks of the employed applicant only
    (Nr. 2–6, 9) – no spouse: False; a link to no one: unknown. ``fam60d_par_ok``/``_w``/``_from``: for a minor
    unmarried child, a parent in the same household meets those AND the requirements on himself and his spouse
    (entry, Nr. 1, 7, 8, 11, with ``_w`` counting an identity only waivable under Abs. 4) and Nr. 10 – no parent in
    the case, adult or married: False; a parent link to no one, an unknown household or age: unknown (Kleene OR
    over the parents). The expressions are those of the norm (``norms.work_common``), evaluated on the relative.
    """
    from .norms import work_common as wc  # the norms import this module (training_common)

    bw_ok, bw_from = wc.breadwinner_60d(p)
    fam_ok, fam_w, fam_from = wc.family_conditions_60d(p)
    # The norm's expressions are large: evaluated only for the persons someone links to as spouse or parent
    # (the only rows joined below), on just the columns they read.
    keys = ["case_idx", "person_id"]
    linked = pl.concat(
        [
            df.select("case_idx", person_id="spouse_id"),
            df.select("case_idx", person_id="parent_ids").explode("person_id", empty_as_null=True),
        ]
    ).drop_nulls()
    read = {name for e in (bw_ok, bw_from, fam_ok, fam_w, fam_from) for name in e.meta.root_names()}
    relatives = df.select(*keys, "household_idx", *sorted(read - {*keys, "household_idx"})).join(
        linked, on=keys, how="semi"
    )
    own = relatives.select(
        "case_idx",
        "person_id",
        "household_idx",
        bw_ok=bw_ok,
        bw_from=bw_from,
        par_ok=bw_ok & fam_ok,
        par_w=bw_ok & fam_w,
        par_from=latest(bw_from, fam_from),
        found=pl.lit(True),
    )
    spouse = df.select("pk", "case_idx", "spouse_id").join(
        own.select("case_idx", "person_id", "bw_ok", "bw_from", "found"),
        left_on=["case_idx", "spouse_id"],
        right_on=["case_idx", "person_id"],
        how="left",
    )
    spouse = spouse.select(
        "pk",
        fam60d_sp_ok=pl.when(pl.col("spouse_id").is_null())
        .then(False)
        .when(pl.col("found"))
        .then(pl.col("bw_ok")),
        fam60d_sp_from=pl.col("bw_from"),
    )
    links = (
        df.select("pk", "case_idx", "parent_ids", child_household="household_idx")
        .explode("parent_ids", empty_as_null=True)
        .filter(pl.col("parent_ids").is_not_null())
        .join(own, left_on=["case_idx", "parent_ids"], right_on=["case_idx", "person_id"], how="left")
    )
    same = pl.col("household_idx") == pl.col("child_household")  # null if a household is not recorded
    link = {
        k: pl.when(pl.col("found").is_null()).then(None).otherwise(same & pl.col(k))
        for k in ("par_ok", "par_w")
    }
    parents = links.group_by("pk").agg(
        par_ok=link["par_ok"].any(ignore_nulls=False),
        par_w=link["par_w"].any(ignore_nulls=False),
        par_from=pl.col("par_from").filter(link["par_w"].fill_null(False)).min(),
        linked=pl.lit(True),
    )
    # a minor unmarried child (Abs. 2); unknown age: unknown
    child = pl.col("minor") & pl.col("spouse_id").is_null()
    out = (
        df.select("pk", "minor", "spouse_id")
        .join(spouse, on="pk", how="left")
        .join(parents, on="pk", how="left")
    )
    return out.select(
        "pk",
        "fam60d_sp_ok",
        "fam60d_sp_from",
        *[
            pl.when(pl.col("linked").is_null()).then(False).otherwise(child & pl.col(k)).alias(f"fam60d_{k}")
            for k in ("par_ok", "par_w")
        ],
        fam60d_par_from=pl.col("par_from"),
    )


def derive_work(df: pl.DataFrame, t: FactTables, p: Params) -> pl.DataFrame:
    """Adds the derived facts of the training and employment paths to the derived-facts frame."""
    for part in (
        _status_details(t),
        _training(t),
        _applications(t),
        _jobs(t),
        _benefits(t),
        _qualifications(t),
        _convictions(t, p),
        _employed_on_reference_day(t, p),
        *_chains(t, p),
    ):
        df = join_left(df, part)
    known_st = pl.col("known__statuses")
    df = df.with_columns(
        # current § 60b Duldung whose Zusatz has not been lifted (§ 60b Abs. 4)
        sixtyb_active=pl.col("sixtyb_now") & ~(pl.col("cur_lifted_on") <= pl.col("as_of")).fill_null(False),
        zusatz_date=pl.coalesce("cur_zusatz_on", "cur_from"),
        had_60c=pl.when(known_st).then(pl.col("had_60c_from").is_not_null()),
        holds_60d=pl.when(known_st).then(pl.col("in60d_start").is_not_null()),
        t_exists=pl.when(pl.col("known__training")).then(pl.col("t_from").is_not_null()),
        t_started=pl.col("t_from") <= pl.col("as_of"),
        # § 60d Abs. 1 Nr. 11: not obliged, passed, or an abort not attributable to the person
        ic_ok=~pl.col("ic_obliged")
        | pl.col("ic_completed")
        | (pl.col("ic_aborted") & ~pl.col("ic_abort_attributable")),
        single_parent=pl.col("spouse_id").is_null() & pl.col("lives_with_minor_child"),
        asylum_rejected=pl.col("asylum_outcome").is_in(REJECTED),
    )
    df = join_left(df, _training_route(t, df)).with_columns(
        # § 60c Abs. 1 S. 1 Nr. 1: T began during the asylum procedure (Gestattung) and asylum was rejected
        route_nr1=pl.when(~pl.col("known__statuses") | pl.col("t_exists").is_null())
        .then(None)
        .when(pl.col("t_exists") == False)  # noqa: E712
        .then(False)
        .otherwise(pl.col("t_started") & pl.col("in_gest").fill_null(False) & pl.col("asylum_rejected"))
    )
    df = join_left(df, _exams(t, df))
    df = join_left(df, _measures(t, p, df))
    df = join_left(df, _identity_deadlines(df, p))
    df = join_left(df, _children(df, t))
    df = join_left(df, _review_facts(t, df))
    df = join_left(df, _spouse(df))
    df = ban_columns(df, t, p)
    return join_left(df, _family_60d(df, p))
