"""Screening pages: upload, report and worklist (filtered, paged), XLSX download, deletion."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bleiberecht.screening.labels import WORKLIST_HEADERS
from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.accounts.roles import Perm, organisations_where
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType
from bleiberecht.web.screening.forms import UploadForm, WorklistFilterForm
from bleiberecht.web.screening.models import ScreeningRun
from bleiberecht.web.screening.services import UnsupportedUpload, screen_upload

SHOWN = (
    "rank",
    "light",
    "case_id",
    "person_id",
    "name",
    "best_path",
    "outcome",
    "eligible_from",
    "apply_by",
    "missing",
    "next_step",
)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lang() -> str:
    return "en" if (get_language() or "de").startswith("en") else "de"


def _audit(request: HttpRequest, run: ScreeningRun, action: str, **detail: Any) -> None:
    AuditEvent.record(
        user=request.user,
        action=action,
        object_type=ObjectType.SCREENING,
        object_id=run.pk,
        organisation_id=run.organisation_id,
        **detail,
    )


@require_http_methods(["GET", "POST"])
def screening_index(request: HttpRequest) -> HttpResponse:
    organisation = Organisation.objects.filter(
        pk__in=organisations_where(request.user, Perm.SCREENING)
    ).first()
    if organisation is None:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.BLEIBERECHT_MAX_UPLOAD_BYTES:
            form.add_error("file", _("Die Datei ist zu groß."))
        else:
            try:
                run = screen_upload(upload, organisation, request.user, _lang())
            except UnsupportedUpload:
                form.add_error("file", _("Dieser Dateityp wird nicht unterstützt."))
            else:
                _audit(request, run, Action.UPLOAD, persons=len(run.rows), exit_code=run.exit_code)
                return redirect("screening:detail", pk=run.pk)
    runs = ScreeningRun.objects.visible_to(request.user).defer("rows", "xlsx", "problems")[:50]
    return render(request, "screening/index.html", {"form": form, "runs": runs})


def screening_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ScreeningRun.objects.visible_to(request.user).defer("xlsx"), pk=pk)
    lang = _lang()
    paths = sorted({(r.get("best_path_key"), r.get("best_path")) for r in run.rows if r.get("best_path_key")})
    form = WorklistFilterForm(request.GET or None)
    form.fields["path"].choices = [("", _("alle")), *paths]  # type: ignore[attr-defined]
    rows = run.rows
    if form.is_valid():
        data = form.cleaned_data
        if data["light"]:
            rows = [r for r in rows if r.get("traffic_light") == data["light"]]
        if data["path"]:
            rows = [r for r in rows if r.get("best_path_key") == data["path"]]
        if data["q"]:
            needle = data["q"].casefold()
            rows = [
                r
                for r in rows
                if any(needle in str(r.get(k) or "").casefold() for k in ("case_id", "person_id", "name"))
            ]
    page = Paginator(rows, 50).get_page(request.GET.get("seite"))
    headers = [(key, WORKLIST_HEADERS[key].get(lang)) for key in SHOWN]
    table = [{"light": r.get("traffic_light"), "cells": [r.get(k) for k in SHOWN]} for r in page.object_list]
    problems = [{**p, "message": p["message_en"] if lang == "en" else p["message_de"]} for p in run.problems]
    _audit(request, run, Action.VIEW)
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "run": run,
        "form": form,
        "page": page,
        "headers": headers,
        "table": table,
        "problems": problems,
        "errors": sum(p["severity"] == "error" for p in problems),
        "query": query.urlencode(),
        "shown": len(rows),
    }
    template = "screening/_worklist.html" if request.htmx else "screening/detail.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def screening_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ScreeningRun.objects.visible_to(request.user), pk=pk)
    if not run.xlsx:
        messages.error(request, _("Für diesen Lauf gibt es keine Arbeitsliste."))
        return redirect("screening:detail", pk=run.pk)
    _audit(request, run, Action.DOWNLOAD, format="xlsx")
    response = HttpResponse(bytes(run.xlsx), content_type=XLSX_TYPE)
    name = "arbeitsliste" if run.lang == "de" else "worklist"
    response["Content-Disposition"] = f'attachment; filename="{name}-{run.pk}.xlsx"'
    return response


@require_POST
def screening_delete(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ScreeningRun.objects.visible_to(request.user), pk=pk)
    _audit(request, run, Action.DELETE)
    run.delete()
    messages.success(request, _("Der Screening-Lauf wurde gelöscht."))
    return redirect("screening:index")
