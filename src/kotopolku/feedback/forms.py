from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class FeedbackForm(forms.Form):
    message = forms.CharField(
        label=_("Your feedback"),
        help_text=_("What did not work, or what was hard to use? Write in any language."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    page_url = forms.CharField(
        label=_("Which page or service is it about? (optional)"),
        max_length=300,
        required=False,
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=120, required=False)
    email = forms.EmailField(
        label=_("Email (optional)"),
        help_text=_("Give an email address or a phone number if you want an answer."),
        required=False,
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not all(ch.isdigit() or ch in "+-() " for ch in phone):
            raise forms.ValidationError(_("Write the phone number with numbers, for example 040 123 4567."))
        return phone


class FeedbackAnswerForm(forms.Form):
    answer_note = forms.CharField(
        label=_("How was it answered?"),
        help_text=_(
            "For example: answered by email on 3 March, the form label was fixed. No extra personal data."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
