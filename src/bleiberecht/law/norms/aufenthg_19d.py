"""§ 19d Abs. 1 AufenthG — Aufenthaltserlaubnis für qualifizierte Geduldete zum Zweck der Beschäftigung.

"soll … erteilt werden" → Regelanspruch. As an Abschnitt-4 title it needs a qualification-matching job with BA
consent (§ 18 Abs. 2 Nr. 1, 2, § 39) and the general requirements of § 5 Abs. 1 (§ 5 Abs. 3 does not apply); § 5
Abs. 2 and § 10 Abs. 3 S. 1 may be waived ("kann", Abs. 3), § 10 Abs. 3 S. 2 may not (a Soll-norm is no
"Anspruch" in the sense of S. 3: BVerwG 1 C 37.07; 1 C 31.14). Spec: training-employment-paths.md § 5.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from ..calendar import earliest, latest
from ..kleene import TRUE
from ..norm import Norm, Req, Text
from ..params import Params
from . import general
from .work_common import chain_req, german_by_param, hint_mixed_fines, no_public_funds_19d

NORM = Norm(
    key="aufenthg_19d",
    citation="§ 19d Abs. 1 AufenthG",
    title=Text(
        "Aufenthaltserlaubnis für qualifizierte Geduldete zum Zweck der Beschäftigung",
        "Residence permit for qualified tolerated persons for employment",
    ),
    consequence="soll",
    in_force_from=date(2020, 3, 1),
)

ABSCHNITT_5 = ("25_5", "25_4", "25a", "25b", "23a", "104c")


@NORM.requirement(
    "geduldet",
    "§ 19d Abs. 1 S. 1, Abs. 4 AufenthG",
    title=(
        "Geduldet (oder Inhaber einer nach § 10 Abs. 3 S. 1 erteilten Aufenthaltserlaubnis nach Abschnitt 5)",
        "Tolerated (or holder of an Abschnitt-5 permit granted under § 10 (3) s. 1)",
    ),
    reads=("statuses", "asylum"),
    evidence=("Duldungsbescheinigung",),
    explain={
        "met": ("Die Person ist geduldet (bzw. Abs. 4).", "The person is tolerated (or para. 4)."),
        "not_met": ("Die Person ist derzeit nicht geduldet.", "The person is currently not tolerated."),
    },
)
def geduldet(p: Params) -> Req:
    after_asylum = pl.col("asylum_rejected") | (pl.col("asylum_outcome") == "withdrawn")
    holds = (pl.col("cur_type") == "aufenthaltserlaubnis") & pl.col("cur_basis").is_in(ABSCHNITT_5)
    abs4 = pl.when(pl.col("known__statuses")).then(holds.fill_null(False)) & after_asylum
    return Req(ok=pl.col("geduldet_now") | abs4)


def qualification_parts(p: Params) -> tuple[pl.Expr, pl.Expr]:
    """§ 19d Abs. 1 Nr. 1 lit. a–c: (ok, met_from) – any alternative suffices."""
    a_ok, a_from = pl.col("q19a_ok"), pl.col("q19a_from")
    b_chain, b_met = chain_req(p, "q19b", "known__employment", "aufenthg_19d.foreign_degree_employment_years")
    b_ok = pl.col("q19b_degree") & b_chain
    b_from = latest(pl.col("q19b_degree_from"), b_met)
    c_chain, c_met = chain_req(p, "q19c", "known__employment", "aufenthg_19d.qualified_employment_years")
    npf_ok, npf_from = no_public_funds_19d(p)
    c_ok = c_chain & npf_ok
    c_from = latest(c_met, npf_from)
    ok = a_ok | b_ok | c_ok
    met_from = earliest(
        pl.when(a_ok.fill_null(False)).then(a_from),
        pl.when(b_ok.fill_null(False)).then(b_from),
        pl.when(c_ok.fill_null(False)).then(c_from),
    )
    return ok, met_from


@NORM.requirement(
    "qualification",
    "§ 19d Abs. 1 Nr. 1 lit. a–c AufenthG",
    title=(
        "Deutscher Berufs-/Hochschulabschluss, anerkannter ausländischer Hochschulabschluss mit 2 Jahren "
        "angemessener Beschäftigung oder 3 Jahre qualifizierte Beschäftigung ohne Sozialleistungen im letzten Jahr",
        "German vocational/university qualification, recognised foreign degree with 2 years of appropriate "
        "employment, or 3 years of qualified employment without benefits in the last year",
    ),
    reads=("qualifications", "training", "employment", "public_benefits"),
    actionable=True,
    evidence=(
        "Abschlusszeugnis/Gesellenbrief",
        "Anerkennungsbescheid/anabin-Auszug",
        "Arbeitsverträge, Lohnabrechnungen, Arbeitszeugnis",
        "Negativbescheinigung Jobcenter/Sozialamt (letzte 12 Monate)",
    ),
    explain={
        "met": ("Erfüllt seit {met_from}.", "Met since {met_from}."),
        "later": ("Erfüllt am {met_from} (Beschäftigungszeit).", "Met on {met_from} (period of employment)."),
        "not_met": (
            "Keine der drei Alternativen: kein im Inland erworbener Abschluss, kein anerkannter Hochschulabschluss "
            "mit 2 Jahren angemessener Beschäftigung, keine 3 Jahre qualifizierte Beschäftigung (ohne "
            "Sozialleistungen außer Unterkunftskosten im letzten Jahr).",
            "None of the three alternatives: no qualification obtained in Germany, no recognised degree with 2 years "
            "of appropriate employment, no 3 years of qualified employment (without benefits other than housing "
            "costs in the last year).",
        ),
    },
)
def qualification(p: Params) -> Req:
    ok, met = qualification_parts(p)
    return Req(ok=ok, met_from=met, values={"met_from": met})


def housing_req(p: Params) -> Req:
    return Req(ok=pl.col("adequate_housing"))


@NORM.requirement(
    "housing",
    "§ 19d Abs. 1 Nr. 2 AufenthG",
    title=("Ausreichender Wohnraum (§ 2 Abs. 4)", "Adequate housing (§ 2 (4))"),
    reads=("adequate_housing",),
    actionable=True,
    evidence=("Mietvertrag", "Wohnflächenberechnung"),
    explain={"not_met": ("Kein ausreichender Wohnraum nachgewiesen.", "Adequate housing not shown.")},
)
def housing(p: Params) -> Req:
    return housing_req(p)


def german_req(p: Params) -> Req:
    ok, met = german_by_param(p, "aufenthg_19d.german_level", "all")
    return Req(ok=ok, met_from=met, values={"met_from": met})


@NORM.requirement(
    "german_b1",
    "§ 19d Abs. 1 Nr. 3 AufenthG",
    title=("Ausreichende Deutschkenntnisse (B1)", "Adequate German (B1)"),
    reads=("german",),
    actionable=True,
    evidence=("B1-Zertifikat (DTZ, telc, Goethe)", "Zertifikat Integrationskurs"),
    explain={
        "met": ("B1 nachgewiesen seit {met_from}.", "B1 proven since {met_from}."),
        "not_met": (
            "B1 (mündlich und schriftlich) nicht nachgewiesen. Manche Behörden erkennen die deutsche "
            "Berufsabschlussprüfung an.",
            "B1 (oral and written) not proven. Some authorities accept the German vocational exam.",
        ),
        "unknown": (
            "Kein beweiskräftiger Nachweis (Selbstauskunft genügt nicht).",
            "No conclusive proof (self-reported levels do not count).",
        ),
    },
)
def german_b1(p: Params) -> Req:
    return german_req(p)


@NORM.requirement(
    "no_deception",
    "§ 19d Abs. 1 Nr. 4 AufenthG",
    title=(
        "Keine vorsätzliche Täuschung der Ausländerbehörde über aufenthaltsrechtlich relevante Umstände",
        "No intentional deception of the immigration authority about facts relevant to residence",
    ),
    reads=("deceived_authority_intentionally", "identity_conduct"),
    exclusion=True,
    explain={
        "met": ("Keine Täuschung erfasst.", "No deception recorded."),
        "not_met": (
            "Vorsätzliche Täuschung der Behörde erfasst.",
            "Intentional deception of the authority recorded.",
        ),
    },
)
def no_deception(p: Params) -> Req:
    return Req(ok=~pl.col("deceived_authority_intentionally") & (pl.col("deception") != "current"))


@NORM.requirement(
    "no_obstruction",
    "§ 19d Abs. 1 Nr. 5 AufenthG",
    title=(
        "Keine vorsätzliche Verzögerung oder Behinderung behördlicher Maßnahmen zur Aufenthaltsbeendigung",
        "No intentional delay or obstruction of official measures to end the stay",
    ),
    reads=("obstructed_removal_intentionally", "identity_conduct"),
    exclusion=True,
    explain={
        "met": ("Keine Behinderung erfasst.", "No obstruction recorded."),
        "not_met": ("Vorsätzliche Behinderung erfasst.", "Intentional obstruction recorded."),
    },
)
def no_obstruction(p: Params) -> Req:
    return Req(ok=~pl.col("obstructed_removal_intentionally") & (pl.col("obstruction") != "current"))


def extremism_req(p: Params) -> Req:
    return Req(ok=~pl.col("security_concerns").fill_null(False))


@NORM.requirement(
    "no_extremism",
    "§ 19d Abs. 1 Nr. 6 AufenthG",
    title=(
        "Keine Bezüge zu extremistischen oder terroristischen Organisationen",
        "No links to extremist or terrorist organisations",
    ),
    reads=("security_concerns",),
    exclusion=True,
    explain={
        "met": ("Keine Anhaltspunkte erfasst.", "No indications recorded."),
        "not_met": ("Sicherheitsbedenken erfasst.", "Security concerns recorded."),
    },
)
def no_extremism(p: Params) -> Req:
    return extremism_req(p)


def convictions_req(p: Params) -> Req:
    return Req(ok=pl.col("conv19_ok"))


@NORM.requirement(
    "convictions",
    "§ 19d Abs. 1 Nr. 7 AufenthG",
    title=(
        "Keine Verurteilung wegen einer vorsätzlichen Straftat (Geldstrafen bis 50 bzw. 90 Tagessätze "
        "grundsätzlich unbeachtlich)",
        "No conviction for an intentional offence (fines up to 50 or 90 daily rates disregarded as a rule)",
    ),
    reads=("convictions",),
    exclusion=True,
    evidence=("BZR-Auskunft (durch die Behörde)",),
    explain={
        "met": ("Keine schädliche Verurteilung.", "No harmful conviction."),
        "not_met": (
            "Verurteilung über der Grenze (bis zur Tilgung im Register). 'Grundsätzlich' erlaubt eine atypische "
            "Ausnahme – anwaltlich prüfen.",
            "Conviction above the threshold (until deleted). 'As a rule' leaves room for an atypical exception – "
            "have counsel check.",
        ),
    },
)
def convictions(p: Params) -> Req:
    return convictions_req(p)


def job_req(p: Params) -> Req:
    return Req(
        ok=pl.col("job19_ok"), met_from=pl.col("job19_from"), values={"met_from": pl.col("job19_from")}
    )


@NORM.requirement(
    "job_ba_consent",
    "§ 18 Abs. 2 Nr. 1, 2, § 39 Abs. 3 AufenthG",
    title=(
        "Qualifikationsentsprechender Arbeitsplatz mit Zustimmung der Bundesagentur für Arbeit",
        "Qualification-matching job with the consent of the Federal Employment Agency",
    ),
    reads=("job_offers", "employment"),
    actionable=True,
    evidence=(
        "Arbeitsvertrag oder Arbeitsplatzangebot",
        "Erklärung zum Beschäftigungsverhältnis",
        "Zustimmung der Bundesagentur für Arbeit",
    ),
    explain={
        "met": ("Zustimmung seit {met_from}.", "Consent since {met_from}."),
        "not_met": (
            "Kein qualifikationsentsprechender Arbeitsplatz mit Zustimmung der Bundesagentur (abgelehnt oder "
            "nicht passend).",
            "No qualification-matching job with the Agency's consent (refused or not matching).",
        ),
        "unknown": (
            "Zustimmung der Bundesagentur offen (gilt nach 2 Wochen ohne Rückmeldung als erteilt, § 36 Abs. 2 "
            "BeschV) oder kein Arbeitsplatz erfasst.",
            "BA consent pending (deemed after 2 weeks without an answer, § 36 (2) BeschV) or no job recorded.",
        ),
    },
)
def job_ba_consent(p: Params) -> Req:
    return job_req(p)


def livelihood_req(p: Params) -> Req:
    """§ 5 Abs. 1 Nr. 1 ("in der Regel"): the authority's prognosis from the job; an atypical case is possible."""
    enough = (pl.col("hh_need") == 0) | (pl.col("hh_earned") >= pl.col("hh_need"))
    enough = (
        pl.when(pl.col("hh_earned_unknown").fill_null(True))
        .then(pl.when(enough).then(TRUE))
        .otherwise(enough)
    )
    own_now = pl.when(pl.col("known__own_livelihood")).then(
        pl.when(pl.col("live60d_p").is_not_null()).then(TRUE)
    )
    ok = pl.col("livelihood_prognosis_positive") | own_now | enough
    return Req(ok=ok, waivable=TRUE)


LIVELIHOOD_EXPLAIN = {
    "met": (
        "Lebensunterhalt gesichert bzw. positive Prognose.",
        "Livelihood secured or a positive prognosis.",
    ),
    "unknown": (
        "Prognose aus dem Arbeitsplatz durch die Behörde; Regelvoraussetzung (atypischer Fall möglich).",
        "Prognosis from the job by the authority; a rule requirement (atypical case possible).",
    ),
    "waivable": (
        "Lebensunterhalt nicht nachgewiesen gesichert; Regelvoraussetzung – Prognose aus dem Arbeitsvertrag "
        "darlegen, atypischer Fall möglich.",
        "Livelihood not shown to be secured; a rule requirement – present the prognosis from the contract, an "
        "atypical case is possible.",
    ),
}


@NORM.requirement(
    "livelihood",
    "§ 5 Abs. 1 Nr. 1 AufenthG",
    title=("Lebensunterhalt gesichert (Regelvoraussetzung)", "Livelihood secured (rule requirement)"),
    reads=("employment", "job_offers", "households", "own_livelihood_secured"),
    actionable=True,
    evidence=("Arbeitsvertrag", "Lohnabrechnungen", "Bedarfsberechnung"),
    explain=LIVELIHOOD_EXPLAIN,
)
def livelihood(p: Params) -> Req:
    return livelihood_req(p)


def passport_req(p: Params) -> Req:
    return Req(ok=pl.col("passport_valid_now"))


@NORM.requirement(
    "passport",
    "§ 5 Abs. 1 Nr. 4, § 3 AufenthG",
    title=("Passpflicht erfüllt (§ 3)", "Passport requirement met (§ 3)"),
    reads=("identity",),
    actionable=True,
    evidence=("gültiger Nationalpass oder Passersatz",),
    explain={
        "met": ("Gültiger Pass liegt vor.", "A valid passport is available."),
        "not_met": (
            "Kein gültiger Pass; Ausnahme nur im atypischen Fall (§ 5 Abs. 3 gilt für § 19d nicht).",
            "No valid passport; only an atypical case allows an exception (§ 5 (3) does not apply to § 19d).",
        ),
    },
)
def passport(p: Params) -> Req:
    return passport_req(p)


general.entry_ban(NORM)
general.pending_proceedings(NORM)
general.titelsperre(NORM, override=None)
hint_mixed_fines(NORM, "convictions")


@NORM.hint(
    "qualified_employment_doubts",
    "§ 2 Abs. 12b AufenthG; § 19d Abs. 1 Nr. 1 lit. c AufenthG",
    "Ohne formalen Abschluss zweifeln Behörden die 'qualifizierte Beschäftigung' oft an – Arbeitszeugnis, "
    "Tätigkeitsbeschreibung und Einstufung dokumentieren.",
    "Without a formal qualification authorities often doubt 'qualified employment' – document the reference, "
    "job description and pay grade.",
)
def _hint_doubts(p: Params) -> pl.Expr:
    return (pl.col("q19c_p").is_not_null() & (pl.col("q19a_ok") != True)).fill_null(False)  # noqa: E712


@NORM.hint(
    "waivers_abs3",
    "§ 19d Abs. 3 AufenthG",
    "Von § 5 Abs. 2 (Visum) und § 10 Abs. 3 S. 1 kann abgesehen werden (Ermessen); § 10 Abs. 3 S. 2 (qualifizierte "
    "o.u.-Ablehnung) wird nicht überwunden.",
    "§ 5 (2) (visa) and § 10 (3) s. 1 may be waived (discretion); § 10 (3) s. 2 (qualified 'manifestly unfounded' "
    "rejection) cannot be overcome.",
)
def _hint_abs3(p: Params) -> pl.Expr:
    return pl.col("aufenthg_19d__outcome").is_in(["eligible", "eligible_later", "undetermined"])


@NORM.hint(
    "gate_10_3_skilled",
    "§ 10 Abs. 3 S. 1, 4, 5 AufenthG",
    "Fachkräfte-Titel (§§ 18a, 18b) vor der Ausreise: nach bestandskräftiger Ablehnung des Asylantrags gesperrt "
    "(§ 10 Abs. 3 S. 4); nach Rücknahme des Antrags möglich, wenn die Einreise vor dem {entry_before} lag (S. 5, "
    "Visum nach § 5 Abs. 3 S. 5 entbehrlich); während des Asylverfahrens nur nach § 10 Abs. 1.",
    "Skilled-worker permits (§§ 18a, 18b) before departure: barred after a final rejection of the asylum "
    "application (§ 10 (3) s. 4); possible after a withdrawal if the entry was before {entry_before} (s. 5, visa "
    "waived under § 5 (3) s. 5); during the asylum procedure only under § 10 (1).",
    values={"entry_before": lambda p: p.expr("aufenthg_10.abs3_s5_entry_before")},
)
def _hint_gate(p: Params) -> pl.Expr:
    skilled = (pl.col("q19a_ok") | pl.col("q19b_degree")).fill_null(False)
    in_force = p.expr("aufenthg_10.abs3_s5_entry_before").is_not_null()
    return skilled & in_force & pl.col("asylum_outcome").is_not_null()


@NORM.hint(
    "any_employment",
    "§ 19d Abs. 2 AufenthG",
    "Nach {years} Jahren qualifikationsentsprechender Beschäftigung berechtigt die Aufenthaltserlaubnis zu jeder "
    "Beschäftigung.",
    "After {years} years of qualification-matching employment the permit allows any employment.",
    values={"years": lambda p: p.expr("aufenthg_19d.any_employment_after_years")},
)
def _hint_any(p: Params) -> pl.Expr:
    return pl.col("aufenthg_19d__outcome").is_in(["eligible", "eligible_later"])
