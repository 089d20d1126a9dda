"""§ 16g AufenthG — Aufenthaltserlaubnis zur Berufsausbildung für ausreisepflichtige Ausländer (from 01.03.2024).

Abs. 1 S. 1 "ist zu erteilen" → Anspruch; the scope and exclusions (Abs. 1–3) repeat § 60c. As a residence title
it needs a secured livelihood (§ 5 Abs. 1 Nr. 1, deemed secured at the § 12 BAföG amount, § 2 Abs. 3 S. 5), a
passport (§ 5 Abs. 1 Nr. 4; waivable only in the cases of Abs. 6, Abs. 10 S. 5) and no entry ban (§ 11). § 5
Abs. 1 Nr. 1a, Abs. 2 and § 10 Abs. 3 S. 1 do not apply (Abs. 10). Abs. 6: discretion despite a missed identity
deadline. Spec: training-employment-paths.md § 4; design: docs/drafts/issue3-norms.md § 2.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from ..kleene import TRUE
from ..norm import Norm, Req, Text
from ..params import Params
from . import general
from . import training_common as tc

NORM = Norm(
    key="aufenthg_16g",
    citation="§ 16g AufenthG",
    title=Text(
        "Aufenthaltserlaubnis zur Berufsausbildung für ausreisepflichtige Ausländer",
        "Residence permit for vocational training for persons obliged to leave",
    ),
    consequence="anspruch",
    in_force_from=date(2024, 3, 1),
)

TN = tc.TrainingNorm(
    section="§ 16g",
    params="aufenthg_16g",
    deadline="16g",
    discretion="§ 16g Abs. 6",
    application="app__aufenthg_16g",
)
tc.register(NORM, TN)

THRESHOLDS = "aufenthg_16g.livelihood_thresholds_eur"


def _threshold(p: Params) -> pl.Expr:
    """The § 12 BAföG amount for the training's category, in the version in force on ``as_of``."""
    chain: Any = pl
    for version in reversed(p[THRESHOLDS].values):
        for row in version.value:
            chain = chain.when(
                (pl.col("as_of") >= pl.lit(version.valid_from)) & (pl.col("t_bafoeg_cat") == row["category"])
            ).then(pl.lit(float(row["eur"])))
    result: pl.Expr = chain.otherwise(None)
    return result


def livelihood_parts(p: Params) -> tuple[pl.Expr, pl.Expr]:
    threshold = _threshold(p)
    pay_ok = pl.col("t_net_pay") >= threshold
    # BAB (Abs. 10 S. 3) or BAföG (no public fund, § 2 Abs. 3 S. 2) cover the need; pay starts with the training
    ok = pl.col("t_bab") | pl.col("t_bafoeg") | pay_ok
    ok = pl.when(pl.col("t_exists") == False).then(False).otherwise(ok)  # noqa: E712
    met_from = pl.when(
        pay_ok.fill_null(False) & ~(pl.col("t_bab") | pl.col("t_bafoeg")).fill_null(False)
    ).then(pl.col("t_from"))
    return ok, met_from


@NORM.requirement(
    "livelihood",
    "§ 5 Abs. 1 Nr. 1, § 2 Abs. 3 S. 5 AufenthG i.V.m. § 12 BAföG; § 16g Abs. 10 S. 3 AufenthG",
    title=(
        "Lebensunterhalt gesichert (Mittel mindestens in Höhe des BAföG-Bedarfs nach § 12 BAföG)",
        "Livelihood secured (means at least the BAföG need under § 12 BAföG)",
    ),
    reads=("training",),
    actionable=True,
    evidence=(
        "Ausbildungsvertrag (Vergütung)",
        "Gehaltsabrechnung",
        "BAB- oder BAföG-Bescheid",
        "Mietvertrag (Bedarfskategorie)",
    ),
    explain={
        "met": (
            "Nettovergütung {pay} € ≥ {threshold} € (§ 12 BAföG) bzw. BAB/BAföG; gesichert ab {met_from}.",
            "Net pay {pay} € ≥ {threshold} € (§ 12 BAföG) or BAB/BAföG; secured from {met_from}.",
        ),
        "later": (
            "Mit Beginn der Ausbildungsvergütung am {met_from} gesichert ({pay} € ≥ {threshold} €).",
            "Secured when the training pay starts on {met_from} ({pay} € ≥ {threshold} €).",
        ),
        "not_met": (
            "Mittel {pay} € unter dem Bedarf von {threshold} € (§ 12 BAföG). Schüler-BAföG/BAB erst nach 15 Monaten "
            "Voraufenthalt; § 60c verlangt keinen Lebensunterhalt.",
            "Means of {pay} € below the need of {threshold} € (§ 12 BAföG). Schüler-BAföG/BAB only after 15 months "
            "of stay; § 60c does not require a livelihood.",
        ),
    },
)
def livelihood(p: Params) -> Req:
    ok, met_from = livelihood_parts(p)
    return Req(
        ok=ok,
        met_from=met_from,
        values={"pay": pl.col("t_net_pay"), "threshold": _threshold(p), "met_from": met_from},
    )


def passport_parts() -> tuple[pl.Expr, pl.Expr]:
    id_ok, waivable, _ = tc.identity_expr(TN)
    # Abs. 10 S. 5: § 3 may be waived only in the cases of Abs. 6 (identity deadline missed despite measures)
    return pl.col("passport_valid_now"), ~id_ok & waivable


@NORM.requirement(
    "passport",
    "§ 5 Abs. 1 Nr. 4, § 3 AufenthG; § 16g Abs. 10 S. 5 AufenthG",
    title=("Passpflicht erfüllt (§ 3)", "Passport requirement met (§ 3)"),
    reads=("identity",),
    actionable=True,
    evidence=("gültiger Nationalpass oder Passersatz",),
    explain={
        "met": ("Gültiger Pass liegt vor.", "A valid passport is available."),
        "not_met": (
            "Kein gültiger Pass. Ein Absehen von § 3 ist nur in den Fällen des Abs. 6 vorgesehen (Abs. 10 S. 5); "
            "sonst atypischer Fall oder Ausweisersatz (§ 48 Abs. 2 AufenthV) anwaltlich prüfen – oder § 60c wählen.",
            "No valid passport. § 3 may be waived only in the cases of para. 6 (para. 10 s. 5); otherwise have "
            "counsel check an atypical case or a substitute ID (§ 48 (2) AufenthV) – or choose § 60c.",
        ),
        "waivable": (
            "Kein gültiger Pass; im Fall des Abs. 6 kann davon abgesehen werden (Abs. 10 S. 5, Ermessen).",
            "No valid passport; in the case of para. 6 it may be waived (para. 10 s. 5, discretion).",
        ),
    },
)
def passport(p: Params) -> Req:
    ok, waivable = passport_parts()
    return Req(ok=ok, waivable=waivable)


general.entry_ban(NORM)
general.pending_proceedings(NORM)


@NORM.requirement(
    "titelsperre_10_3",
    "§ 10 Abs. 3 S. 2, 3 AufenthG",
    title=(
        "Keine Titelerteilungssperre nach qualifizierter o.u.-Ablehnung (außer bei strikten Anspruch)",
        "No title block after a qualified 'manifestly unfounded' rejection (unless a strict claim)",
    ),
    reads=("asylum", "identity", "training"),
    exclusion=True,
    evidence=("BAMF-Bescheid (Rechtsgrundlage der Ablehnung)",),
    explain={
        "met": (
            "Keine Sperre nach § 10 Abs. 3 S. 2, oder ein strikter Anspruch (S. 3): alle Regelvoraussetzungen "
            "sind erfüllt.",
            "No block under § 10 (3) s. 2, or a strict claim (s. 3): all regular requirements are met.",
        ),
        "not_met": (
            "Qualifizierte o.u.-Ablehnung und kein strikter Anspruch (Pass, Identität oder Lebensunterhalt nur im "
            "Ermessen) – vor der Ausreise kein Titel. Für Ablehnungen bis 27.02.2024 gilt § 104 Abs. 19.",
            "Qualified rejection and no strict claim (passport, identity or livelihood only by discretion) – no "
            "title before departure. For rejections up to 27.02.2024 see § 104 (19).",
        ),
    },
)
def titelsperre(p: Params) -> Req:
    id_ok, _, _ = tc.identity_expr(TN)
    live_ok, _ = livelihood_parts(p)
    strict = pl.col("passport_valid_now") & id_ok & live_ok
    qualified = pl.col("asylum_outcome") == "rejected_manifestly_unfounded_qualified"
    never = (pl.col("asylum_outcome") == "never_applied").fill_null(False)
    return Req(ok=pl.when(never).then(TRUE).otherwise(~qualified | strict))


def consequence(p: Params) -> pl.Expr:
    return (
        pl.when(
            (pl.col("aufenthg_16g__identity__status") == "waivable")
            | (pl.col("aufenthg_16g__passport__status") == "waivable")
        )
        .then(pl.lit("kann"))
        .otherwise(pl.lit("anspruch"))
    )


NORM.consequence_fn = consequence
tc.hints(NORM, TN)


@NORM.hint(
    "leaves_geduldet",
    "§ 16g AufenthG; §§ 25a, 25b AufenthG",
    "Mit der Aufenthaltserlaubnis nach § 16g ist die Person nicht mehr geduldet: §§ 25a, 25b und 60d sind während "
    "des Titels nicht erreichbar. Nebenbeschäftigung bis {hours} Stunden je Woche ist kraft Gesetzes erlaubt "
    "(Abs. 3a). Vor einem Wechsel bei schulischer Ausbildung prüfen, ob BAföG entfällt (§ 8 Abs. 2 BAföG nennt "
    "§ 16g nicht).",
    "With the § 16g permit the person is no longer geduldet: §§ 25a, 25b and 60d are out of reach while the "
    "permit lasts. A side job of up to {hours} hours a week is allowed by law (para. 3a). Before switching in a "
    "school-based training check whether BAföG would end (§ 8 (2) BAföG does not list § 16g).",
    values={"hours": lambda p: p.expr("aufenthg_16g.side_job_hours_per_week")},
)
def _hint_geduldet(p: Params) -> pl.Expr:
    return pl.col("aufenthg_16g__outcome").is_in(["eligible", "eligible_later"])


@NORM.hint(
    "bafoeg_waiting",
    "§ 8 Abs. 2a BAföG; § 60 Abs. 3 SGB III",
    "Schüler-BAföG bzw. Berufsausbildungsbeihilfe gibt es für Geduldete erst nach {months} Monaten "
    "ununterbrochenen Aufenthalts; bis dahin ist § 60c (ohne Lebensunterhaltsvoraussetzung) der Weg.",
    "School BAföG or vocational training assistance are available to Geduldete only after {months} months of "
    "uninterrupted stay; until then § 60c (no livelihood requirement) is the way.",
    values={"months": lambda p: p.expr("bafoeg_8.duldung_waiting_months")},
)
def _hint_bafoeg(p: Params) -> pl.Expr:
    return pl.col("aufenthg_16g__livelihood__status") == "not_met"


@NORM.deadline(
    "follow_on_16g_8",
    "next_step",
    "Nach erfolgreichem Abschluss: Aufenthaltserlaubnis nach § 16g Abs. 8 (2 Jahre, qualifikationsentsprechende "
    "Beschäftigung mit Zustimmung der Bundesagentur, § 19d Abs. 1 Nr. 2, 3, 6, 7) beantragen.",
    "After passing the final exam: apply for the § 16g (8) permit (2 years, qualification-matching job with BA "
    "consent, § 19d (1) no. 2, 3, 6, 7).",
)
def _deadline_8(p: Params) -> pl.Expr:
    return pl.when(pl.col("aufenthg_16g__outcome").is_in(["eligible", "eligible_later"])).then(pl.col("t_to"))
