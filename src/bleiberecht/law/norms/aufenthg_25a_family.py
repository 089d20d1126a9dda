"""§ 25a Abs. 2, 3 AufenthG — parents, spouse and minor children of a § 25a Abs. 1 holder.

Parents (or the custodial parent) of a *minor* § 25a holder: "kann" (Abs. 2 S. 1) if deportation is not
prevented by their own deception or lack of cooperation (Nr. 1) and their livelihood is secured by work
(Nr. 2). Spouse: "soll" under the conditions of S. 1 (S. 3, VERIFY). Minor unmarried child: "soll" (S. 5).
Abs. 3: excluded after intentional offences (fines ≤ 50 / ≤ 90 Tagessätze disregarded).
Minor siblings (S. 2) derive from a parent's Abs. 2 title and are shown as a hint.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from ..calendar import earliest
from ..kleene import k_or
from ..norm import Norm, Req, Text
from ..params import Params
from . import general
from .common import fines_within_caps

NORM = Norm(
    key="aufenthg_25a_family",
    citation="§ 25a Abs. 2 AufenthG",
    title=Text(
        "Aufenthaltserlaubnis für Eltern, Ehegatten und Kinder von Begünstigten nach § 25a",
        "Residence permit for parents, spouses and children of § 25a beneficiaries",
    ),
    consequence="soll",
    in_force_from=date(2015, 8, 1),
    stage=2,
)

AS_CHILD = (pl.col("minor") & pl.col("spouse_id").is_null()).fill_null(False)
# "soll" links: spouse (S. 3) or minor unmarried child (S. 5) of the § 25a holder
SOLL_LINK = pl.col("spouse__aufenthg_25a").fill_null(False) | (
    AS_CHILD & pl.col("parent__aufenthg_25a").fill_null(False)
)
# "kann" links: parent of a minor holder (S. 1) or minor sibling (S. 2, via the parents' title)
AS_PARENT = pl.col("minorchild__aufenthg_25a").fill_null(False) & ~SOLL_LINK
AS_SIBLING = AS_CHILD & pl.col("minorsibling__aufenthg_25a").fill_null(False) & ~SOLL_LINK


@NORM.requirement(
    "reference_person",
    "§ 25a Abs. 2 S. 1, 2, 3, 5 AufenthG",
    title=(
        "Elternteil eines minderjährigen, Ehegatte oder minderjähriges lediges Kind eines § 25a-Begünstigten",
        "Parent of a minor, spouse, or minor unmarried child of a § 25a beneficiary",
    ),
    reads=("family",),
    evidence=("Geburtsurkunden", "Heiratsurkunde", "Sorgerechtsnachweis"),
    explain={
        "met": (
            "Bezugsperson erfüllt § 25a Abs. 1 (ab {met_from}).",
            "Reference person meets § 25a (1) (from {met_from}).",
        ),
        "not_met": (
            "Keine Bezugsperson mit § 25a Abs. 1 im Fall.",
            "No reference person with § 25a (1) in the case.",
        ),
    },
)
def reference_person(p: Params) -> Req:
    child_link = (
        pl.when(pl.col("minor").is_null())
        .then(None)
        .when(AS_CHILD)
        .then(pl.col("parent__aufenthg_25a"))
        .otherwise(False)
    )
    sibling_link = pl.when(AS_CHILD).then(pl.col("minorsibling__aufenthg_25a")).otherwise(False)
    ok = k_or(pl.col("minorchild__aufenthg_25a"), pl.col("spouse__aufenthg_25a"), child_link, sibling_link)
    met_from = earliest(
        pl.when(pl.col("minorchild__aufenthg_25a")).then(pl.col("minorchildfrom__aufenthg_25a")),
        pl.when(pl.col("spouse__aufenthg_25a")).then(pl.col("spousefrom__aufenthg_25a")),
        pl.when(child_link.fill_null(False)).then(pl.col("parentfrom__aufenthg_25a")),
        pl.when(sibling_link.fill_null(False)).then(pl.col("minorsiblingfrom__aufenthg_25a")),
    )
    # the reference child must still be a minor when the parent's title is granted (Abs. 2 S. 1)
    too_late = pl.col("minorchild__aufenthg_25a").fill_null(False) & (
        met_from > pl.col("minorchild_minor_until")
    )
    return Req(
        ok=pl.when(too_late.fill_null(False) & ~AS_CHILD).then(False).otherwise(ok),
        met_from=met_from,
        values={"met_from": met_from},
    )


@NORM.requirement(
    "no_obstruction",
    "§ 25a Abs. 2 S. 1 Nr. 1 AufenthG",
    title=(
        "Abschiebung nicht durch eigene Täuschung oder fehlende Mitwirkung verhindert oder verzögert",
        "Deportation not prevented by own deception or lack of cooperation",
    ),
    reads=("identity_conduct",),
    actionable=True,
    exclusion=True,
    explain={
        "not_applicable": ("Für minderjährige Kinder nicht verlangt.", "Not required of minor children.")
    },
)
def no_obstruction(p: Params) -> Req:
    return Req(ok=~pl.col("own_fault_now"), applies=~AS_CHILD)


@NORM.requirement(
    "livelihood_by_work",
    "§ 25a Abs. 2 S. 1 Nr. 2 AufenthG",
    title=(
        "Lebensunterhalt eigenständig durch Erwerbstätigkeit gesichert",
        "Livelihood independently secured by work",
    ),
    reads=("employment", "households"),
    actionable=True,
    evidence=("Arbeitsvertrag", "Lohnabrechnungen", "Bedarfsberechnung"),
    explain={
        "met": (
            "Erwerbseinkommen {earned} € deckt den Bedarf von {need} €.",
            "Earnings of {earned} € cover the need of {need} €.",
        ),
        "not_met": (
            "Erwerbseinkommen {earned} € deckt den Bedarf von {need} € nicht; dann kommt eine Duldung nach § 60a Abs. 2b in Betracht.",
            "Earnings of {earned} € do not cover the need of {need} €; a Duldung under § 60a (2b) applies instead.",
        ),
        "not_applicable": ("Für minderjährige Kinder nicht verlangt.", "Not required of minor children."),
    },
)
def livelihood_by_work(p: Params) -> Req:
    covered = pl.col("hh_earned") >= pl.col("hh_need")
    ok = (
        pl.when(pl.col("hh_earned_unknown").fill_null(True) & ~covered.fill_null(False))
        .then(None)
        .otherwise(covered)
    )
    # S. 2: a minor sibling derives from a parent who holds the S. 1 title, so the family's livelihood must be
    # secured by work (S. 1 Nr. 2) for the sibling too; the parent's own Nr. 1 and Abs. 3 are checked on the parent
    return Req(
        ok=ok,
        applies=~AS_CHILD | AS_SIBLING,
        values={"earned": pl.col("hh_earned"), "need": pl.col("hh_need")},
    )


@NORM.requirement(
    "no_conviction",
    "§ 25a Abs. 3 AufenthG",
    title=(
        "Keine Verurteilung wegen einer vorsätzlichen Straftat (Geldstrafen bis 50 bzw. 90 Tagessätze bleiben außer Betracht)",
        "No conviction for an intentional offence (fines up to 50 / 90 daily rates disregarded)",
    ),
    reads=("convictions",),
    exclusion=True,
    evidence=("Führungszeugnis / BZR-Auskunft",),
    explain={
        "not_met": (
            "Verurteilung wegen vorsätzlicher Straftat über den Grenzen des Abs. 3 (Geldstrafen {general} / {foreign} Tagessätze).",
            "Conviction for an intentional offence above the Abs. 3 limits (fines {general} / {foreign} daily rates).",
        ),
        "unknown": (
            "Offen: Tagessätze oder die Art einer Geldstrafe (nur von Ausländern begehbare Tat?) fehlen; je nach "
            "Art liegt sie innerhalb oder außerhalb der Grenzen des Abs. 3.",
            "Open: daily rates or the kind of a fine (foreigner-only offence?) missing.",
        ),
    },
)
def no_conviction(p: Params) -> Req:
    fines_ok = fines_within_caps(
        p, "aufenthg_25a_family.fines_general_max", "aufenthg_25a_family.fines_foreigner_only_max"
    )
    # no Jugendstrafrecht clause in Abs. 3 (unlike § 104c): juvenile measures are not disregarded
    other = pl.col("conv_intentional_custodial").fill_null(False) | pl.col("conv_youth_measures").fill_null(
        False
    )
    ok = pl.when(~pl.col("known__convictions")).then(None).when(other).then(False).otherwise(fines_ok)
    return Req(
        ok=ok,
        values={"general": pl.col("conv_fines_general"), "foreign": pl.col("conv_fines_foreigner_only")},
    )


general.humanitarian_gates(NORM, override_10_3="§ 25a Abs. 4 AufenthG")


def consequence(p: Params) -> pl.Expr:
    return pl.when(AS_PARENT | AS_SIBLING).then(pl.lit("kann")).otherwise(pl.lit("soll"))


NORM.consequence_fn = consequence


@NORM.hint(
    "duldung_60a_2b",
    "§ 60a Abs. 2b AufenthG",
    "Solange das Kind mit § 25a-Titel minderjährig ist, soll die Abschiebung der Eltern und minderjährigen "
    "Geschwister ausgesetzt werden (Duldung), auch wenn der Lebensunterhalt nicht gesichert ist.",
    "While the § 25a child is a minor, deportation of the parents and minor siblings shall be suspended.",
)
def _hint_2b(p: Params) -> pl.Expr:
    return AS_PARENT & (pl.col("aufenthg_25a_family__livelihood_by_work__status") != "met")


@NORM.hint(
    "sibling_via_parent",
    "§ 25a Abs. 2 S. 2 AufenthG",
    "Minderjährige Geschwister erhalten die Aufenthaltserlaubnis nur, wenn ein Elternteil, mit dem sie in "
    "familiärer Lebensgemeinschaft leben, eine Aufenthaltserlaubnis nach § 25a Abs. 2 S. 1 besitzt oder erhält "
    "(Ergebnis des Elternteils prüfen: Nr. 1 Mitwirkung, Abs. 3 Straftaten).",
    "Minor siblings get the permit only if a parent they live with holds or gets the § 25a (2) s. 1 permit "
    "(check the parent's result).",
)
def _hint_sibling(p: Params) -> pl.Expr:
    return AS_SIBLING
