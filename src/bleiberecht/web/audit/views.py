"""The audit trail for coordinators and admins: their organisations' events, filtered, and as CSV."""

from __future__ import annotations

import csv
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
from bleiberecht.web.audit.models import Action, AuditEvent, ObjectType


def visible_events(request: HttpRequest) -> QuerySet[AuditEvent]:
    """Events of the user's organisations (coordinator/admin), plus those organisations' members' own events."""
    orgs = organisations_where(request.user, Perm.READ_AUDIT)
    members = Membership.objects.filter(organisation_id__in=orgs).values_list("user_id", flat=True)
    return AuditEvent.objects.filter(
        Q(organisation_id__in=orgs) | Q(organisation_id__isnull=True, user_id__in=members)
    )


def _filtered(request: HttpRequest) -> tuple[QuerySet[AuditEvent], dict[str, str]]:
    events = visible_events(request)
    filters = {
        key: request.GET.get(key, "").strip() for key in ("action", "object_type", "object_id", "user")
    }
    if filters["action"] in Action.values:
        events = events.filter(action=filters["action"])
    if filters["object_type"] in ObjectType.values:
        events = events.filter(object_type=filters["object_type"])
    if filters["object_id"]:
        events = events.filter(object_id=filters["object_id"])
    if filters["user"].isdigit():
        events = events.filter(user_id=int(filters["user"]))
    return events, filters


def _require_audit(request: HttpRequest) -> None:
    if not has_perm(request.user, Perm.READ_AUDIT):
        raise PermissionDenied


def audit_list(request: HttpRequest) -> HttpResponse:
    _require_audit(request)
    events, filters = _filtered(request)
    page = Paginator(events, 50).get_page(request.GET.get("seite"))
    user_ids = {e.user_id for e in page.object_list if e.user_id}
    names = dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "username"))
    AuditEvent.record(user=request.user, action=Action.VIEW, object_type=ObjectType.AUDIT)
    context: dict[str, Any] = {
        "page": page,
        "filters": filters,
        "names": names,
        "actions": Action.choices,
        "object_types": ObjectType.choices,
    }
    return render(request, "audit/list.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


def audit_csv(request: HttpRequest) -> StreamingHttpResponse:
    _require_audit(request)
    events, _filters = _filtered(request)
    AuditEvent.record(user=request.user, action=Action.EXPORT, object_type=ObjectType.AUDIT)
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
