"""The audit trail for coordinators and admins: their organisations' events, filtered, and as CSV."""

from __future__ import annotations

import csv
from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from bleiberecht.web.accounts.models import Membership
from bleiberecht.web.accounts.roles import Perm, has_perm, organisations_where
from bleiberecht.web.audit.forms import AuditFilterForm
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType


def visible_events(request: HttpRequest) -> QuerySet[AuditEvent]:
    """Events of the user's organisations (coordinator/admin), plus those organisations' members' own events."""
    orgs = organisations_where(request.user, Perm.READ_AUDIT)
    members = Membership.objects.filter(organisation_id__in=orgs).values_list("user_id", flat=True)
    return AuditEvent.objects.filter(
        Q(organisation_id__in=orgs) | Q(organisation_id__isnull=True, user_id__in=members)
    )


def _filtered(request: HttpRequest) -> tuple[QuerySet[AuditEvent], AuditFilterForm]:
    """The visible events narrowed by the filters; with an invalid filter, no events (the form says why)."""
    events = visible_events(request)
    form = AuditFilterForm(request.GET or None)
    if not form.is_bound:
        return events, form
    if not form.is_valid():
        return events.none(), form
    data = form.cleaned_data
    if data["action"]:
        events = events.filter(action=data["action"])
    if data["object_type"]:
        events = events.filter(object_type=data["object_type"])
    if data["object_id"]:
        events = events.filter(object_id=data["object_id"].strip())
    if data["user"] is not None:
        events = events.filter(user_id=data["user"])
    zone = timezone.get_current_timezone()
    if data["date_from"]:  # from the start of that day, local time
        events = events.filter(at__gte=datetime.combine(data["date_from"], time.min, tzinfo=zone))
    if data["date_to"]:  # up to the end of that day: before the next day's start
        next_day = data["date_to"] + timedelta(days=1)
        events = events.filter(at__lt=datetime.combine(next_day, time.min, tzinfo=zone))
    return events, form


def _require_audit(request: HttpRequest) -> None:
    if not has_perm(request.user, Perm.READ_AUDIT):
        raise PermissionDenied


def audit_list(request: HttpRequest) -> HttpResponse:
    _require_audit(request)
    events, form = _filtered(request)
    page = Paginator(events, 50).get_page(request.GET.get("seite"))
    user_ids = {e.user_id for e in page.object_list if e.user_id}
    names = dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "username"))
    AuditEvent.record(user=request.user, action=Action.VIEW, object_type=ObjectType.AUDIT)
    query = request.GET.copy()
    query.pop("seite", None)
    context: dict[str, Any] = {
        "page": page,
        "form": form,
        "names": names,
        "query": query.urlencode(),
    }
    return render(request, "audit/list.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


def audit_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    _require_audit(request)
    events, form = _filtered(request)
    if form.is_bound and not form.is_valid():
        # Plain text in German and English, naming the field and the reason; nothing exported.
        lines = ["Export nicht möglich / export refused:"]
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else name
            lines += [f"- {label} ({name}): {error}" for error in errors]
        return HttpResponse("\n".join(lines), status=400, content_type="text/plain; charset=utf-8")
    data = form.cleaned_data if form.is_bound else {}
    AuditEvent.record(
        user=request.user,
        action=Action.EXPORT,
        object_type=ObjectType.AUDIT,
        date_from=data["date_from"].isoformat() if data.get("date_from") else None,
        date_to=data["date_to"].isoformat() if data.get("date_to") else None,
    )
    writer = csv.writer(_Echo(), delimiter=";")
    header = [
        _("Zeitpunkt"),
        _("Benutzer-ID"),
        _("Organisation-ID"),
        _("Objektart"),
        _("Objekt-ID"),
        _("Aktion"),
    ]

    def rows() -> Any:
        yield "\ufeff" + writer.writerow(header)
        for e in events.iterator():
            yield writer.writerow(
                [
                    timezone.localtime(e.at).isoformat(timespec="seconds"),
                    e.user_id or "",
                    e.organisation_id or "",
                    e.object_type,
                    e.object_id,
                    e.action,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="protokoll.csv"'
    return response
