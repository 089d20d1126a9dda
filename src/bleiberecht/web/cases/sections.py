"""Guided editing: the case document in sections, each a set of Django forms built from `section_specs`.

A section edits one *container* — the document itself (``scope="case"``) or one person — through groups of
scalar fields (on the container or inside one of its objects, e.g. ``identity``), lists of objects as formsets
(also lists inside an object, e.g. ``identity.efforts``), and raw JSON for the expert section. Blank means
unknown: a blank field removes its key, because an absent key is an unknown fact, never "no". Keys the form does
not show are kept as they are.

Lists: rows given → the list. Without rows the list's "Ohne Einträge" choice decides: "bekannt: keine" stores
``[]`` (known: none), "unbekannt" removes the key. Its initial value keeps the convention of the first statuses
formset: a list that is in the document starts at "keine" (deleting every row of a known list says "none"), an
absent list at "unbekannt" (an untouched empty formset changes nothing).

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
from typing import Any

from django import forms
from django.forms import BaseFormSet, BoundField, formset_factory
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bleiberecht.casefile import PATH_KEYS, Issue, load_schema
from bleiberecht.web.cases.section_specs import (
    BY_SLUG,
    CHOICE_LABELS,
    CHOICE_LABELS_BY_FIELD,
    SECTIONS,
    FieldSpec,
    Group,
    Kind,
    ListSpec,
    Section,
)

__all__ = [
    "BY_SLUG",
    "SECTIONS",
    "Section",
    "SectionForms",
    "attach_issues",
    "build_forms",
    "field_name",
    "merge",
    "schema_node",
    "section_for_fact",
]

# -- schema: kinds and enums --------------------------------------------------------------------------------


def _deref(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = load_schema()["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _child(node: dict[str, Any], key: str) -> Any:
    """Property ``key`` of an object node; ``from``/``to`` of periods come from the ``allOf`` base."""
    child = node.get("properties", {}).get(key)
    if isinstance(child, dict) and child:
        return child
    for base in node.get("allOf", []):
        found = _deref(base).get("properties", {}).get(key)
        if isinstance(found, dict):
            return found
    return None


@cache
def schema_node(scope: str, path: tuple[str, ...]) -> dict[str, Any] | None:
    """The schema of ``path`` (keys; lists are stepped into) below the person or the case; None if absent."""
    schema = load_schema()
    node: Any = schema["$defs"]["person"] if scope == "person" else schema
    for key in path:
        node = _deref(node)
        if node.get("type") == "array":
            node = _deref(node.get("items", {}))
        node = _child(node, key)
        if node is None:
            return None
    node = _deref(node)
    return node if isinstance(node, dict) else None


def _is_date(node: dict[str, Any]) -> bool:
    if node.get("pattern", "").startswith("^[0-9]{4}"):
        return True
    return any(isinstance(o, dict) and _is_date(_deref(o)) for o in node.get("oneOf", []))


def _kind_of(node: dict[str, Any] | None) -> Kind:
    if node is None:
        return "text"
    types = node.get("type")
    types = types if isinstance(types, list) else [types]
    if "enum" in node:
        return "choice"
    if _is_date(node):
        return "date"
    if "boolean" in types:
        return "bool"
    if "integer" in types:
        return "int"
    if "number" in types:
        return "number"
    if "array" in types:
        items = _deref(node.get("items", {}))
        return "multi" if isinstance(items, dict) and "enum" in items else "ids"
    return "text"


@dataclass(frozen=True)
class Resolved:
    spec: FieldSpec
    kind: Kind
    enum: tuple[Any, ...]


def _resolve(section: Section, path: tuple[str, ...], spec: FieldSpec) -> Resolved:
    scope = section.scope
    if scope == "case" and path and path[0] == "persons":
        scope, path = "person", path[1:]
    node = schema_node(scope, (*path, spec.key))
    kind = spec.kind or _kind_of(node)
    enum: tuple[Any, ...] = ()
    if node is not None:
        if kind == "multi":
            enum = tuple(_deref(node.get("items", {})).get("enum", ()))
        else:
            enum = tuple(node.get("enum", ()))
    return Resolved(spec, kind, enum)


# -- form fields --------------------------------------------------------------------------------------------

BOOL_CHOICES = [("", _("unbekannt")), ("true", _("ja")), ("false", _("nein"))]
KNOWN_CHOICES = [("unknown", _("unbekannt")), ("none", _("bekannt: keine"))]
LEVEL_CHOICES = [
    ("", _("— unbekannt —")),
    (1, _("1 – Pass oder Ausweis")),
    (2, _("2 – anderes amtliches Dokument mit Foto")),
    (3, _("3 – amtliches Dokument ohne Foto")),
    (4, _("4 – sonstige Nachweise (Angaben, Zeugen)")),
]


def _coerce_bool(value: str) -> bool:
    return value == "true"


def _choice_label(key: str, code: str) -> Any:
    return CHOICE_LABELS_BY_FIELD.get(f"{key}:{code}") or CHOICE_LABELS.get(code, code)


def _path_choices() -> list[tuple[str, str]]:
    from bleiberecht.law.norms import ALL_NORMS

    lang = "en" if (get_language() or "de").startswith("en") else "de"
    words = {n.key: f"{n.citation} – {n.title.get(lang)}" for n in ALL_NORMS}
    return [(key, words.get(key, key)) for key in sorted(PATH_KEYS, key=lambda k: words.get(k, k))]


def _form_field(r: Resolved) -> forms.Field:
    spec = r.spec
    common: dict[str, Any] = {"label": spec.label, "required": spec.required, "help_text": spec.help or ""}
    if r.kind == "date":
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d", "%d.%m.%Y"],
            **common,
        )
    if r.kind == "int":
        return forms.IntegerField(min_value=0, **common)
    if r.kind == "index1":
        return forms.IntegerField(min_value=1, **common)
    if r.kind == "number":
        return forms.DecimalField(min_value=0, max_digits=12, decimal_places=2, **common)
    if r.kind == "bool":
        return forms.TypedChoiceField(choices=BOOL_CHOICES, coerce=_coerce_bool, empty_value=None, **common)
    if r.kind == "level":
        return forms.TypedChoiceField(choices=LEVEL_CHOICES, coerce=int, empty_value=None, **common)
    if r.kind == "choice":
        choices = [("", _("— unbekannt —")), *((c, _choice_label(spec.key, c)) for c in r.enum)]
        return forms.ChoiceField(choices=choices, **common)
    if r.kind == "path":
        return forms.ChoiceField(choices=[("", _("— bitte wählen —")), *_path_choices()], **common)
    if r.kind == "multi":
        return forms.MultipleChoiceField(
            choices=[(c, _choice_label(spec.key, c)) for c in r.enum],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if r.kind == "raw":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}), **common)
    if r.kind == "longtext":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=10000, **common)
    if r.kind == "ids":
        common["help_text"] = spec.help or _("Durch Komma getrennt")
    return forms.CharField(max_length=500, **common)


def field_name(group: Group, spec: FieldSpec) -> str:
    """The form field's name: the key, or ``<object>__<key>`` for a key inside an object."""
    return f"{group.obj}__{spec.key}" if group.obj else spec.key


def _initial(r: Resolved, value: Any) -> Any:
    if value is None:
        return ""
    if r.kind == "bool":
        return "true" if value is True else "false" if value is False else ""
    if r.kind == "ids":
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if r.kind == "multi":
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    if r.kind == "index1":
        return value + 1 if isinstance(value, int) and not isinstance(value, bool) else value
    if r.kind == "raw":
        return json.dumps(value, ensure_ascii=False, indent=2)
    return value


def _value(r: Resolved, cleaned: Any) -> tuple[bool, Any]:
    """(present, value) for the document: blank is absent (unknown)."""
    if cleaned is None or cleaned == "" or cleaned == []:
        return False, None
    if r.kind == "date":
        return True, cleaned.isoformat()
    if r.kind == "number":
        number = Decimal(cleaned)
        return True, int(number) if number == number.to_integral_value() else float(number)
    if r.kind == "ids":
        ids = [part.strip() for part in str(cleaned).split(",") if part.strip()]
        return bool(ids), ids
    if r.kind == "index1":
        return True, int(cleaned) - 1  # the page counts from 1, the file from 0
    if r.kind == "multi":
        return True, list(cleaned)
    if r.kind in ("text", "longtext"):
        text = str(cleaned).strip()
        return bool(text), text
    return True, cleaned


def _set(target: dict[str, Any], r: Resolved, cleaned: Any) -> None:
    present, value = _value(r, cleaned)
    key = r.spec.key
    if present:
        target[key] = value
    elif key in target and target[key] is not None:
        del target[key]  # blank: the fact is unknown again (an explicit null is kept as it was)


# -- the forms of one section -------------------------------------------------------------------------------


@dataclass
class Row:
    form: forms.Form
    fields: list[BoundField]
    more: list[BoundField]

    @property
    def more_has_errors(self) -> bool:
        return any(f.errors for f in self.more)


@dataclass
class GroupForms:
    group: Group
    fields: list[BoundField]
    is_list = False


@dataclass
class ListForms:
    spec: ListSpec
    formset: BaseFormSet[forms.Form]
    known: forms.Form
    resolved: list[Resolved]
    index_map: list[int] = field(default_factory=list)  # list index in the new document -> form index
    is_list = True

    def rows(self) -> list[Row]:
        main_keys = [s.key for s in self.spec.fields]
        more_keys = [s.key for s in self.spec.more]
        return [
            Row(
                form,
                [form[k] for k in main_keys] + ([form["DELETE"]] if "DELETE" in form.fields else []),
                [form[k] for k in more_keys],
            )
            for form in self.formset.forms
        ]


@dataclass
class SectionForms:
    """The bound or unbound forms of one section for one container."""

    section: Section
    main: forms.Form | None
    groups: list[GroupForms]
    lists: list[ListForms]
    raw: forms.Form | None
    main_resolved: dict[str, tuple[Group, Resolved]] = field(default_factory=dict)
    other_errors: list[Issue] = field(default_factory=list)  # issues not belonging to a field here
    warnings: list[Issue] = field(default_factory=list)

    @property
    def parts(self) -> list[GroupForms | ListForms]:
        """Groups and lists in the section's order."""
        by_part: dict[int, GroupForms | ListForms] = {id(g.group): g for g in self.groups}
        by_part.update({id(lf.spec): lf for lf in self.lists})
        return [by_part[id(p)] for p in self.section.parts]

    def is_valid(self) -> bool:
        ok = True
        for form in self.own_forms():
            ok = form.is_valid() and ok
        for lf in self.lists:
            ok = lf.formset.is_valid() and ok
            ok = lf.known.is_valid() and ok
        return ok

    def own_forms(self) -> list[forms.Form]:
        return [f for f in (self.main, self.raw) if f is not None]

    def slot_forms(self) -> list[forms.Form]:
        """The forms with an error slot of their own on the page (for the check on change)."""
        found = self.own_forms()
        for lf in self.lists:
            found += lf.formset.forms
        return found

    @property
    def has_errors(self) -> bool:
        return bool(
            self.other_errors
            or any(f.errors for f in self.own_forms())
            or any(lf.formset.total_error_count() or lf.known.errors for lf in self.lists)
        )


def container(doc: dict[str, Any], section: Section, person: int) -> dict[str, Any]:
    return doc if section.scope == "case" else doc["persons"][person]


def prefix_path(section: Section, person: int) -> str:
    return "$" if section.scope == "case" else f"$.persons[{person}]"


def _get_list(box: dict[str, Any], key: str) -> tuple[bool, list[Any]]:
    """(present, items) of a list that may lie inside an object (``asylum.follow_up_applications``)."""
    *objs, last = key.split(".")
    node: Any = box
    for obj in objs:
        node = node.get(obj) if isinstance(node, dict) else None
    if not isinstance(node, dict) or last not in node:
        return False, []
    items = node[last]
    return True, items if isinstance(items, list) else []


def _raw_clean(name: str) -> Callable[[forms.Form], Any]:
    def clean(form: forms.Form) -> Any:
        text = form.cleaned_data.get(name, "")
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


def _known_form(spec: ListSpec, present: bool, data: Any) -> forms.Form:
    attrs = {
        "known": forms.ChoiceField(
            label=_("Ohne Einträge"),
            choices=KNOWN_CHOICES,
            required=False,
            help_text=_("Gilt nur, wenn keine Einträge unten stehen."),
        )
    }
    cls = type("KnownForm", (forms.Form,), attrs)
    return cls(data, initial={"known": "none" if present else "unknown"}, prefix=spec.prefix)


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
    main = None
    main_resolved: dict[str, tuple[Group, Resolved]] = {}
    if section.groups:
        attrs: dict[str, Any] = {}
        initial: dict[str, Any] = {}
        for group in section.groups:
            target = box.get(group.obj) if group.obj else box
            target = target if isinstance(target, dict) else {}
            path = (group.obj,) if group.obj else ()
            for spec in group.fields:
                r = _resolve(section, path, spec)
                name = field_name(group, spec)
                main_resolved[name] = (group, r)
                attrs[name] = _form_field(r)
                initial[name] = _initial(r, target.get(spec.key))
        main = type("SectionForm", (forms.Form,), attrs)(data, initial=initial, prefix="main")
    groups = [
        GroupForms(g, [main[field_name(g, s)] for s in g.fields]) for g in section.groups if main is not None
    ]
    lists: list[ListForms] = []
    for ls in section.lists:
        list_path = tuple(ls.key.split("."))
        resolved = [_resolve(section, list_path, s) for s in ls.all_fields]
        cls = type("RowForm", (forms.Form,), {r.spec.key: _form_field(r) for r in resolved})
        present, items = _get_list(box, ls.key)
        initial_rows = [
            {r.spec.key: _initial(r, item.get(r.spec.key)) for r in resolved}
            for item in items
            if isinstance(item, dict)
        ]
        formset_cls = formset_factory(cls, extra=0 if initial_rows else 1, can_delete=True)
        bound = data
        if data is not None and add_row == ls.prefix:
            bound = data.copy()
            total = f"{ls.prefix}-TOTAL_FORMS"
            bound[total] = str(int(bound.get(total, "0")) + 1)
        formset = formset_cls(bound, initial=initial_rows, prefix=ls.prefix)
        lists.append(ListForms(ls, formset, _known_form(ls, present, data), resolved))
    raw = None
    if section.raw:
        raw_attrs: dict[str, Any] = {}
        for spec in section.raw:
            raw_attrs[_raw_name(spec)] = _form_field(Resolved(spec, "raw", ()))
            raw_attrs[f"clean_{_raw_name(spec)}"] = _raw_clean(_raw_name(spec))
        cls = type("RawForm", (forms.Form,), raw_attrs)
        raw_initial = {
            _raw_name(s): _initial(Resolved(s, "raw", ()), box if s.key == "*" else box.get(s.key))
            for s in section.raw
        }
        raw = cls(data, initial=raw_initial, prefix="raw")
    return SectionForms(section, main, groups, lists, raw, main_resolved)


def _raw_name(spec: FieldSpec) -> str:
    return "person" if spec.key == "*" else spec.key


def _merge_list(lf: ListForms, box: dict[str, Any]) -> None:
    *objs, last = lf.spec.key.split(".")
    parent: dict[str, Any] = box
    created: list[tuple[dict[str, Any], str]] = []
    for obj in objs:
        child = parent.get(obj)
        if not isinstance(child, dict):
            child = {}
            created.append((parent, obj))
        else:
            child = dict(child)
        parent[obj] = child
        parent = child
    current = parent.get(last)
    old_items: list[Any] = current if isinstance(current, list) else []
    items: list[Any] = []
    lf.index_map = []
    for index, form in enumerate(lf.formset.forms):
        is_new = index >= len(old_items)
        if form.cleaned_data.get("DELETE") or (is_new and not form.has_changed()):
            continue
        item = {} if is_new or not isinstance(old_items[index], dict) else dict(old_items[index])
        for r in lf.resolved:
            _set(item, r, form.cleaned_data.get(r.spec.key))
        items.append(item)
        lf.index_map.append(index)
    known = lf.known.cleaned_data.get("known") or ("none" if last in parent else "unknown")
    if items or known == "none":
        parent[last] = items
    else:
        parent.pop(last, None)  # no rows and "unknown": the list is unknown
        for holder, obj in reversed(created):  # an object created only for this list goes again
            if not holder[obj]:
                del holder[obj]


def merge(forms_: SectionForms, doc: dict[str, Any], person: int) -> dict[str, Any]:
    """A new document: ``doc`` with this section's valid forms applied (``doc`` itself is not changed)."""
    section = forms_.section
    new = copy.deepcopy(doc)
    box = container(new, section, person)
    if forms_.main is not None:
        for name, (group, r) in forms_.main_resolved.items():
            if group.obj:
                obj = box.get(group.obj)
                obj = dict(obj) if isinstance(obj, dict) else {}
                _set(obj, r, forms_.main.cleaned_data.get(name))
                if obj:
                    box[group.obj] = obj
                else:
                    box.pop(group.obj, None)
            else:
                _set(box, r, forms_.main.cleaned_data.get(name))
    for lf in forms_.lists:
        _merge_list(lf, box)
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


# -- issues -> fields ---------------------------------------------------------------------------------------

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
    if not tokens:
        return False
    for lf in forms_.lists:  # lists first: ``identity.efforts`` is more precise than the ``identity`` group
        parts = lf.spec.key.split(".")
        if tokens[: len(parts)] != parts:
            continue
        rest = tokens[len(parts) :]
        if rest and isinstance(rest[0], int) and rest[0] < len(lf.index_map):
            form = lf.formset.forms[lf.index_map[rest[0]]]
            if len(rest) > 1 and rest[1] in form.fields:
                form.add_error(str(rest[1]), text)
            else:
                form.add_error(None, text)
            return True
        return False
    if forms_.main is not None:
        head = tokens[0]
        for name, (group, r) in forms_.main_resolved.items():
            if group.obj is None and head == r.spec.key:
                forms_.main.add_error(name, text)
                return True
            if group.obj == head and len(tokens) > 1 and tokens[1] == r.spec.key:
                forms_.main.add_error(name, text)
                return True
        if any(g.obj == head for g in forms_.section.groups):
            forms_.main.add_error(None, text)
            return True
    if forms_.raw is not None:
        for spec in forms_.section.raw:
            if spec.key == "*" or tokens[0] == spec.key:
                forms_.raw.add_error(_raw_name(spec), text)
                return True
    return False


# -- next questions -> the field that answers them --------------------------------------------------------------


def _targets(section: Section) -> dict[str, str]:
    """Fact (a key of the container) -> anchor id on the section's page."""
    found: dict[str, str] = {}
    for part in section.parts:
        if isinstance(part, Group):
            if part.obj:
                found.setdefault(part.obj, part.dom_id)
            for spec in part.fields:
                if not part.obj:
                    found.setdefault(spec.key, f"f-{spec.key}")
        elif "." not in part.key:
            found.setdefault(part.key, part.dom_id)
    for fact, anchor in section.facts:
        found.setdefault(fact, f"f-{anchor}")
    return found


def section_for_fact(fact: str, person: int) -> tuple[str, str]:
    """(section slug, anchor) of the input that answers the next question about ``fact`` for one person."""
    for section in SECTIONS:
        anchor = _targets(section).get(fact)
        if anchor is None:
            continue
        if section.slug == "personen" and anchor == "f-persons":
            anchor = f"f-persons-{person}"  # the person's own row
        return section.slug, anchor
    return "weitere", "f-person"
