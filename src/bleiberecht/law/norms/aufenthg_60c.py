"""§ 60c AufenthG — Ausbildungsduldung (in force 01.01.2020; not repealed, coexists with § 16g).

Abs. 1 S. 1: "Eine Duldung im Sinne von § 60a Absatz 2 Satz 3 ist zu erteilen" → Anspruch; Abs. 1 S. 3: the
employment permission "ist zu erteilen" (no BA consent, § 32 Abs. 2 Nr. 2 BeschV). Abs. 7: discretion ("kann")
despite a missed identity deadline. No livelihood, passport or § 11 requirement (it is a Duldung).
Spec: training-employment-paths.md § 3; design: docs/drafts/issue3-norms.md § 1.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from ..norm import Norm, Text
from ..params import Params
from . import training_common as tc

NORM = Norm(
    key="aufenthg_60c",
    citation="§ 60c AufenthG",
    title=Text("Ausbildungsduldung", "Duldung for vocational training (Ausbildungsduldung)"),
    consequence="anspruch",
    in_force_from=date(2020, 1, 1),
)

TN = tc.TrainingNorm(
    section="§ 60c",
    params="aufenthg_60c",
    deadline="60c",
    discretion="§ 60c Abs. 7",
    application="app__aufenthg_60c",
)
tc.register(NORM, TN)


def consequence(p: Params) -> pl.Expr:
    return tc.consequence(NORM.key)


NORM.consequence_fn = consequence
tc.hints(NORM, TN)


@NORM.hint(
    "compare_16g",
    "§ 16g AufenthG; training-employment-paths.md § 4.6",
    "Alternative § 16g (Aufenthaltserlaubnis statt Duldung): verlangt gesicherten Lebensunterhalt (§ 12 BAföG) "
    "und Pass, beendet aber das 'geduldet'-Sein – §§ 25a, 25b sind dann während der Ausbildung versperrt. Die "
    "Ausbildungsduldung hält § 25a/§ 25b offen.",
    "Alternative § 16g (residence permit instead of a Duldung): needs a secured livelihood (§ 12 BAföG) and a "
    "passport, but ends the 'geduldet' status – §§ 25a, 25b are then closed during the training. The "
    "Ausbildungsduldung keeps § 25a/§ 25b open.",
)
def _hint_16g(p: Params) -> pl.Expr:
    return pl.col("aufenthg_60c__outcome").is_in(["eligible", "eligible_later"])


@NORM.hint(
    "employment_permission",
    "§ 60c Abs. 1 S. 3 AufenthG; § 32 Abs. 2 Nr. 2 BeschV",
    "Mit der Ausbildungsduldung ist die Beschäftigungserlaubnis für die Ausbildung zu erteilen (keine "
    "Zustimmung der Bundesagentur nötig). Nach Abbruch: einmalig 6 Monate Duldung zur Suche eines neuen "
    "Ausbildungsplatzes (Abs. 6 S. 1).",
    "With the Ausbildungsduldung the employment permission for the training must be granted (no BA consent "
    "needed). After an abort: once a 6-month Duldung to find a new training place (para. 6 s. 1).",
)
def _hint_permission(p: Params) -> pl.Expr:
    return pl.col("aufenthg_60c__outcome").is_in(["eligible", "eligible_later"])


@NORM.deadline(
    "follow_on_19d_1a",
    "next_step",
    "Nach erfolgreichem Abschluss der Ausbildung: Aufenthaltserlaubnis nach § 19d Abs. 1a (Anspruch, 2 Jahre) mit "
    "qualifikationsentsprechendem Arbeitsplatz beantragen; ohne Übernahme 6 Monate Duldung zur Arbeitsplatzsuche "
    "(§ 60c Abs. 6 S. 2).",
    "After passing the final exam: apply for the § 19d (1a) residence permit (claim, 2 years) with a "
    "qualification-matching job; without a job offer a 6-month Duldung to look for work (§ 60c (6) s. 2).",
)
def _deadline_19d(p: Params) -> pl.Expr:
    open_ = pl.col("aufenthg_60c__outcome").is_in(["eligible", "eligible_later"]) | (
        pl.col("cur_basis") == "60c"
    ).fill_null(False)
    return pl.when(open_).then(pl.col("t_to"))
