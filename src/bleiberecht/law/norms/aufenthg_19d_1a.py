"""§ 19d Abs. 1a AufenthG — Aufenthaltserlaubnis nach erfolgreichem Abschluss der Ausbildung mit Ausbildungsduldung.

"Wurde die Duldung nach § 60a Absatz 2 Satz 3 in Verbindung mit § 60c erteilt, ist dem Ausländer nach erfolgreichem
Abschluss dieser Berufsausbildung für eine der erworbenen beruflichen Qualifikation entsprechende Beschäftigung eine
Aufenthaltserlaubnis für die Dauer von zwei Jahren zu erteilen, wenn die Voraussetzungen des Absatzes 1 Nummer 2 bis
3 und 6 bis 7 vorliegen" → Anspruch (so § 10 Abs. 3 S. 3 applies: no title block). Which numbers of Abs. 1 apply is
the dated list ``aufenthg_19d_1a.required_19d_abs1_numbers``. Spec: training-employment-paths.md § 5.3.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import polars as pl

from ..bans import param_is_in
from ..norm import Norm, Req, ReqFn, Text
from ..params import Params
from . import aufenthg_19d as d19
from . import general
from .work_common import hint_mixed_fines

NORM = Norm(
    key="aufenthg_19d_1a",
    citation="§ 19d Abs. 1a AufenthG",
    title=Text(
        "Aufenthaltserlaubnis nach Ausbildung mit Ausbildungsduldung",
        "Residence permit after a training with an Ausbildungsduldung",
    ),
    consequence="anspruch",
    in_force_from=date(2020, 3, 1),
)


@NORM.requirement(
    "had_60c",
    "§ 19d Abs. 1a AufenthG",
    title=("Ausbildungsduldung (§ 60c) wurde erteilt", "An Ausbildungsduldung (§ 60c) was granted"),
    reads=("statuses",),
    evidence=("Ausbildungsduldung (Duldungsbescheinigung)",),
    explain={
        "met": ("Ausbildungsduldung seit {start}.", "Ausbildungsduldung since {start}."),
        "not_met": (
            "Nie eine Ausbildungsduldung erhalten: Abs. 1a ist nicht anwendbar (§ 19d Abs. 1 prüfen).",
            "Never held an Ausbildungsduldung: para. 1a does not apply (check § 19d (1)).",
        ),
    },
)
def had_60c(p: Params) -> Req:
    return Req(ok=pl.col("had_60c"), values={"start": pl.col("had_60c_from")})


@NORM.requirement(
    "completed",
    "§ 19d Abs. 1a AufenthG",
    title=("Ausbildung erfolgreich abgeschlossen", "Training completed successfully"),
    reads=("training",),
    actionable=True,
    evidence=("Abschlusszeugnis", "Gesellenbrief/Prüfungszeugnis"),
    explain={
        "met": ("Abschlussprüfung bestanden am {met_from}.", "Final exam passed on {met_from}."),
        "not_met": (
            "Kein erfolgreicher Abschluss der Ausbildung erfasst, für die die Ausbildungsduldung erteilt wurde.",
            "No successful completion of the training for which the Ausbildungsduldung was granted.",
        ),
    },
)
def completed(p: Params) -> Req:
    return Req(ok=pl.col("exam_passed"), met_from=pl.col("exam_on"), values={"met_from": pl.col("exam_on")})


NUMBERS = {
    2: "housing",
    3: "german_b1",
    4: "no_deception",
    5: "no_obstruction",
    6: "no_extremism",
    7: "convictions",
}
_BASE = {r.key: r for r in d19.NORM.requirements}


def _wrapped(fn: ReqFn, number: int) -> ReqFn:
    def wrapped(p: Params) -> Req:
        listed = param_is_in(p, "aufenthg_19d_1a.required_19d_abs1_numbers", pl.lit(number), pl.col("as_of"))
        return replace(fn(p), applies=listed)

    return wrapped


for _number, _key in NUMBERS.items():
    _req = _BASE[_key]
    NORM.requirement(
        _key,
        f"§ 19d Abs. 1a i.V.m. Abs. 1 Nr. {_number} AufenthG",
        title=(_req.title.de, _req.title.en),
        reads=_req.reads,
        actionable=_req.actionable,
        evidence=_req.evidence,
        explain={
            **{k: (v.de, v.en) for k, v in _req.explain.items()},
            "not_applicable": (
                "Für Abs. 1a nicht erforderlich.",
                "Not required for para. 1a.",
            ),
        },
        exclusion=_req.exclusion,
    )(_wrapped(_req.fn, _number))

NORM.adopt(d19.NORM, "job_ba_consent", "livelihood", "passport", citation_prefix="§ 19d Abs. 1a i.V.m. ")
general.entry_ban(NORM)
general.pending_proceedings(NORM)
hint_mixed_fines(NORM, "convictions")


@NORM.hint(
    "no_title_block",
    "§ 10 Abs. 3 S. 3 AufenthG; § 19d Abs. 3 AufenthG",
    "Abs. 1a ist ein Anspruch: § 10 Abs. 3 S. 2 (qualifizierte o.u.-Ablehnung) steht nicht entgegen (S. 3); von "
    "§ 5 Abs. 2 und § 10 Abs. 3 S. 1 kann abgesehen werden (Abs. 3).",
    "Para. 1a is a claim: § 10 (3) s. 2 (qualified rejection) does not bar it (s. 3); § 5 (2) and § 10 (3) s. 1 "
    "may be waived (para. 3).",
)
def _hint_block(p: Params) -> pl.Expr:
    return (pl.col("asylum_outcome") == "rejected_manifestly_unfounded_qualified").fill_null(False)


@NORM.hint(
    "duration",
    "§ 19d Abs. 1a, 1b, 2 AufenthG",
    "Die Aufenthaltserlaubnis gilt {years} Jahre; Widerruf, wenn das Arbeitsverhältnis aus Gründen in der Person "
    "endet (Abs. 1b). Nach 2 Jahren qualifikationsentsprechender Beschäftigung jede Beschäftigung (Abs. 2).",
    "The permit is valid for {years} years; revocation if the employment ends for reasons in the person (para. "
    "1b). After 2 years of qualification-matching employment any employment (para. 2).",
    values={"years": lambda p: p.expr("aufenthg_19d_1a.permit_years")},
)
def _hint_duration(p: Params) -> pl.Expr:
    return pl.col("aufenthg_19d_1a__outcome").is_in(["eligible", "eligible_later"])


@NORM.deadline(
    "job_search",
    "alert",
    "Ohne qualifikationsentsprechenden Arbeitsplatz: die Duldung wird nach dem Abschluss einmalig um 6 Monate zur "
    "Arbeitsplatzsuche verlängert (§ 60c Abs. 6 S. 2) – bis dahin einen Arbeitsplatz finden.",
    "Without a qualification-matching job: the Duldung is extended once by 6 months after the exam to look for "
    "work (§ 60c (6) s. 2) – find a job by then.",
)
def _deadline_search(p: Params) -> pl.Expr:
    return pl.when(pl.col("had_60c").fill_null(False) & (pl.col("job19_ok") != True).fill_null(True)).then(  # noqa: E712
        p.fulfilled_after(pl.col("exam_on"), "aufenthg_60c.post_exam_job_search_months")
    )
