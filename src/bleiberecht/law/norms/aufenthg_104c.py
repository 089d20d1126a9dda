"""§ 104c AufenthG (Fassung bis 30.12.2025) — Chancen-Aufenthaltsrecht.

"soll", abweichend von § 5 Abs. 1 Nr. 1, 1a und 4 sowie Abs. 2. Only evaluated for decision dates up to the
last day of the original version (parameter ``aufenthg_104c.last_day``); afterwards the transitional
version allows no new grants. Spec: residence-paths.md § 4.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from ..norm import Norm, Req, Text
from ..params import Params
from . import aufenthg_25b as b25
from . import general
from .common import fines_within_caps

NORM = Norm(
    key="aufenthg_104c",
    citation="§ 104c Abs. 1 AufenthG",
    title=Text("Chancen-Aufenthaltsrecht", "Opportunity residence permit (Chancen-Aufenthaltsrecht)"),
    consequence="soll",
    in_force_from=date(2022, 12, 31),
    in_force_until_param="aufenthg_104c.last_day",
)

NORM.adopt(b25.NORM, "geduldet")


@NORM.requirement(
    "stay_stichtag",
    "§ 104c Abs. 1 S. 1 AufenthG",
    title=(
        "Am 31.10.2022 seit 5 Jahren ununterbrochen geduldet, gestattet oder erlaubt (§ 60b-Zeiten zählen)",
        "On 31.10.2022, 5 years of uninterrupted tolerated, permitted or authorised stay (§ 60b periods count)",
    ),
    reads=("statuses",),
    evidence=("AZR-Auszug", "Duldungen/Gestattungen seit 2017"),
    explain={
        "met": ("Ununterbrochener Aufenthalt seit {start}.", "Uninterrupted stay since {start}."),
        "not_met": (
            "Am Stichtag keine 5 Jahre ununterbrochener Voraufenthalt (Beginn: {start}).",
            "No 5 years on the cut-off date (start: {start}).",
        ),
    },
)
def stay_stichtag(p: Params) -> Req:
    stichtag = pl.lit(p["aufenthg_104c.stichtag"].values[0].value)
    reached = p.fulfilled_after(pl.col("stay104c_start"), "aufenthg_104c.years")
    ok = pl.when(pl.col("known__statuses")).then((reached <= stichtag).fill_null(False))
    return Req(ok=ok, values={"start": pl.col("stay104c_start")})


@NORM.requirement(
    "fdgo_declaration",
    "§ 104c Abs. 1 S. 1 Nr. 1 AufenthG",
    title=(
        "Bekenntnis zur freiheitlichen demokratischen Grundordnung",
        "Commitment to the free democratic basic order",
    ),
    reads=("fdgo_declaration",),
    actionable=True,
    evidence=("unterschriebene Bekenntniserklärung",),
)
def fdgo_declaration(p: Params) -> Req:
    return Req(ok=pl.col("fdgo_declaration"))


@NORM.requirement(
    "no_conviction",
    "§ 104c Abs. 1 S. 1 Nr. 2 AufenthG",
    title=(
        "Keine Verurteilung wegen vorsätzlicher Straftat (Geldstrafen bis 50/90 Tagessätze und Jugendstrafrecht ohne Jugendstrafe bleiben außer Betracht)",
        "No conviction for an intentional offence (small fines and juvenile measures disregarded)",
    ),
    reads=("convictions",),
    exclusion=True,
    evidence=("Führungszeugnis / BZR-Auskunft",),
    explain={
        "met": (
            "Keine Verurteilung über den Grenzen (Geldstrafen bis 50 bzw. 90 Tagessätze, Jugendstrafrecht ohne "
            "Jugendstrafe bleiben außer Betracht).",
            "No conviction beyond the limits (fines up to 50 / 90 daily rates and juvenile measures disregarded).",
        ),
        "not_met": (
            "Verurteilung zu einer Freiheits- oder Jugendstrafe oder Geldstrafen über 50 (allgemein) bzw. 90 "
            "(nur von Ausländern begehbare Taten) Tagessätzen.",
            "Custodial sentence, or fines above 50 (general) / 90 (foreigner-only offences) daily rates.",
        ),
        "unknown": (
            "Offen: Tagessätze oder die Art einer Geldstrafe (nur von Ausländern begehbare Tat nach AufenthG/AsylG?) "
            "fehlen; je nach Art liegt sie innerhalb oder außerhalb der Grenzen.",
            "Open: daily rates or the kind of a fine (foreigner-only offence?) missing; depending on it the fine "
            "is within or beyond the limits.",
        ),
    },
)
def no_conviction(p: Params) -> Req:
    fines_ok = fines_within_caps(
        p, "aufenthg_104c.fines_general_max", "aufenthg_104c.fines_foreigner_only_max"
    )
    # Jugendstrafrecht without Jugendstrafe (youth_measures) is disregarded; any intentional custodial sentence bars
    custodial = pl.col("conv_intentional_custodial").fill_null(False)
    ok = pl.when(~pl.col("known__convictions")).then(None).when(custodial).then(False).otherwise(fines_ok)
    return Req(ok=ok)


@NORM.requirement(
    "deception",
    "§ 104c Abs. 1 S. 2 AufenthG",
    title=(
        "Abschiebung nicht durch wiederholte vorsätzliche Täuschung verhindert",
        "Deportation not prevented by repeated intentional deception",
    ),
    reads=("identity_conduct",),
    actionable=True,
    exclusion=True,
)
def deception(p: Params) -> Req:
    return Req(ok=~pl.col("deception_now"))


general.humanitarian_gates(
    NORM,
    override_10_3="§ 104c Abs. 3 S. 1 AufenthG",
    identity_passport_waived_by="§ 104c Abs. 1 S. 1 AufenthG",
)
