"""Shared gates used by several norms: § 5 (general requirements), § 10 Abs. 3, § 11, § 79 Abs. 2.

Each builder registers the requirement on a norm with that norm's statutory waivers:
- humanitarian titles (Abschnitt 5): § 5 Abs. 1 and 2 may be waived at discretion (§ 5 Abs. 3 S. 2) -> the
  requirement is ``waivable``: it does not block, but the path's consequence becomes "kann";
- norm-specific overrides (e.g. § 104c waives identity and passport) are passed in by the norm.
"""

from __future__ import annotations

import polars as pl

from ..kleene import TRUE
from ..norm import Norm, Req
from ..params import Params

WAIVER_5_3 = "§ 5 Abs. 3 S. 2 AufenthG"


def identity(norm: Norm, *, waived_by_statute: str | None = None) -> None:
    @norm.requirement(
        "identity",
        "§ 5 Abs. 1 Nr. 1a AufenthG",
        title=("Identität und Staatsangehörigkeit geklärt", "Identity and nationality clarified"),
        reads=("identity",),
        actionable=True,
        evidence=("Pass oder Passersatz", "amtliche Dokumente (Stufenmodell BVerwG 1 C 36.19)"),
        explain={
            "met": ("Identität ist geklärt.", "Identity is clarified."),
            "not_met": ("Identität ist nicht geklärt.", "Identity is not clarified."),
            "waivable": (
                "Identität nicht (nachweislich) geklärt; die Ausländerbehörde kann nach § 5 Abs. 3 S. 2 davon absehen.",
                "Identity not (shown to be) clarified; the authority may waive it under § 5 Abs. 3 S. 2.",
            ),
            "not_applicable": (
                f"Gesetzlich abbedungen ({waived_by_statute}).",
                f"Waived by statute ({waived_by_statute}).",
            ),
        },
    )
    def _identity(p: Params) -> Req:
        return Req(
            ok=pl.col("identity_clarified"),
            met_from=pl.col("identity_clarified_on"),
            applies=pl.lit(waived_by_statute is None),
            waivable=TRUE,
        )


def passport(norm: Norm, *, waived_by_statute: str | None = None) -> None:
    @norm.requirement(
        "passport",
        "§ 5 Abs. 1 Nr. 4 AufenthG",
        title=("Passpflicht erfüllt (§ 3)", "Passport requirement met (§ 3)"),
        reads=("identity",),
        actionable=True,
        evidence=("gültiger Nationalpass oder Passersatz",),
        explain={
            "met": ("Ein gültiger Pass liegt vor.", "A valid passport is available."),
            "waivable": (
                "Kein gültiger Pass nachgewiesen; Absehen nach § 5 Abs. 3 S. 2 möglich (Ermessen).",
                "No valid passport shown; the authority may waive it under § 5 Abs. 3 S. 2 (discretion).",
            ),
            "not_applicable": (
                f"Gesetzlich abbedungen ({waived_by_statute}).",
                f"Waived by statute ({waived_by_statute}).",
            ),
        },
    )
    def _passport(p: Params) -> Req:
        return Req(ok=pl.col("passport_valid_now"), applies=pl.lit(waived_by_statute is None), waivable=TRUE)


def ausweisungsinteresse(norm: Norm) -> None:
    @norm.requirement(
        "ausweisungsinteresse_regel",
        "§ 5 Abs. 1 Nr. 2 AufenthG",
        title=("Kein Ausweisungsinteresse", "No interest in expulsion"),
        reads=("convictions",),
        evidence=("Führungszeugnis / BZR-Auskunft",),
        explain={
            "met": ("Keine verwertbaren Verurteilungen.", "No usable convictions."),
            "waivable": (
                "Es liegen {conv_count} Verurteilung(en) vor; ein Ausweisungsinteresse kann bestehen. "
                "Atypischer Fall oder Absehen nach § 5 Abs. 3 S. 2 möglich.",
                "There are {conv_count} conviction(s); an interest in expulsion may exist. Atypical case or "
                "waiver under § 5 Abs. 3 S. 2 possible.",
            ),
        },
    )
    def _ausweisungsinteresse(p: Params) -> Req:
        return Req(
            ok=pl.when(pl.col("known__convictions")).then(pl.col("conv_count").fill_null(0) == 0),
            waivable=pl.when(pl.col("known__convictions")).then(TRUE),
            values={"conv_count": pl.col("conv_count").fill_null(0)},
        )


def security(norm: Norm) -> None:
    @norm.requirement(
        "security",
        "§ 5 Abs. 4 AufenthG",
        title=(
            "Keine Sicherheitsbedenken (§ 54 Abs. 1 Nr. 2, 4)",
            "No security concerns (§ 54 (1) no. 2, 4)",
        ),
        reads=("security_concerns",),
        exclusion=True,
        explain={
            "met": (
                "Keine Anhaltspunkte nach § 54 Abs. 1 Nr. 2 oder 4 erfasst (die Behörde trägt die Darlegungslast).",
                "No indications under § 54 (1) no. 2 or 4 recorded (the authority bears the burden).",
            ),
            "not_met": (
                "Sicherheitsbedenken erfasst: zwingende Versagung (§ 5 Abs. 4).",
                "Security concerns recorded: mandatory refusal (§ 5 (4)).",
            ),
        },
    )
    def _security(p: Params) -> Req:
        # Negative condition with the burden on the authority: without recorded indications it is met.
        return Req(ok=~pl.col("security_concerns").fill_null(False))


def entry_ban(norm: Norm, *, lifting_citation: str = "§ 11 Abs. 4 S. 2 AufenthG") -> None:
    @norm.requirement(
        "entry_ban",
        "§ 11 Abs. 1 AufenthG",
        title=("Kein wirksames Einreise- und Aufenthaltsverbot", "No effective entry and residence ban"),
        reads=("entry_ban_active", "statuses"),
        actionable=True,
        exclusion=True,
        evidence=("Bescheid zum Einreise- und Aufenthaltsverbot",),
        explain={
            "met": ("Kein wirksames Einreise- und Aufenthaltsverbot.", "No effective entry ban."),
            "not_met": (
                f"Ein Einreise- und Aufenthaltsverbot ist wirksam; Aufhebung beantragen ({lifting_citation}: "
                "soll aufgehoben werden, wenn die Voraussetzungen eines Titels nach Abschnitt 5 vorliegen).",
                f"An entry ban is in effect; apply for lifting ({lifting_citation}).",
            ),
        },
    )
    def _entry_ban(p: Params) -> Req:
        return Req(ok=~pl.col("entry_ban_active"))


def pending_proceedings(norm: Norm) -> None:
    @norm.requirement(
        "pending_proceedings",
        "§ 79 Abs. 2 AufenthG",
        title=("Kein laufendes Straf- oder Ermittlungsverfahren", "No pending criminal proceedings"),
        reads=("pending_criminal_proceedings",),
        exclusion=True,
        explain={
            "met": ("Kein laufendes Verfahren.", "No pending proceedings."),
            "not_met": (
                "Ein Straf- oder Ermittlungsverfahren läuft: die Entscheidung wird ausgesetzt (§ 79 Abs. 2). "
                "Fristen laufen weiter – Antrag trotzdem stellen.",
                "Criminal proceedings are pending: the decision is suspended (§ 79 (2)). Deadlines keep "
                "running – file the application anyway.",
            ),
        },
    )
    def _pending(p: Params) -> Req:
        return Req(ok=~pl.col("pending_criminal_proceedings"))


def titelsperre(norm: Norm, *, override: str | None) -> None:
    """§ 10 Abs. 3 S. 2: after an "offensichtlich unbegründet" rejection on a qualified ground, no title."""

    @norm.requirement(
        "titelsperre_10_3",
        "§ 10 Abs. 3 S. 2 AufenthG",
        title=(
            "Keine Titelerteilungssperre nach qualifizierter o.u.-Ablehnung",
            "No title block after a qualified 'manifestly unfounded' rejection",
        ),
        reads=("asylum",),
        exclusion=True,
        evidence=("BAMF-Bescheid (Rechtsgrundlage der Ablehnung)",),
        explain={
            "met": (
                "Keine Sperre nach § 10 Abs. 3 S. 2.{ban_note}",
                "No block under § 10 (3) s. 2.{ban_note_en}",
            ),
            "not_met": (
                "Asylantrag als offensichtlich unbegründet nach § 30 Abs. 1 Nr. 3–7 AsylG (bzw. § 30 Abs. 3 "
                "Nr. 1–6 a. F.) abgelehnt: vor der Ausreise kein Titel (keine Ausnahme für diesen Weg).{geas_note}",
                "Asylum rejected as manifestly unfounded on a qualified ground: no title before departure "
                "(no override for this path).{geas_note_en}",
            ),
            "waivable": (
                f"Qualifizierte o.u.-Ablehnung; Erteilung abweichend von § 10 Abs. 3 S. 2 möglich ({override})."
                "{geas_note}",
                f"Qualified rejection; the title may be granted notwithstanding § 10 (3) s. 2 ({override})."
                "{geas_note_en}",
            ),
        },
    )
    def _sperre(p: Params) -> Req:
        never = pl.col("asylum_outcome").is_null() & pl.col("asylum_applied_on").is_null()
        qualified = pl.col("asylum_outcome") == "rejected_manifestly_unfounded_qualified"
        # S. 3 Hs. 2: S. 2 does not apply if the requirements of § 25 Abs. 3 are met — a national deportation
        # ban (§ 60 Abs. 5 or 7) found by the BAMF (spec § 8.2, table S. 3)
        ban = pl.col("deportation_ban").is_in(["60_5", "60_7_health", "60_7_other"]).fill_null(False)
        ok = pl.when(never).then(None).when(qualified & ban).then(TRUE).otherwise(~qualified)
        lifted = (qualified & ban).fill_null(False)
        geas = (
            qualified
            & (pl.coalesce("asylum_decided_on", "asylum_final_on") >= p.expr("aufenthg_10_3.geas_from"))
        ).fill_null(False)
        return Req(
            ok=ok,
            waivable=pl.lit(override is not None),
            values={
                "ban_note": pl.when(lifted)
                .then(
                    pl.lit(
                        " Die o.u.-Ablehnung sperrt nicht, weil ein Abschiebungsverbot nach § 60 Abs. 5/7 festgestellt "
                        "ist (§ 10 Abs. 3 S. 3 Hs. 2 i. V. m. § 25 Abs. 3; Ausschlussgründe des § 25 Abs. 3 S. 2 prüfen)."
                    )
                )
                .otherwise(pl.lit("")),
                "ban_note_en": pl.when(lifted)
                .then(
                    pl.lit(
                        " The qualified rejection does not block because a national deportation ban (§ 60 (5)/(7)) was "
                        "found (§ 10 (3) s. 3, § 25 (3); check the exclusions of § 25 (3) s. 2)."
                    )
                )
                .otherwise(pl.lit("")),
                "geas_note": pl.when(geas)
                .then(
                    pl.lit(
                        " Ablehnung nach Geltungsbeginn des GEAS (12.06.2026): ob der neue Ablehnungsgrund § 10 Abs. 3 "
                        "S. 2 auslöst, ist ungeprüft – anwaltlich prüfen."
                    )
                )
                .otherwise(pl.lit("")),
                "geas_note_en": pl.when(geas)
                .then(
                    pl.lit(
                        " Rejection after the CEAS reform applies (12.06.2026): whether the new ground triggers § 10 (3) "
                        "s. 2 is unverified – legal review."
                    )
                )
                .otherwise(pl.lit("")),
            },
        )


def humanitarian_gates(
    norm: Norm,
    *,
    override_10_3: str | None,
    identity_passport_waived_by: str | None = None,
    include_identity: bool = True,
) -> None:
    """The usual set for an Abschnitt-5 title."""
    if include_identity:
        identity(norm, waived_by_statute=identity_passport_waived_by)
    passport(norm, waived_by_statute=identity_passport_waived_by)
    security(norm)
    entry_ban(norm)
    pending_proceedings(norm)
    titelsperre(norm, override=override_10_3)
