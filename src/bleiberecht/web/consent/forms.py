from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from bleiberecht.web.accounts.models import Organisation
from bleiberecht.web.consent.models import GivenBy, Purpose


class ConsentForm(forms.Form):
    person_ids = forms.MultipleChoiceField(label=_("Personen"), widget=forms.CheckboxSelectMultiple)
    purpose = forms.ChoiceField(label=_("Zweck"), choices=Purpose.choices, initial=Purpose.CASE_SHARING)
    organisation = forms.ModelChoiceField(
        label=_("Empfangende Organisation"), queryset=Organisation.objects.none()
    )
    given_by = forms.ChoiceField(label=_("Erklärt von"), choices=GivenBy.choices, initial=GivenBy.PERSON)
    granted_on = forms.DateField(
        label=_("Erteilt am (Datum der Unterschrift)"),
        initial=date.today,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
    )
    confirm = forms.BooleanField(
        label=_("Die unterschriebene Einwilligungserklärung liegt vor und ist in der Akte."), required=True
    )

    def clean_granted_on(self) -> date:
        value: date = self.cleaned_data["granted_on"]
        if value > date.today():
            raise forms.ValidationError(_("Das Datum liegt in der Zukunft."))
        return value


class ShareForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Weitergeben an"), queryset=Organisation.objects.none())
