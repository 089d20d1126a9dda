"""§ 25b Abs. 4 AufenthG — spouse, registered partner and minor unmarried children of a § 25b holder.

"soll", if Abs. 1 S. 2 Nr. 2–5 are met (no own minimum stay, Nr. 1 is not required); Abs. 2, 3 and 5
apply accordingly (Abs. 4 S. 2). Children are assessed age-appropriately (spec § 3.2, VERIFY Land guidance).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from ..calendar import earliest
from ..kleene import TRUE, k_or
from ..norm import Norm, Req, Text
from ..params import Params
from . import aufenthg_25b as base
from .common import civics_proven, german_proven

NORM = Norm(
    key="aufenthg_25b_family",
    citation="§ 25b Abs. 4 AufenthG",
    title=Text(
        "Aufenthaltserlaubnis für Ehegatten und Kinder von Begünstigten nach § 25b",
        "Residence permit for spouses and children of § 25b beneficiaries",
    ),
    consequence="soll",
    in_force_from=date(2015, 8, 1),
    stage=2,
)

NORM.adopt(base.NORM, "geduldet")


@NORM.requirement(
    "reference_person",
    "§ 25b Abs. 4 S. 1 AufenthG",
    title=(
        "Ehegatte/Lebenspartner oder minderjähriges lediges Kind einer Person mit (Anspruch auf) § 25b Abs. 1",
        "Spouse/partner or minor unmarried child of a person holding (or entitled to) § 25b (1)",
    ),
    reads=("family",),
    evidence=("Heiratsurkunde", "Geburtsurkunde", "Meldebescheinigung (familiäre Lebensgemeinschaft)"),
    explain={
        "met": (
            "Bezugsperson erfüllt § 25b Abs. 1 (ab {met_from}).",
            "The reference person meets § 25b (1) (from {met_from}).",
        ),
        "not_met": (
            "Kein Ehegatte bzw. Elternteil im Fall, der § 25b Abs. 1 erfüllt.",
            "No spouse or parent in the case who meets § 25b (1).",
        ),
        "unknown": (
            "Ob der Ehegatte bzw. Elternteil § 25b Abs. 1 erfüllt, ist noch offen.",
            "Whether the spouse or parent meets § 25b (1) is still open.",
        ),
    },
)
def reference_person(p: Params) -> Req:
    child_link = (
        pl.when(pl.col("minor").is_null())
        .then(None)
        .when(pl.col("minor") & pl.col("spouse_id").is_null())
        .then(pl.col("parent__aufenthg_25b"))
        .otherwise(False)
    )
    ok = k_or(pl.col("spouse__aufenthg_25b"), child_link)
    met_from = earliest(
        pl.when(pl.col("spouse__aufenthg_25b")).then(pl.col("spousefrom__aufenthg_25b")),
        pl.when(child_link.fill_null(False)).then(pl.col("parentfrom__aufenthg_25b")),
    )
    return Req(ok=ok, met_from=met_from, values={"met_from": met_from})


def _adult_nr2(p: Params) -> pl.Expr:
    return pl.col("as_of") >= pl.col("birth_date").dt.offset_by(
        pl.format("{}y", p.expr("aufenthg_25b_family.nr2_min_age"))
    )


@NORM.requirement(
    "fdgo_declaration",
    "§ 25b Abs. 4 i. V. m. Abs. 1 S. 2 Nr. 2 AufenthG",
    title=(
        "Bekenntnis zur freiheitlichen demokratischen Grundordnung",
        "Commitment to the free democratic basic order",
    ),
    reads=("fdgo_declaration",),
    actionable=True,
    evidence=("unterschriebene Bekenntniserklärung",),
    explain={
        "not_applicable": (
            "Bei Kindern unter 16 Jahren nicht verlangt (altersgerechte Prüfung).",
            "Not required of children under 16.",
        )
    },
)
def fdgo_declaration(p: Params) -> Req:
    return Req(ok=pl.col("fdgo_declaration"), applies=_adult_nr2(p).fill_null(True))


@NORM.requirement(
    "civics",
    "§ 25b Abs. 4 i. V. m. Abs. 1 S. 2 Nr. 2 AufenthG",
    title=(
        "Grundkenntnisse der Rechts- und Gesellschaftsordnung",
        "Basic knowledge of the legal and social order",
    ),
    reads=("civics_test", "qualifications"),
    actionable=True,
    evidence=("Zertifikat 'Leben in Deutschland'", "Einbürgerungstest", "deutscher Schulabschluss"),
    explain={
        "not_applicable": (
            "Bei Kindern unter 16 Jahren nicht verlangt (altersgerechte Prüfung).",
            "Not required of children under 16.",
        )
    },
)
def civics(p: Params) -> Req:
    ok, met_from = civics_proven()
    return Req(ok=ok, met_from=met_from, applies=_adult_nr2(p).fill_null(True))


NORM.adopt(base.NORM, "livelihood")


@NORM.requirement(
    "german_a2",
    "§ 25b Abs. 4 i. V. m. Abs. 1 S. 2 Nr. 4 AufenthG",
    title=(
        "Hinreichende mündliche Deutschkenntnisse (A2), bei Kindern altersgerecht",
        "Sufficient oral German (A2), age-appropriate for children",
    ),
    reads=("german", "schooling"),
    actionable=True,
    evidence=("A2-Zertifikat", "Schulzeugnis"),
    explain={
        "met": (
            "Deutschkenntnisse nachgewiesen (Zertifikat oder – bei Minderjährigen – Schulbesuch).",
            "German proven (certificate or, for minors, school attendance).",
        ),
        "not_met": ("A2 (mündlich) nicht nachgewiesen.", "Oral A2 not proven."),
        "waived": ("Entfällt wegen Krankheit, Behinderung oder Alter (§ 25b Abs. 3).", "Waived (§ 25b (3))."),
    },
)
def german_a2(p: Params) -> Req:
    ok, met_from = german_proven("A2", "oral")
    school_child = (pl.col("minor") & pl.col("school_now")).fill_null(False)
    return Req(
        ok=pl.when(school_child).then(TRUE).otherwise(ok),
        met_from=pl.when(school_child).then(pl.col("school_now_from")).otherwise(met_from),
        waived=base.abs3_waiver(p),
    )


NORM.adopt(
    base.NORM,
    "school_attendance",
    "obstruction",
    "ausweisungsinteresse",
    "identity",
    "ausweisungsinteresse_regel",
    "passport",
    "security",
    "entry_ban",
    "pending_proceedings",
    "titelsperre_10_3",
)
NORM.consequence_fn = base.consequence
