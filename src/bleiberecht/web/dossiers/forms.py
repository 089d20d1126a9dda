from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bleiberecht.web.cases.models import Light


class LettersForm(forms.Form):
    """Which persons of a screening get a letter, and as what. Default recipients: green and yellow."""

    ampel = forms.MultipleChoiceField(
        label=_("Empfänger nach Ampel"),
        choices=Light.choices,
        initial=[Light.GREEN, Light.YELLOW],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte mindestens eine Ampelfarbe wählen.")},
    )
    weg = forms.ChoiceField(label=_("Bester Weg"), required=False)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("pdf", _("PDF (ein Brief je Seite)")), ("zip", _("ZIP mit einer DOCX-Datei je Brief"))],
        initial="pdf",
        widget=forms.RadioSelect,
    )
    kontakt = forms.CharField(
        label=_("Kontakt im Brief (Telefon, Sprechzeiten, Adresse)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ohne Angabe nennt der Brief nur den Namen Ihrer Organisation."),
    )
