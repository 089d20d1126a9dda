"""The rules sheet: every norm, requirement and dated parameter as Markdown, for a lawyer to check.

Generated from ``ALL_NORMS`` and ``load_params()`` only, with no date of generation, so the same rules always
give the same file (``docs/rules.md`` is compared with it in the tests).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from bleiberecht.cli.labels import CONSEQUENCE, FACT, UNIT, format_date, word, yes_no
from bleiberecht.cli.markdown import code, escape, table
from bleiberecht.law.norm import Norm, Requirement, Text
from bleiberecht.law.params import Parameter, ParameterError, Params
from bleiberecht.law.result import RULES_VERSION

VERIFY = Text("⚠ zu prüfen", "⚠ to verify")

L = {
    "title": Text("Regelwerk: Normen und Parameter", "Rules: norms and parameters"),
    "intro": Text(
        "Regelstand {version}. Erzeugt mit `bleiberecht rules --write docs/rules.md` aus den "
        "Normmodulen (`src/bleiberecht/law/norms/`) und den Parameterdateien "
        "(`src/bleiberecht/law/params/`); "
        "nicht von Hand ändern. Jede Voraussetzung und jeder Wert nennt die Fundstelle, damit er am "
        "Gesetzestext geprüft werden kann.",
        "Rules version {version}. Generated with `bleiberecht rules --write docs/rules.md` from the norm "
        "modules (`src/bleiberecht/law/norms/`) and the parameter files (`src/bleiberecht/law/params/`); do "
        "not edit by hand. Every requirement and value names its source so that it can be checked against "
        "the statute.",
    ),
    "overview": Text("Übersicht", "Overview"),
    "norms": Text("Normen", "Norms"),
    "params": Text("Parameter", "Parameters"),
    "key": Text("Schlüssel", "Key"),
    "citation": Text("Fundstelle", "Citation"),
    "title_col": Text("Bezeichnung", "Title"),
    "consequence": Text("Rechtsfolge", "Legal consequence"),
    "in_force_from": Text("In Kraft ab", "In force from"),
    "in_force_until": Text("In Kraft bis", "In force until"),
    "open_ended": Text("unbefristet", "open-ended"),
    "until_param": Text(
        "einschließlich des Werts von {param} am Prüfdatum",
        "up to and including the value of {param} on the assessment date",
    ),
    "unknown_param": Text("(Parameter nicht definiert)", "(parameter not defined)"),
    "varies": Text("im Einzelfall abweichend", "differs in some cases"),
    "count": Text(
        "{norms} Normen, {reqs} Voraussetzungen, {params} Parameter",
        "{norms} norms, {reqs} requirements, {params} parameters",
    ),
    "to_verify": Text(
        "{n} Parameter sind als „zu prüfen“ markiert:", "{n} parameters are marked “to verify”:"
    ),
    "requirements": Text("Voraussetzungen", "Requirements"),
    "id": Text("ID", "ID"),
    "requirement": Text("Voraussetzung", "Requirement"),
    "reads": Text("Gelesene Angaben", "Facts read"),
    "actionable": Text("Änderbar durch die Person", "Actionable by the person"),
    "evidence": Text("Nachweise", "Evidence"),
    "exclusion": Text("Ausschlussgrund", "Exclusion"),
    "hints": Text("Hinweise (Ermessen, Alternativen)", "Hints (discretion, alternatives)"),
    "deadlines": Text("Fristen und Warnungen", "Deadlines and alerts"),
    "description": Text("Beschreibung", "Description"),
    "unit": Text("Einheit", "Unit"),
    "confidence": Text("Verlässlichkeit", "Confidence"),
    "last_verified": Text("Zuletzt geprüft", "Last verified"),
    "file": Text("Datei", "File"),
    "values": Text("Werte", "Values"),
    "valid_from": Text("Gültig ab", "Valid from"),
    "value": Text("Wert", "Value"),
    "source": Text("Quelle", "Source"),
    "none": Text("kein Wert (null)", "no value (null)"),
}


def t(key: str, lang: str) -> str:
    return L[key].get(lang)


def _cell(values: Iterable[str]) -> str:
    return "; ".join(escape(v) for v in values) or "–"


def _fact(fact: str, lang: str) -> str:
    label = word(FACT, fact, lang)
    return code(fact) if label == fact else f"{escape(label)} ({code(fact)})"


def _value(value: Any, unit: str, lang: str) -> str:
    """One parameter value in words (tables are rendered separately)."""
    if value is None:
        return t("none", lang)
    if isinstance(value, bool):
        return yes_no(value, lang)
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, list):
        return ", ".join(_value(v, "", lang) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v, '', lang)}" for k, v in value.items())
    if unit in {"years", "months", "days", "hours", "eur", "percent"}:
        return f"{value} {word(UNIT, unit, lang)}"
    return str(value)


def _until(norm: Norm, params: Params, lang: str) -> str:
    name = norm.in_force_until_param
    if not name:
        return t("open_ended", lang)
    text = t("until_param", lang).format(param=code(name))
    try:
        parameter = params[name]
    except ParameterError:
        return f"{text} {t('unknown_param', lang)}"
    values = "; ".join(
        f"{format_date(v.valid_from, lang)} → {escape(_value(v.value, parameter.unit, lang))}"
        for v in parameter.values
    )
    return f"{text} ({values})"


def _consequence(norm: Norm, lang: str) -> str:
    text = word(CONSEQUENCE, norm.consequence, lang)
    if norm.consequence_fn is None:
        return text
    doc = inspect.getdoc(norm.consequence_fn)
    return f"{text}; {t('varies', lang)}" + (f" ({escape(doc)})" if doc else "")


def _requirement_row(norm: Norm, req: Requirement, lang: str) -> list[str]:
    return [
        code(f"{norm.key}.{req.key}"),
        escape(req.citation),
        escape(req.title.get(lang)),
        "; ".join(_fact(f, lang) for f in req.reads) or "–",
        yes_no(req.actionable, lang),
        _cell(req.evidence),
        yes_no(req.exclusion, lang),
    ]


def _norm(norm: Norm, params: Params, lang: str) -> list[str]:
    out = [
        "",
        f"### {escape(norm.citation)} – {escape(norm.title.get(lang))} ({code(norm.key)})",
        "",
        f"- **{t('consequence', lang)}:** {_consequence(norm, lang)}",
        f"- **{t('in_force_from', lang)}:** {format_date(norm.in_force_from, lang)}",
        f"- **{t('in_force_until', lang)}:** {_until(norm, params, lang)}",
        "",
        f"#### {t('requirements', lang)}",
        "",
        *table(
            [
                t(k, lang)
                for k in ("id", "citation", "requirement", "reads", "actionable", "evidence", "exclusion")
            ],
            (_requirement_row(norm, req, lang) for req in norm.requirements),
        ),
    ]
    if norm.hints:
        out += ["", f"#### {t('hints', lang)}", ""]
        out += [f"- {code(h.key)} ({escape(h.citation)}): {escape(h.text.get(lang))}" for h in norm.hints]
    if norm.deadlines:
        out += ["", f"#### {t('deadlines', lang)}", ""]
        out += [f"- {code(d.key)} ({code(d.kind)}): {escape(d.text.get(lang))}" for d in norm.deadlines]
    return out


def _verify(parameter: Parameter, lang: str) -> str:
    """The verify note behind one marker: the note's own "zu prüfen:" is not repeated."""
    assert parameter.verify is not None
    note = parameter.verify.strip()
    for prefix in ("zu prüfen:", "to verify:"):
        if note.lower().startswith(prefix):
            note = note[len(prefix) :].strip()
    return f"**{VERIFY.get(lang)}:** {escape(note)}"


def _table_value(rows: Sequence[Any], lang: str) -> list[str]:
    """A table-valued parameter (a list of records) as its own Markdown table."""
    if not all(isinstance(row, dict) for row in rows):
        return [escape(_value(list(rows), "", lang))]
    columns = list(dict.fromkeys(k for row in rows for k in row))
    return table(
        [escape(c) for c in columns],
        (
            [escape(_value(row.get(c), "", lang)) if row.get(c) is not None else "–" for c in columns]
            for row in rows
        ),
    )


def _parameter(parameter: Parameter, lang: str) -> list[str]:
    out = ["", f"### {code(parameter.name)}", ""]
    if parameter.verify:
        out += [f"> {_verify(parameter, lang)}", ""]
    out += [
        f"- **{t('description', lang)}:** {escape(parameter.description)}",
        f"- **{t('citation', lang)}:** {escape(parameter.citation)}",
        f"- **{t('unit', lang)}:** {word(UNIT, parameter.unit, lang)} ({code(parameter.unit)})",
        f"- **{t('confidence', lang)}:** {code(parameter.confidence)}",
        f"- **{t('last_verified', lang)}:** {format_date(parameter.last_verified, lang)}",
        f"- **{t('file', lang)}:** {code(parameter.file)}",
        "",
    ]
    if parameter.unit == "table":
        for v in parameter.values:
            heading = f"**{t('valid_from', lang)} {format_date(v.valid_from, lang)}**"
            rows = v.value if isinstance(v.value, list) else [v.value]
            out += [f"{heading} – {t('source', lang)}: {escape(v.source)}", "", *_table_value(rows, lang), ""]
        return out[:-1]
    out += table(
        [t("valid_from", lang), t("value", lang), t("source", lang)],
        (
            [format_date(v.valid_from, lang), escape(_value(v.value, parameter.unit, lang)), escape(v.source)]
            for v in parameter.values
        ),
    )
    return out


def rules_markdown(norms: Sequence[Norm], params: Params, lang: str = "de") -> str:
    parameters = list(params)
    to_verify = [p for p in parameters if p.verify]
    n_reqs = sum(len(n.requirements) for n in norms)
    out = [
        f"# {t('title', lang)}",
        "",
        t("intro", lang).format(version=RULES_VERSION),
        "",
        t("count", lang).format(norms=len(norms), reqs=n_reqs, params=len(parameters)),
        "",
        f"## {t('overview', lang)}",
        "",
        *table(
            [
                t(k, lang)
                for k in ("key", "citation", "title_col", "consequence", "in_force_from", "in_force_until")
            ],
            (
                [
                    code(n.key),
                    escape(n.citation),
                    escape(n.title.get(lang)),
                    word(CONSEQUENCE, n.consequence, lang),
                    format_date(n.in_force_from, lang),
                    code(n.in_force_until_param) if n.in_force_until_param else t("open_ended", lang),
                ]
                for n in norms
            ),
        ),
    ]
    if to_verify:
        out += ["", f"**{VERIFY.get(lang)}** – {t('to_verify', lang).format(n=len(to_verify))}", ""]
        out += [f"- {code(p.name)}" for p in to_verify]
    out += ["", f"## {t('norms', lang)}"]
    for norm in norms:
        out += _norm(norm, params, lang)
    out += ["", f"## {t('params', lang)}"]
    for parameter in parameters:
        out += _parameter(parameter, lang)
    return "\n".join(out) + "\n"
