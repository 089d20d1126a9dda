"""Derived facts: from the raw fact tables to one wide row per person that the norms read.

Everything here is a counting or reading rule of the law (what counts as stay, what proves A2, which
convictions are aggregated how); each rule cites its source. Unknown stays unknown: every derived fact
is ``null`` where the input that decides it is missing.
"""

from __future__ import annotations

import polars as pl

from .calendar import birthday_expr
from .chains import BREAK, COUNT, EXCLUDE, INTERRUPT, Chain, stay_chain, stay_chains
from .derive_work import derive_work
from .facts import FactTables
from .frame import join_left
from .params import Params

LEVELS = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}
PROVING_EVIDENCE = ("certificate", "school", "assessment")
APPLIED_PATHS = ("aufenthg_25a", "aufenthg_25b", "aufenthg_104c", "aufenthg_25_5")
COUNTING_TYPES = ("gestattung", "duldung", "aufenthaltserlaubnis", "fiktion", "visa")


def _with_as_of(df: pl.DataFrame, persons: pl.DataFrame) -> pl.DataFrame:
    return df.join(persons.select("pk", "as_of"), on="pk", how="left")


def _period_covers(on: pl.Expr) -> pl.Expr:
    return (pl.col("from") <= on) & (pl.col("to").is_null() | (pl.col("to") >= on))


def _stay_category(p: Params, sixtyb: str, *, abroad_interrupts: bool = False) -> pl.Expr:
    """§ 1.2 counting: AE, visa, Gestattung, Duldung (any kind), Fiktion count; abroad/unlawful break.

    ``sixtyb``: ``param`` (the configured effect of § 60b Abs. 5 S. 1), ``count`` (§§ 25a Abs. 5, 25b Abs. 7,
    104c Abs. 1 S. 3: § 60b periods count) or ``exclude`` (the arguable alternative).
    """
    effect = p.expr("stay.sixtyb_period_effect")
    if sixtyb == "count":
        sixtyb_cat = pl.lit(COUNT)
    elif sixtyb == "exclude":
        sixtyb_cat = pl.lit(EXCLUDE)
    else:
        sixtyb_cat = pl.when(effect == "exclude_only").then(pl.lit(EXCLUDE)).otherwise(pl.lit(BREAK))
    abroad = pl.lit(INTERRUPT) if abroad_interrupts else pl.lit(BREAK)
    return (
        pl.when((pl.col("type") == "duldung") & (pl.col("basis") == "60b"))
        .then(sixtyb_cat)
        .when((pl.col("type") == "abroad") & p.expr("aufenthg_25b.abroad_is_interruption"))
        .then(abroad)
        .when(pl.col("type").is_in(COUNTING_TYPES))
        .then(pl.lit(COUNT))
        .otherwise(pl.lit(BREAK))
    )


def _duldung_category(p: Params) -> pl.Expr:
    """Possession of a Duldung (§ 25a Abs. 1 S. 1: "seit mindestens zwölf Monaten im Besitz einer Duldung").

    § 60b periods never count (§ 60b Abs. 5 S. 1); a Duldungsanspruch without paper is counted only when
    the parameter says so (contested, spec § 1.3).
    """
    effect = p.expr("stay.sixtyb_period_effect")
    claim = p.expr("duldung.claim_without_paper_counts")
    return (
        pl.when((pl.col("type") == "duldung") & (pl.col("basis") == "60b"))
        .then(pl.when(effect == "exclude_only").then(pl.lit(EXCLUDE)).otherwise(pl.lit(BREAK)))
        .when((pl.col("type") == "duldung") & (pl.col("documented") == False))  # noqa: E712
        .then(pl.when(claim).then(pl.lit(COUNT)).otherwise(pl.lit(EXCLUDE)))
        .when(pl.col("type") == "duldung")
        .then(pl.lit(COUNT))
        .otherwise(pl.lit(BREAK))
    )


def _chains(t: FactTables, p: Params) -> list[pl.DataFrame]:
    # A period of unlawful stay (no status, no Duldungsanspruch) does not count but is an interruption like
    # any gap between papers (spec § 1.2 Nr. 2, 3): the bagatelle rule and § 25b's one interruption of up to
    # three months apply to it, whether it is recorded as "unlawful" or left as a gap.
    st = _with_as_of(t.list("statuses"), t.persons).filter(pl.col("type") != "unlawful")
    # § 25b: the BMI-AH 2015 rule "Kurzfristige Unterbrechungen … von einmalig bis zu drei Monaten sind
    # unschädlich" is phrased around stays abroad (docs/legal-verification.md § 9): a stay abroad is such an
    # interruption for § 25b (parameter; category ``interrupt``), for the other chains it breaks (§ 60a Abs. 5 S. 1).
    bag = p.expr("stay.bagatelle_gap_days")
    forgive = p.expr("aufenthg_25b.harmless_interruption_days")
    out = [
        # the chains over the same periods are counted in one pass
        stay_chains(
            st,
            [
                Chain("stay", _stay_category(p, "param"), bag),
                Chain("stay_alt", _stay_category(p, "exclude"), bag),
                Chain("stay_priv", _stay_category(p, "count"), bag),
                Chain("stay25b", _stay_category(p, "param", abroad_interrupts=True), bag, forgive, 1),
                Chain("stay25b_alt", _stay_category(p, "exclude", abroad_interrupts=True), bag, forgive, 1),
                Chain("stay25b_priv", _stay_category(p, "count", abroad_interrupts=True), bag, forgive, 1),
                Chain("duldung", _duldung_category(p), bag),
                # "geduldet" in any form (also § 60b and Duldungsanspruch) since when, for § 25b Abs. 1 S. 1
                Chain(
                    "geduldet",
                    pl.when(pl.col("type") == "duldung").then(pl.lit(COUNT)).otherwise(pl.lit(BREAK)),
                    bag,
                ),
            ],
        )
    ]
    # § 104c Abs. 1 S. 1: the chain is judged on the Stichtag 31.10.2022 (§ 60b periods count, S. 3).
    stichtag = p["aufenthg_104c.stichtag"].values[0].value
    st_104c = st.with_columns(decision_as_of=pl.col("as_of"), as_of=pl.lit(stichtag)).filter(
        pl.col("from") <= pl.lit(stichtag)
    )
    out.append(
        stay_chain(
            st_104c,
            _stay_category(p, "count"),
            bagatelle_days=p["aufenthg_104c.harmless_interruption_days"].expr(pl.col("decision_as_of")),
            prefix="stay104c",
        )
    )
    return out


def _current_status(t: FactTables) -> pl.DataFrame:
    st = _with_as_of(t.list("statuses"), t.persons).sort("pk", "from")
    # sorted by person: the previous period of the same person is the previous row
    same_person = pl.col("pk") == pl.col("pk").shift(1)
    st = st.with_columns(
        prev_type=pl.when(same_person).then(pl.col("type").shift(1)),
        prev_basis=pl.when(same_person).then(pl.col("basis").shift(1)),
        prev_to=pl.when(same_person).then(pl.col("to").shift(1)),
    )
    current = (
        st.filter(_period_covers(pl.col("as_of")))
        .group_by("pk")
        .agg(
            cur_type=pl.col("type").last(),
            cur_basis=pl.col("basis").last(),
            cur_from=pl.col("from").last(),
            cur_valid_until=pl.coalesce("valid_until", "to").last(),
            cur_documented=pl.col("documented").last(),
            prev_type=pl.col("prev_type").last(),
            prev_basis=pl.col("prev_basis").last(),
        )
    )
    history = st.group_by("pk").agg(
        had_60b=((pl.col("type") == "duldung") & (pl.col("basis") == "60b")).any(),
        sixtyb_days=pl.when((pl.col("type") == "duldung") & (pl.col("basis") == "60b"))
        .then((pl.min_horizontal(pl.coalesce("to", "as_of"), "as_of") - pl.col("from")).dt.total_days() + 1)
        .otherwise(0)
        .sum(),
        ever_104c=((pl.col("type") == "aufenthaltserlaubnis") & (pl.col("basis") == "104c")).any(),
        ae_104c_from=pl.when((pl.col("type") == "aufenthaltserlaubnis") & (pl.col("basis") == "104c"))
        .then(pl.col("from"))
        .max(),
        ae_104c_until=pl.when((pl.col("type") == "aufenthaltserlaubnis") & (pl.col("basis") == "104c"))
        .then(pl.coalesce("valid_until", "to"))
        .max(),
        ever_abroad_since_entry=(pl.col("type") == "abroad").any(),
        last_abroad_to=pl.col("to").filter(pl.col("type") == "abroad").max(),
        first_status_from=pl.col("from").min(),
    )
    return current.join(history, on="pk", how="full", coalesce=True)


def _german(t: FactTables) -> pl.DataFrame:
    """Proven German level per skill: the earliest date a proving entry reached the level.

    Self-reported entries (or entries without evidence kind) never prove (spec; PolicyEngine lesson): they
    only make the fact unknown instead of false.
    """
    g = t.list("german").with_columns(
        lvl=pl.col("level").replace_strict(LEVELS, default=0, return_dtype=pl.Int64),
        proving=pl.col("evidence").is_in(PROVING_EVIDENCE).fill_null(False),
        oral=pl.col("skill").is_null() | pl.col("skill").is_in(["oral", "all"]),
        written=pl.col("skill").is_null() | pl.col("skill").is_in(["written", "all"]),
    )
    aggs = []
    for level in ("A2", "B1"):
        n = LEVELS[level]
        for skill in ("oral", "written"):
            hit = (pl.col("lvl") >= n) & pl.col(skill)
            name = f"german_{level.lower()}_{skill}"
            aggs += [
                (hit & pl.col("proving")).any().alias(f"{name}_proven"),
                pl.col("date").filter(hit & pl.col("proving")).min().alias(f"{name}_from"),
                (hit & ~pl.col("proving")).any().alias(f"{name}_claimed"),
            ]
    aggs.append(pl.col("lvl").filter(pl.col("proving")).max().alias("german_best_proven_level"))
    return g.group_by("pk").agg(aggs)


def _convictions(t: FactTables) -> pl.DataFrame:
    """Aggregates of usable convictions (§ 51 BZRG: the case file lists only those still usable)."""
    c = t.list("convictions").with_columns(intentional=pl.col("intentional").fill_null(True))
    fine = pl.col("sanction") == "fine"
    foreigner = pl.col("foreigner_only_offence").fill_null(False)
    custodial = pl.col("sanction").is_in(["prison", "youth_custody"])
    prison, youth = pl.col("sanction") == "prison", pl.col("sanction") == "youth_custody"
    return c.group_by("pk").agg(
        conv_count=pl.len(),
        # § 54 Abs. 1 Nr. 1 (Freiheits- oder Jugendstrafe): intentional offences only ("vorsätzlicher Straftaten")
        conv_prison_max_months=pl.col("months").filter(custodial & pl.col("intentional")).max(),
        # § 54 Abs. 2 Nr. 1 speaks of Freiheitsstrafe only; a Jugendstrafe falls under Nr. 2 (unsuspended)
        conv_freiheitsstrafe_max_months=pl.col("months").filter(prison & pl.col("intentional")).max(),
        conv_youth_intentional_unsuspended_max_months=pl.col("months")
        .filter(youth & pl.col("intentional") & ~pl.col("suspended").fill_null(False))
        .max(),
        # § 54 Abs. 1 Nr. 1a–1c: a Freiheits- or Jugendstrafe of one year for a catalogue offence (also suspended)
        conv_catalogue_max_months=pl.col("months")
        .filter(custodial & pl.col("catalogue_54_1").fill_null(False))
        .max(),
        conv_catalogue_open_max_months=pl.col("months")
        .filter(custodial & pl.col("catalogue_54_1").is_null())
        .max(),
        conv_youth_custody_max_months=pl.col("months").filter(pl.col("sanction") == "youth_custody").max(),
        conv_youth_custody_unsuspended_max_months=pl.col("months")
        .filter((pl.col("sanction") == "youth_custody") & ~pl.col("suspended").fill_null(False))
        .max(),
        conv_months_unknown=(
            pl.col("sanction").is_in(["prison", "youth_custody"]) & pl.col("months").is_null()
        ).any(),
        conv_fines_general=pl.col("daily_rates").filter(fine & pl.col("intentional") & ~foreigner).sum(),
        conv_fines_foreigner_only=pl.col("daily_rates")
        .filter(fine & pl.col("intentional") & foreigner)
        .sum(),
        # fines whose kind (general / foreigner-only) is not recorded: included in conv_fines_general above
        conv_fines_kind_unknown=pl.col("daily_rates")
        .filter(fine & pl.col("intentional") & pl.col("foreigner_only_offence").is_null())
        .sum(),
        conv_fines_kind_unknown_max=pl.col("daily_rates")
        .filter(fine & pl.col("intentional") & pl.col("foreigner_only_offence").is_null())
        .max(),
        conv_rates_unknown=(fine & pl.col("daily_rates").is_null()).any(),
        conv_foreigner_unknown=pl.col("foreigner_only_offence").is_null().any(),
        conv_intentional_custodial=(
            pl.col("sanction").is_in(["prison", "youth_custody"]) & pl.col("intentional")
        ).any(),
        conv_youth_measures=(pl.col("sanction") == "youth_measures").any(),
        conv_any_intentional=pl.col("intentional").any(),
        conv_last_date=pl.col("date").max(),
    )


def _schooling(t: FactTables, p: Params) -> pl.DataFrame:
    """School attendance in Germany: successful days, whether attending now, first date, and the day on which
    the § 25a Abs. 1 S. 1 Nr. 2 years were reached (also when the attendance has ended since).

    Only periods recorded as successful count as "erfolgreich"; a period whose success is not recorded is
    counted separately (``school_days_success_unknown``), so that it can leave the requirement open but never
    prove it (README: absent = unknown).
    """
    s = (
        _with_as_of(t.list("schooling"), t.persons)
        .filter(pl.col("from") <= pl.col("as_of"))
        .sort("pk", "from")
    )
    end = pl.min_horizontal(pl.coalesce("to", "as_of"), "as_of")
    days = (end - pl.col("from")).dt.total_days() + 1
    ok = pl.col("successful") == True  # noqa: E712
    first = pl.col("from").min().over("pk")
    needed = (p.fulfilled_after(first, "aufenthg_25a.school_years") - first).dt.total_days()

    def reached_on(counts: pl.Expr) -> pl.Expr:
        # period by period: the day after the one on which the counted days add up to ``needed``
        counted = pl.when(counts).then(days).otherwise(0)
        before = counted.cum_sum().over("pk") - counted
        return pl.when(counts & (before + days >= needed)).then(
            pl.col("from") + pl.duration(days=needed - before)
        )

    s = s.with_columns(_reached=reached_on(ok), _reached_if=reached_on(ok | pl.col("successful").is_null()))
    return s.group_by("pk").agg(
        school_days_successful=pl.when(ok).then(days).otherwise(0).sum(),
        school_days_success_unknown=pl.when(pl.col("successful").is_null()).then(days).otherwise(0).sum(),
        school_reached_on=pl.col("_reached").min(),
        school_reached_on_if_successful=pl.col("_reached_if").min(),
        school_unsuccessful=(pl.col("successful") == False).any(),  # noqa: E712
        school_now=_period_covers(pl.col("as_of")).any(),
        school_now_from=pl.col("from").filter(_period_covers(pl.col("as_of"))).min(),
        school_now_success_unknown=(_period_covers(pl.col("as_of")) & pl.col("successful").is_null()).any(),
        # Abs. 1 S. 3 Nr. 1 § 25b: students and apprentices (vocational school, university), not general school
        school_now_higher=(
            _period_covers(pl.col("as_of")) & pl.col("kind").is_in(["vocational_school", "university"])
        ).any(),
        school_first_from=pl.col("from").min(),
        school_success_unknown=pl.col("successful").is_null().any(),
    )


def _qualifications(t: FactTables) -> pl.DataFrame:
    q = t.list("qualifications")
    german = pl.col("obtained_in_germany").fill_null(False) | pl.col("recognised").fill_null(False)
    return q.group_by("pk").agg(
        qual_recognised_from=pl.col("date").filter(german).min(),
        qual_school_de_from=pl.col("date")
        .filter((pl.col("kind") == "school_leaving") & pl.col("obtained_in_germany").fill_null(False))
        .min(),
        qual_unclear=(pl.col("obtained_in_germany").is_null() & pl.col("recognised").is_null()).any(),
    )


def _training_and_work(t: FactTables) -> pl.DataFrame:
    tr = _with_as_of(t.list("training"), t.persons)
    em = _with_as_of(t.list("employment"), t.persons)
    now = _period_covers(pl.col("as_of")) & (pl.col("from") <= pl.col("as_of"))
    training = tr.group_by("pk").agg(
        training_now=(now & (pl.col("state").is_null() | pl.col("state").is_in(["ongoing"]))).any(),
    )
    work = em.group_by("pk").agg(
        work_now=now.any(),
        work_now_from=pl.col("from").filter(now).min(),
        work_now_net=pl.col("net_monthly_eur").filter(now).sum(),
        work_now_net_unknown=(now & pl.col("net_monthly_eur").is_null()).any(),
        work_now_hours=pl.col("hours_per_week").filter(now).sum(),
    )
    return training.join(work, on="pk", how="full", coalesce=True)


def _efforts(t: FactTables) -> pl.DataFrame:
    e = t.list("efforts")
    return e.group_by("pk").agg(
        efforts_proven=(pl.col("evidence") != False).fill_null(True).sum(),  # noqa: E712
        efforts_last=pl.col("date").max(),
    )


def _applications(t: FactTables) -> pl.DataFrame:
    a = t.list("applications")
    return a.group_by("pk").agg(
        [
            pl.col("filed_on").filter(pl.col("path") == path).min().alias(f"applied__{path}")
            for path in APPLIED_PATHS
        ]
    )


def _family(persons: pl.DataFrame, p: Params) -> pl.DataFrame:
    """Household and children: who lives with a minor unmarried child, which children go to school."""
    kids = (
        persons.select(
            "case_idx",
            child_pk="pk",
            parent_id=pl.col("parent_ids"),
            child_birth="birth_date",
            child_household="household_idx",
            child_married=pl.col("spouse_id").is_not_null(),
            child_school_now="school_now",
            child_schooling_known="known__schooling",
            as_of="as_of",
        )
        .explode("parent_id", empty_as_null=True)
        .filter(pl.col("parent_id").is_not_null())
    )
    parents = persons.select("pk", "case_idx", "person_id", "household_idx")
    links = parents.join(
        kids, left_on=["case_idx", "person_id"], right_on=["case_idx", "parent_id"], how="inner"
    )
    minor_until = birthday_expr(pl.col("child_birth"), 18) - pl.duration(days=1)
    school_age = (
        pl.col("as_of") >= p.fulfilled_after(pl.col("child_birth"), "aufenthg_25b.school_age_from")
    ) & (pl.col("as_of") < p.fulfilled_after(pl.col("child_birth"), "aufenthg_25b.school_age_until"))
    same_household = (pl.col("household_idx") == pl.col("child_household")).fill_null(False)
    attends = pl.when(pl.col("child_schooling_known")).then(pl.col("child_school_now").fill_null(False))
    return links.group_by("pk").agg(
        minor_child_until=minor_until.filter(
            same_household & ~pl.col("child_married") & (minor_until >= pl.col("as_of"))
        ).max(),
        minor_child_birth_unknown=(same_household & pl.col("child_birth").is_null()).any(),
        youngest_child_birth=pl.col("child_birth").filter(same_household).max(),
        school_age_children=school_age.fill_null(False).sum(),
        school_age_unknown=pl.col("child_birth").is_null().any(),
        children_school_all=attends.filter(school_age.fill_null(False)).all(ignore_nulls=False),
        children_school_any_unknown=attends.filter(school_age.fill_null(False)).is_null().any(),
    )


def _household_money(persons: pl.DataFrame, households: pl.DataFrame) -> pl.DataFrame:
    """Household income from work vs. need (§ 25b Abs. 1 S. 2 Nr. 3, § 2 Abs. 3)."""
    members = persons.filter(pl.col("household_idx").is_not_null())
    earned = members.group_by("household_idx").agg(
        hh_earned=pl.col("work_now_net").fill_null(0).sum(),
        hh_earned_unknown=(
            ~pl.col("known__employment") | pl.col("work_now_net_unknown").fill_null(False)
        ).any(),
        hh_members=pl.len(),
    )
    return households.join(earned, on="household_idx", how="left").select(
        "household_idx",
        hh_need="monthly_need_eur",
        hh_benefits="monthly_public_benefits_eur",
        hh_earned="hh_earned",
        hh_earned_unknown="hh_earned_unknown",
        hh_members="hh_members",
    )


# Aggregates over a list: their value when the list is known but has no matching entry. When the list
# itself is unknown (absent), the aggregate stays null.
LIST_DEFAULTS: dict[str, dict[str, object]] = {
    "schooling": {
        "school_days_successful": 0,
        "school_days_success_unknown": 0,
        "school_now_success_unknown": False,
        "school_now_higher": False,
        "school_unsuccessful": False,
        "school_now": False,
        "school_success_unknown": False,
    },
    "qualifications": {"qual_unclear": False},
    "training": {"training_now": False},
    "employment": {
        "work_now": False,
        "work_now_net": 0.0,
        "work_now_net_unknown": False,
        "work_now_hours": 0.0,
    },
    "convictions": {
        "conv_count": 0,
        "conv_months_unknown": False,
        "conv_fines_general": 0,
        "conv_fines_foreigner_only": 0,
        "conv_fines_kind_unknown": 0,
        "conv_rates_unknown": False,
        "conv_foreigner_unknown": False,
        "conv_intentional_custodial": False,
        "conv_youth_measures": False,
        "conv_any_intentional": False,
    },
    "efforts": {"efforts_proven": 0},
}


def _list_defaults() -> list[pl.Expr]:
    return [
        pl.when(pl.col(f"known__{name}")).then(pl.col(col).fill_null(default)).alias(col)
        for name, cols in LIST_DEFAULTS.items()
        for col, default in cols.items()
    ]


def derive(t: FactTables, p: Params) -> pl.DataFrame:
    """One row per person with every fact the norms read."""
    df = t.persons
    parts = [
        _current_status(t),
        *_chains(t, p),
        _german(t),
        _convictions(t),
        _schooling(t, p),
        _qualifications(t),
        _training_and_work(t),
        _efforts(t),
        _applications(t),
    ]
    for part in parts:
        df = join_left(df, part)
    df = df.with_columns(_list_defaults())
    df = join_left(df, _family(df, p))
    df = join_left(df, _household_money(df, t.households), on="household_idx")
    known_statuses = pl.col("known__statuses")
    df = df.with_columns(
        # "geduldet" (§ 25b Abs. 1 S. 1): any Duldung, also a Duldungsanspruch without paper (BVerwG 1 C 34.18)
        geduldet_now=pl.when(known_statuses).then((pl.col("cur_type") == "duldung").fill_null(False)),
        # lives with a minor unmarried child in the household (§ 25b Abs. 1 S. 2 Nr. 1); unknown without households
        lives_with_minor_child=pl.when(~pl.col("households_known"))
        .then(None)
        .when(pl.col("minor_child_until").is_not_null())
        .then(True)
        .when(pl.col("minor_child_birth_unknown").fill_null(False))
        .then(None)
        .otherwise(False),
        sixtyb_now=pl.when(known_statuses).then(
            ((pl.col("cur_type") == "duldung") & (pl.col("cur_basis") == "60b")).fill_null(False)
        ),
        # § 104c holder: the title itself, or a Fiktion (§ 81 Abs. 4) continuing it after a timely application
        holds_104c=pl.when(known_statuses).then(
            (
                ((pl.col("cur_type") == "aufenthaltserlaubnis") & (pl.col("cur_basis") == "104c"))
                | (
                    (pl.col("cur_type") == "fiktion")
                    & (pl.col("prev_type") == "aufenthaltserlaubnis")
                    & (pl.col("prev_basis") == "104c")
                )
            ).fill_null(False)
        ),
        # children under 14 are not criminally responsible (§ 19 StGB) nor answerable for deception
        under_14=pl.col("as_of") < birthday_expr(pl.col("birth_date"), 14),
        minor=pl.col("as_of") < birthday_expr(pl.col("birth_date"), 18),
        passport_valid_now=pl.when(pl.col("passport") == "valid")
        .then(pl.col("passport_valid_until").is_null() | (pl.col("passport_valid_until") >= pl.col("as_of")))
        .when(pl.col("passport").is_in(["expired", "none"]))
        .then(False),
        # present, causal conduct only ("verhindert oder verzögert"); Kleene OR keeps unknown where undecided
        deception_now=pl.col("deception") == "current",
        own_fault_now=(pl.col("deception") == "current") | (pl.col("obstruction") == "current"),
    )
    return derive_work(df, t, p)
