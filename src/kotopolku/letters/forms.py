from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.letters.models import SharedLetter
from kotopolku.letters.services import MAX_TEXT_CHARS


class LetterForm(forms.Form):
    file = forms.FileField(
        label=_("Photo or PDF of the letter"),
        help_text=_("JPEG, PNG or PDF, at most 10 MB and 10 pages. On a phone you can take the photo now."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    text = forms.CharField(
        label=_("Or paste the text of the letter"),
        help_text=_("For example from an email or Suomi.fi Messages."),
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        has_file, has_text = bool(cleaned.get("file")), bool((cleaned.get("text") or "").strip())
        if not has_file and not has_text:
            raise forms.ValidationError(_("Choose a photo or a PDF of the letter, or paste its text."))
        if has_file and has_text:
            raise forms.ValidationError(_("Send either a file or text, not both."))
        return cleaned


class ShareForm(forms.Form):
    handoff = forms.ChoiceField(choices=SharedLetter.Handoff.choices)


class CodeSearchForm(forms.Form):
    code = forms.CharField(label=_("Letter code"), max_length=12, required=False)
