"""§ 25b AufenthG — Aufenthaltsgewährung bei nachhaltiger Integration (Abs. 1, 2, 3, 5, 7, 8).

Abs. 1 S. 1: "soll … erteilt werden", abweichend von § 5 Abs. 1 Nr. 1 und Abs. 2. The conditions of
S. 2 Nr. 1–5 are Regelbeispiele ("setzt regelmäßig voraus"); shortfalls may be compensated (hints).
Spec: residence-paths.md § 3.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from ..kleene import TRUE, k_and, k_or
from ..norm import Norm, Req, Text
from ..params import Params
from . import general
from .common import chain_met, chain_ok, civics_proven, german_proven, privileged_104c

NORM = Norm(
    key="aufenthg_25b",
    citation="§ 25b Abs. 1 AufenthG",
    title=Text(
        "Aufenthaltserlaubnis bei nachhaltiger Integration", "Residence permit for sustainable integration"
    ),
    consequence="soll",
    in_force_from=date(2015, 8, 1),
)


def _privileged(p: Params) -> pl.Expr:
    return privileged_104c(p.expr("aufenthg_104c.privileges_until")).fill_null(False)


@NORM.requirement(
    "geduldet",
    "§ 25b Abs. 1 S. 1 AufenthG",
    title=(
        "Geduldet oder Inhaber einer Aufenthaltserlaubnis nach § 104c",
        "Tolerated or holder of a § 104c permit",
    ),
    reads=("statuses",),
    evidence=("Duldungsbescheinigung", "Aufenthaltserlaubnis § 104c"),
    explain={
        "met": (
            "Die Person ist geduldet bzw. hat eine Aufenthaltserlaubnis nach § 104c.",
            "The person is tolerated or holds a § 104c permit.",
        ),
        "not_met": (
            "Die Person ist derzeit weder geduldet noch Inhaber einer Aufenthaltserlaubnis nach § 104c.",
            "The person is currently neither tolerated nor holds a § 104c permit.",
        ),
    },
)
def geduldet(p: Params) -> Req:
    # A Duldungsanspruch without paper suffices (BVerwG 18.12.2019 – 1 C 34.18): status documented=false.
    since = (
        pl.when(pl.col("holds_104c").fill_null(False))
        .then(pl.col("ae_104c_from"))
        .otherwise(pl.col("geduldet_start"))
    )
    return Req(ok=k_or(pl.col("geduldet_now"), pl.col("holds_104c")), met_from=since)


def stay_dates(p: Params, prefix_normal: str, prefix_priv: str) -> dict[str, pl.Expr]:
    """Chain start and fulfilment dates for Nr. 1 (6 years, 4 with a minor child), with § 25b Abs. 7."""
    priv = _privileged(p)
    prefix = {"start": f"{prefix_normal}_start", "excl": f"{prefix_normal}_excluded_days"}
    start = pl.when(priv).then(pl.col(f"{prefix_priv}_start")).otherwise(pl.col(prefix["start"]))
    m_long = (
        pl.when(priv)
        .then(chain_met(p, prefix_priv, "aufenthg_25b.years"))
        .otherwise(chain_met(p, prefix_normal, "aufenthg_25b.years"))
    )
    m_short = (
        pl.when(priv)
        .then(chain_met(p, prefix_priv, "aufenthg_25b.years_with_child"))
        .otherwise(chain_met(p, prefix_normal, "aufenthg_25b.years_with_child"))
    )
    ok = pl.when(priv).then(chain_ok(prefix_priv)).otherwise(chain_ok(prefix_normal))
    return {"start": start, "long": m_long, "short": m_short, "ok": ok}


@NORM.requirement(
    "stay",
    "§ 25b Abs. 1 S. 2 Nr. 1 AufenthG",
    title=(
        "Seit 6 Jahren (mit minderjährigem Kind: 4 Jahren) ununterbrochen geduldet, gestattet oder erlaubt",
        "6 years (4 with a minor child) of uninterrupted tolerated, permitted or authorised stay",
    ),
    reads=("statuses", "households", "birth_date"),
    evidence=("Duldungen", "AZR-Auszug", "Meldebescheinigungen", "Geburtsurkunde des Kindes"),
    explain={
        "met": (
            "Ununterbrochener Voraufenthalt seit {start}; {years} Jahre erfüllt am {met_from}.",
            "Uninterrupted qualifying stay since {start}; {years} years fulfilled on {met_from}.",
        ),
        "later": (
            "Ununterbrochener Voraufenthalt seit {start}; {years} Jahre werden am {met_from} erreicht.",
            "Uninterrupted qualifying stay since {start}; {years} years are reached on {met_from}.",
        ),
        "not_met": (
            "Kein andauernder anrechenbarer Voraufenthalt (Unterbrechung, Auslandsaufenthalt oder § 60b-Zeit).",
            "No ongoing qualifying stay (interruption, stay abroad or § 60b period).",
        ),
        "unknown": (
            "Voraufenthalt nicht bestimmbar: Aufenthaltszeiten oder Haushalt (minderjähriges Kind) fehlen.",
            "Qualifying stay cannot be determined: status history or household (minor child) missing.",
        ),
    },
)
def stay(p: Params) -> Req:
    d = stay_dates(p, "stay25b", "stay25b_priv")
    child_until = pl.col("minor_child_until")
    short_valid = child_until.is_not_null() & (d["short"] <= child_until) & (pl.col("as_of") <= child_until)
    met_from = pl.when(short_valid).then(d["short"]).otherwise(d["long"])
    # Household unknown: the 6-year date is certain; an earlier 4-year date is only possible.
    undecided = ~pl.col("households_known") & (d["long"] > pl.col("as_of"))
    ok = pl.when(undecided & d["ok"]).then(None).otherwise(d["ok"])
    years = (
        pl.when(short_valid)
        .then(p.expr("aufenthg_25b.years_with_child"))
        .otherwise(p.expr("aufenthg_25b.years"))
    )
    return Req(ok=ok, met_from=met_from, values={"start": d["start"], "years": years, "met_from": met_from})


@NORM.requirement(
    "fdgo_declaration",
    "§ 25b Abs. 1 S. 2 Nr. 2 AufenthG",
    title=(
        "Bekenntnis zur freiheitlichen demokratischen Grundordnung",
        "Commitment to the free democratic basic order",
    ),
    reads=("fdgo_declaration",),
    actionable=True,
    evidence=("unterschriebene Bekenntniserklärung",),
    explain={
        "met": ("Bekenntnis liegt vor bzw. wird abgegeben.", "Commitment given or ready to be given."),
        "not_met": (
            "Bekenntnis fehlt: es kann bei der Behörde abgegeben werden.",
            "Commitment missing: it can be given at the authority.",
        ),
    },
)
def fdgo_declaration(p: Params) -> Req:
    return Req(ok=pl.col("fdgo_declaration"))


@NORM.requirement(
    "civics",
    "§ 25b Abs. 1 S. 2 Nr. 2 AufenthG",
    title=(
        "Grundkenntnisse der Rechts- und Gesellschaftsordnung (Test 'Leben in Deutschland')",
        "Basic knowledge of the legal and social order ('Leben in Deutschland' test)",
    ),
    reads=("civics_test", "qualifications"),
    actionable=True,
    evidence=("Zertifikat 'Leben in Deutschland'", "Einbürgerungstest", "deutscher Schulabschluss"),
    explain={
        "met": ("Nachgewiesen seit {met_from}.", "Proven since {met_from}."),
        "not_met": (
            "Test nicht bestanden: Test (erneut) ablegen.",
            "Test not passed: take the test (again).",
        ),
        "unknown": (
            "Kein Nachweis erfasst (Test 'Leben in Deutschland').",
            "No proof recorded ('Leben in Deutschland' test).",
        ),
    },
)
def civics(p: Params) -> Req:
    ok, met_from = civics_proven()
    return Req(ok=ok, met_from=met_from, values={"met_from": met_from})


def abs3_waiver(p: Params) -> pl.Expr:
    """§ 25b Abs. 3: illness, disability or age — mandatory waiver of Nr. 3 and 4 (Kleene: may be unknown).

    "Altersgründe": reaching the statutory pension age (BW JuM 2022), read from the record or the birth date.
    """
    pension_age = p.fulfilled_after(pl.col("birth_date"), "sgb6.regelaltersgrenze_years") <= pl.col("as_of")
    return k_or(pl.col("health_prevents_work_or_language"), pl.col("pension_age_reached"), pension_age)


def livelihood_req(p: Params) -> Req:
    threshold = p.expr("aufenthg_25b.livelihood_share")
    share = pl.col("hh_earned") / pl.col("hh_need") * 100
    # "überwiegend": more than half of the household's need covered by earnings; an unknown income of some
    # member leaves it open unless the known earnings already suffice.
    enough = (
        pl.when(pl.col("hh_need") == 0)
        .then(TRUE)
        .when(share > threshold)
        .then(TRUE)
        .when(pl.col("hh_earned_unknown").fill_null(True))
        .then(None)
        .otherwise(share > threshold)
    )
    # Abs. 1 S. 3: temporary benefits are "in der Regel unschädlich" for these groups.
    # Kleene throughout: whether a group applies may itself be unknown.
    # Nr. 1: students (university) and apprentices (vocational school / training) — not pupils of a general
    # school, whose livelihood is judged by the prognosis (Nr. 3 Alt. 2)
    group_training = pl.col("training_now") | pl.col("school_now_higher")
    group_family = pl.col("lives_with_minor_child") & (pl.col("hh_earned") > 0)
    # Nr. 3: single parents for whom work is not reasonable under § 10 Abs. 1 Nr. 3 SGB II (child under 3)
    child_age = p.fulfilled_after(pl.col("youngest_child_birth"), "aufenthg_25b.single_parent_child_age")
    youngest_under_3 = child_age > pl.col("as_of")
    group_single_parent = pl.col("spouse_id").is_null() & pl.col("lives_with_minor_child") & youngest_under_3
    group = k_or(group_training, group_family, group_single_parent, pl.col("caring_for_relative"))
    ok = k_or(enough, group, pl.col("livelihood_prognosis_positive"))
    return Req(
        ok=ok,
        met_from=pl.when(enough.fill_null(False)).then(pl.col("work_now_from")),
        waived=abs3_waiver(p),
        values={"share": share.round(0), "earned": pl.col("hh_earned"), "need": pl.col("hh_need")},
    )


@NORM.requirement(
    "livelihood",
    "§ 25b Abs. 1 S. 2 Nr. 3 AufenthG",
    title=(
        "Lebensunterhalt überwiegend durch Erwerbstätigkeit gesichert (oder positive Prognose)",
        "Livelihood predominantly secured by work (or a positive prognosis)",
    ),
    reads=("employment", "households"),
    actionable=True,
    evidence=("Arbeitsvertrag", "Lohnabrechnungen (6–12 Monate)", "Leistungsbescheide", "Bedarfsberechnung"),
    explain={
        "met": (
            "Erwerbseinkommen des Haushalts {earned} € deckt {share} % des Bedarfs ({need} €) oder eine "
            "Fallgruppe nach Abs. 1 S. 3 / positive Prognose liegt vor.",
            "Household earnings of {earned} € cover {share} % of the need ({need} €), or an Abs. 1 s. 3 group / "
            "a positive prognosis applies.",
        ),
        "not_met": (
            "Erwerbseinkommen {earned} € deckt nur {share} % des Bedarfs ({need} €); mehr als 50 % nötig.",
            "Earnings of {earned} € cover only {share} % of the need ({need} €); more than 50 % required.",
        ),
        "unknown": ("Einkommen oder Bedarf des Haushalts fehlen.", "Household income or need missing."),
        "waived": (
            "Entfällt wegen Krankheit, Behinderung oder Alter (§ 25b Abs. 3, zwingend).",
            "Waived for illness, disability or age (§ 25b (3), mandatory).",
        ),
    },
)
def livelihood(p: Params) -> Req:
    return livelihood_req(p)


def german_req(p: Params) -> Req:
    ok, met_from = german_proven("A2", "oral")
    return Req(ok=ok, met_from=met_from, waived=abs3_waiver(p), values={"met_from": met_from})


@NORM.requirement(
    "german_a2",
    "§ 25b Abs. 1 S. 2 Nr. 4 AufenthG",
    title=("Hinreichende mündliche Deutschkenntnisse (A2)", "Sufficient oral German (A2)"),
    reads=("german",),
    actionable=True,
    evidence=("A2-Zertifikat (DTZ, telc, Goethe)", "Schulzeugnis", "Gesprächsvermerk der Behörde"),
    explain={
        "met": ("Mündlich A2 nachgewiesen seit {met_from}.", "Oral A2 proven since {met_from}."),
        "not_met": ("A2 (mündlich) nicht nachgewiesen.", "Oral A2 not proven."),
        "unknown": (
            "Kein beweiskräftiger Nachweis (Selbstauskunft genügt nicht).",
            "No conclusive proof (self-reported levels do not count).",
        ),
        "waived": (
            "Entfällt wegen Krankheit, Behinderung oder Alter (§ 25b Abs. 3, zwingend).",
            "Waived for illness, disability or age (§ 25b (3), mandatory).",
        ),
    },
)
def german_a2(p: Params) -> Req:
    return german_req(p)


def school_req(p: Params) -> Req:
    has = pl.col("school_age_children").fill_null(0) > 0
    age_unknown = pl.col("school_age_unknown").fill_null(False)
    ok = k_and(pl.col("children_school_all"), pl.when(age_unknown).then(None).otherwise(TRUE))
    return Req(ok=ok, applies=has | age_unknown)


@NORM.requirement(
    "school_attendance",
    "§ 25b Abs. 1 S. 2 Nr. 5 AufenthG",
    title=(
        "Tatsächlicher Schulbesuch der Kinder im schulpflichtigen Alter",
        "Children of school age actually attend school",
    ),
    reads=("schooling", "birth_date"),
    actionable=True,
    evidence=("Schulbescheinigungen", "Fehlzeitenübersicht"),
    explain={
        "met": (
            "Die schulpflichtigen Kinder besuchen die Schule.",
            "The children of school age attend school.",
        ),
        "not_met": (
            "Ein schulpflichtiges Kind besucht derzeit keine Schule.",
            "A child of school age does not attend school.",
        ),
        "not_applicable": (
            "Keine Kinder im schulpflichtigen Alter im Fall.",
            "No children of school age in the case.",
        ),
    },
)
def school_attendance(p: Params) -> Req:
    return school_req(p)


def obstruction_req() -> Req:
    # only the person's own, present conduct counts; the parents' conduct is not attributed to a child
    return Req(ok=~pl.col("own_fault_now"))


@NORM.requirement(
    "obstruction",
    "§ 25b Abs. 2 Nr. 1 AufenthG",
    title=(
        "Keine gegenwärtige Verhinderung der Aufenthaltsbeendigung (Täuschung, falsche Angaben, fehlende Mitwirkung)",
        "No present obstruction of removal (deception, false statements, lack of cooperation)",
    ),
    reads=("identity_conduct",),
    actionable=True,
    exclusion=True,
    evidence=("Ausländerakte", "Nachweise der Mitwirkung"),
    explain={
        "met": (
            "Keine gegenwärtige Täuschung oder Mitwirkungsverweigerung.",
            "No present deception or refusal to cooperate.",
        ),
        "not_met": (
            "Gegenwärtige Täuschung oder fehlende Mitwirkung: zwingender Versagungsgrund, entfällt, sobald die Mitwirkung nachgeholt ist.",
            "Present deception or lack of cooperation: mandatory refusal ground; it falls away once cooperation is made up.",
        ),
    },
)
def obstruction(p: Params) -> Req:
    return obstruction_req()


def serious_expulsion_interest(p: Params) -> Req:
    """§ 25b Abs. 2 Nr. 2: Ausweisungsinteresse under § 54 Abs. 1 or Abs. 2 Nr. 1, 2 (convictions only).

    - § 54 Abs. 2 Nr. 1: Freiheitsstrafe ≥ 6 months (also suspended) — a Jugendstrafe is not a Freiheitsstrafe;
    - § 54 Abs. 2 Nr. 2: Jugendstrafe ≥ 1 year, not suspended;
    - § 54 Abs. 1 Nr. 1: Freiheits- or Jugendstrafe ≥ 2 years;
    - § 54 Abs. 1 Nr. 1a–1c: Freiheits- or Jugendstrafe ≥ 1 year (also suspended) for a catalogue offence —
      unknown while the catalogue flag of such a sentence is not recorded.
    Spec residence-paths.md § 1.4 and § 3.1 X2; statute text in docs/legal-verification.md § 3.
    """
    prison = pl.col("conv_freiheitsstrafe_max_months").fill_null(0)
    any_custodial = pl.col("conv_prison_max_months").fill_null(0)  # Freiheits- or Jugendstrafe, intentional
    youth = pl.col("conv_youth_intentional_unsuspended_max_months").fill_null(0)
    catalogue = pl.col("conv_catalogue_max_months").fill_null(0)
    catalogue_open = pl.col("conv_catalogue_open_max_months").fill_null(0)
    nr1a = p.expr("aufenthg_54.abs1_nr1a_months")
    hit = (
        (prison >= p.expr("aufenthg_54.abs2_nr1_months"))
        | (youth >= p.expr("aufenthg_54.abs2_nr2_youth_months"))
        | (any_custodial >= p.expr("aufenthg_54.abs1_nr1_months"))
        | (catalogue >= nr1a)
    )
    ok = (
        pl.when(~pl.col("known__convictions"))
        .then(None)
        .when(hit)
        .then(False)
        .when(pl.col("conv_months_unknown").fill_null(False) | (catalogue_open >= nr1a))
        .then(None)
        .otherwise(TRUE)
    )
    months = pl.max_horizontal(any_custodial, catalogue, youth)
    return Req(ok=ok, values={"months": months, "catalogue_months": catalogue_open})


@NORM.requirement(
    "ausweisungsinteresse",
    "§ 25b Abs. 2 Nr. 2 AufenthG",
    title=(
        "Kein Ausweisungsinteresse nach § 54 Abs. 1 oder Abs. 2 Nr. 1, 2",
        "No interest in expulsion under § 54 (1) or (2) no. 1, 2",
    ),
    reads=("convictions",),
    exclusion=True,
    evidence=("Führungszeugnis / BZR-Auskunft",),
    explain={
        "met": (
            "Keine Verurteilung, die § 54 Abs. 1 oder Abs. 2 Nr. 1, 2 erreicht.",
            "No conviction reaching § 54 (1) or (2) no. 1, 2.",
        ),
        "not_met": (
            "Verurteilung zu {months} Monaten erreicht § 54 Abs. 2 Nr. 1/2 bzw. Abs. 1: zwingende Versagung, solange verwertbar (§ 51 BZRG).",
            "A sentence of {months} months reaches § 54: mandatory refusal while the conviction is usable (§ 51 BZRG).",
        ),
        "unknown": (
            "Offen: Dauer einer Strafe fehlt, oder eine Strafe von {catalogue_months} Monaten (Jugendstrafe auf "
            "Bewährung bzw. fahrlässige Tat) erreicht § 54 Abs. 1 Nr. 1a–1c nur bei einer Katalogtat "
            "(convictions[].aufenthg_54_1_catalogue angeben).",
            "Open: a sentence length is missing, or a sentence of {catalogue_months} months (suspended Jugendstrafe "
            "or negligent offence) reaches § 54 (1) no. 1a–1c only for a catalogue offence "
            "(record convictions[].aufenthg_54_1_catalogue).",
        ),
    },
)
def ausweisungsinteresse(p: Params) -> Req:
    return serious_expulsion_interest(p)


def identity_req(p: Params) -> Req:
    """§ 5 Abs. 1 Nr. 1a; for § 104c holders § 25b Abs. 8 (resp. § 25a Abs. 6).

    Others: not clarified -> waivable under § 5 Abs. 3 S. 2. § 104c holders: "soll nur" if clarified (S. 1),
    "kann" after all reasonable steps (S. 2, waivable); without documented steps not met.
    """
    priv = _privileged(p)
    efforts = pl.col("efforts_proven") > 0
    return Req(
        ok=pl.col("identity_clarified"), met_from=pl.col("identity_clarified_on"), waivable=~priv | efforts
    )


IDENTITY_EXPLAIN = {
    "met": ("Identität geklärt.", "Identity clarified."),
    "not_met": (
        "Identität nicht geklärt und keine Mitwirkungshandlungen belegt (§ 104c-Inhaber: § 25b Abs. 8 bzw. "
        "§ 25a Abs. 6: nur mit geklärter Identität oder nach allen zumutbaren Schritten).",
        "Identity not clarified and no efforts documented (§ 104c holder: § 25b (8) / § 25a (6)).",
    ),
    "waivable": (
        "Identität nicht nachweislich geklärt; die Behörde kann davon absehen (§ 5 Abs. 3 S. 2; bei "
        "§ 104c-Inhabern nach belegten Mitwirkungshandlungen § 25b Abs. 8 S. 2 / § 25a Abs. 6 S. 2, 'kann').",
        "Identity not shown to be clarified; the authority may waive it (§ 5 Abs. 3 S. 2; for § 104c holders "
        "after documented efforts § 25b (8) s. 2 / § 25a (6) s. 2, 'kann').",
    ),
}


@NORM.requirement(
    "identity",
    "§ 5 Abs. 1 Nr. 1a AufenthG; § 25b Abs. 8 AufenthG",
    title=("Identität geklärt", "Identity clarified"),
    reads=("identity",),
    actionable=True,
    evidence=("Pass", "amtliche Dokumente (Stufenmodell)", "Nachweise der Mitwirkung"),
    explain=IDENTITY_EXPLAIN,
)
def identity(p: Params) -> Req:
    return identity_req(p)


general.ausweisungsinteresse(NORM)
general.humanitarian_gates(NORM, override_10_3="§ 25b Abs. 5 S. 2 AufenthG", include_identity=False)


def consequence(p: Params) -> pl.Expr:
    """§ 25b Abs. 8 S. 2: identity not clarified but all reasonable steps taken -> "kann"."""
    return (
        pl.when(_privileged(p) & ~pl.col("identity_clarified").fill_null(False))
        .then(pl.lit("kann"))
        .otherwise(pl.lit("soll"))
    )


NORM.consequence_fn = consequence


@NORM.hint(
    "compensation_stay",
    '§ 25b Abs. 1 S. 2 AufenthG ("regelmäßig")',
    "Die Voraufenthaltszeit ist ein Regelbeispiel: besondere Integrationsleistungen (z. B. B1, Ehrenamt, "
    "Berufsabschluss, lange Beschäftigung) können eine kürzere Zeit ausgleichen (NRW-Erlass 19.03.2021: bis zu "
    "2 Jahre).",
    "The required stay is a rule example: special integration achievements can compensate for a shorter stay "
    "(NRW decree 19.03.2021: up to 2 years).",
)
def _hint_compensation(p: Params) -> pl.Expr:
    met = pl.col("aufenthg_25b__stay__met_from")
    return ((met > pl.col("as_of")) & (met <= pl.col("as_of").dt.offset_by("2y"))).fill_null(False)


@NORM.hint(
    "sixtyb_alternative",
    "§ 60b Abs. 5 S. 1 AufenthG",
    "§ 60b-Zeiten wurden als Unterbrechung gewertet. Vertretbar ist auch, sie nur nicht anzurechnen: dann "
    "begann der Voraufenthalt am {alt_start} (ungeklärte Rechtsfrage, anwaltlich prüfen).",
    "§ 60b periods were treated as breaking the chain. It is arguable that they merely do not count: the stay "
    "would then have begun on {alt_start} (open legal question).",
    values={"alt_start": lambda p: pl.col("stay25b_alt_start")},
)
def _hint_60b(p: Params) -> pl.Expr:
    return pl.col("had_60b").fill_null(False) & (
        pl.col("stay25b_alt_start") < pl.col("stay25b_start").fill_null(pl.col("as_of"))
    ).fill_null(False)


@NORM.hint(
    "abroad_interruption",
    "§ 25b Abs. 1 S. 2 Nr. 1, § 60a Abs. 5 S. 1 AufenthG",
    "Ein Auslandsaufenthalt bis zu drei Monaten wurde als einmalige unschädliche Unterbrechung gewertet (BMI-AH "
    "§ 25b; die Tage zählen nicht). Risiko: mit der Ausreise ist die Duldung erloschen – prüfen, ob die Behörde "
    "dieser Linie folgt.",
    "A stay abroad of up to three months was treated as the one harmless interruption (BMI guidance on § 25b; its "
    "days do not count). Risk: the Duldung lapsed on departure – check whether the authority follows this line.",
)
def _hint_abroad(p: Params) -> pl.Expr:
    return (pl.col("last_abroad_to") >= pl.col("stay25b_start")).fill_null(False)


@NORM.hint(
    "abs3_waiver",
    "§ 25b Abs. 3 AufenthG",
    "Können Lebensunterhalt oder Deutschkenntnisse wegen Krankheit, Behinderung oder Alters nicht erreicht "
    "werden, wird davon zwingend abgesehen – qualifiziertes Attest beschaffen.",
    "If livelihood or German cannot be achieved because of illness, disability or age, they are waived "
    "(mandatory) – obtain a qualified medical certificate.",
)
def _hint_abs3(p: Params) -> pl.Expr:
    return pl.col("health_prevents_work_or_language").is_null() & (
        pl.col("aufenthg_25b__german_a2__status").is_in(["not_met", "unknown"])
        | pl.col("aufenthg_25b__livelihood__status").is_in(["not_met", "unknown"])
    )


@NORM.hint(
    "prognosis",
    "§ 25b Abs. 1 S. 2 Nr. 3 Alt. 2 AufenthG",
    "Reicht das Einkommen noch nicht, genügt eine positive Prognose (z. B. unterschriebener Arbeitsvertrag, "
    "bald abgeschlossene Ausbildung).",
    "If income is not yet sufficient, a positive prognosis suffices (e.g. a signed employment contract, training "
    "about to be completed).",
)
def _hint_prognosis(p: Params) -> pl.Expr:
    return pl.col("aufenthg_25b__livelihood__status") == "not_met"


@NORM.deadline(
    "child_18",
    "alert",
    "Das jüngste minderjährige Kind im Haushalt wird volljährig: danach gilt die 6-Jahres-Frist statt 4 Jahren.",
    "The youngest minor child in the household comes of age: afterwards six years are required instead of four.",
)
def _deadline_child(p: Params) -> pl.Expr:
    d = stay_dates(p, "stay25b", "stay25b_priv")
    relies = (d["short"] <= pl.col("minor_child_until")) & (d["long"] > pl.col("minor_child_until"))
    return pl.when(relies).then(pl.col("minor_child_until"))


@NORM.deadline(
    "privileges_104c",
    "apply_by",
    "Letzter Tag der § 104c-Privilegien (§ 25b Abs. 7, 8): § 25b-Antrag vorher stellen.",
    "Last day of the § 104c privileges (§ 25b (7), (8)): file the § 25b application before.",
)
def _deadline_priv(p: Params) -> pl.Expr:
    return pl.when(_privileged(p)).then(p.expr("aufenthg_104c.privileges_until"))


@NORM.deadline(
    "ae_104c_expiry",
    "apply_by",
    "Die Aufenthaltserlaubnis nach § 104c läuft ab: Antrag auf § 25b (oder § 25a) vorher stellen, damit sie "
    "als fortbestehend gilt (§ 81 Abs. 4; andere Anträge lösen keine Fiktion aus, § 104c Abs. 3 S. 5).",
    "The § 104c permit expires: apply for § 25b (or § 25a) before, so that it continues (§ 81 (4)).",
)
def _deadline_104c_expiry(p: Params) -> pl.Expr:
    no_application = pl.col("applied__aufenthg_25b").is_null() & pl.col("applied__aufenthg_25a").is_null()
    return pl.when(pl.col("holds_104c").fill_null(False) & no_application).then(pl.col("ae_104c_until"))


@NORM.hint(
    "car_pending_after_cutoff",
    "§ 104c AufenthG (Fassung bis 30.12.2025)",
    "Ein Antrag nach § 104c wurde bis zum {last_day} gestellt, aber nicht beschieden: ob er noch zu bescheiden "
    "ist, ist ungeklärt (keine Übergangsregel) – anwaltlich prüfen; § 25b als Hauptantrag, § 104c hilfsweise.",
    "A § 104c application was filed by {last_day} but not decided: whether it can still be granted is "
    "unresolved (no transitional rule) – legal review; apply for § 25b, § 104c in the alternative.",
    values={"last_day": lambda p: p.expr("aufenthg_104c.last_day")},
)
def _hint_car_pending(p: Params) -> pl.Expr:
    last_day = p.expr("aufenthg_104c.last_day")
    return (
        (pl.col("applied__aufenthg_104c") <= last_day)
        & (pl.col("as_of") > last_day)
        & ~pl.col("holds_104c").fill_null(False)
    ).fill_null(False)


@NORM.hint(
    "privileges_104c_after_end",
    "§ 25b Abs. 7, 8 AufenthG (bis 30.06.2027)",
    "Der Antrag wurde gestellt, solange die § 104c-Privilegien galten (bis {until}), entschieden wird danach: "
    "geprüft ist nach dem Recht am Entscheidungstag (ohne § 60b-Zeiten). Ob die Privilegien für rechtzeitig "
    "gestellte Anträge fortgelten, ist ungeklärt (keine Übergangsregel gefunden) – anwaltlich prüfen; mit "
    "Anrechnung der § 60b-Zeiten begann der Voraufenthalt am {priv_start}.",
    "The application was filed while the § 104c privileges applied (until {until}) but is decided afterwards: "
    "judged by the law on the decision date (without § 60b periods). Whether the privileges continue for timely "
    "applications is open (no transitional rule found) – legal review; counting § 60b periods the stay began on "
    "{priv_start}.",
    values={
        "until": lambda p: p.expr("aufenthg_104c.privileges_until"),
        "priv_start": lambda p: pl.col("stay25b_priv_start"),
    },
)
def _hint_priv_after_end(p: Params) -> pl.Expr:
    until = p.expr("aufenthg_104c.privileges_until")
    filed = pl.min_horizontal(pl.col("applied__aufenthg_25b"), pl.col("applied__aufenthg_25a"))
    return (pl.col("holds_104c") & (pl.col("as_of") > until) & (filed <= until)).fill_null(False)
