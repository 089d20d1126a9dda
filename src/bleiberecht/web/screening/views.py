"""Screening pages: upload, state while the worker screens, report and worklist (filtered, paged), XLSX
download, deletion.

Uploads are screened in the background (`tasks.screen_run`); the page polls the state fragment every 2 s with
HTMX and reloads itself once the run has finished. Uploads up to `BLEIBERECHT_SCREENING_INLINE_BYTES` are
screened in the request.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bleiberecht.screening.labels import WORKLIST_HEADERS
from bleiberecht.web.accounts.roles import Perm, active_membership
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType
from bleiberecht.web.screening.forms import UploadForm, WorklistFilterForm
from bleiberecht.web.screening.models import RunStatus, ScreeningRun
from bleiberecht.web.screening.services import (
    UnsupportedUpload,
    error_message,
    execute_run,
    queued_position,
    remove_upload,
    store_upload,
)
from bleiberecht.web.screening.tasks import screen_run

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
STALLED_AFTER = dt.timedelta(
    minutes=2
)  # waiting longer than this (with no run ahead) hints at a missing worker


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
    membership = active_membership(request, Perm.SCREENING)  # the organisation chosen in the header
    if membership is None:
        raise PermissionDenied
    organisation = membership.organisation
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.BLEIBERECHT_MAX_UPLOAD_BYTES:
            form.add_error("file", _("Die Datei ist zu groß."))
        else:
            try:
                run = store_upload(upload, organisation, request.user, _lang())
            except UnsupportedUpload:
                form.add_error("file", _("Dieser Dateityp wird nicht unterstützt."))
            else:
                if upload.size <= settings.BLEIBERECHT_SCREENING_INLINE_BYTES:
                    execute_run(run.pk)
                    run.refresh_from_db(fields=["rows", "exit_code"])
                    _audit(
                        request,
                        run,
                        Action.UPLOAD,
                        mode="inline",
                        persons=len(run.rows),
                        exit_code=run.exit_code,
                    )
                else:
                    transaction.on_commit(lambda: screen_run.enqueue(run.pk))
                    _audit(request, run, Action.UPLOAD, mode="background")
                return redirect("screening:detail", pk=run.pk)
    runs = ScreeningRun.objects.visible_to(request.user).defer("rows", "xlsx", "problems", "summary")[:50]
    return render(request, "screening/index.html", {"form": form, "runs": runs})


def _status_context(run: ScreeningRun) -> dict[str, Any]:
    waiting = run.status == RunStatus.QUEUED
    ahead = queued_position(run) if waiting else 0
    return {
        "run": run,
        "error": error_message(run),
        "ahead": ahead,
        # a worker takes the first run within seconds: a long wait means none runs (e.g. serve --no-worker)
        "stalled": waiting and not ahead and timezone.now() - run.created_at > STALLED_AFTER,
    }


def screening_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The state fragment the page polls: state, progress, error sentence (no personal data, not audited)."""
    run = get_object_or_404(
        ScreeningRun.objects.visible_to(request.user).only(
            "pk", "status", "persons_done", "persons_total", "error_code", "organisation_id", "created_at"
        ),
        pk=pk,
    )
    response = render(request, "screening/_status.html", _status_context(run))
    if run.finished and request.htmx:  # type: ignore[attr-defined]
        response["HX-Refresh"] = "true"  # the whole page now shows the report and the worklist
    return response


def screening_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ScreeningRun.objects.visible_to(request.user).defer("xlsx"), pk=pk)
    lang = _lang()
    if run.status != RunStatus.DONE and run.error_code != "unusable":  # nothing screened (yet)
        _audit(request, run, Action.VIEW)
        return render(request, "screening/detail.html", _status_context(run))
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
        **_status_context(run),
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
    remove_upload(run)  # a run deleted while it waits takes its upload with it
    run.delete()
    messages.success(request, _("Der Screening-Lauf wurde gelöscht."))
    return redirect("screening:index")
