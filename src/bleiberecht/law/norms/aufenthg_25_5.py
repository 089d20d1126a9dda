"""§ 25 Abs. 5 AufenthG — Aufenthaltserlaubnis bei Unmöglichkeit der Ausreise.

S. 1 "kann"; S. 2 "soll", wenn die Abschiebung seit 18 Monaten ausgesetzt ist; S. 3/4: only if the person
is not at fault. No override of § 10 Abs. 3 S. 2 (spec § 5.1 D8). Spec: residence-paths.md § 5.1.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from ..kleene import TRUE, k_or
from ..norm import Norm, Req, Text
from ..params import Params
from . import general

NORM = Norm(
    key="aufenthg_25_5",
    citation="§ 25 Abs. 5 AufenthG",
    title=Text(
        "Aufenthaltserlaubnis bei Unmöglichkeit der Ausreise",
        "Residence permit where departure is impossible",
    ),
    consequence="soll",
    in_force_from=date(2005, 1, 1),
)


def suspended_18_from(p: Params) -> pl.Expr:
    return p.fulfilled_after(pl.col("duldung_start"), "aufenthg_25_5.soll_months") + pl.duration(
        days=pl.col("duldung_excluded_days").fill_null(0)
    )


@NORM.requirement(
    "ausreisepflichtig",
    "§ 25 Abs. 5 S. 1 AufenthG",
    title=("Vollziehbar ausreisepflichtig", "Enforceably obliged to leave"),
    reads=("statuses",),
    evidence=("Bescheid mit Abschiebungsandrohung", "Duldung"),
    explain={
        "not_met": (
            "Die Person ist nicht vollziehbar ausreisepflichtig (z. B. Gestattung oder Titel).",
            "The person is not obliged to leave (e.g. Gestattung or a title).",
        )
    },
)
def ausreisepflichtig(p: Params) -> Req:
    obliged = pl.col("cur_type").is_in(["duldung", "unlawful"]).fill_null(False)
    return Req(ok=pl.when(pl.col("known__statuses")).then(obliged))


@NORM.requirement(
    "departure_impossible",
    "§ 25 Abs. 5 S. 1 AufenthG",
    title=(
        "Ausreise aus rechtlichen oder tatsächlichen Gründen unmöglich",
        "Departure impossible for legal or factual reasons",
    ),
    reads=("departure_obstacle", "identity"),
    evidence=(
        "Botschaftsbestätigungen",
        "ärztliches Attest (Reiseunfähigkeit)",
        "Nachweise familiärer Bindungen",
    ),
    explain={
        "met": ("Ausreisehindernis: {reason}.", "Obstacle to departure: {reason}."),
        "not_met": ("Die freiwillige Ausreise ist möglich.", "Voluntary departure is possible."),
    },
)
def departure_impossible(p: Params) -> Req:
    passless = pl.when(pl.col("passport_obtainable") == "impossible").then(TRUE)
    return Req(
        ok=pl.coalesce(pl.col("departure_obstacle_exists"), passless),
        met_from=pl.col("departure_obstacle_since"),
        values={"reason": pl.col("departure_obstacle_reason")},
    )


@NORM.requirement(
    "lasting",
    "§ 25 Abs. 5 S. 1 AufenthG",
    title=(
        "Mit dem Wegfall der Ausreisehindernisse ist in absehbarer Zeit nicht zu rechnen",
        "Obstacles not expected to cease in the foreseeable future",
    ),
    reads=("departure_obstacle",),
    evidence=("Prognose der Behörde", "Lageberichte"),
)
def lasting(p: Params) -> Req:
    return Req(ok=pl.col("departure_obstacle_lasting"))


@NORM.requirement(
    "no_fault",
    "§ 25 Abs. 5 S. 3, 4 AufenthG",
    title=("Unverschuldet an der Ausreise gehindert", "Prevented from leaving through no fault of own"),
    reads=("identity_conduct",),
    actionable=True,
    evidence=(
        "Nachweise der Mitwirkung (Botschaftstermine, Anträge, Gebühren)",
        "Hinweisschreiben der Behörde",
    ),
    explain={
        "met": ("Kein gegenwärtiges Verschulden.", "No present fault."),
        "not_met": (
            "Verschulden: Täuschung oder Verweigerung zumutbarer Mitwirkung nach Hinweis der Behörde.",
            "Fault: deception or refusal of reasonable cooperation after the authority's instruction.",
        ),
        "unknown": (
            "Fehlende Mitwirkung erfasst, aber kein konkreter Hinweis der Behörde (Hinweispflicht, VGH BW 13 S 2483/07) – klären.",
            "Lack of cooperation recorded but no concrete instruction by the authority – clarify.",
        ),
    },
)
def no_fault(p: Params) -> Req:
    deceives = pl.col("deception") == "current"
    refuses = pl.col("obstruction") == "current"
    # a written instruction on file: its date, or the recorded fact that it was given (identity.instructed)
    instructed = pl.col("instructed_on").is_not_null() | (pl.col("instruction_given") == True)  # noqa: E712
    fault = (
        pl.when(deceives.fill_null(False) | (refuses & instructed).fill_null(False))
        .then(TRUE)
        .when(refuses.fill_null(False) & ~instructed)
        .then(None)
        .otherwise(k_or(deceives, refuses))
    )
    return Req(ok=~fault)


@NORM.requirement(
    "suspended_18_months",
    "§ 25 Abs. 5 S. 2 AufenthG",
    title=('Abschiebung seit 18 Monaten ausgesetzt ("soll")', "Deportation suspended for 18 months ('soll')"),
    reads=("statuses",),
    evidence=("Duldungen der letzten 18 Monate",),
    explain={
        "met": (
            "Seit {start} geduldet: 18 Monate am {met_from} erreicht – Soll-Anspruch.",
            "Tolerated since {start}: 18 months on {met_from} – 'soll'.",
        ),
        "waivable": (
            '18 Monate Aussetzung noch nicht erreicht (am {met_from}): bis dahin Ermessen ("kann").',
            "18 months not yet reached ({met_from}): until then discretion ('kann').",
        ),
    },
)
def suspended_18_months(p: Params) -> Req:
    reached = suspended_18_from(p)
    # Not a condition of the title: short of 18 months S. 1 ("kann") applies, so it is waivable by design.
    return Req(
        ok=pl.when(pl.col("known__statuses")).then((reached <= pl.col("as_of")).fill_null(False)),
        met_from=reached,
        waivable=TRUE,
        values={"start": pl.col("duldung_start"), "met_from": reached},
    )


general.humanitarian_gates(NORM, override_10_3=None)


def consequence(p: Params) -> pl.Expr:
    """S. 2: "soll" once deportation has been suspended for 18 months, before that S. 1 "kann"."""
    return (
        pl.when((suspended_18_from(p) <= pl.col("as_of")).fill_null(False))
        .then(pl.lit("soll"))
        .otherwise(pl.lit("kann"))
    )


NORM.consequence_fn = consequence


@NORM.deadline(
    "soll_18_months",
    "alert",
    '18 Monate Aussetzung der Abschiebung erreicht: ab jetzt "soll" (§ 25 Abs. 5 S. 2).',
    "18 months of suspended deportation reached: 'soll' from now on (§ 25 (5) s. 2).",
)
def _deadline_18(p: Params) -> pl.Expr:
    return suspended_18_from(p)


@NORM.hint(
    "haertefall",
    "§ 23a AufenthG",
    "Letzter Ausweg, wenn kein Weg offen ist: Eingabe an die Härtefallkommission des Landes (in Sachsen nach "
    "SächsHFKVO); Eingabe vor Abschiebungsterminen.",
    "Last resort if no path is open: petition to the Land's hardship commission (§ 23a).",
)
def _hint_23a(p: Params) -> pl.Expr:
    outs = [pl.col(f"{k}__outcome") for k in ("aufenthg_25a", "aufenthg_25b", "aufenthg_25_5")]
    return pl.all_horizontal([(o == "not_eligible").fill_null(True) for o in outs])
