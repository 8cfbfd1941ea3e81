from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.models import Role, User
from kotopolku.core.forms import TranslatedModelForm, translated_field_names


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Six-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("Write the six digits shown in the app.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["token"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        )

    def clean_token(self) -> str:
        return str(self.cleaned_data["token"]).strip()


STAFF_BASE_FIELDS = ["username", "first_name", "last_name", "email", "role"]


class StaffForm(TranslatedModelForm):
    class Meta:
        model = User
        fields = [
            *STAFF_BASE_FIELDS,
            *translated_field_names(User, "job_title"),
            "show_on_public_pages",
            "is_active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Role.choices  # type: ignore[attr-defined]
        self.fields["role"].required = True
        self.fields["email"].required = True


class StaffCreateForm(StaffForm):
    password = forms.CharField(
        label=_("First password"),
        help_text=_(
            "At least 12 characters. The staff member sets up the authenticator app at the first login."
        ),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta(StaffForm.Meta):
        fields = [f for f in StaffForm.Meta.fields if f != "is_active"]
