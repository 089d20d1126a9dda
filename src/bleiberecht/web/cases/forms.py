from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from bleiberecht.web.cases.models import Light

LANDS = ("BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH")
person_id = RegexValidator(
    r"^[A-Za-z0-9_.\-]+$", _("Nur Buchstaben, Ziffern, Punkt, Binde- und Unterstrich.")
)


class CreateCaseForm(forms.Form):
    reference = forms.CharField(label=_("Aktenzeichen"), max_length=200)
    as_of = forms.DateField(
        label=_("Prüfdatum"),
        initial=date.today,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        help_text=_("Das Recht an diesem Tag wird angewandt."),
    )
    land = forms.ChoiceField(label=_("Bundesland"), choices=[(code, code) for code in LANDS], initial="SN")
    person_id = forms.CharField(
        label=_("Person-ID der ersten Person"), max_length=100, initial="p1", validators=[person_id]
    )
    person_name = forms.CharField(label=_("Name der ersten Person"), max_length=200, required=False)
    birth_date = forms.DateField(
        label=_("Geburtsdatum der ersten Person"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Falldatei (JSON, Falldatei v1)"), required=False)
    text = forms.CharField(
        label=_("oder JSON einfügen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Bitte eine Datei wählen oder JSON einfügen."))
        return data


DEADLINE_CHOICES = [
    ("", _("alle")),
    ("30", _("in 30 Tagen")),
    ("90", _("in 90 Tagen")),
    ("365", _("in einem Jahr")),
]


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Suche (Aktenzeichen, Name, Person-ID)"), required=False, max_length=100)
    light = forms.ChoiceField(
        label=_("Ampel (mindestens eine Person)"), required=False, choices=[("", _("alle")), *Light.choices]
    )
    deadline = forms.ChoiceField(label=_("Nächste Frist"), required=False, choices=DEADLINE_CHOICES)
    responsible = forms.TypedChoiceField(label=_("Zuständig"), required=False, coerce=int, empty_value=None)
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )

    def __init__(
        self,
        *args: object,
        responsible: list[tuple[int, str]],
        organisations: list[tuple[int, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["responsible"].choices = [("", _("alle")), *responsible]  # type: ignore[attr-defined]
        self.fields["organisation"].choices = [("", _("alle")), *organisations]  # type: ignore[attr-defined]


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """Reads the choices with one plain query. Django's default uses ``queryset.iterator()``, which on PostgreSQL
    opens a server-side cursor (DECLARE, FETCH, FETCH, CLOSE: four round trips) for a handful of rows."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in list(self.queryset):
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    iterator = ListedChoiceIterator


class ResponsibleForm(forms.Form):
    responsible = ListedModelChoiceField(
        label=_("Zuständig"), queryset=get_user_model().objects.none(), required=False
    )
