"""Filters of the audit trail (page and CSV export), including the date range."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bleiberecht.web.audit.models import Action, ObjectType


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Aktion"), required=False, choices=[("", _("alle")), *Action.choices])
    object_type = forms.ChoiceField(
        label=_("Objektart"), required=False, choices=[("", _("alle")), *ObjectType.choices]
    )
    object_id = forms.CharField(label=_("Objekt-ID"), required=False, max_length=64)
    user = forms.IntegerField(label=_("Benutzer-ID"), required=False, min_value=1)
    date_from = forms.DateField(
        label=_("Von (Datum)"),
        required=False,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Bitte ein Datum angeben, z. B. 2026-01-31 oder 31.01.2026.")},
    )
    date_to = forms.DateField(
        label=_("Bis (Datum, einschließlich)"),
        required=False,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Bitte ein Datum angeben, z. B. 2026-01-31 oder 31.01.2026.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("„Bis“ liegt vor „Von“: bitte den Zeitraum prüfen."))
        return data
