"""Guided editing: the case document in sections, each a Django form built from a small field list.

A section edits one *container* — the document itself (``scope="case"``) or one person — through scalar
fields, the fields of one nested object (``identity``), lists of objects (``statuses``) as formsets, and raw
JSON for parts without a form. Blank means unknown: a blank field removes its key, because an absent key is
an unknown fact, never "no". Keys the form does not show are kept as they are.

After merging, the whole document is validated by `bleiberecht.casefile`; every issue's JSON path is mapped
back to the form field it concerns (`attach_issues`), so errors appear inline next to the input.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bleiberecht.casefile import Issue, load_schema

Kind = Literal["text", "date", "int", "number", "bool", "choice", "ids", "raw"]


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: Promise | str
    kind: Kind = "text"
    required: bool = False
    help: Promise | str | None = None
    enum: tuple[str, ...] = ()  # filled from the schema for kind "choice"


@dataclass(frozen=True)
class ListSpec:
    key: str
    label: Promise | str
    item: Promise | str
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True)
class Section:
    slug: str
    title: Promise | str
    scope: Literal["case", "person"]
    fields: tuple[FieldSpec, ...] = ()
    obj: str | None = None  # fields are inside this object of the container
    lists: tuple[ListSpec, ...] = ()
    raw: tuple[FieldSpec, ...] = ()  # keys edited as JSON text
    intro: Promise | str | None = None
    facts: tuple[str, ...] = field(default=())  # next_questions facts answered here (besides its keys)


def F(key: str, label: Promise | str, kind: Kind = "text", **kw: Any) -> FieldSpec:
    return FieldSpec(key, label, kind, **kw)


# Words for stored codes (schema enums). A code without a word is shown as it is.
CHOICE_LABELS: dict[str, Promise] = {
    # status types and bases
    "gestattung": _("Aufenthaltsgestattung"),
    "duldung": _("Duldung"),
    "aufenthaltserlaubnis": _("Aufenthaltserlaubnis"),
    "fiktion": _("Fiktionsbescheinigung"),
    "visa": _("Visum"),
    "abroad": _("im Ausland"),
    "unlawful": _("ohne Status (unerlaubt)"),
    "60a": _("§ 60a (Duldung)"),
    "60a_2b": _("§ 60a Abs. 2b (Eltern)"),
    "60b": _("§ 60b (Duldung für Personen mit ungeklärter Identität)"),
    "60c": _("§ 60c (Ausbildungsduldung)"),
    "60d": _("§ 60d (Beschäftigungsduldung)"),
    "104c": _("§ 104c (Chancen-Aufenthaltsrecht)"),
    "25_5": _("§ 25 Abs. 5"),
    "25_4": _("§ 25 Abs. 4"),
    "25a": _("§ 25a"),
    "25b": _("§ 25b"),
    "23a": _("§ 23a (Härtefall)"),
    "16g": _("§ 16g"),
    "19d": _("§ 19d"),
    "other": _("sonstige"),
    # asylum
    "never_applied": _("nie beantragt"),
    "pending": _("laufend"),
    "rejected": _("abgelehnt"),
    "rejected_manifestly_unfounded": _("offensichtlich unbegründet abgelehnt"),
    "rejected_manifestly_unfounded_qualified": _(
        "offensichtlich unbegründet (qualifiziert, § 10 Abs. 3 S. 2)"
    ),
    "inadmissible": _("unzulässig"),
    "withdrawn": _("zurückgenommen"),
    "protection_granted": _("Schutz gewährt"),
    # identity
    "valid": _("gültig"),
    "expired": _("abgelaufen"),
    "none": _("keiner / keine"),
    "yes": _("ja, zumutbar"),
    "impossible": _("unmöglich"),
    "unreasonable": _("unzumutbar"),
    "past": _("früher, nicht mehr ursächlich"),
    "current": _("aktuell"),
    # school, work, German
    "school": _("allgemeinbildende Schule"),
    "vocational_school": _("Berufsschule"),
    "university": _("Hochschule"),
    "granted": _("erteilt"),
    "deemed": _("fingiert (§ 36 Abs. 2 BeschV)"),
    "not_required": _("nicht erforderlich"),
    "refused": _("versagt"),
    "oral": _("mündlich"),
    "written": _("schriftlich"),
    "all": _("alle Fertigkeiten"),
    "certificate": _("Zertifikat"),
    "assessment": _("Einschätzung (z. B. Behörde)"),
    "self_reported": _("eigene Angabe (beweist nichts)"),
    # convictions
    "fine": _("Geldstrafe"),
    "prison": _("Freiheitsstrafe"),
    "youth_custody": _("Jugendstrafe"),
    "youth_measures": _("Erziehungsmaßregeln / Zuchtmittel"),
}

SECTIONS: tuple[Section, ...] = (
    Section(
        "personen",
        _("Personen und Familie"),
        "case",
        fields=(
            F("id", _("Aktenzeichen"), required=True),
            F("as_of", _("Prüfdatum"), "date", help=_("Das Recht an diesem Tag wird angewandt.")),
            F("land", _("Bundesland (Kürzel, z. B. SN)")),
        ),
        lists=(
            ListSpec(
                "persons",
                _("Personen"),
                _("Person"),
                (
                    F("id", _("Person-ID"), required=True, help=_("Kurz und ohne Leerzeichen, z. B. vater")),
                    F("name", _("Name")),
                    F("birth_date", _("Geburtsdatum"), "date"),
                    F("nationality", _("Staatsangehörigkeit (ISO-Code, z. B. IRQ)")),
                    F("entry_date", _("Einreisedatum"), "date"),
                    F("spouse_id", _("Person-ID des Ehegatten")),
                    F("parent_ids", _("Person-IDs der Eltern"), "ids"),
                ),
            ),
        ),
        facts=("family", "birth_date", "entry_date", "nationality"),
    ),
    Section(
        "aufenthalt",
        _("Aufenthalt"),
        "person",
        intro=_("Jeder Zeitraum mit Status: Gestattung, Duldung, Titel. Ohne Ende = dauert an."),
        lists=(
            ListSpec(
                "statuses",
                _("Aufenthaltszeiten"),
                _("Zeitraum"),
                (
                    F("type", _("Status"), "choice", required=True),
                    F("basis", _("Rechtsgrundlage"), "choice"),
                    F("from", _("von"), "date", required=True),
                    F("to", _("bis (leer: dauert an)"), "date"),
                    F("valid_until", _("gültig bis (Dokument)"), "date"),
                    F("documented", _("Bescheinigung ausgestellt?"), "bool"),
                ),
            ),
        ),
    ),
    Section(
        "asyl",
        _("Asylverfahren"),
        "person",
        obj="asylum",
        fields=(
            F("outcome", _("Ausgang"), "choice"),
            F("applied_on", _("Antrag gestellt am"), "date"),
            F("decided_on", _("Entschieden am"), "date"),
            F("final_on", _("Bestandskräftig am"), "date"),
            F("court_pending", _("Klage anhängig?"), "bool"),
        ),
    ),
    Section(
        "identitaet",
        _("Identität und Pass"),
        "person",
        obj="identity",
        fields=(
            F("clarified", _("Identität geklärt?"), "bool"),
            F("clarified_on", _("Geklärt am"), "date"),
            F("passport", _("Pass"), "choice"),
            F("passport_valid_until", _("Pass gültig bis"), "date"),
            F("passport_obtainable", _("Passbeschaffung zumutbar?"), "choice"),
            F("deception", _("Täuschung über Identität"), "choice"),
            F("obstruction", _("Fehlende Mitwirkung"), "choice"),
            F("instructed_on", _("Belehrung zur Passbeschaffung am"), "date"),
        ),
        facts=("identity_conduct",),
    ),
    Section(
        "arbeit",
        _("Schule, Ausbildung, Arbeit"),
        "person",
        lists=(
            ListSpec(
                "schooling",
                _("Schulbesuch"),
                _("Schulbesuch"),
                (
                    F("kind", _("Art"), "choice"),
                    F("from", _("von"), "date", required=True),
                    F("to", _("bis (leer: dauert an)"), "date"),
                    F("successful", _("erfolgreich?"), "bool"),
                ),
            ),
            ListSpec(
                "employment",
                _("Beschäftigung"),
                _("Beschäftigung"),
                (
                    F("from", _("von"), "date", required=True),
                    F("to", _("bis (leer: dauert an)"), "date"),
                    F("employer", _("Arbeitgeber")),
                    F("hours_per_week", _("Wochenstunden"), "number"),
                    F("social_insurance", _("sozialversicherungspflichtig?"), "bool"),
                    F("net_monthly_eur", _("Netto im Monat (€)"), "number"),
                    F("permitted_on", _("Beschäftigung erlaubt am"), "date"),
                    F("ba_consent", _("Zustimmung der Bundesagentur"), "choice"),
                ),
            ),
        ),
        raw=(
            F("training", _("Berufsausbildung (JSON-Liste)"), "raw"),
            F("qualifications", _("Abschlüsse (JSON-Liste)"), "raw"),
        ),
        facts=("employment_interruptions", "own_livelihood_secured", "job_offers"),
    ),
    Section(
        "deutsch",
        _("Deutschkenntnisse"),
        "person",
        intro=_("Eine eigene Angabe beweist nichts: Nachweise mit Zertifikat, Schule oder Einschätzung."),
        lists=(
            ListSpec(
                "german",
                _("Nachweise"),
                _("Nachweis"),
                (
                    F("level", _("Niveau"), "choice", required=True),
                    F("skill", _("Fertigkeit"), "choice"),
                    F("date", _("Datum"), "date"),
                    F("evidence", _("Nachweis durch"), "choice"),
                ),
            ),
        ),
        fields=(F("integration_course_possible", _("Integrationskurs möglich?"), "bool"),),
        facts=("integration_course",),
    ),
    Section(
        "lid",
        _("Test „Leben in Deutschland“"),
        "person",
        fields=(
            F("civics_test_passed_on", _("Bestanden am"), "date"),
            F("civics_test_passed", _("Bestanden? (ohne Datum)"), "bool"),
            F(
                "fdgo_declaration",
                _("Bekenntnis zur freiheitlichen demokratischen Grundordnung abgegeben?"),
                "bool",
            ),
        ),
        facts=("civics_test",),
    ),
    Section(
        "straftaten",
        _("Verurteilungen"),
        "person",
        fields=(
            F("pending_criminal_proceedings", _("Laufende Strafverfahren?"), "bool"),
            F("entry_ban_active", _("Einreise- und Aufenthaltsverbot?"), "bool"),
            F("security_concerns", _("Sicherheitsbedenken (§ 5 Abs. 4)?"), "bool"),
        ),
        lists=(
            ListSpec(
                "convictions",
                _("Verurteilungen"),
                _("Verurteilung"),
                (
                    F("date", _("Datum"), "date"),
                    F("offence", _("Tat (z. B. § 242 StGB)")),
                    F("sanction", _("Strafe"), "choice"),
                    F("daily_rates", _("Tagessätze"), "int"),
                    F("months", _("Monate"), "number"),
                    F("suspended", _("zur Bewährung?"), "bool"),
                    F("intentional", _("Vorsatztat?"), "bool"),
                ),
            ),
        ),
    ),
    Section(
        "haushalt",
        _("Haushalt und Geld"),
        "case",
        intro=_("Bedarf und öffentliche Leistungen je Haushalt (Wohngeld, Kindergeld zählen nicht)."),
        lists=(
            ListSpec(
                "households",
                _("Haushalte"),
                _("Haushalt"),
                (
                    F("members", _("Mitglieder (Person-IDs)"), "ids", required=True),
                    F("monthly_need_eur", _("Bedarf im Monat (€)"), "number"),
                    F("monthly_public_benefits_eur", _("Öffentliche Leistungen im Monat (€)"), "number"),
                ),
            ),
        ),
        facts=("households", "public_benefits"),
    ),
    Section(
        "weitere",
        _("Weitere Angaben (JSON)"),
        "person",
        intro=_("Alle Angaben der Person als JSON (Falldatei v1). Für alles, wofür es kein Formular gibt."),
        raw=(F("*", _("Person als JSON"), "raw"),),
    ),
)
BY_SLUG = {s.slug: s for s in SECTIONS}


# -- schema enums -------------------------------------------------------------------------------------------


@cache
def _schema_props() -> dict[str, Any]:
    schema = load_schema()
    return {"case": schema["properties"], "person": schema["$defs"]["person"]["properties"]}


def _enum(section: Section, spec: FieldSpec, list_key: str | None) -> tuple[str, ...]:
    props = _schema_props()
    try:
        if section.scope == "case" and list_key == "persons":
            node = props["person"][spec.key]
        elif section.scope == "case":
            node = (
                props["case"][list_key]["items"]["properties"][spec.key]
                if list_key
                else props["case"][spec.key]
            )
        elif list_key:
            node = props["person"][list_key]["items"]["properties"][spec.key]
        elif section.obj:
            node = props["person"][section.obj]["properties"][spec.key]
        else:
            node = props["person"][spec.key]
    except (KeyError, TypeError):
        return ()
    return tuple(node.get("enum", ())) if isinstance(node, dict) else ()


# -- forms --------------------------------------------------------------------------------------------------

BOOL_CHOICES = [("", _("unbekannt")), ("true", _("ja")), ("false", _("nein"))]


def _coerce_bool(value: str) -> bool:
    return value == "true"


def _form_field(spec: FieldSpec, enum: tuple[str, ...]) -> forms.Field:
    common: dict[str, Any] = {"label": spec.label, "required": spec.required, "help_text": spec.help or ""}
    if spec.kind == "date":
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d", "%d.%m.%Y"],
            **common,
        )
    if spec.kind == "int":
        return forms.IntegerField(min_value=0, **common)
    if spec.kind == "number":
        return forms.DecimalField(min_value=0, max_digits=12, decimal_places=2, **common)
    if spec.kind == "bool":
        return forms.TypedChoiceField(choices=BOOL_CHOICES, coerce=_coerce_bool, empty_value=None, **common)
    if spec.kind == "choice":
        choices = [("", _("— unbekannt —")), *((code, CHOICE_LABELS.get(code, code)) for code in enum)]
        return forms.ChoiceField(choices=choices, **common)
    if spec.kind == "raw":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}), **common)
    if spec.kind == "ids":
        common["help_text"] = spec.help or _("Durch Komma getrennt")
    return forms.CharField(max_length=500, **common)


def _form_class(section: Section, specs: Sequence[FieldSpec], list_key: str | None) -> type[forms.Form]:
    attrs = {spec.key: _form_field(spec, _enum(section, spec, list_key)) for spec in specs}
    return type("SectionForm", (forms.Form,), attrs)


def _initial(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        return ""
    if spec.kind == "bool":
        return "true" if value is True else "false" if value is False else ""
    if spec.kind == "ids":
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if spec.kind == "raw":
        return json.dumps(value, ensure_ascii=False, indent=2)
    return value


def _value(spec: FieldSpec, cleaned: Any) -> tuple[bool, Any]:
    """(present, value) for the document: blank is absent (unknown)."""
    if cleaned is None or cleaned == "":
        return False, None
    if spec.kind == "date":
        return True, cleaned.isoformat()
    if spec.kind == "number":
        number = Decimal(cleaned)
        return True, int(number) if number == number.to_integral_value() else float(number)
    if spec.kind == "ids":
        ids = [part.strip() for part in str(cleaned).split(",") if part.strip()]
        return bool(ids), ids
    if spec.kind == "text":
        return True, str(cleaned).strip()
    return True, cleaned


def _set(target: dict[str, Any], spec: FieldSpec, cleaned: Any) -> None:
    present, value = _value(spec, cleaned)
    if present:
        target[spec.key] = value
    elif spec.key in target and target[spec.key] is not None:
        del target[spec.key]  # blank: the fact is unknown again (an explicit null is kept as it was)


@dataclass
class ListForms:
    spec: ListSpec
    formset: BaseFormSet[forms.Form]
    index_map: list[int] = field(default_factory=list)  # list index in the new document -> form index


@dataclass
class SectionForms:
    """The bound or unbound forms of one section for one container."""

    section: Section
    main: forms.Form | None
    lists: list[ListForms]
    raw: forms.Form | None
    other_errors: list[Issue] = field(default_factory=list)  # issues not belonging to a field here
    warnings: list[Issue] = field(default_factory=list)

    def is_valid(self) -> bool:
        ok = True
        for form in self.forms():
            ok = form.is_valid() and ok
        for lf in self.lists:
            ok = lf.formset.is_valid() and ok
        return ok

    def forms(self) -> list[forms.Form]:
        return [f for f in (self.main, self.raw) if f is not None]

    @property
    def has_errors(self) -> bool:
        return bool(
            self.other_errors
            or any(f.errors for f in self.forms())
            or any(lf.formset.total_error_count() for lf in self.lists)
        )


def container(doc: dict[str, Any], section: Section, person: int) -> dict[str, Any]:
    return doc if section.scope == "case" else doc["persons"][person]


def prefix_path(section: Section, person: int) -> str:
    return "$" if section.scope == "case" else f"$.persons[{person}]"


def _raw_clean(spec: FieldSpec) -> Callable[[forms.Form], Any]:
    def clean(form: forms.Form) -> Any:
        text = form.cleaned_data.get(spec.key, "")
        if not text.strip():
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("Kein gültiges JSON (Zeile %(line)s, Spalte %(col)s): %(msg)s"),
                params={"line": exc.lineno, "col": exc.colno, "msg": exc.msg},
            ) from exc

    return clean


def build_forms(
    section: Section,
    doc: dict[str, Any],
    person: int,
    data: Any = None,
    *,
    add_row: str | None = None,
) -> SectionForms:
    """Forms for ``section`` filled from ``doc`` (unbound) or from POST ``data`` (bound)."""
    box = container(doc, section, person)
    target = box.get(section.obj, {}) if section.obj else box
    target = target if isinstance(target, dict) else {}
    main = None
    if section.fields:
        cls = _form_class(section, section.fields, None)
        initial = {s.key: _initial(s, target.get(s.key)) for s in section.fields}
        main = cls(data, initial=initial, prefix="main")
    lists = []
    for spec in section.lists:
        cls = _form_class(section, spec.fields, spec.key)
        items = box.get(spec.key) or []
        initial_rows = [
            {s.key: _initial(s, item.get(s.key)) for s in spec.fields}
            for item in items
            if isinstance(item, dict)
        ]
        formset_cls = formset_factory(cls, extra=0 if initial_rows else 1, can_delete=True)
        bound = data
        if data is not None and add_row == spec.key:
            bound = data.copy()
            total = f"{spec.key}-TOTAL_FORMS"
            bound[total] = str(int(bound.get(total, "0")) + 1)
        lists.append(ListForms(spec, formset_cls(bound, initial=initial_rows, prefix=spec.key)))
    raw = None
    if section.raw:
        attrs: dict[str, Any] = {}
        for spec in section.raw:
            attrs[_raw_name(spec)] = _form_field(spec, ())
            attrs[f"clean_{_raw_name(spec)}"] = _raw_clean(FieldSpec(_raw_name(spec), spec.label, "raw"))
        cls = type("RawForm", (forms.Form,), attrs)
        initial = {_raw_name(s): _initial(s, box if s.key == "*" else box.get(s.key)) for s in section.raw}
        raw = cls(data, initial=initial, prefix="raw")
    return SectionForms(section, main, lists, raw)


def _raw_name(spec: FieldSpec) -> str:
    return "person" if spec.key == "*" else spec.key


def merge(forms_: SectionForms, doc: dict[str, Any], person: int) -> dict[str, Any]:
    """A new document: ``doc`` with this section's valid forms applied (``doc`` itself is not changed)."""
    section = forms_.section
    new = copy.deepcopy(doc)
    box = container(new, section, person)
    if forms_.main is not None:
        if section.obj:
            obj = box.get(section.obj)
            obj = dict(obj) if isinstance(obj, dict) else {}
            for spec in section.fields:
                _set(obj, spec, forms_.main.cleaned_data.get(spec.key))
            if obj:
                box[section.obj] = obj
            else:
                box.pop(section.obj, None)
        else:
            for spec in section.fields:
                _set(box, spec, forms_.main.cleaned_data.get(spec.key))
    for lf in forms_.lists:
        old_items = box.get(lf.spec.key) or []
        items: list[Any] = []
        lf.index_map = []
        for index, form in enumerate(lf.formset.forms):
            is_new = index >= len(old_items)
            if form.cleaned_data.get("DELETE") or (is_new and not form.has_changed()):
                continue
            item = {} if is_new else dict(old_items[index])
            for spec in lf.spec.fields:
                _set(item, spec, form.cleaned_data.get(spec.key))
            items.append(item)
            lf.index_map.append(index)
        if items or lf.spec.key in box:
            box[lf.spec.key] = items
    if forms_.raw is not None:
        for spec in section.raw:
            value = forms_.raw.cleaned_data.get(_raw_name(spec))
            if spec.key == "*":
                if isinstance(value, dict):
                    box.clear()
                    box.update(value)
                elif value is not None:
                    forms_.raw.add_error(_raw_name(spec), _("Eine Person ist ein JSON-Objekt { … }."))
            elif value is None:
                box.pop(spec.key, None)
            else:
                box[spec.key] = value
    return new


_TOKEN = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['([^']*)'\]")


def path_tokens(path: str) -> list[str | int]:
    tokens: list[str | int] = []
    for name, index, quoted in _TOKEN.findall(path):
        tokens.append(int(index) if index else name or quoted)
    return tokens


def attach_issues(forms_: SectionForms, issues: Sequence[Issue], person: int, lang: str) -> None:
    """Put each error on the field its JSON path names; the rest into ``other_errors``; warnings aside."""
    section = forms_.section
    prefix = prefix_path(section, person)
    for issue in issues:
        if issue.severity != "error":
            forms_.warnings.append(issue)
            continue
        if not (
            issue.path == prefix or issue.path.startswith(prefix + ".") or issue.path.startswith(prefix + "[")
        ):
            forms_.other_errors.append(issue)
            continue
        if not _place(forms_, path_tokens(issue.path[len(prefix) :]), issue.message(lang)):
            forms_.other_errors.append(issue)


def _place(forms_: SectionForms, tokens: list[str | int], text: str) -> bool:
    section = forms_.section
    if not tokens:
        return False
    head = tokens[0]
    keys = {s.key for s in section.fields}
    if forms_.main is not None:
        if section.obj and head == section.obj:
            if len(tokens) > 1 and tokens[1] in keys:
                forms_.main.add_error(str(tokens[1]), text)
                return True
            forms_.main.add_error(None, text)
            return True
        if not section.obj and head in keys:
            forms_.main.add_error(str(head), text)
            return True
    for lf in forms_.lists:
        if head != lf.spec.key:
            continue
        if len(tokens) > 1 and isinstance(tokens[1], int) and tokens[1] < len(lf.index_map):
            form = lf.formset.forms[lf.index_map[tokens[1]]]
            field_keys = {s.key for s in lf.spec.fields}
            if len(tokens) > 2 and tokens[2] in field_keys:
                form.add_error(str(tokens[2]), text)
            else:
                form.add_error(None, text)
            return True
        return False
    if forms_.raw is not None:
        for spec in section.raw:
            if spec.key == "*" or head == spec.key:
                forms_.raw.add_error(_raw_name(spec), text)
                return True
    return False


# -- next questions -> the field that answers them --------------------------------------------------------------


def _keys(section: Section) -> set[str]:
    return {s.key for s in section.fields} | {ls.key for ls in section.lists} | {s.key for s in section.raw}


def section_anchor(section: Section) -> str:
    """The anchor of the section's first input group (see the section template)."""
    if section.obj:
        return f"f-{section.obj}"
    if section.fields:
        return f"f-{section.fields[0].key}"
    if section.lists:
        return f"f-{section.lists[0].key}"
    return f"f-{_raw_name(section.raw[0])}"


def section_for_fact(fact: str, person: int) -> tuple[str, str]:
    """(section slug, anchor) of the input that answers the next question about ``fact`` for one person."""
    for section in SECTIONS:
        if section.scope == "case" and (fact in section.facts or fact in _keys(section)):
            anchor = f"f-persons-{person}" if section.slug == "personen" else section_anchor(section)
            return section.slug, anchor
        if section.scope == "person" and (fact == section.obj or fact in _keys(section)):
            return section.slug, f"f-{fact}"
        if section.scope == "person" and fact in section.facts:
            return section.slug, section_anchor(section)
    return "weitere", "f-person"
