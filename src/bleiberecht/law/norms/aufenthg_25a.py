"""§ 25a Abs. 1 AufenthG — Aufenthaltsgewährung bei gut integrierten Jugendlichen und jungen Volljährigen.

"soll … erteilt werden"; S. 3 "ist zu versagen" bei eigener Täuschung; Abs. 4 overrides § 10 Abs. 3 S. 2;
Abs. 5/6: § 104c holders (§ 60b periods count; identity "kann" after reasonable steps) until 30.06.2027.
Spec: residence-paths.md § 2.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import polars as pl

from ..calendar import earliest
from ..kleene import TRUE, k_or
from ..norm import Norm, Req, Text
from ..params import Params
from . import aufenthg_25b as b25
from . import general
from .common import chain_met, chain_ok, privileged_104c

NORM = Norm(
    key="aufenthg_25a",
    citation="§ 25a Abs. 1 AufenthG",
    title=Text(
        "Aufenthaltserlaubnis für gut integrierte Jugendliche und junge Volljährige",
        "Residence permit for well-integrated adolescents and young adults",
    ),
    consequence="soll",
    in_force_from=date(2015, 8, 1),
)


def _privileged(p: Params) -> pl.Expr:
    return privileged_104c(p.expr("aufenthg_104c.privileges_until")).fill_null(False)


def apply_by(p: Params) -> pl.Expr:
    """Nr. 3: application before completing the 27th year = at the latest the day before the 27th birthday."""
    return p.fulfilled_after(pl.col("birth_date"), "aufenthg_25a.age_limit") - pl.duration(days=1)


@NORM.requirement(
    "age",
    "§ 25a Abs. 1 S. 1 AufenthG",
    title=("Jugendliche(r) (ab 14) oder junge(r) Volljährige(r)", "Adolescent (from 14) or young adult"),
    reads=("birth_date",),
    evidence=("Geburtsurkunde", "Pass"),
    explain={
        "met": (
            "Mindestalter {min_age} erreicht am {met_from}.",
            "Minimum age {min_age} reached on {met_from}.",
        ),
        "later": (
            "Mindestalter {min_age} wird am {met_from} erreicht.",
            "Minimum age {min_age} is reached on {met_from}.",
        ),
    },
)
def age(p: Params) -> Req:
    reached = p.fulfilled_after(pl.col("birth_date"), "aufenthg_25a.min_age")
    return Req(
        ok=pl.when(pl.col("birth_date").is_not_null()).then(TRUE),
        met_from=reached,
        values={"min_age": p.expr("aufenthg_25a.min_age"), "met_from": reached},
    )


@NORM.requirement(
    "duldung_12_months",
    "§ 25a Abs. 1 S. 1 AufenthG",
    title=(
        "Seit mindestens 12 Monaten im Besitz einer Duldung oder Inhaber einer Aufenthaltserlaubnis nach § 104c",
        "Holding a Duldung for at least 12 months, or a § 104c permit",
    ),
    reads=("statuses",),
    evidence=("Duldungsbescheinigungen", "AZR-Auszug"),
    explain={
        "met": (
            "Duldung seit {start}; 12 Monate erfüllt am {met_from} (bzw. § 104c-Titel).",
            "Duldung since {start}; 12 months on {met_from} (or § 104c permit).",
        ),
        "later": (
            "Duldung seit {start}; 12 Monate werden am {met_from} erreicht.",
            "Duldung since {start}; 12 months are reached on {met_from}.",
        ),
        "not_met": (
            "Derzeit keine Duldung (ohne § 60b-Zeiten) und kein § 104c-Titel; aus dem Asylverfahren führt kein direkter Weg in § 25a.",
            "No current Duldung (§ 60b periods excluded) and no § 104c permit.",
        ),
    },
)
def duldung_12_months(p: Params) -> Req:
    met = p.fulfilled_after(pl.col("duldung_start"), "aufenthg_25a.duldung_months") + pl.duration(
        days=pl.col("duldung_excluded_days").fill_null(0)
    )
    holds = pl.col("holds_104c").fill_null(False)
    return Req(
        ok=k_or(pl.col("holds_104c"), chain_ok("duldung")),
        met_from=pl.when(holds).then(None).otherwise(met),
        values={"start": pl.col("duldung_start"), "met_from": met},
    )


@NORM.requirement(
    "stay",
    "§ 25a Abs. 1 S. 1 Nr. 1 AufenthG",
    title=(
        "Seit 3 Jahren ununterbrochen erlaubt, geduldet oder mit Aufenthaltsgestattung im Bundesgebiet",
        "3 years of uninterrupted permitted, tolerated or authorised stay",
    ),
    reads=("statuses",),
    evidence=("AZR-Auszug", "Duldungen/Gestattungen/Titel", "Meldebescheinigungen"),
    explain={
        "met": (
            "Voraufenthalt seit {start}; {years} Jahre erfüllt am {met_from}.",
            "Qualifying stay since {start}; {years} years on {met_from}.",
        ),
        "later": (
            "Voraufenthalt seit {start}; {years} Jahre werden am {met_from} erreicht.",
            "Qualifying stay since {start}; {years} years on {met_from}.",
        ),
        "not_met": ("Kein andauernder anrechenbarer Voraufenthalt.", "No ongoing qualifying stay."),
    },
)
def stay(p: Params) -> Req:
    years = p.expr("aufenthg_25a.stay_years")
    priv = _privileged(p)  # § 25a Abs. 5: § 60b periods count for § 104c holders
    met = (
        pl.when(priv)
        .then(chain_met(p, "stay_priv", "aufenthg_25a.stay_years"))
        .otherwise(chain_met(p, "stay", "aufenthg_25a.stay_years"))
    )
    start = pl.when(priv).then(pl.col("stay_priv_start")).otherwise(pl.col("stay_start"))
    return Req(
        ok=pl.when(priv).then(chain_ok("stay_priv")).otherwise(chain_ok("stay")),
        met_from=met,
        values={"start": start, "years": years, "met_from": met},
    )


@NORM.requirement(
    "school",
    "§ 25a Abs. 1 S. 1 Nr. 2 AufenthG",
    title=(
        "In der Regel 3 Jahre erfolgreicher Schulbesuch oder anerkannter Schul-/Berufsabschluss",
        "As a rule 3 years of successful schooling, or a recognised school/vocational qualification",
    ),
    reads=("schooling", "qualifications"),
    evidence=("Schulzeugnisse", "Schulbescheinigungen", "Abschlusszeugnis"),
    explain={
        "met": (
            "Schulbesuch bzw. Abschluss nachgewiesen (erfüllt ab {met_from}).",
            "Schooling or qualification proven (from {met_from}).",
        ),
        "later": (
            "Bei fortgesetztem Schulbesuch erfüllt am {met_from}.",
            "Met on {met_from} if school attendance continues.",
        ),
        "not_met": (
            "Weniger als {years} Jahre erfolgreicher Schulbesuch und kein anerkannter Abschluss ("
            "'in der Regel': Ausnahmen möglich).",
            "Less than {years} years of successful schooling and no recognised qualification (exceptions possible).",
        ),
        "unknown": (
            "Offen: Schulbesuch ohne Angabe, ob erfolgreich, oder Abschlüsse nicht erfasst (bzw. Krankheit/Behinderung "
            "nach Nr. 2 S. 2 ungeklärt).",
            "Open: school attendance without a record of success, or qualifications not recorded (or the illness "
            "waiver of no. 2 s. 2 is undetermined).",
        ),
        "waived": (
            "Entfällt wegen Krankheit oder Behinderung (§ 25a Abs. 1 S. 1 Nr. 2 S. 2).",
            "Waived for illness or disability.",
        ),
    },
)
def school(p: Params) -> Req:
    """Nr. 2: "in der Regel seit drei Jahren erfolgreich eine Schule besucht" or a recognised qualification.

    The years are reached on the day after the successful attendance days add up to three years counted from
    the first school day (also when the attendance has ended since); while attending, a later date is projected.
    Attendance whose success is not recorded never proves the requirement; it leaves it open.
    """
    years = p.expr("aufenthg_25a.school_years")
    first = pl.col("school_first_from")
    needed = (p.fulfilled_after(first, "aufenthg_25a.school_years") - first).dt.total_days()
    done = pl.col("school_days_successful").fill_null(0)
    reached_on = pl.col("school_reached_on")
    ongoing_needed = p.expr("aufenthg_25a.school_must_be_ongoing")
    by_school = reached_on.is_not_null() & (~ongoing_needed | pl.col("school_now").fill_null(False))
    attending_ok = pl.col("school_now").fill_null(False) & ~pl.col("school_now_success_unknown").fill_null(
        False
    )
    attending_ok = attending_ok & ~pl.col("school_unsuccessful").fill_null(False)
    future_school = attending_ok & reached_on.is_null()
    school_date = (
        pl.when(by_school)
        .then(reached_on)
        .when(future_school)
        .then(pl.col("as_of") + pl.duration(days=needed - done + 1))
    )
    qual = pl.col("qual_recognised_from")
    could_be_reached = pl.col("school_reached_on_if_successful").is_not_null() | pl.col(
        "school_now_success_unknown"
    ).fill_null(False)
    ok = (
        pl.when(qual.is_not_null() | by_school.fill_null(False) | future_school)
        .then(TRUE)
        .when(~pl.col("known__schooling") | ~pl.col("known__qualifications"))
        .then(None)
        .when(could_be_reached | pl.col("qual_unclear").fill_null(False))
        .then(None)
        .otherwise(False)
    )
    met_from = pl.when(qual.is_not_null()).then(earliest(qual, school_date)).otherwise(school_date)
    return Req(
        ok=ok,
        met_from=met_from,
        waived=pl.col("health_prevents_work_or_language"),
        values={"years": years, "met_from": met_from},
    )


@NORM.requirement(
    "application_age",
    "§ 25a Abs. 1 S. 1 Nr. 3 AufenthG",
    title=(
        "Antrag vor Vollendung des 27. Lebensjahres",
        "Application before completing the 27th year of life",
    ),
    reads=("birth_date", "applications"),
    actionable=True,
    evidence=("Antrag mit Eingangsstempel",),
    explain={
        "met": (
            "Antrag gestellt am {filed_on} bzw. noch möglich bis {apply_by}.",
            "Application filed on {filed_on} or still possible until {apply_by}.",
        ),
        "not_met": (
            "Altersgrenze überschritten: Antrag war nur bis {apply_by} möglich (§ 25b, § 25 Abs. 5 prüfen).",
            "Age limit passed: the application was possible only until {apply_by}.",
        ),
    },
)
def application_age(p: Params) -> Req:
    last = apply_by(p)
    filed = pl.col("applied__aufenthg_25a")
    ok = pl.when(filed.is_not_null()).then(filed <= last).otherwise(pl.col("as_of") <= last)
    return Req(
        ok=ok,
        apply_by=last,
        filed_on=filed,
        values={"apply_by": last, "filed_on": filed},
    )


@NORM.requirement(
    "integration_prognosis",
    "§ 25a Abs. 1 S. 1 Nr. 4 AufenthG",
    title=("Positive Integrationsprognose", "Positive integration prognosis"),
    reads=("integration_prognosis", "convictions"),
    evidence=("Schulberichte", "Ausbildungsvertrag", "Arbeitgeberschreiben", "Unterstützungsschreiben"),
    explain={
        "met": (
            "Prognose positiv (dokumentiert oder abgeleitet aus Schule/Ausbildung/Arbeit ohne Straftaten; Gesamtwürdigung der Behörde).",
            "Positive prognosis (documented, or derived from school/training/work without offences; overall assessment by the authority).",
        ),
        "not_met": (
            "Integrationsprognose negativ dokumentiert.",
            "Negative integration prognosis documented.",
        ),
        "unknown": (
            "Gesamtwürdigung nötig (Verurteilungen oder fehlende Angaben).",
            "Overall assessment needed.",
        ),
    },
)
def integration_prognosis(p: Params) -> Req:
    active = (
        pl.col("school_now").fill_null(False)
        | pl.col("training_now").fill_null(False)
        | pl.col("work_now").fill_null(False)
        | pl.col("qual_recognised_from").is_not_null()
        | (pl.col("school_days_successful").fill_null(0) > 0)
    )
    clean = pl.col("known__convictions") & (pl.col("conv_count").fill_null(0) == 0)
    derived = pl.when(active & clean).then(TRUE)
    given = pl.when(pl.col("integration_prognosis").is_not_null()).then(
        pl.col("integration_prognosis") == "positive"
    )
    return Req(ok=pl.coalesce(given, derived))


@NORM.requirement(
    "fdgo",
    "§ 25a Abs. 1 S. 1 Nr. 5 AufenthG",
    title=(
        "Keine konkreten Anhaltspunkte gegen die freiheitliche demokratische Grundordnung",
        "No concrete indications against the free democratic basic order",
    ),
    reads=("fdgo_concerns",),
    exclusion=True,
    explain={
        "met": (
            "Keine Anhaltspunkte erfasst (Darlegungslast der Behörde).",
            "No indications recorded (burden on the authority).",
        )
    },
)
def fdgo(p: Params) -> Req:
    return Req(ok=~pl.col("fdgo_concerns").fill_null(False))


@NORM.requirement(
    "livelihood",
    "§ 25a Abs. 1 S. 2, § 5 Abs. 1 Nr. 1 AufenthG",
    title=(
        "Lebensunterhalt gesichert (Sozialleistungen während Schule, Ausbildung, Studium unschädlich)",
        "Livelihood secured (benefits harmless during school, training or studies)",
    ),
    reads=("employment", "households", "schooling", "training"),
    actionable=True,
    evidence=("Schul-/Ausbildungsbescheinigung", "Lohnabrechnungen", "Leistungsbescheide"),
    explain={
        "met": (
            "In Schule/Ausbildung oder Lebensunterhalt gesichert.",
            "In school/training, or livelihood secured.",
        ),
        "waivable": (
            "Lebensunterhalt nicht gesichert; Absehen nach § 5 Abs. 3 S. 2 möglich.",
            "Livelihood not secured; may be waived under § 5 Abs. 3 S. 2.",
        ),
    },
)
def livelihood(p: Params) -> Req:
    learning = (pl.col("school_now") | pl.col("training_now")).fill_null(False)
    secured = pl.col("hh_earned") >= pl.col("hh_need")
    secured = (
        pl.when(pl.col("hh_earned_unknown").fill_null(True) & ~secured.fill_null(False))
        .then(None)
        .otherwise(secured)
    )
    benefits_none = pl.col("hh_benefits") == 0
    return Req(ok=k_or(learning, secured, benefits_none), waivable=TRUE)


@NORM.requirement(
    "deception",
    "§ 25a Abs. 1 S. 3 AufenthG",
    title=(
        "Abschiebung nicht wegen eigener falscher Angaben oder Täuschung über Identität/Staatsangehörigkeit ausgesetzt",
        "Deportation not suspended because of own false statements or deception",
    ),
    reads=("identity_conduct",),
    actionable=True,
    exclusion=True,
    evidence=("Ausländerakte (Duldungsgrund)",),
    explain={
        "met": (
            "Keine gegenwärtige eigene Täuschung (Täuschung der Eltern wird nicht zugerechnet).",
            "No present own deception (parents' deception is not attributed).",
        ),
        "not_met": (
            "Eigene Täuschung ist gegenwärtig Ursache der Duldung: zwingende Versagung, bis sie korrigiert ist.",
            "Own deception is the present cause of the Duldung: mandatory refusal until corrected.",
        ),
    },
)
def deception(p: Params) -> Req:
    return Req(ok=~pl.col("deception_now"))


NORM.adopt(b25.NORM, "identity")
NORM.requirements[-1] = replace(
    NORM.requirements[-1], citation="§ 5 Abs. 1 Nr. 1a AufenthG; § 25a Abs. 6 AufenthG"
)
general.ausweisungsinteresse(NORM)
general.humanitarian_gates(NORM, override_10_3="§ 25a Abs. 4 AufenthG", include_identity=False)
NORM.consequence_fn = b25.consequence


@NORM.deadline(
    "age_alert",
    "alert",
    "In sechs Monaten endet die Antragsmöglichkeit nach § 25a (27. Geburtstag): jetzt Antrag vorbereiten.",
    "In six months the § 25a application window closes (27th birthday): prepare the application now.",
)
def _age_alert(p: Params) -> pl.Expr:
    last = apply_by(p)
    alert = p.fulfilled_after(last, "aufenthg_25a.alert_months_before_age_limit", before=True)
    return pl.when(pl.col("applied__aufenthg_25a").is_null()).then(alert)


@NORM.hint(
    "twelve_month_trap",
    "§ 25a Abs. 1 S. 1 AufenthG; § 60c AufenthG",
    "Die 12 Monate Duldungsbesitz sind noch nicht erreicht: bis dahin andere Wege sichern (z. B. "
    "Ausbildungsduldung § 60c).",
    "The 12 months of Duldung are not yet reached: secure other routes meanwhile (e.g. § 60c).",
)
def _hint_trap(p: Params) -> pl.Expr:
    return pl.col("aufenthg_25a__duldung_12_months__met_from") > pl.col("as_of")


@NORM.hint(
    "school_rule",
    '§ 25a Abs. 1 S. 1 Nr. 2 AufenthG ("in der Regel")',
    "Drei Jahre Schulbesuch sind ein Regelfall: kürzerer Schulbesuch mit Berufsabschluss oder sehr guter "
    "Integration kann genügen.",
    "Three years of school are the rule: shorter schooling with a vocational qualification or very good "
    "integration can suffice.",
)
def _hint_school(p: Params) -> pl.Expr:
    return pl.col("aufenthg_25a__school__status") == "not_met"
