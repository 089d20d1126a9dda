"""The requirements § 60c (Ausbildungsduldung) and § 16g (AE zur Berufsausbildung) share word for word.

§ 16g Abs. 1–3 repeat § 60c Abs. 1–3 for a residence title; each builder registers one requirement on the
given norm with that norm's citations and dated parameters (``aufenthg_60c.*`` or ``aufenthg_16g.*``).

The training ``T`` is the latest training entry that is neither completed nor aborted. Route: § 60c/§ 16g
Abs. 1 S. 1 Nr. 1 (started as an asylum seeker, asylum rejected: continuation) or Nr. 2 (a Duldung holder
starts the training); Abs. 2 Nr. 2 and Nr. 5 and the issue window (Abs. 3 S. 2) apply to Nr. 2 only.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ..derive_work import DOCUMENTATION_OK, months_before
from ..norm import Norm, Req
from ..params import Params
from .common import chain_met, chain_ok
from .work_common import hint_mixed_fines, identity_parts, measures_ok

QUALIFIED_MIN_YEARS = "aufenthg_60c.qualified_training_min_years"  # § 2 Abs. 12a (legal definition)
NR1 = pl.col("route_nr1")


@dataclass(frozen=True)
class TrainingNorm:
    """How a training norm is cited and parameterised."""

    section: str  # "§ 60c" / "§ 16g"
    params: str  # "aufenthg_60c" / "aufenthg_16g"
    deadline: str  # identity deadline column suffix: "60c" / "16g"
    discretion: str  # "§ 60c Abs. 7" / "§ 16g Abs. 6"
    application: str  # pending application column, e.g. "app__aufenthg_60c"

    def cite(self, where: str) -> str:
        return f"{self.section} {where} AufenthG"


def identity_expr(tn: TrainingNorm) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    return identity_parts(f"id_deadline__{tn.deadline}")


def register(norm: Norm, tn: TrainingNorm) -> None:
    """Registers the shared requirements on ``norm`` in statutory order."""
    p_ = tn.params

    @norm.requirement(
        "status",
        tn.cite("Abs. 1 S. 1 Nr. 1, 2"),
        title=(
            "Asylbewerber mit begonnener Ausbildung (Nr. 1) oder Inhaber einer Duldung (Nr. 2)",
            "Asylum seeker who started the training (no. 1) or holder of a Duldung (no. 2)",
        ),
        reads=("statuses", "asylum", "training"),
        evidence=("Duldungsbescheinigung", "Aufenthaltsgestattung", "BAMF-Bescheid mit Rechtskraftvermerk"),
        explain={
            "met": (
                "Fortsetzung einer im Asylverfahren begonnenen Ausbildung (Nr. 1) oder Duldung vorhanden (Nr. 2); "
                "seit {met_from}.",
                "Continuation of a training begun during the asylum procedure (no. 1) or a Duldung held (no. 2); "
                "since {met_from}.",
            ),
            "not_met": (
                "Weder eine im Asylverfahren begonnene Ausbildung nach Ablehnung noch eine Duldung.",
                "Neither a training begun during the asylum procedure after rejection nor a Duldung.",
            ),
        },
    )
    def _status(p: Params) -> Req:
        # met_from: Nr. 2 – the start of the current Duldung ("im Besitz einer Duldung"); Nr. 1 – the rejection
        # of the asylum application ("nach Ablehnung des Asylantrags … fortsetzen"), never before it.
        since = (
            pl.when(NR1.fill_null(False))
            .then(pl.coalesce("asylum_decided_on", "asylum_final_on", "geduldet_start"))
            .when(pl.col("geduldet_now").fill_null(False))
            .then(pl.col("geduldet_start"))
        )
        return Req(ok=NR1 | pl.col("geduldet_now"), met_from=since, values={"met_from": since})

    @norm.requirement(
        "no_60b",
        tn.cite("Abs. 1 S. 1")
        + " i.V.m. § 60b Abs. 5 S. 2 AufenthG (training-employment-paths.md § 10.4 P1, § 8.6; § 105 Abs. 3)",
        title=(
            "Keine Duldung für Personen mit ungeklärter Identität (§ 60b) – absolutes Erwerbstätigkeitsverbot",
            "No Duldung for persons with unclarified identity (§ 60b) – absolute ban on gainful employment",
        ),
        reads=("statuses", "training"),
        actionable=True,
        evidence=("Duldungsbescheinigung (ohne Zusatz 'für Personen mit ungeklärter Identität')",),
        explain={
            "met": (
                "Keine § 60b-Duldung (oder rein schulische Ausbildung, die keine Erwerbstätigkeit ist).",
                "No § 60b Duldung (or a purely school-based training, which is no gainful employment).",
            ),
            "not_met": (
                "Duldung mit Zusatz 'für Personen mit ungeklärter Identität': die Erwerbstätigkeit – auch eine "
                "betriebliche Ausbildung – darf nicht erlaubt werden (§ 60b Abs. 5 S. 2). Zumutbare Handlungen "
                "nachholen (Heilung, § 60b Abs. 4) oder den Zusatz überprüfen lassen (review_60b; nach § 105 Abs. 3 "
                "findet § 60b auf Antragsteller, die die Voraussetzungen erfüllen, keine Anwendung).",
                "Duldung with the Zusatz 'for persons with unclarified identity': gainful employment – a company "
                "training included – must not be permitted (§ 60b (5) s. 2). Perform the reasonable acts (healing, "
                "§ 60b (4)) or have the Zusatz re-examined (review_60b; under § 105 (3) § 60b does not apply to "
                "applicants who meet the requirements).",
            ),
        },
    )
    def _no_60b(p: Params) -> Req:
        # School-based training is no employment (VG Bayreuth B 4 E 17.116), so the ban does not reach it.
        school = pl.when(pl.col("t_exists") == False).then(False).otherwise(pl.col("t_school"))  # noqa: E712
        return Req(ok=~pl.col("sixtyb_active") | school)

    @norm.requirement(
        "training_type",
        tn.cite("Abs. 1 S. 1 Nr. 1 lit. a") + " i.V.m. § 2 Abs. 12a AufenthG",
        title=(
            "Qualifizierte Berufsausbildung (mind. 2 Jahre) oder Assistenz-/Helferausbildung",
            "Qualified vocational training (at least 2 years) or an assistant/helper training",
        ),
        reads=("training",),
        actionable=True,
        evidence=("Ausbildungsvertrag", "Ausbildungsordnung (Regelausbildungsdauer)"),
        explain={
            "met": (
                "Staatlich anerkannte oder vergleichbar geregelte Ausbildung ({months} Monate geregelte Dauer).",
                "State-recognised or comparably regulated training ({months} months regulated duration).",
            ),
            "not_met": (
                "Keine Berufsausbildung im Sinne des § 2 Abs. 12a (Einstiegsqualifizierung/Berufsvorbereitung "
                "genügen nicht, VGH BW 11 S 2301/16) bzw. keine Ausbildung erfasst.",
                "No vocational training within § 2 (12a) (an entry qualification or pre-vocational measure is not "
                "enough, VGH BW 11 S 2301/16), or no training recorded.",
            ),
        },
    )
    def _training_type(p: Params) -> Req:
        min_months = p.expr(QUALIFIED_MIN_YEARS) * 12
        kind = pl.col("t_kind")
        ok = (
            pl.when(pl.col("t_exists").is_null())
            .then(None)
            .when(~pl.col("t_exists"))
            .then(False)
            .when(pl.col("t_measure").is_not_null())
            .then(False)
            .when(kind == "assistant")
            .then(True)
            .when(kind == "qualified")
            .then(pl.col("t_regulated") >= min_months)
        )
        return Req(ok=ok, values={"months": pl.col("t_regulated")})

    @norm.requirement(
        "helper_followup",
        tn.cite("Abs. 1 S. 1 Nr. 1 lit. b"),
        title=(
            "Bei Helferausbildung: unbedingte Ausbildungsplatzzusage für eine anschlussfähige Engpass-Ausbildung",
            "Helper training: unconditional commitment to a follow-on training in a shortage occupation",
        ),
        reads=("training",),
        actionable=True,
        evidence=("schriftliche, unbedingte Ausbildungsplatzzusage", "BA-Engpassanalyse (Anschlussberuf)"),
        explain={
            "met": ("Zusage vom {met_from} liegt vor.", "Commitment of {met_from} exists."),
            "not_met": (
                "Keine (oder nur eine bedingte) Ausbildungsplatzzusage für die anschließende qualifizierte "
                "Ausbildung in einem Engpassberuf (asyl.net M32816).",
                "No (or only a conditional) commitment to the follow-on qualified training in a shortage "
                "occupation (asyl.net M32816).",
            ),
            "not_applicable": ("Keine Helferausbildung.", "Not a helper training."),
        },
    )
    def _helper(p: Params) -> Req:
        return Req(
            ok=pl.col("t_followup") & ~pl.col("t_followup_cond"),
            met_from=pl.col("t_followup_on"),
            applies=pl.col("t_kind") == "assistant",
            values={"met_from": pl.col("t_followup_on")},
        )

    @norm.requirement(
        "lawful_start",
        tn.cite("Abs. 1 S. 1") + " (ungeschriebene Voraussetzung, asyl.net M32816)",
        title=(
            "Bereits begonnene betriebliche Ausbildung mit Beschäftigungserlaubnis aufgenommen",
            "A training already begun in a company was started with an employment permission",
        ),
        reads=("training",),
        evidence=("Beschäftigungserlaubnis (Nebenbestimmung) mit Datum vor Ausbildungsbeginn",),
        explain={
            "met": (
                "Noch nicht begonnen, schulisch oder mit Erlaubnis begonnen.",
                "Not begun yet, school-based or begun with a permission.",
            ),
            "not_met": (
                "Die Ausbildung wurde ohne die erforderliche Beschäftigungserlaubnis begonnen.",
                "The training was begun without the required employment permission.",
            ),
        },
    )
    def _lawful(p: Params) -> Req:
        return Req(ok=~pl.col("t_started") | pl.col("t_school") | pl.col("t_swp"))

    @norm.requirement(
        "documentation",
        tn.cite("Abs. 3 S. 3"),
        title=(
            "Eintragung beantragt/erfolgt bzw. Schulvertrag oder Zustimmung der Schule",
            "Registration applied for or made, or a school contract or the school's consent",
        ),
        reads=("training",),
        actionable=True,
        evidence=(
            "Antrag auf Eintragung bei IHK/HWK oder Eintragungsbestätigung",
            "Vertrag mit der Bildungseinrichtung",
            "Zustimmung der Schule",
        ),
        explain={
            "met": ("Nachweis seit {met_from}.", "Documented since {met_from}."),
            "not_met": (
                "Kein Nachweis des Ausbildungsverhältnisses – keine Duldung/Erlaubnis 'auf Vorrat'.",
                "The training relationship is not documented – no permit 'in advance'.",
            ),
        },
    )
    def _documentation(p: Params) -> Req:
        ok = pl.when(~pl.col("t_exists")).then(False).otherwise(pl.col("t_doc").is_in(DOCUMENTATION_OK))
        return Req(ok=ok, met_from=pl.col("t_doc_on"), values={"met_from": pl.col("t_doc_on")})

    @norm.requirement(
        "application_window",
        tn.cite("Abs. 3 S. 1"),
        title=(
            "Antrag frühestens 7 Monate vor Ausbildungsbeginn",
            "Application at the earliest 7 months before the training starts",
        ),
        reads=("training", "applications"),
        actionable=True,
        evidence=("Antrag mit Eingangsbestätigung",),
        explain={
            "met": (
                "Antrag möglich seit {met_from} (Beginn {start}).",
                "Application possible since {met_from} (start {start}).",
            ),
            "later": (
                "Antrag erst ab {met_from} möglich (Beginn {start}); schriftlich mit Eingangsbestätigung stellen.",
                "Application possible from {met_from} (start {start}); file in writing with proof of receipt.",
            ),
        },
    )
    def _window(p: Params) -> Req:
        opens = months_before(pl.col("t_from"), p, f"{p_}.application_months_before_start")
        return Req(
            ok=pl.col("t_exists"),
            met_from=opens,
            values={"met_from": opens, "start": pl.col("t_from")},
        )

    @norm.requirement(
        "issue_window",
        tn.cite("Abs. 3 S. 2"),
        title=(
            "Erteilung (Nr. 2) frühestens 6 Monate vor Ausbildungsbeginn",
            "Issue (no. 2) at the earliest 6 months before the training starts",
        ),
        reads=("training",),
        explain={
            "met": ("Erteilung möglich seit {met_from}.", "Can be issued since {met_from}."),
            "later": ("Erteilung frühestens am {met_from}.", "Can be issued on {met_from} at the earliest."),
            "not_applicable": (
                "Nur für Nr. 2 (Aufnahme als Geduldeter).",
                "Only for no. 2 (start as a Geduldeter).",
            ),
        },
    )
    def _issue(p: Params) -> Req:
        opens = months_before(pl.col("t_from"), p, f"{p_}.issue_months_before_start")
        return Req(ok=NR1 | pl.col("t_exists"), met_from=opens, applies=~NR1, values={"met_from": opens})

    @norm.requirement(
        "vorduldung",
        tn.cite("Abs. 2 Nr. 2"),
        title=(
            "Seit 3 Monaten im Besitz einer Duldung (ohne § 60b-Zeiten)",
            "Holding a Duldung for 3 months (§ 60b periods excluded)",
        ),
        reads=("statuses",),
        evidence=("Duldungsbescheinigungen (lückenlos)",),
        explain={
            "met": (
                "Duldung seit {start}; erfüllt am {met_from}.",
                "Duldung since {start}; met on {met_from}.",
            ),
            "later": (
                "Duldung seit {start}; erfüllt am {met_from}.",
                "Duldung since {start}; met on {met_from}.",
            ),
            "not_met": (
                "Keine andauernde Duldung (Gestattungs- und § 60b-Zeiten zählen nicht, § 60b Abs. 5 S. 1).",
                "No ongoing Duldung (Gestattung and § 60b periods do not count, § 60b (5) s. 1).",
            ),
            "not_applicable": ("Nur für Nr. 2.", "Only for no. 2."),
        },
    )
    def _vorduldung(p: Params) -> Req:
        met = chain_met(p, "duldung", f"{p_}.min_duldung_months")
        return Req(
            ok=NR1 | chain_ok("duldung"),
            met_from=met,
            applies=~NR1,
            values={"start": pl.col("duldung_start"), "met_from": met},
        )

    @norm.requirement(
        "identity",
        tn.cite("Abs. 2 Nr. 3") + f"; {tn.discretion} AufenthG",
        title=(
            "Identität fristgerecht geklärt (Frist nach Einreisedatum)",
            "Identity clarified in time (deadline by date of entry)",
        ),
        reads=("identity", "entry_date"),
        actionable=True,
        evidence=(
            "Pass oder Passersatz",
            "Nachweise über Mitwirkungshandlungen (Botschaftstermine, Gebührenquittungen, Schriftverkehr)",
        ),
        explain={
            "met": (
                "Identität geklärt am {met_from}; Frist {deadline} gewahrt (ggf. nach Hs. 2: alle zumutbaren "
                "Maßnahmen rechtzeitig ergriffen).",
                "Identity clarified on {met_from}; deadline {deadline} kept (possibly as deemed kept: all "
                "reasonable measures taken in time).",
            ),
            "not_met": (
                "Identität nicht bis {deadline} geklärt und die zumutbaren Maßnahmen nicht rechtzeitig ergriffen. "
                "Der Wortlaut des Ermessens (Abs. 7/Abs. 6) kennt keine Frist – anwaltlich geltend machen.",
                "Identity not clarified by {deadline} and the reasonable measures not taken in time. The wording "
                "of the discretion (para. 7/6) has no time limit – have counsel argue it.",
            ),
            "waivable": (
                f"Frist {{deadline}} verfehlt, aber alle zumutbaren Maßnahmen rechtzeitig ergriffen: Erteilung im "
                f"Ermessen ({tn.discretion}).",
                f"Deadline {{deadline}} missed, but all reasonable measures taken in time: discretion "
                f"({tn.discretion}).",
            ),
            "unknown": (
                "Nicht entscheidbar: Einreisedatum, Klärungsdatum oder Zeitpunkt der Mitwirkungshandlungen fehlen.",
                "Cannot be decided: entry date, clarification date or date of the identity measures missing.",
            ),
        },
    )
    def _identity(p: Params) -> Req:
        ok, waivable, met = identity_expr(tn)
        return Req(
            ok=ok,
            met_from=met,
            waivable=waivable,
            values={"deadline": pl.col(f"id_deadline__{tn.deadline}"), "met_from": met},
        )

    @norm.requirement(
        "no_ban",
        tn.cite("Abs. 2 Nr. 1") + " i.V.m. § 60a Abs. 6 AufenthG",
        title=(
            "Kein Beschäftigungsverbot nach § 60a Abs. 6 (Leistungsbezug, eigenes Verschulden, sicherer Herkunftsstaat)",
            "No employment ban under § 60a (6) (benefits, own fault, safe country of origin)",
        ),
        reads=("nationality", "asylum", "identity_conduct", "statuses", "entry_for_benefits_established"),
        exclusion=True,
        evidence=("BAMF-Bescheid (Antragsdatum)", "Staatsangehörigkeitsnachweis"),
        explain={
            "met": ("Kein Ausschlussgrund nach § 60a Abs. 6.", "No exclusion under § 60a (6)."),
            "not_met": (
                "Ein Beschäftigungsverbot nach § 60a Abs. 6 S. 1 liegt vor (siehe review_employment_ban).",
                "An employment ban under § 60a (6) s. 1 applies (see review_employment_ban).",
            ),
        },
    )
    def _no_ban(p: Params) -> Req:
        return Req(ok=~pl.col("ban_60a6"))

    @norm.requirement(
        "no_19d_6_7",
        tn.cite("Abs. 2 Nr. 4") + " i.V.m. § 19d Abs. 1 Nr. 6, 7 AufenthG",
        title=(
            "Keine Bezüge zu Extremismus, keine Verurteilung über 50/90 Tagessätze, keine Ausweisungsverfügung "
            "oder Abschiebungsanordnung nach § 58a",
            "No extremist links, no conviction above 50/90 daily rates, no expulsion order or § 58a order",
        ),
        reads=("security_concerns", "convictions", "expulsion_order"),
        exclusion=True,
        evidence=("BZR-Auskunft (durch die Behörde)",),
        explain={
            "met": ("Kein Ausschlussgrund nach Abs. 2 Nr. 4.", "No exclusion under para. 2 no. 4."),
            "not_met": (
                "Ausschlussgrund nach Abs. 2 Nr. 4 (Verurteilung, Extremismus oder Ausweisung). Geldstrafen bis "
                "50/90 Tagessätze bleiben nur 'grundsätzlich' außer Betracht – atypischer Fall prüfen.",
                "Exclusion under para. 2 no. 4 (conviction, extremism or expulsion). Fines up to 50/90 daily rates "
                "are disregarded only 'as a rule' – check for an atypical case.",
            ),
        },
    )
    def _no_19d(p: Params) -> Req:
        ok = (
            ~pl.col("security_concerns").fill_null(False)
            & pl.col("conv19_ok")
            & ~pl.col("expulsion_order")
            & ~pl.col("deportation_order_58a")
        )
        return Req(ok=ok)

    @norm.requirement(
        "no_removal_measures",
        tn.cite("Abs. 2 Nr. 5 lit. a–e"),
        title=(
            "Bei Antragstellung (Nr. 2) keine konkreten Maßnahmen zur Aufenthaltsbeendigung",
            "No concrete measures to end the stay when the application is filed (no. 2)",
        ),
        reads=("removal_measures", "applications"),
        actionable=True,
        exclusion=True,
        evidence=("Antrag mit Eingangsbestätigung (Datum entscheidend)",),
        explain={
            "met": (
                "Keine konkrete Maßnahme zum Zeitpunkt der Antragstellung (maßgeblich, asyl.net M29880).",
                "No concrete measure when the application was filed (decisive date, asyl.net M29880).",
            ),
            "not_met": (
                "Bei Antragstellung war eine konkrete Maßnahme zur Aufenthaltsbeendigung eingeleitet.",
                "A concrete measure to end the stay had been initiated when the application was filed.",
            ),
            "not_applicable": ("Nur für Nr. 2.", "Only for no. 2."),
        },
    )
    def _measures(p: Params) -> Req:
        return Req(ok=NR1 | measures_ok("60c", tn.application), applies=~NR1)


def consequence(norm_key: str, anspruch: str = "anspruch") -> pl.Expr:
    """Anspruch; "kann" where only the identity discretion (§ 60c Abs. 7 / § 16g Abs. 6) carries the path."""
    return (
        pl.when(pl.col(f"{norm_key}__identity__status") == "waivable")
        .then(pl.lit("kann"))
        .otherwise(pl.lit(anspruch))
    )


def hints(norm: Norm, tn: TrainingNorm) -> None:
    key = norm.key
    hint_mixed_fines(norm, "no_19d_6_7")

    @norm.hint(
        "preparatory_measure",
        "§ 60a Abs. 2 S. 3 AufenthG; VGH BW 11 S 2301/16; SMI-Erlass SN 15.12.2020",
        "Einstiegsqualifizierung oder Berufsvorbereitung ist keine Berufsausbildung. Möglich ist eine "
        "Ermessensduldung nach § 60a Abs. 2 S. 3 zur Vorbereitung der Ausbildung (Sachsen: Erlass vom 15.12.2020).",
        "An entry qualification or pre-vocational measure is no vocational training. A discretionary Duldung "
        "under § 60a (2) s. 3 to prepare the training is possible (Saxony: decree of 15.12.2020).",
    )
    def _hint_eq(p: Params) -> pl.Expr:
        return pl.col("t_measure").is_not_null()

    @norm.hint(
        "abuse",
        tn.cite("Abs. 1 S. 2"),
        "Nur bei offensichtlichem Missbrauch (z. B. Scheinvertrag) kann versagt werden – pauschale Ablehnungen "
        "angreifen.",
        "Refusal only for obvious abuse (e.g. a sham contract) – challenge generic refusals.",
    )
    def _hint_abuse(p: Params) -> pl.Expr:
        return pl.col(f"{key}__outcome").is_in(["eligible", "eligible_later"])

    @norm.hint(
        "identity_discretion",
        f"{tn.discretion} AufenthG",
        f"Identitätsfrist verfehlt: {tn.discretion} (Ermessen) verlangt nach dem Wortlaut keine Frist für die "
        "Mitwirkung – Mitwirkungsnachweise (Datum, Art) zusammenstellen und das Ermessen geltend machen "
        "(Initiativpflicht, VG München M 10 E 19.6205).",
        f"Identity deadline missed: by its wording {tn.discretion} (discretion) sets no deadline for the "
        "measures – compile the measures log and argue the discretion (duty to take the initiative, VG München "
        "M 10 E 19.6205).",
    )
    def _hint_identity(p: Params) -> pl.Expr:
        return pl.col(f"{key}__identity__status").is_in(["not_met", "waivable"])

    @norm.hint(
        "apply_early",
        tn.cite("Abs. 2 Nr. 5"),
        "Antrag früh und schriftlich mit Eingangsbestätigung stellen: Maßnahmen zur Aufenthaltsbeendigung, die "
        "nach dem Antrag eingeleitet werden, schließen nicht aus (maßgeblich ist der Antragszeitpunkt).",
        "Apply early, in writing, with proof of receipt: removal measures initiated after the application do not "
        "exclude (the application date decides).",
    )
    def _hint_early(p: Params) -> pl.Expr:
        return pl.col(f"app__{key}").is_null() & pl.col("t_exists").fill_null(False)

    @norm.hint(
        "sixtyb_alternative",
        "§ 60b Abs. 5 S. 1 AufenthG",
        "§ 60b-Zeiten zählen nicht als Duldungszeit (§ 60b Abs. 5 S. 1). Ob sie die Kette unterbrechen oder "
        "nur nicht angerechnet werden, ist ungeklärt (Parameter stay.sixtyb_period_effect) – anwaltlich prüfen.",
        "§ 60b periods do not count as Duldung (§ 60b (5) s. 1). Whether they break the chain or merely do not "
        "count is an open question (parameter stay.sixtyb_period_effect) – have counsel check.",
    )
    def _hint_60b(p: Params) -> pl.Expr:
        return pl.col("had_60b").fill_null(False) & (pl.col(f"{key}__vorduldung__status") != "met").fill_null(
            False
        )
