"""Re-examination of employment bans and of the employment permission for Geduldete.

Applies to everyone who is geduldet or has a ban on file. Flagged when a recorded ban should be re-examined
(EB2–EB7) or when no ban applies and the permission "soll" be granted (EB1, § 60a Abs. 5b S. 1). The bans
themselves are derived in :mod:`bleiberecht.law.bans`; the § 32 BeschV waiting times read the stay chain that
counts every Duldung, Gestattung and permission (``stay_priv``). Design: docs/drafts/issue3-norms.md §§ 7–9.
"""

from __future__ import annotations

import polars as pl

from ..kleene import k_or
from ..norm import Text
from ..params import Params
from ..review import Review
from . import review_60b
from .work_common import AS_OF, measures_ok

REVIEW = Review(
    key="review_employment_ban",
    citation="§ 4a Abs. 4, § 60a Abs. 5b, 6, § 60b Abs. 5 AufenthG; § 32 BeschV",
    title=Text(
        "Beschäftigungsverbot und Beschäftigungserlaubnis prüfen",
        "Re-examine the employment ban and the employment permission",
    ),
    applies=lambda p: pl.col("geduldet_now") | pl.col("employment_ban_imposed"),
)

RECORDED = pl.col("employment_ban_imposed").fill_null(False)
GROUND = pl.col("employment_ban_ground")


def consent_obtainable(p: Params) -> pl.Expr:
    """§ 32 BeschV: BA consent possible after the waiting time, or not needed after the longer period (Kleene)."""
    start = pl.col("stay_priv_start")
    waited = p.fulfilled_after(start, "beschv_32.waiting_months") <= AS_OF
    free = p.fulfilled_after(start, "beschv_32.consent_free_after_years") <= AS_OF
    return pl.when(pl.col("known__statuses")).then((waited | free).fill_null(False))


def job_exists() -> pl.Expr:
    offers = pl.col("job_offers_n") > 0
    requests = pl.when(pl.col("known__permission_requests")).then(pl.col("perm_req_n").fill_null(0) > 0)
    return k_or(offers, requests)


def soll(p: Params) -> pl.Expr:
    """§ 60a Abs. 5b S. 1, 2: "soll", unless concrete removal measures at the request (then § 4a Abs. 4)."""
    return p.expr("aufenthg_60a.abs5b_soll") & measures_ok(
        "5b", "perm_req_on", known="known__permission_requests"
    )


@REVIEW.reason(
    "EB1",
    "§ 60a Abs. 5b S. 1 AufenthG; § 32 BeschV",
    "Kein Beschäftigungsverbot, ein Arbeitsplatz liegt vor, die Zustimmung der Bundesagentur ist möglich (nur "
    "Arbeitsbedingungen, keine Vorrangprüfung, Leiharbeit zulässig; Zustimmungsfiktion nach 2 Wochen) und keine "
    "konkreten Rückführungsmaßnahmen: die Beschäftigung soll erlaubt werden.",
    "No employment ban, a job exists, BA consent is possible (working conditions only, no priority check, "
    "temporary agency work allowed; deemed after 2 weeks) and no concrete removal measures: employment should be "
    "permitted.",
)
def _eb1(p: Params) -> pl.Expr:
    return pl.col("geduldet_now") & ~pl.col("bans_any") & job_exists() & consent_obtainable(p) & soll(p)


@REVIEW.reason(
    "EB2",
    "§ 60a Abs. 6 S. 1 Nr. 2, S. 2 AufenthG; SMI-Erlass SN 15.12.2020 (Gegenwärtigkeit)",
    "Verbot wegen eigenen Verschuldens erfasst, aber keine gegenwärtige Täuschung oder Mitwirkungsverweigerung "
    "mehr bzw. ein anderer Duldungsgrund macht sie nicht ursächlich, oder die Person ist unter 14 Jahre alt "
    "(kein eigenes Vertretenmüssen).",
    "A ban for own fault is on file, but there is no present deception or refusal to cooperate any more, or "
    "another Duldung ground makes it non-causal, or the person is under 14 (not answerable).",
)
def _eb2(p: Params) -> pl.Expr:
    return (
        RECORDED
        & (GROUND == "60a_6_2")
        & k_or(~pl.col("own_fault_now"), pl.col("nr3_other_ground"), pl.col("under_14"))
    )


@REVIEW.reason(
    "EB3",
    "§ 60a Abs. 6 S. 1 Nr. 3, S. 3 AufenthG; § 104 Abs. 18 AufenthG",
    "Verbot wegen sicheren Herkunftsstaats erfasst, aber Nr. 3 greift nicht (Staat nicht gelistet, Antrag vor "
    "dem Stichtag, § 104 Abs. 18, Rücknahme nach BAMF-Beratung oder Kindeswohl).",
    "A safe-country ban is on file, but no. 3 does not apply (country not listed, application before the cut-off, "
    "§ 104 (18), withdrawal after BAMF counselling or child welfare).",
)
def _eb3(p: Params) -> pl.Expr:
    return RECORDED & (GROUND == "60a_6_3") & ~pl.col("ban_nr3")


@REVIEW.reason(
    "EB4",
    "§ 60b Abs. 4, Abs. 5 S. 2 AufenthG",
    "Verbot wegen Duldung light erfasst, aber die § 60b-Duldung ist aufgehoben oder zu überprüfen (review_60b).",
    "A Duldung-light ban is on file, but the § 60b Duldung is lifted or to be re-examined (review_60b).",
)
def _eb4(p: Params) -> pl.Expr:
    return RECORDED & (GROUND == "60b_5") & k_or(~pl.col("sixtyb_active"), review_60b.any_reason(p))


@REVIEW.reason(
    "EB5",
    "§ 60a Abs. 6 S. 1 Nr. 1 AufenthG",
    "Verbot wegen Einreise zum Leistungsbezug erfasst, ohne dass die Behörde diese Absicht festgestellt hat.",
    "A ban for entry to obtain benefits is on file without the authority having established that purpose.",
)
def _eb5(p: Params) -> pl.Expr:
    return RECORDED & (GROUND == "60a_6_1") & ~pl.col("entry_for_benefits_established").fill_null(False)


@REVIEW.reason(
    "EB6",
    "§ 104 Abs. 16 AufenthG",
    "Die Beschäftigung wurde bis 31.12.2019 erlaubt und dauert an: § 60a Abs. 6 gilt in der alten Fassung "
    "(Bestandsschutz).",
    "The employment was permitted by 31.12.2019 and continues: § 60a (6) applies in its old version.",
)
def _eb6(p: Params) -> pl.Expr:
    return RECORDED & GROUND.is_in(["60a_6_1", "60a_6_2", "60a_6_3"]) & pl.col("old_permission_104_16")


@REVIEW.reason(
    "EB7",
    "§ 60a Abs. 6 S. 4 AufenthG",
    "Ein Verbot ist erfasst, obwohl die Person Schutz erhalten hat oder nicht (mehr) geduldet ist.",
    "A ban is on file although the person has been granted protection or is no longer geduldet.",
)
def _eb7(p: Params) -> pl.Expr:
    protected = pl.col("asylum_outcome") == "protection_granted"
    return RECORDED & k_or(protected, ~pl.col("geduldet_now"))
