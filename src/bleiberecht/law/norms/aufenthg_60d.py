"""§ 60d AufenthG — Beschäftigungsduldung (in force 01.01.2020; made permanent 23.12.2023; reformed 27.02.2024).

Abs. 1: "ist in der Regel eine Duldung … für 30 Monate zu erteilen" → Regelanspruch (``soll``); Abs. 4: discretion
("kann") despite a missed identity deadline. Nr. 1, 7, 8 and 11 and the entry cut-off apply to the applicant AND
the spouse or registered partner; Nr. 10 to the minor children. All dated values (cut-off, months, hours) come
from ``employment.yaml`` in the version in force on ``as_of``. The requirement builders are reused by § 25b Abs. 6
("wenn die Voraussetzungen nach § 60d erfüllt sind"). Spec: training-employment-paths.md § 6.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from ..calendar import latest
from ..norm import Norm, Req, Text
from ..params import Params
from . import work_common as wc
from .work_common import AS_OF, TEXT, derived_60d

NORM = Norm(
    key="aufenthg_60d",
    citation="§ 60d AufenthG",
    title=Text("Beschäftigungsduldung", "Duldung for employed persons (Beschäftigungsduldung)"),
    consequence="soll",
    in_force_from=date(2020, 1, 1),
)


def _cite(where: str, prefix: str) -> str:
    return f"{prefix}§ 60d {where} AufenthG"


def register_entry(norm: Norm, key: str = "entry_cutoff", prefix: str = "") -> None:
    @norm.requirement(
        key,
        _cite("Abs. 1 (Einleitungssatz)", prefix),
        title=(
            "Einreise bis zum Stichtag (Ausländer und Ehegatte/Lebenspartner)",
            "Entry by the cut-off date (applicant and spouse/partner)",
        ),
        reads=("entry_date", "family"),
        evidence=("BAMF-Ankunftsnachweis", "EASY-Registrierung", "Nachweis des Grenzübertritts"),
        explain={
            "met": TEXT,
            "not_met": (
                "Einreise ({entry}) bzw. Einreise des Ehegatten nach dem Stichtag {cutoff}: § 60d ist nicht "
                "erreichbar (Alternativen: Beschäftigungserlaubnis § 60a Abs. 5b, § 25b, § 25a, § 60c/§ 16g).",
                "Entry ({entry}) or the spouse's entry after the cut-off {cutoff}: § 60d is out of reach "
                "(alternatives: employment permission § 60a (5b), § 25b, § 25a, § 60c/§ 16g).",
            ),
        },
    )
    def _entry(p: Params) -> Req:
        cutoff = p.expr("aufenthg_60d.entry_cutoff")
        ok, _, values = derived_60d(
            wc.entry_own(p),
            pl.lit(None, dtype=pl.Date),
            ("Einreise am {}, Stichtag {}.", "Entry on {}, cut-off {}."),
            pl.col("entry_date"),
            cutoff,
            kind="family",
        )
        return Req(ok=ok, values={"entry": pl.col("entry_date"), "cutoff": cutoff, **values})


def register_identity(norm: Norm, key: str = "identity", prefix: str = "") -> None:
    @norm.requirement(
        key,
        _cite("Abs. 1 Nr. 1, Abs. 4", prefix),
        title=(
            "Identität fristgerecht geklärt (Ausländer und Ehegatte/Lebenspartner)",
            "Identity clarified in time (applicant and spouse/partner)",
        ),
        reads=("identity", "entry_date", "family"),
        actionable=True,
        evidence=("Pass oder Passersatz", "Nachweise über Mitwirkungshandlungen mit Datum"),
        explain={
            "met": TEXT,
            "not_met": (
                "Identität nicht bis {deadline} geklärt und die zumutbaren Maßnahmen nicht rechtzeitig ergriffen "
                "(für Einreisen 2017–2022 lief die Frist am 31.12.2024 ab). Der Wortlaut von Abs. 4 kennt keine "
                "Frist – anwaltlich geltend machen.",
                "Identity not clarified by {deadline} and the reasonable measures not taken in time. The wording of "
                "para. 4 sets no deadline – have counsel argue it.",
            ),
            "waivable": (
                "Frist {deadline} verfehlt, aber alle zumutbaren Maßnahmen rechtzeitig ergriffen: Ermessen nach "
                "§ 60d Abs. 4.",
                "Deadline {deadline} missed, but all reasonable measures taken in time: discretion under "
                "§ 60d (4).",
            ),
        },
    )
    def _identity(p: Params) -> Req:
        own_ok, own_w, own_from = wc.identity_own(p)
        deadline = pl.col("id_deadline__60d")
        ok, met, values = derived_60d(
            own_ok,
            own_from,
            (
                "Identität geklärt (spätestens am {}); Frist {} gewahrt.",
                "Identity clarified (at the latest on {}); deadline {} kept.",
            ),
            own_from,
            deadline,
            kind="family",
            waivable_parent=False,
        )
        # a parent whose identity is only waivable (Abs. 4) carries the child's requirement as waivable
        return Req(
            ok=ok,
            met_from=met,
            waivable=own_w | pl.col("fam60d_par_w"),
            values={"deadline": deadline, "met_from": met, **values},
        )


def register_duldung(norm: Norm, key: str = "duldung_12_months", prefix: str = "") -> None:
    @norm.requirement(
        key,
        _cite("Abs. 1 Nr. 2", prefix),
        title=(
            "Seit 12 Monaten im Besitz einer Duldung (ohne § 60b-Zeiten)",
            "Holding a Duldung for 12 months (§ 60b periods excluded)",
        ),
        reads=("statuses",),
        evidence=("Duldungsbescheinigungen",),
        explain={
            "met": TEXT,
            "later": TEXT,
            "not_met": (
                "Keine andauernde Duldung (Gestattungs- und § 60b-Zeiten zählen nicht, § 60b Abs. 5 S. 1).",
                "No ongoing Duldung (Gestattung and § 60b periods do not count, § 60b (5) s. 1).",
            ),
        },
    )
    def _duldung(p: Params) -> Req:
        own_ok, own_from = wc.duldung_own(p)
        start = pl.col("duldung_start")
        ok, met, values = derived_60d(
            own_ok,
            own_from,
            ("Duldung seit {}; erfüllt am {}.", "Duldung since {}; met on {}."),
            start,
            own_from,
        )
        return Req(ok=ok, met_from=met, values={"start": start, "met_from": met, **values})


def employment_parts(p: Params) -> tuple[pl.Expr, pl.Expr]:
    """Nr. 3 on the person's own facts (the § 60b review asks for the person's own employment)."""
    return wc.employment_own(p)


def register_employment(norm: Norm, key: str = "employment_12_months", prefix: str = "") -> None:
    @norm.requirement(
        key,
        _cite("Abs. 1 Nr. 3, Abs. 3 S. 2", prefix),
        title=(
            "Seit 12 Monaten sozialversicherungspflichtig beschäftigt mit mindestens 20 Wochenstunden",
            "Employed subject to social insurance for 12 months with at least 20 hours a week",
        ),
        reads=("employment", "employment_interruptions", "households"),
        actionable=True,
        evidence=("Arbeitsverträge", "Lohnabrechnungen", "Versicherungsverlauf/SV-Meldungen"),
        explain={
            "met": TEXT,
            "later": TEXT,
            "not_met": (
                "Keine andauernde sozialversicherungspflichtige Beschäftigung mit der Mindeststundenzahl "
                "(Minijobs zählen nicht; mehrere Arbeitgeber werden zusammengerechnet; unter einem "
                "Beschäftigungsverbot ist keine erlaubte Beschäftigung möglich).",
                "No ongoing employment subject to social insurance with the minimum hours (mini-jobs do not count; "
                "employers are combined; under an employment ban no lawful employment is possible).",
            ),
        },
    )
    def _employment(p: Params) -> Req:
        own_ok, own_from = wc.employment_own(p)
        ok, met, values = derived_60d(
            own_ok,
            own_from,
            (
                "Beschäftigung erfüllt die Mindestdauer ab {}.",
                "The employment meets the minimum duration from {}.",
            ),
            own_from,
        )
        return Req(ok=ok, met_from=met, values={"met_from": met, **values})


def register_livelihood(
    norm: Norm, prefix: str = "", keys: tuple[str, str] = ("livelihood_12_months", "livelihood_now")
) -> None:
    @norm.requirement(
        keys[0],
        _cite("Abs. 1 Nr. 4", prefix),
        title=(
            "Lebensunterhalt in den 12 Monaten vor Antragstellung durch die Beschäftigung gesichert",
            "Livelihood secured by the employment in the 12 months before the application",
        ),
        reads=("own_livelihood_secured", "employment_interruptions"),
        actionable=True,
        evidence=(
            "Lohnabrechnungen der letzten 12 Monate",
            "Kontoauszüge",
            "Negativbescheinigung Jobcenter/Sozialamt",
        ),
        explain={
            "met": TEXT,
            "later": TEXT,
            "not_met": (
                "Der eigene Lebensunterhalt ist derzeit nicht durch die Beschäftigung gesichert.",
                "The own livelihood is currently not secured by the employment.",
            ),
        },
    )
    def _past(p: Params) -> Req:
        own_ok, own_from = wc.livelihood_past_own(p)
        ok, met, values = derived_60d(own_ok, own_from, ("Erfüllt ab {}.", "Met from {}."), own_from)
        return Req(ok=ok, met_from=met, values={"met_from": met, **values})

    @norm.requirement(
        keys[1],
        _cite("Abs. 1 Nr. 5", prefix),
        title=(
            "Lebensunterhalt derzeit durch die Beschäftigung gesichert",
            "Livelihood currently secured by the employment",
        ),
        reads=("own_livelihood_secured",),
        actionable=True,
        evidence=("aktueller Arbeitsvertrag", "aktuelle Lohnabrechnung"),
        explain={
            "met": TEXT,
            "later": TEXT,
            "not_met": (
                "Der eigene Lebensunterhalt ist derzeit nicht durch die Beschäftigung gesichert.",
                "The own livelihood is currently not secured by the employment.",
            ),
        },
    )
    def _now(p: Params) -> Req:
        own_ok, own_from = wc.livelihood_now_own(p)
        ok, met, values = derived_60d(own_ok, own_from, ("Erfüllt.", "Met."))
        return Req(ok=ok, met_from=met, values=values)


def register_german(norm: Norm, key: str = "german_a2_oral", prefix: str = "") -> None:
    @norm.requirement(
        key,
        _cite("Abs. 1 Nr. 6", prefix),
        title=("Hinreichende mündliche Deutschkenntnisse (A2)", "Sufficient oral German (A2)"),
        reads=("german",),
        actionable=True,
        evidence=("A2-Zertifikat (DTZ, telc, Goethe)", "Gesprächsvermerk der Behörde"),
        explain={
            "met": TEXT,
            "later": TEXT,
            "not_met": ("Mündliches A2 nicht nachgewiesen.", "Oral A2 not proven."),
            "unknown": (
                "Kein beweiskräftiger Nachweis (Selbstauskunft genügt nicht).",
                "No conclusive proof (self-reported levels do not count).",
            ),
        },
    )
    def _german(p: Params) -> Req:
        own_ok, own_from = wc.german_oral_own(p)
        ok, met, values = derived_60d(
            own_ok, own_from, ("Mündlich nachgewiesen seit {}.", "Oral level proven since {}."), own_from
        )
        return Req(ok=ok, met_from=met, values={"met_from": met, **values})


def register_convictions(norm: Norm, key: str = "convictions", prefix: str = "") -> None:
    @norm.requirement(
        key,
        _cite("Abs. 1 Nr. 7", prefix),
        title=(
            "Keine Verurteilung wegen einer vorsätzlichen Straftat (Ausländer und Ehegatte/Lebenspartner)",
            "No conviction for an intentional offence (applicant and spouse/partner)",
        ),
        reads=("convictions", "family"),
        exclusion=True,
        evidence=("BZR-Auskunft (durch die Behörde)",),
        explain={
            "met": TEXT,
            "not_met": (
                "Eine Verurteilung des Antragstellers oder des Ehegatten wegen einer Vorsatztat schließt die "
                "ganze Familie aus (strengster Maßstab; bis zur Tilgung). Vergleich: § 19d Abs. 1 Nr. 7 duldet "
                "Geldstrafen bis 50 Tagessätze und prüft nur die eigene Person.",
                "A conviction of the applicant or the spouse for an intentional offence excludes the whole family "
                "(strictest standard; until deleted). Compare § 19d (1) no. 7: fines up to 50 daily rates, own "
                "person only.",
            ),
        },
    )
    def _conv(p: Params) -> Req:
        ok, _, values = derived_60d(
            wc.convictions_own(p),
            pl.lit(None, dtype=pl.Date),
            (
                "Keine Verurteilung wegen einer Vorsatztat (ausgenommen nur ausländerrechtliche Geldstrafen bis 90 "
                "Tagessätze als einzige Eintragung, § 32 Abs. 2 Nr. 5 lit. a BZRG).",
                "No conviction for an intentional offence (only fines of up to 90 daily rates for offences only "
                "foreigners can commit, as the only entry, are disregarded).",
            ),
            kind="family",
        )
        return Req(ok=ok, values=values)


def register_extremism(norm: Norm, key: str = "no_extremism", prefix: str = "") -> None:
    @norm.requirement(
        key,
        _cite("Abs. 1 Nr. 8", prefix),
        title=(
            "Keine Bezüge zu extremistischen oder terroristischen Organisationen (Ausländer und Ehegatte)",
            "No links to extremist or terrorist organisations (applicant and spouse)",
        ),
        reads=("security_concerns",),
        exclusion=True,
        explain={
            "met": TEXT,
            "not_met": ("Sicherheitsbedenken erfasst.", "Security concerns recorded."),
        },
    )
    def _ext(p: Params) -> Req:
        ok, _, values = derived_60d(
            wc.extremism_own(p),
            pl.lit(None, dtype=pl.Date),
            ("Keine Anhaltspunkte erfasst.", "No indications recorded."),
            kind="family",
        )
        return Req(ok=ok, values=values)


def register_expulsion(norm: Norm, key: str = "no_expulsion", prefix: str = "") -> None:
    @norm.requirement(
        key,
        _cite("Abs. 1 Nr. 9", prefix),
        title=(
            "Keine Ausweisungsverfügung und keine Abschiebungsanordnung nach § 58a",
            "No expulsion order and no deportation order under § 58a",
        ),
        reads=("expulsion_order",),
        exclusion=True,
        explain={
            "met": TEXT,
            "not_met": (
                "Ausweisungsverfügung oder § 58a-Anordnung liegt vor.",
                "Expulsion or § 58a order exists.",
            ),
        },
    )
    def _exp(p: Params) -> Req:
        own_ok, own_from = wc.expulsion_own(p)
        ok, met, values = derived_60d(
            own_ok,
            own_from,
            ("Keine Ausweisungsverfügung, keine § 58a-Anordnung.", "No expulsion order, no § 58a order."),
        )
        return Req(ok=ok, met_from=met, values=values)


def register_children(norm: Norm, key: str = "children_school", prefix: str = "") -> None:
    @norm.requirement(
        key,
        _cite("Abs. 1 Nr. 10", prefix),
        title=(
            "Minderjährige Kinder: tatsächlicher Schulbesuch, keine Verurteilung nach § 29 Abs. 1 S. 1 Nr. 1 BtMG",
            "Minor children: actual school attendance, no conviction under § 29 (1) s. 1 no. 1 BtMG",
        ),
        reads=("schooling", "birth_date", "convictions"),
        actionable=True,
        evidence=("Schulbescheinigungen", "Fehlzeitenübersicht"),
        explain={
            "met": (
                "Die schulpflichtigen Kinder besuchen die Schule.",
                "The children of school age attend school.",
            ),
            "not_met": (
                "Ein schulpflichtiges Kind besucht keine Schule oder ein Kind ist nach § 29 Abs. 1 S. 1 Nr. 1 BtMG "
                "verurteilt.",
                "A child of school age does not attend school, or a child is convicted under § 29 (1) s. 1 no. 1 "
                "BtMG.",
            ),
            "not_applicable": (
                "Keine Kinder im schulpflichtigen Alter im Fall.",
                "No children of school age.",
            ),
        },
    )
    def _children(p: Params) -> Req:
        ok, applies = wc.children_own(p)
        return Req(ok=ok, applies=applies)


def register_integration(norm: Norm, key: str = "integration_course", prefix: str = "") -> None:
    @norm.requirement(
        key,
        _cite("Abs. 1 Nr. 11", prefix),
        title=(
            "Integrationskurs: nicht verpflichtet, erfolgreich abgeschlossen oder Abbruch nicht zu vertreten "
            "(Ausländer und Ehegatte)",
            "Integration course: not obliged, passed, or an abort not attributable (applicant and spouse)",
        ),
        reads=("integration_course", "family"),
        actionable=True,
        evidence=("Zertifikat Integrationskurs", "BAMF-Befreiung/Teilnahmebescheinigung"),
        explain={
            "met": TEXT,
            "not_met": (
                "Pflicht zum Integrationskurs nicht erfüllt (Antragsteller oder Ehegatte).",
                "Integration course obligation not fulfilled (applicant or spouse).",
            ),
        },
    )
    def _ic(p: Params) -> Req:
        ok, _, values = derived_60d(
            wc.integration_own(p),
            pl.lit(None, dtype=pl.Date),
            ("Kein Hindernis aus der Integrationskurspflicht.", "No obstacle from the course obligation."),
            kind="family",
        )
        return Req(ok=ok, values=values)


def register_no_ban(norm: Norm, key: str = "no_ban", prefix: str = "") -> None:
    @norm.requirement(
        key,
        _cite("Abs. 1 Nr. 3", prefix) + " i.V.m. § 60a Abs. 6, § 60b Abs. 5 S. 2 AufenthG",
        title=(
            "Kein Beschäftigungsverbot (sonst ist keine erlaubte Beschäftigung nach Nr. 3 möglich)",
            "No employment ban (otherwise no lawful employment under no. 3 is possible)",
        ),
        reads=("nationality", "asylum", "identity_conduct", "statuses", "entry_for_benefits_established"),
        exclusion=True,
        explain={
            "met": TEXT,
            "not_met": (
                "Ein Beschäftigungsverbot (§ 60a Abs. 6 oder § 60b Abs. 5 S. 2) steht einer erlaubten Beschäftigung "
                "entgegen (siehe review_employment_ban; Bestandsschutz § 104 Abs. 16 prüfen).",
                "An employment ban (§ 60a (6) or § 60b (5) s. 2) bars lawful employment (see "
                "review_employment_ban; check § 104 (16)).",
            ),
        },
    )
    def _ban(p: Params) -> Req:
        own_ok, own_from = wc.no_ban_own(p)
        ok, met, values = derived_60d(own_ok, own_from, ("Kein Beschäftigungsverbot.", "No employment ban."))
        return Req(ok=ok, met_from=met, values=values)


def hint_family_member(norm: Norm, keys: tuple[str, ...] | None = None) -> None:
    """§ 60d Abs. 1, 2 (and § 25b Abs. 6): the spouse/partner and the minor unmarried children get the Duldung
    together with the employed applicant; Nr. 2–6 and 9 concern only "den ausreisepflichtigen Ausländer". The
    requirements are met through the spouse or a parent in the household (``work_common.derived_60d``); where the
    outcome is still open or negative for a family member without own qualifying employment, the hint says what the
    derivation needs."""

    @norm.hint(
        "family_member",
        "§ 60d Abs. 1 Einleitungssatz, Abs. 2 AufenthG",
        "Als Ehegatte/Lebenspartner (Abs. 1) oder minderjähriges lediges Kind im Haushalt (Abs. 2) eines "
        "beschäftigten Antragstellers erhält diese Person die Beschäftigungsduldung mit ihm für den gleichen "
        "Zeitraum: Beschäftigung, Lebensunterhalt, Deutsch und Ausweisung (Nr. 2–6, 9) gelten als erfüllt, wenn "
        "der Ehegatte bzw. ein Elternteil im Haushalt sie erfüllt. Hier trägt das (noch) nicht – Angaben zum "
        "Antragsteller, zur Ehe bzw. zum gemeinsamen Haushalt prüfen; Identität, Straffreiheit, Extremismus und "
        "Integrationskurs (Nr. 1, 7, 8, 11) gelten für beide Ehegatten, bei Kindern für die Eltern. Ergebnis des "
        "Antragstellers ansehen.",
        "As the spouse/partner (para. 1) or a minor unmarried child in the household (para. 2) of an employed "
        "applicant, this person gets the Duldung together with the applicant for the same period: employment, "
        "livelihood, German and expulsion (no. 2–6, 9) count as met if the spouse or a parent in the household "
        "meets them. Here that does not (yet) carry – check the applicant's facts, the marriage or the common "
        "household; identity, no convictions, no extremism and the integration course (no. 1, 7, 8, 11) apply to "
        "both spouses, for children to the parents. Look at the applicant's result.",
    )
    def _hint(p: Params) -> pl.Expr:
        child = pl.col("minor").fill_null(False) & (pl.col("parent_ids").list.len().fill_null(0) > 0)
        family = pl.col("sp_present").fill_null(False) | child
        # not for the employed applicant: only where the person has no qualifying employment of his or her own
        not_employed = pl.col("emp60d_n_o").is_null() & pl.col("emp60d_s_o").is_null()
        open_ = ~pl.col(f"{norm.key}__outcome").is_in(["eligible", "eligible_later"]).fill_null(False)
        # only where a § 60d requirement (``keys``; default all of the norm) is what keeps the outcome open
        reqs = keys if keys is not None else tuple(r.key for r in norm.requirements)
        failing = pl.any_horizontal(
            [~pl.col(f"{norm.key}__{k}__status").is_in(["met", "not_applicable", "waivable"]) for k in reqs]
        )
        return family & not_employed & open_ & failing


register_entry(NORM)
register_identity(NORM)
register_duldung(NORM)
register_employment(NORM)
register_livelihood(NORM)
register_german(NORM)
register_convictions(NORM)
register_extremism(NORM)
register_expulsion(NORM)
register_children(NORM)
register_integration(NORM)
register_no_ban(NORM)


def consequence(p: Params) -> pl.Expr:
    """Regelanspruch; "kann" where only the identity discretion of Abs. 4 carries the path."""
    return (
        pl.when(pl.col("aufenthg_60d__identity__status") == "waivable")
        .then(pl.lit("kann"))
        .otherwise(pl.lit("soll"))
    )


NORM.consequence_fn = consequence
hint_family_member(NORM)


@NORM.hint(
    "household_livelihood",
    "§ 60d Abs. 1 Nr. 4 AufenthG",
    "Geprüft wird der eigene Lebensunterhalt ('des Ausländers'); manche Ausländerbehörden verlangen den der "
    "ganzen Bedarfsgemeinschaft – ungeklärt, ggf. anwaltlich klären.",
    "The applicant's own livelihood is checked ('des Ausländers'); some authorities require the whole "
    "household's – unresolved, have counsel clarify if needed.",
)
def _hint_household(p: Params) -> pl.Expr:
    return pl.col("aufenthg_60d__livelihood_12_months__status").is_in(["met", "unknown"]) & pl.col(
        "households_known"
    ).fill_null(False)


@NORM.hint(
    "family",
    "§ 60d Abs. 1, 2 AufenthG",
    "Ehegatte/Lebenspartner und minderjährige ledige Kinder erhalten die Duldung für den gleichen Zeitraum. Der "
    "Arbeitgeber muss die Beendigung der Beschäftigung binnen {days} Tagen mitteilen (Abs. 3 S. 3); bei Wegfall "
    "einer Voraussetzung droht der Widerruf (Abs. 3 S. 1).",
    "The spouse/partner and minor unmarried children get the Duldung for the same period. The employer must "
    "report the end of the employment within {days} days (para. 3 s. 3); if a requirement lapses, revocation "
    "threatens (para. 3 s. 1).",
    values={"days": lambda p: p.expr("aufenthg_60d.employer_notification_days")},
)
def _hint_family(p: Params) -> pl.Expr:
    return pl.col("aufenthg_60d__outcome").is_in(["eligible", "eligible_later"])


@NORM.hint(
    "identity_discretion",
    "§ 60d Abs. 4 AufenthG",
    "Identitätsfrist verfehlt: Abs. 4 (Ermessen) verlangt nach dem Wortlaut keine Frist für die Mitwirkung – "
    "Mitwirkungsnachweise mit Datum zusammenstellen und das Ermessen geltend machen.",
    "Identity deadline missed: by its wording para. 4 (discretion) sets no deadline for the measures – compile "
    "the dated measures log and argue the discretion.",
)
def _hint_identity(p: Params) -> pl.Expr:
    return pl.col("aufenthg_60d__identity__status").is_in(["not_met", "waivable"])


@NORM.deadline(
    "follow_on_25b_6",
    "next_step",
    "Nach 30 Monaten Beschäftigungsduldung: Aufenthaltserlaubnis nach § 25b Abs. 6 (soll) beantragen – bei "
    "fortbestehenden § 60d-Voraussetzungen und A2 mündlich (A2 schriftlich, wenn ein Integrationskurs möglich war).",
    "After 30 months of Beschäftigungsduldung: apply for the § 25b (6) permit (soll) – if the § 60d requirements "
    "still hold and oral A2 (written A2 if an integration course was possible).",
)
def _deadline_25b6(p: Params) -> pl.Expr:
    start = (
        pl.when(pl.col("holds_60d").fill_null(False))
        .then(pl.col("in60d_start"))
        .when(pl.col("aufenthg_60d__outcome").is_in(["eligible", "eligible_later"]))
        .then(latest(pl.col("aufenthg_60d__eligible_from"), AS_OF))
    )
    return p.fulfilled_after(start, "aufenthg_25b_after_60d.months_in_60d")
