"""§ 25b Abs. 6 AufenthG — Aufenthaltserlaubnis nach 30 Monaten Beschäftigungsduldung.

"Einem Ausländer, seinem Ehegatten oder seinem Lebenspartner …, die seit 30 Monaten im Besitz einer Duldung nach
§ 60d sind, soll eine Aufenthaltserlaubnis nach Absatz 1 abweichend von der in Absatz 1 Satz 2 Nummer 1 genannten
Frist erteilt werden, wenn die Voraussetzungen nach § 60d erfüllt sind und er über hinreichende mündliche
Deutschkenntnisse verfügt; bestand die Möglichkeit des Besuchs eines Integrationskurses, setzt die Erteilung
zudem voraus, dass die Ausländer … hinreichende schriftliche Kenntnisse der deutschen Sprache … verfügen."

Only the period of Abs. 1 S. 2 Nr. 1 is replaced; the remaining § 25b requirements that authorities apply (Nr. 2,
Abs. 2, § 5 Abs. 1 Nr. 1a/4, § 10 Abs. 3 S. 2 with the Abs. 5 S. 2 override, § 11) are adopted from the § 25b
module (open point O5); § 5 Abs. 1 Nr. 1 is waived (Abs. 1 S. 1), its place is taken by § 60d Abs. 1 Nr. 4, 5.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from ..norm import Norm, Req, Text
from ..params import Params
from . import aufenthg_25b
from . import aufenthg_60d as d60
from .work_common import TEXT, derived_60d, german_by_param, spouse_german_written

NORM = Norm(
    key="aufenthg_25b_after_60d",
    citation="§ 25b Abs. 6 AufenthG",
    title=Text(
        "Aufenthaltserlaubnis nach 30 Monaten Beschäftigungsduldung",
        "Residence permit after 30 months of Beschäftigungsduldung",
    ),
    consequence="soll",
    in_force_from=date(2020, 1, 1),
)
PREFIX = "§ 25b Abs. 6 i.V.m. "


@NORM.requirement(
    "months_in_60d",
    "§ 25b Abs. 6 AufenthG",
    title=(
        "Seit 30 Monaten im Besitz einer Beschäftigungsduldung (§ 60d)",
        "Holding a Beschäftigungsduldung (§ 60d) for 30 months",
    ),
    reads=("statuses",),
    evidence=("Beschäftigungsduldung (Duldungsbescheinigung mit Nebenbestimmung § 60d)",),
    explain={
        "met": (
            "Beschäftigungsduldung seit {start}; erfüllt am {met_from}.",
            "§ 60d Duldung since {start}; met on {met_from}.",
        ),
        "later": (
            "Beschäftigungsduldung seit {start}; 30 Monate am {met_from}.",
            "§ 60d Duldung since {start}; 30 months on {met_from}.",
        ),
        "not_met": (
            "Derzeit keine Beschäftigungsduldung (§ 60d) – zuerst § 60d prüfen.",
            "No current Beschäftigungsduldung (§ 60d) – check § 60d first.",
        ),
    },
)
def months_in_60d(p: Params) -> Req:
    met = p.fulfilled_after(pl.col("in60d_start"), "aufenthg_25b_after_60d.months_in_60d")
    return Req(ok=pl.col("holds_60d"), met_from=met, values={"start": pl.col("in60d_start"), "met_from": met})


d60.register_duldung(NORM, key="60d_duldung", prefix=PREFIX)
d60.register_employment(NORM, key="60d_employment", prefix=PREFIX)
d60.register_livelihood(NORM, prefix=PREFIX, keys=("60d_livelihood_12_months", "60d_livelihood_now"))
d60.register_convictions(NORM, key="60d_convictions", prefix=PREFIX)
d60.register_extremism(NORM, key="60d_no_extremism", prefix=PREFIX)
d60.register_expulsion(NORM, key="60d_no_expulsion", prefix=PREFIX)
d60.register_children(NORM, key="60d_children_school", prefix=PREFIX)
d60.register_integration(NORM, key="60d_integration_course", prefix=PREFIX)
d60.register_no_ban(NORM, key="60d_no_ban", prefix=PREFIX)


@NORM.requirement(
    "german_oral",
    "§ 25b Abs. 6 Hs. 1 AufenthG",
    title=("Hinreichende mündliche Deutschkenntnisse (A2)", "Sufficient oral German (A2)"),
    reads=("german",),
    actionable=True,
    evidence=("A2-Zertifikat (DTZ, telc, Goethe)",),
    explain={
        "met": TEXT,
        "later": TEXT,
        "not_met": ("Mündliches A2 nicht nachgewiesen.", "Oral A2 not proven."),
    },
)
def german_oral(p: Params) -> Req:
    """§ 25b Abs. 6 "und er über hinreichende mündliche Deutschkenntnisse verfügt": "er" is the Ausländer – for the spouse and
    the children it is met through the applicant (whose § 60d Nr. 6 oral A2 is part of what they derive)."""
    own_ok, own_from = german_by_param(p, "aufenthg_25b_after_60d.german_level_oral", "oral")
    ok, met, values = derived_60d(own_ok, own_from, ("Nachgewiesen seit {}.", "Proven since {}."), own_from)
    return Req(ok=ok, met_from=met, values={"met_from": met, **values})


@NORM.requirement(
    "german_written",
    "§ 25b Abs. 6 Hs. 2 AufenthG",
    title=(
        "Wenn ein Integrationskurs möglich war: hinreichende schriftliche Deutschkenntnisse (Ausländer oder Ehegatte)",
        "If an integration course was possible: sufficient written German (applicant or spouse)",
    ),
    reads=("german", "integration_course_possible", "family"),
    actionable=True,
    evidence=("A2-Zertifikat (schriftlich)",),
    explain={
        "met": (
            "Schriftliches A2 nachgewiesen (Antragsteller oder Ehegatte).",
            "Written A2 proven (applicant or spouse).",
        ),
        "not_met": (
            "Schriftliches A2 fehlt. Geduldete haben meist keinen Zugang zum Integrationskurs – dann entfällt die "
            "Voraussetzung ('bestand die Möglichkeit …'): integration_course_possible prüfen.",
            "Written A2 missing. Geduldete usually have no access to integration courses – then the requirement "
            "does not arise: check integration_course_possible.",
        ),
        "not_applicable": (
            "Ein Integrationskurs war nicht möglich: schriftliche Kenntnisse nicht erforderlich.",
            "No integration course was possible: written German not required.",
        ),
    },
)
def german_written(p: Params) -> Req:
    own, own_from = german_by_param(p, "aufenthg_25b_after_60d.german_level_written", "written")
    spouse, spouse_from = spouse_german_written(p, "aufenthg_25b_after_60d.german_level_written")
    spouse = pl.when(pl.col("sp_present").fill_null(False)).then(spouse).otherwise(pl.lit(False))
    possible = pl.col("integration_course_possible")
    met = pl.when(own.fill_null(False)).then(own_from).otherwise(spouse_from)
    return Req(
        ok=~possible | own | spouse,
        met_from=met,
        applies=possible.fill_null(True),
    )


NORM.adopt(
    aufenthg_25b.NORM,
    "fdgo_declaration",
    "civics",
    "obstruction",
    "ausweisungsinteresse",
    "identity",
    "passport",
    "security",
    "entry_ban",
    "pending_proceedings",
    "titelsperre_10_3",
)


d60.hint_family_member(
    NORM,
    keys=(
        "60d_duldung",
        "60d_employment",
        "60d_livelihood_12_months",
        "60d_livelihood_now",
        "60d_convictions",
        "60d_no_extremism",
        "60d_no_expulsion",
        "60d_children_school",
        "60d_integration_course",
        "60d_no_ban",
        "german_oral",
    ),
)


@NORM.hint(
    "other_25b_requirements",
    "§ 25b Abs. 1 S. 2 Nr. 2, Abs. 2 AufenthG",
    "Abs. 6 ersetzt nur die Voraufenthaltszeit; die Behörden prüfen auch Bekenntnis, Grundkenntnisse "
    "(Test 'Leben in Deutschland') und die Versagungsgründe des Abs. 2 (ungeklärt, ob zwingend). Die "
    "Aufenthaltserlaubnis gilt höchstens {years} Jahre je Erteilung (Abs. 5 S. 1).",
    "Para. 6 replaces only the period of stay; authorities also check the commitment, basic knowledge "
    "('Leben in Deutschland' test) and the refusal grounds of para. 2 (whether mandatory is open). The permit is "
    "granted for at most {years} years at a time (para. 5 s. 1).",
    values={"years": lambda p: p.expr("aufenthg_25b_after_60d.max_validity_years")},
)
def _hint_other(p: Params) -> pl.Expr:
    return pl.col("holds_60d").fill_null(False)


@NORM.hint(
    "renewal_60d",
    "§ 60d, § 25b Abs. 6 AufenthG",
    "Sind die Voraussetzungen nach 30 Monaten nicht erfüllt, regelt das Gesetz eine Verlängerung der "
    "Beschäftigungsduldung nicht (ungeklärt); § 25b Abs. 1 (6/4 Jahre), § 25a und § 19d prüfen.",
    "If the requirements are not met after 30 months, the statute does not regulate a renewal of the "
    "Beschäftigungsduldung (open); check § 25b (1) (6/4 years), § 25a and § 19d.",
)
def _hint_renewal(p: Params) -> pl.Expr:
    return pl.col("holds_60d").fill_null(False) & (
        pl.col("aufenthg_25b_after_60d__outcome") == "not_eligible"
    )
