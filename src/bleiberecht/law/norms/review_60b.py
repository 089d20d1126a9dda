"""Re-examination of a "Duldung für Personen mit ungeklärter Identität" (§ 60b AufenthG, "Duldung light").

Applies to everyone whose history shows a § 60b Duldung; flagged when the person holds one now (not lifted) and at
least one reason R1–R14 (residence-paths.md § 7.7) holds. ``Z`` is the day the Zusatz was put on the Duldung
(``zusatz_60b_issued_on``, else the period's start). Reasons that make the Zusatz unlawful from the start (R1, R2,
R4, R5, R8, R9, R10 on ``Z``) also give R14: a retroactive lifting, after which the periods count as Duldung
(VG Würzburg 28.03.2025 – W 7 K 25.18).
"""

from __future__ import annotations

import polars as pl

from ..calendar import birthday_expr
from ..kleene import k_and, k_or
from ..norm import Norm, Text
from ..params import Params
from ..review import Review
from . import aufenthg_60c, aufenthg_60d

REVIEW = Review(
    key="review_60b",
    citation="§ 60b Abs. 2–4, § 105 AufenthG",
    title=Text(
        "Überprüfung der Duldung für Personen mit ungeklärter Identität (§ 60b)",
        "Re-examination of the Duldung for persons with unclarified identity (§ 60b)",
    ),
    applies=lambda p: pl.col("had_60b"),
)

Z = pl.col("zusatz_date")
CURRENT = pl.col("sixtyb_active")
NON_CAUSAL_OBSTACLES = ("illness", "family_ties", "rootedness", "no_transport_route", "deportation_ban")


def _now(expr: pl.Expr) -> pl.Expr:
    """A reason counts only while the § 60b Duldung is held (not lifted)."""
    return pl.when(CURRENT.fill_null(False)).then(expr).otherwise(pl.lit(False))


def r1_on(day: pl.Expr, with_court: bool) -> pl.Expr:
    """An asylum (first or follow-up) procedure pending on ``day``."""
    first = (pl.col("asylum_applied_on") <= day) & (
        (pl.col("asylum_final_on") > day) | (pl.col("asylum_outcome") == "pending")
    )
    first = pl.when(pl.col("asylum_outcome") == "never_applied").then(False).otherwise(first)
    follow = pl.col("fu_pending_now") if with_court else pl.col("fu_pending_z")
    terms = [first, follow]
    if with_court:
        terms.append(pl.col("asylum_court_pending"))
    return k_or(*terms)


def r2() -> pl.Expr:
    return pl.col("deportation_ban").is_in(["60_5", "60_7_other"])


def r4() -> pl.Expr:
    grounds = pl.col("cur_zusatz_grounds")
    relies_on_passport = grounds.is_null() | grounds.list.contains("passport_duties")
    missing = k_or(
        ~pl.col("instruction_given"),
        pl.col("instructed_on") > Z,
        ~pl.col("instruction_specific"),
        pl.col("instruction_deadline") > Z,
        ~pl.col("instruction_warned"),
    )
    return pl.when(relies_on_passport).then(missing).otherwise(pl.lit(False))


def r5() -> pl.Expr:
    grounds = pl.col("cur_duldung_grounds")
    other = grounds.list.eval(pl.element() != "passport_missing").list.any()
    obstacle = pl.col("departure_obstacle_exists") & pl.col("departure_obstacle_reason").is_in(
        NON_CAUSAL_OBSTACLES
    )
    return k_or(other, obstacle)


def r8_on(day: pl.Expr) -> pl.Expr:
    return day < birthday_expr(pl.col("birth_date"), 18)


def r9() -> pl.Expr:
    return pl.col("cur_occasion") == "mid_term"


def r10(p: Params) -> pl.Expr:
    return (p.expr("aufenthg_105.abs2_protection_until") > Z).fill_null(False) & pl.col("work_on_z")


@REVIEW.reason(
    "R1",
    "§ 60b Abs. 2 S. 2 AufenthG; OVG LSA 2 M 57/23; BayVGH 10 ZB 23.1344",
    "Ein Asyl- oder Folgeantrag bzw. eine Asylklage ist anhängig: die besondere Passbeschaffungspflicht ruht bis "
    "zur unanfechtbaren Ablehnung.",
    "An asylum or follow-up application or an asylum lawsuit is pending: the special passport duty is suspended "
    "until the final rejection.",
)
def _r1(p: Params) -> pl.Expr:
    return _now(r1_on(pl.col("as_of"), with_court=True))


@REVIEW.reason(
    "R2",
    "§ 60b Abs. 2 S. 2 AufenthG",
    "Ein Abschiebungsverbot nach § 60 Abs. 5 oder Abs. 7 (nicht nur gesundheitlich) besteht: keine Passbeschaffungs"
    "pflicht nach § 60b.",
    "A deportation ban under § 60 (5) or (7) (not purely health-based) exists: no passport duty under § 60b.",
)
def _r2(p: Params) -> pl.Expr:
    return _now(r2())


@REVIEW.reason(
    "R3",
    "§ 105 Abs. 3 AufenthG",
    "Beantragte Ausbildungs- oder Beschäftigungsduldung, deren Voraussetzungen erfüllt sind: § 60b findet keine "
    "Anwendung.",
    "An Ausbildungs- or Beschäftigungsduldung has been applied for and its requirements are met: § 60b does not "
    "apply.",
)
def _r3(p: Params) -> pl.Expr:
    held = pl.col("cur_basis").is_in(["60c", "60d"])
    applied_60c = pl.col("app__aufenthg_60c").is_not_null() & _meets_but_for_60b(aufenthg_60c.NORM, "no_60b")
    applied_60d = (
        pl.col("app__aufenthg_60d").is_not_null()
        & _meets_but_for_60b(aufenthg_60d.NORM, "no_ban")
        & ~pl.col("ban_60a6")
    )
    return _now(k_or(held, applied_60c, applied_60d))


def _meets_but_for_60b(norm: Norm, sixtyb_key: str) -> pl.Expr:
    """§ 105 Abs. 3: the applicant meets every requirement of ``norm`` apart from the one the § 60b Duldung itself
    blocks (otherwise the reason could never hold while the Zusatz stands). Kleene: an open requirement -> unknown."""
    terms = []
    for r in norm.requirements:
        if r.key == sixtyb_key:
            continue
        status = pl.col(f"{norm.key}__{r.key}__status")
        terms.append(
            pl.when(status.is_in(["met", "not_applicable", "waivable"]))
            .then(pl.lit(True))
            .when(status == "unknown")
            .then(None)
            .otherwise(pl.lit(False))
        )
    return k_and(*terms)


@REVIEW.reason(
    "R4",
    "§ 60b Abs. 3 S. 2 AufenthG; VG Aachen 8 L 305/21; SächsOVG 3 B 164/21",
    "Vor dem Zusatz fehlte ein dokumentierter, konkreter, individueller Hinweis auf die Mitwirkungspflichten mit "
    "Frist und Warnung vor der Duldung light.",
    "Before the Zusatz there was no documented, concrete, individual instruction on the duties with a deadline and "
    "a warning of the Duldung light.",
)
def _r4(p: Params) -> pl.Expr:
    return _now(r4())


@REVIEW.reason(
    "R5",
    "§ 60b Abs. 1 AufenthG; OVG Nds 13 ME 587/20; VG Würzburg W 7 K 25.18",
    "Keine Kausalität: die Abschiebung ist aus anderen Gründen ausgesetzt (z. B. Abschiebungsstopp, Krankheit, "
    "Familie).",
    "No causality: removal is suspended for other reasons (e.g. a general removal stop, illness, family).",
)
def _r5(p: Params) -> pl.Expr:
    return _now(r5())


@REVIEW.reason(
    "R6",
    "§ 60b Abs. 3 S. 3, Abs. 4 AufenthG",
    "Die zumutbaren Handlungen wurden inzwischen nachgeholt bzw. glaubhaft gemacht: die Duldung ist ohne Zusatz "
    "auszustellen (nur für die Zukunft).",
    "The reasonable acts have meanwhile been performed or credibly shown: the Duldung must be issued without the "
    "Zusatz (for the future only).",
)
def _r6(p: Params) -> pl.Expr:
    return _now(k_or(pl.col("efforts_after_z"), pl.col("obstruction").is_in(["none", "past"])))


@REVIEW.reason(
    "R7",
    "§ 60b Abs. 4 AufenthG",
    "Pass beschafft oder Identität geklärt: Duldung ohne Zusatz.",
    "Passport obtained or identity clarified: Duldung without the Zusatz.",
)
def _r7(p: Params) -> pl.Expr:
    return _now(k_or(pl.col("identity_clarified"), pl.col("passport") == "valid"))


@REVIEW.reason(
    "R8",
    "§ 60b Abs. 1 AufenthG (eigenes Verhalten); Berlin VAB; Thüringen (asyl.net M29892)",
    "Die Person ist minderjährig: das Verhalten der Eltern wird nicht zugerechnet; unter 14 Jahren nie § 60b.",
    "The person is a minor: the parents' conduct is not attributed; under 14 never § 60b.",
)
def _r8(p: Params) -> pl.Expr:
    return _now(r8_on(pl.col("as_of")))


@REVIEW.reason(
    "R9",
    "§ 105 Abs. 1 AufenthG",
    "Der Zusatz wurde mitten in der Laufzeit erteilt, nicht bei Verlängerung oder Erteilung aus anderem Grund.",
    "The Zusatz was added mid-term, not on an extension or when a Duldung was issued for another reason.",
)
def _r9(p: Params) -> pl.Expr:
    return _now(r9())


@REVIEW.reason(
    "R10",
    "§ 105 Abs. 2 AufenthG",
    "Zusatz vor dem 01.07.2020 während einer Ausbildung oder Beschäftigung erteilt.",
    "Zusatz issued before 01.07.2020 during a training or employment.",
)
def _r10(p: Params) -> pl.Expr:
    return _now(r10(p))


@REVIEW.reason(
    "R11",
    "§ 60b Abs. 3 S. 1 Nr. 1–5 AufenthG",
    "Die verlangten Handlungen sind im Einzelfall unzumutbar.",
    "The acts demanded are unreasonable in the individual case.",
)
def _r11(p: Params) -> pl.Expr:
    return _now(pl.col("demanded_acts_unreasonable"))


@REVIEW.reason(
    "R12",
    "§§ 25a Abs. 5, 25b Abs. 7 AufenthG",
    "Inhaber/ehemaliger Inhaber eines Titels nach § 104c: § 60b-Zeiten zählen für §§ 25a/25b bis zum Ende der "
    "Privilegien – Antrag vorher stellen.",
    "Holder or former holder of a § 104c permit: § 60b periods count for §§ 25a/25b until the privileges end – "
    "apply before.",
)
def _r12(p: Params) -> pl.Expr:
    until = p.expr("aufenthg_104c.privileges_until")
    return _now(pl.col("any_104c_status") & (pl.col("as_of") <= until))


@REVIEW.reason(
    "R13",
    "§ 105 Abs. 1 AufenthG; Praxis",
    "Die letzte Überprüfung liegt länger zurück als das übliche Intervall: bei jeder Verlängerung neu prüfen.",
    "The last review is older than the usual interval: re-examine at every extension.",
)
def _r13(p: Params) -> pl.Expr:
    due = p.fulfilled_after(pl.col("cur_last_reviewed"), "aufenthg_60b.review_interval_months")
    return _now(due <= pl.col("as_of"))


def unlawful_from_start(p: Params) -> pl.Expr:
    """R1, R2, R4, R5, R8, R9 or R10 already held on ``Z``."""
    return k_or(r1_on(Z, with_court=False), r2(), r4(), r5(), r8_on(Z), r9(), r10(p))


@REVIEW.reason(
    "R14",
    "OVG Nds 13 ME 587/20; VG Würzburg 28.03.2025 – W 7 K 25.18; § 51 VwVfG",
    "Der Zusatz war von Anfang an rechtswidrig: rückwirkende Aufhebung mit Widerspruch/Anfechtungsklage (bei "
    "Bestandskraft § 51 VwVfG) beantragen – die Zeiten zählen dann als Duldung.",
    "The Zusatz was unlawful from the start: seek a retroactive lifting by objection/lawsuit (if final, § 51 "
    "VwVfG) – the periods then count as Duldung.",
)
def _r14(p: Params) -> pl.Expr:
    return _now(unlawful_from_start(p) & pl.col("cur_lifted_retro").is_null())


def any_reason(p: Params) -> pl.Expr:
    """Kleene: at least one reason holds (used by review_employment_ban EB4)."""
    return k_or(*[r.test(p) for r in REVIEW.reasons])
