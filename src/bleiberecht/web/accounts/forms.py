from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from bleiberecht.web.accounts.models import Role


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Sechsstelliger Code aus der Authenticator-App"),
        max_length=6,
        min_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("Der Code besteht aus sechs Ziffern."))],
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class MemberCreateForm(forms.Form):
    username = forms.CharField(
        label=_("Anmeldename"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Buchstaben, Ziffern und @ . + - _; ohne Leerzeichen."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    first_name = forms.CharField(label=_("Vorname"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nachname"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-Mail"), required=False)
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices)

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Dieser Anmeldename ist schon vergeben."))
        return username


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices)
