from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bleiberecht.web.cases.models import Light


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fallbestand (.xlsx, .csv, .jsonl, .parquet, .json)"),
        help_text=_(
            "Format: siehe docs/screening-input.md. Die Datei wird nur bis zum Ende der Prüfung aufbewahrt "
            "und dann gelöscht."
        ),
    )


class WorklistFilterForm(forms.Form):
    q = forms.CharField(label=_("Suche (Aktenzeichen, Person-ID, Name)"), required=False, max_length=100)
    light = forms.ChoiceField(label=_("Ampel"), required=False, choices=[("", _("alle")), *Light.choices])
    path = forms.ChoiceField(label=_("Bester Weg"), required=False)
