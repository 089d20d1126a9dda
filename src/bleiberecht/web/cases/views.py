"""Case pages: list with filters, detail with the stored result, guided sections, import/export, history,
deletion. Every view loads its case through ``Case.objects.visible_to(user, perm)``: another organisation's
case is never loaded and the answer is 404."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bleiberecht.casefile import Issue, validate_case
from bleiberecht.cli.labels import fact_label, format_date
from bleiberecht.cli.report import OUTCOME_ORDER, PathView, path_view, person_view
from bleiberecht.cli.report import h as report_heading
from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.accounts.roles import (
    Perm,
    active_membership,
    has_perm,
    organisations_where,
    perms_in,
    request_memberships,
)
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType
from bleiberecht.web.cases import sections as sec
from bleiberecht.web.cases.forms import CaseFilterForm, CreateCaseForm, ImportForm, ResponsibleForm
from bleiberecht.web.cases.models import Case
from bleiberecht.web.cases.services import InvalidDocument, check, delete_case, save_document
from bleiberecht.web.cases.timeline import build_timeline

RESULT_CACHE_SECONDS = 3600


def _case(request: HttpRequest, pk: int, perm: Perm = Perm.VIEW_CASES) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(request.user, perm).select_related("organisation"), pk=pk
    )


def _audit(request: HttpRequest, case: Case, action: str, **detail: Any) -> None:
    AuditEvent.record(
        user=request.user,
        action=action,
        object_type=ObjectType.CASE,
        object_id=case.pk,
        organisation_id=case.organisation_id,
        **detail,
    )


def _lang() -> str:
    return "en" if (get_language() or "de").startswith("en") else "de"


# -- list ---------------------------------------------------------------------------------------------------


def case_list(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, Perm.VIEW_CASES):
        raise PermissionDenied
    cases = Case.objects.visible_to(request.user).select_related("organisation", "responsible")
    org_ids = set(cases.values_list("organisation_id", flat=True)) | set(
        organisations_where(request.user, Perm.VIEW_CASES)
    )
    organisations = list(Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name"))
    people = list(
        get_user_model()
        .objects.filter(memberships__organisation_id__in=organisations_where(request.user, Perm.VIEW_CASES))
        .distinct()
        .order_by("username")
        .values_list("pk", "username")
    )
    form = CaseFilterForm(request.GET or None, responsible=people, organisations=organisations)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            cases = cases.filter(search_text__contains=data["q"].casefold())
        if data["light"]:
            cases = cases.filter(lights__contains=f"|{data['light']}|")
        if data["deadline"]:
            cases = cases.filter(nearest_deadline__lte=date.today() + timedelta(days=int(data["deadline"])))
        if data["responsible"] is not None:
            cases = cases.filter(responsible_id=data["responsible"])
        if data["organisation"] is not None:
            cases = cases.filter(organisation_id=data["organisation"])
    cases = cases.order_by(F("nearest_deadline").asc(nulls_last=True), "-updated_at", "-id")
    page = Paginator(cases, 25).get_page(request.GET.get("seite"))
    AuditEvent.record(
        user=request.user, action=Action.LIST, object_type=ObjectType.CASE, shown=len(page.object_list)
    )
    query = request.GET.copy()
    query.pop("seite", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    template = "cases/_table.html" if request.htmx else "cases/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


# -- detail -------------------------------------------------------------------------------------------------


def _person_name(doc_person: dict[str, Any]) -> str:
    name = doc_person.get("name")
    return f"{name} ({doc_person.get('id')})" if name else str(doc_person.get("id"))


def _outcome_rank(path: dict[str, Any]) -> int:
    """The order `person_view` lists paths in (best first)."""
    outcome = path["outcome"]
    return OUTCOME_ORDER.index(outcome) if outcome in OUTCOME_ORDER else len(OUTCOME_ORDER)


def _path_summary(case: Case, person: int, raw: dict[str, Any], view: PathView) -> dict[str, Any]:
    """What the case page shows of a path before its checklist is asked for: outcome, citation, title, dates,
    counts — and where the checklist is loaded from."""
    statuses = [r["status"] for r in raw["requirements"]]
    return {
        "view": view,
        "key": raw["path"],
        "url": reverse("cases:path", args=[case.pk, person, raw["path"]]),
        "dom_id": f"path-{person}-{raw['path']}",
        "open_count": sum(s in ("not_met", "unknown") for s in statuses),
        "waivable_count": statuses.count("waivable"),
        "hint_count": len(raw.get("hints", [])),
    }


def _result_context(case: Case, lang: str, can_edit: bool) -> dict[str, Any]:
    """Everything drawn from the stored result: per person the path summaries, reviews, deadlines, next
    questions and timeline. The requirement checklists are not part of it (`case_path` serves them)."""
    result = case.result_in(lang)
    persons: list[dict[str, Any]] = []
    if not result:
        return {"persons": persons}
    doc_persons = {p.get("id"): (i, p) for i, p in enumerate(case.document.get("persons", []))}
    as_of = date.fromisoformat(result["as_of"])
    questions_heading = report_heading("questions", lang)
    for position, raw in enumerate(result["persons"]):
        view = person_view(raw, lang)
        index, doc_person = doc_persons.get(raw["id"], (0, {"id": raw["id"]}))
        norms = {p["path"]: p["norm"] for p in raw["paths"]}
        questions = []
        for q in raw.get("next_questions", []):
            slug, anchor = sec.section_for_fact(q["fact"], index)
            url = f"{reverse('cases:section', args=[case.pk, slug])}?person={index}#{anchor}"
            questions.append(
                {
                    "label": fact_label(q["fact"], lang),
                    "decides": ", ".join(norms.get(p, p) for p in q["decides"]),
                    "url": url,
                }
            )
        ordered = sorted(raw["paths"], key=_outcome_rank)  # the order of view.paths
        if [p["norm"] for p in ordered] != [pv.norm for pv in view.paths]:  # pragma: no cover - guard
            raise RuntimeError("path order differs from the report's")
        persons.append(
            {
                "view": view,
                "paths": [
                    _path_summary(case, position, p, pv) for p, pv in zip(ordered, view.paths, strict=True)
                ],
                "sections": [s for s in view.sections if s.heading != questions_heading],
                "name": _person_name(doc_person),
                "index": index,
                "questions": questions,
                "timeline": build_timeline(doc_person, raw, as_of, lang),
            }
        )
    return {"persons": persons}


def _cache_key(case: Case, *parts: object) -> str:
    """Per case version: a new version (or a new case reusing the id) never meets an old entry."""
    return ":".join(str(p) for p in (case.pk, case.version, case.created_at.timestamp(), *parts))


def _result_html(case: Case, lang: str, can_edit: bool) -> str:
    """The result part of the case page, rendered once per case version and language (it is the same for every
    reader allowed to see it; access is checked before)."""
    key = f"case-result:{_cache_key(case, lang, int(can_edit))}"
    html = cache.get(key)
    if html is None:
        context = {"case": case, "can_edit": can_edit, **_result_context(case, lang, can_edit)}
        html = render_to_string("cases/_result.html", context)
        cache.set(key, html, RESULT_CACHE_SECONDS)
    return str(html)


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The stored result (both languages) is large; it is read only when the rendered page part is not cached.
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related("organisation", "responsible").defer("result"),
        pk=pk,
    )
    lang = _lang()
    # The case is visible; what else the user may do with it follows from the roles in its organisation
    # (the same rule as `Case.objects.visible_to(user, perm)`, without a query per permission).
    perms = perms_in(request_memberships(request), case.organisation_id)
    can_edit = Perm.EDIT_CASES in perms
    warnings = [Issue(**i) for i in case.issues] if case.issues else []
    _audit(request, case, Action.VIEW)
    responsible_form = None
    if can_edit:
        responsible_form = ResponsibleForm(initial={"responsible": case.responsible_id})
        responsible_form.fields["responsible"].queryset = get_user_model().objects.filter(  # type: ignore[attr-defined]
            memberships__organisation_id=case.organisation_id
        )
    context = {
        "case": case,
        "result_html": _result_html(case, lang, can_edit),
        "evaluated": not case.evaluation_failed,
        "warnings": [(w.path, w.message(lang)) for w in warnings],
        "can_edit": can_edit,
        "can_delete": Perm.DELETE_CASES in perms,
        "as_of": format_date(case.document.get("as_of"), lang),
        "responsible_form": responsible_form,
    }
    return render(request, "cases/detail.html", context)


def case_path(request: HttpRequest, pk: int, person: int, path: str) -> HttpResponse:
    """The requirement checklist and hints of one path of one person, loaded when its <details> is opened
    (HTMX: the fragment), or as a page of its own (without JavaScript: the link in the <details>). Checked and
    audited like the case page."""
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related("organisation").defer("result"), pk=pk
    )
    lang = _lang()
    key = f"case-path:{_cache_key(case, lang, person, path)}"
    cached: tuple[str, str, str, str] | None = cache.get(key)
    if cached is None:
        result = case.result_in(lang) or {"persons": []}
        persons = result["persons"]
        if not 0 <= person < len(persons):
            raise Http404
        raw_path = next((p for p in persons[person]["paths"] if p["path"] == path), None)
        if raw_path is None:
            raise Http404
        view = path_view(raw_path, lang, verbose=True)
        html = render_to_string("cases/_path_detail.html", {"path": view})
        cached = (html, view.norm, view.title, str(persons[person]["id"]))
        cache.set(key, cached, RESULT_CACHE_SECONDS)
    _audit(request, case, Action.VIEW, part="path", person=person, path=path)
    html, norm, title, person_id = cached
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse(html)
    doc_person = next(
        (p for p in case.document.get("persons", []) if p.get("id") == person_id), {"id": person_id}
    )
    context = {
        "case": case,
        "person_name": _person_name(doc_person),
        "person_number": person + 1,
        "norm": norm,
        "title": title,
        "checklist_html": html,
    }
    return render(request, "cases/path.html", context)


@require_POST
def set_responsible(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, Perm.EDIT_CASES)
    form = ResponsibleForm(request.POST)
    form.fields["responsible"].queryset = get_user_model().objects.filter(  # type: ignore[attr-defined]
        memberships__organisation_id=case.organisation_id
    )
    if form.is_valid():
        case.responsible = form.cleaned_data["responsible"]
        case.save(update_fields=["responsible", "updated_at"])
        _audit(request, case, Action.CHANGE, field="responsible")
        messages.success(request, _("Zuständigkeit gespeichert."))
    return redirect("cases:detail", pk=case.pk)


# -- create, import, export ---------------------------------------------------------------------------------


def _own_organisation(request: HttpRequest, perm: Perm) -> Organisation:
    """The organisation chosen in the header (`active_membership`), if the role there grants ``perm``."""
    membership = active_membership(request, perm)
    if membership is None:
        raise PermissionDenied
    return membership.organisation


@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    organisation = _own_organisation(request, Perm.EDIT_CASES)
    form = CreateCaseForm(request.POST or None)
    issues: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person: dict[str, Any] = {"id": data["person_id"]}
        if data["person_name"]:
            person["name"] = data["person_name"]
        if data["birth_date"]:
            person["birth_date"] = data["birth_date"].isoformat()
        doc = {
            "format": "bleiberecht.case/1",
            "id": data["reference"],
            "as_of": data["as_of"].isoformat(),
            "land": data["land"],
            "persons": [person],
        }
        try:
            case = save_document(doc=doc, user=request.user, source="create", organisation=organisation)
        except InvalidDocument as exc:
            issues = [(i.path, i.message(_lang())) for i in exc.errors]
        else:
            messages.success(request, _("Fall angelegt. Jetzt die Familie und die Angaben erfassen."))
            return redirect("cases:section", pk=case.pk, slug="personen")
    return render(request, "cases/create.html", {"form": form, "issues": issues})


def _read_import(form: ImportForm) -> bytes:
    upload = form.cleaned_data.get("file")
    if upload:
        return upload.read()
    return form.cleaned_data["text"].encode("utf-8")


@require_http_methods(["GET", "POST"])
def case_import(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    case = _case(request, pk, Perm.EDIT_CASES) if pk is not None else None
    organisation = case.organisation if case else _own_organisation(request, Perm.EDIT_CASES)
    form = ImportForm(request.POST or None, request.FILES or None)
    issues: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        raw = _read_import(form)
        found = validate_case(raw)
        errors = [i for i in found if i.severity == "error"]
        if errors:
            issues = [{"path": i.path, "message": i.message(_lang()), "severity": i.severity} for i in found]
        else:
            doc = json.loads(raw.decode("utf-8-sig"))
            try:
                case = save_document(
                    doc=doc, user=request.user, source="import", case=case, organisation=organisation
                )
            except InvalidDocument as exc:  # pragma: no cover - validate_case said it was valid
                issues = [
                    {"path": i.path, "message": i.message(_lang()), "severity": i.severity}
                    for i in exc.issues
                ]
            else:
                messages.success(request, _("Falldatei importiert und geprüft."))
                return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/import.html", {"form": form, "issues": issues, "case": case})


def case_export(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, Perm.EXPORT_CASES)
    _audit(request, case, Action.EXPORT, version=case.version)
    response = JsonResponse(case.document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="fall-{case.pk}-v{case.version}.json"'
    return response


# -- guided sections ----------------------------------------------------------------------------------------


def _person_index(request: HttpRequest, case: Case, section: sec.Section) -> int:
    if section.scope == "case":
        return 0
    count = len(case.document.get("persons", []))
    try:
        index = int(request.GET.get("person") or request.POST.get("person") or 0)
    except ValueError:
        index = 0
    if not 0 <= index < count:
        raise Http404
    return index


def _checked_document(forms_: sec.SectionForms, case: Case, person: int, lang: str) -> dict[str, Any] | None:
    """The new document if the section's forms and the whole document are valid; else None, with every error
    attached to its field (``forms_``). Saves nothing."""
    if not forms_.is_valid():
        return None
    new_doc = sec.merge(forms_, case.document, person)
    if forms_.has_errors:
        return None
    try:
        check(new_doc)
    except InvalidDocument as exc:
        sec.attach_issues(forms_, exc.issues, person, lang)
        return None
    return new_doc


def _section_context(
    case: Case, section: sec.Section, forms_: sec.SectionForms, person: int, lang: str
) -> dict[str, Any]:
    check_url = reverse("cases:section_check", args=[case.pk, section.slug])
    return {
        "case": case,
        "section": section,
        "sections": sec.SECTIONS,
        "forms": forms_,
        "person": person,
        "persons": [_person_name(p) for p in case.document.get("persons", [])],
        "other_errors": [(i.path, i.message(lang)) for i in forms_.other_errors],
        "check_url": f"{check_url}?person={person}" if section.scope == "person" else check_url,
    }


@require_http_methods(["GET", "POST"])
def case_section(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    case = _case(request, pk, Perm.EDIT_CASES)
    section = sec.BY_SLUG.get(slug)
    if section is None:
        raise Http404
    person = _person_index(request, case, section)
    lang = _lang()
    saved = False
    if request.method == "POST":
        add_row = request.POST.get("_add")
        forms_ = sec.build_forms(section, case.document, person, request.POST, add_row=add_row)
        new_doc = None if add_row else _checked_document(forms_, case, person, lang)
        if new_doc is not None:
            case = save_document(doc=new_doc, user=request.user, source=f"section:{slug}", case=case)
            saved = True
            if not request.htmx:  # type: ignore[attr-defined]
                messages.success(request, _("Gespeichert. Das Ergebnis wurde neu berechnet."))
                url = reverse("cases:section", args=[case.pk, slug])
                return redirect(f"{url}?person={person}" if section.scope == "person" else url)
            forms_ = sec.build_forms(section, case.document, person)
    else:
        forms_ = sec.build_forms(section, case.document, person)
        _audit(request, case, Action.VIEW, section=slug)
    context = {**_section_context(case, section, forms_, person, lang), "saved": saved}
    template = "cases/_section_form.html" if request.htmx else "cases/section.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@require_POST
def case_section_check(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """Validation on change (HTMX): the section's forms checked like on save, nothing saved, no version, no
    change event. The answer is a status line for ``#section-check`` plus every error slot as an out-of-band
    swap, so each message lands next to its field. Checked and scoped like the edit view; the stored result
    (large, both languages) is not read."""
    case = get_object_or_404(
        Case.objects.visible_to(request.user, Perm.EDIT_CASES).select_related("organisation").defer("result"),
        pk=pk,
    )
    section = sec.BY_SLUG.get(slug)
    if section is None:
        raise Http404
    person = _person_index(request, case, section)
    lang = _lang()
    forms_ = sec.build_forms(section, case.document, person, request.POST)
    _checked_document(forms_, case, person, lang)
    _audit(request, case, Action.VIEW, section=slug, part="check")
    return render(request, "cases/_section_check.html", _section_context(case, section, forms_, person, lang))


# -- history, deletion --------------------------------------------------------------------------------------


def _short(value: Any) -> str:
    if value is None:
        return "–"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "…"


def case_history(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, Perm.EDIT_CASES)
    versions = []
    for version in case.versions.select_related("author"):
        versions.append(
            {
                "version": version,
                "changes": [
                    {"path": c["path"], "kind": c["kind"], "old": _short(c["old"]), "new": _short(c["new"])}
                    for c in version.changes
                ],
            }
        )
    _audit(request, case, Action.VIEW, part="history")
    return render(request, "cases/history.html", {"case": case, "versions": versions})


@require_http_methods(["GET", "POST"])
def case_delete(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, Perm.DELETE_CASES)
    if request.method == "POST":
        delete_case(case, request.user)
        messages.success(request, _("Der Fall und alle seine Versionen wurden gelöscht."))
        return redirect("cases:list")
    return render(request, "cases/delete.html", {"case": case})


def home(request: HttpRequest) -> HttpResponse:
    return redirect("cases:list")
