"""Monitoring pages: aggregate figures of the organisations' cases for coordinators and admins; exports
(CSV, XLSX) for the council, always with small-number suppression.

Scope: the organisations where the user holds `Perm.MONITORING`, their own cases only (a case shared with an
organisation is counted by its owner). Figures come from stored results (`Case.result`), summarised per case
when it is saved (`CaseFigures`); nothing is evaluated here. Every page view and export is audited per organisation (object type organisation, ``part=monitoring``).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.accounts.roles import Perm, organisations_where
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType
from bleiberecht.web.cases.models import Case
from bleiberecht.web.monitoring.figures import Figures, aggregate
from bleiberecht.web.monitoring.models import CaseFigures
from bleiberecht.web.monitoring.tables import Table, build_tables

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ScopeForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label=gettext_lazy("Organisation"), required=False, coerce=int, empty_value=None
    )


def _lang() -> str:
    return "en" if (get_language() or "de").startswith("en") else "de"


def _scope(request: HttpRequest) -> tuple[ScopeForm, list[Organisation]]:
    """The organisations the figures cover: all the user may monitor, or the one chosen (validated)."""
    allowed = list(Organisation.objects.filter(pk__in=organisations_where(request.user, Perm.MONITORING)))
    if not allowed:
        raise PermissionDenied
    form = ScopeForm(request.GET or None)
    form.fields["organisation"].choices = [("", _("alle")), *((o.pk, o.name) for o in allowed)]  # type: ignore[attr-defined]
    chosen = form.cleaned_data.get("organisation") if form.is_valid() else None
    return form, [o for o in allowed if chosen in (None, o.pk)]


def _figures(organisations: list[Organisation]) -> Figures:
    """Sum the cases' stored summaries; a missing one (a case saved before the summaries existed and not
    migrated) is built from the stored result first.

    Only the case's id is read from the case table: on SQLite, any column stored after the large ``result``
    would make every row walk that JSON's overflow pages (1.1 s for 2,000 cases).
    """
    rows = (
        Case.objects.filter(organisation_id__in=[o.pk for o in organisations])
        .order_by()
        .values_list("pk", "monitoring__data")
    )
    summaries = []
    for pk, data in rows.iterator(chunk_size=2000):
        if data is None:
            case = Case.objects.only("version", "updated_at", "best_light", "result", "document").get(pk=pk)
            result = case.result.get("de") if isinstance(case.result, dict) else None
            data = CaseFigures.refresh(
                pk, case.version, case.updated_at, case.best_light, result, case.document
            )
        summaries.append(data)
    return aggregate(summaries)


def _suppress_on_page(request: HttpRequest, organisations: list[Organisation]) -> bool:
    """Exact counts only for users who may read the cases of every organisation in scope."""
    readable = set(organisations_where(request.user, Perm.VIEW_CASES))
    return any(o.pk not in readable for o in organisations)


def _audit(request: HttpRequest, organisations: list[Organisation], action: str, **detail: Any) -> None:
    for organisation in organisations:
        AuditEvent.record(
            user=request.user,
            action=action,
            object_type=ObjectType.ORGANISATION,
            object_id=organisation.pk,
            organisation_id=organisation.pk,
            part="monitoring",
            **detail,
        )


def monitoring_index(request: HttpRequest) -> HttpResponse:
    form, organisations = _scope(request)
    suppress = _suppress_on_page(request, organisations)
    figures = _figures(organisations)
    _audit(request, organisations, Action.VIEW, suppressed=int(suppress))
    context = {
        "form": form,
        "organisations": organisations,
        "tables": build_tables(figures, suppress=suppress, lang=_lang()),
        "suppressed": suppress,
        "query": request.GET.urlencode(),
    }
    return render(request, "monitoring/index.html", context)


def _export_name(extension: str) -> str:
    return f"monitoring-{timezone.localdate():%Y-%m-%d}.{extension}"


def _export_rows(tables: list[Table]) -> list[list[Any]]:
    """One sheet: table code and title, the row's labels, then each count under its column name."""
    rows: list[list[Any]] = [[_("Tabelle"), _("Titel"), _("Merkmal"), _("Wert"), _("Anzahl")]]
    for table in tables:
        for row in table.rows:
            labels = " | ".join(str(c) for c in row[: table.labels] if c != "")
            for header, value in zip(table.headers[table.labels :], row[table.labels :], strict=True):
                rows.append([table.key, table.title, labels, header, value])
    return rows


def monitoring_csv(request: HttpRequest) -> HttpResponse:
    _form, organisations = _scope(request)
    tables = build_tables(_figures(organisations), suppress=True, lang=_lang())
    _audit(request, organisations, Action.EXPORT, format="csv")
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(_export_rows(tables))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name("csv")}"'
    return response


def monitoring_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    _form, organisations = _scope(request)
    tables = build_tables(_figures(organisations), suppress=True, lang=_lang())
    _audit(request, organisations, Action.EXPORT, format="xlsx")
    book = Workbook()
    sheet = book.active
    sheet.title = _("Monitoring")
    for row in _export_rows(tables):
        sheet.append(row)
    for table in tables:  # one sheet per table as well, as on the page
        part = book.create_sheet(table.key[:31])
        part.append([table.title])
        part.append(table.headers)
        for row in table.rows:
            part.append(row)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_export_name("xlsx")}"'
    return response
