"""Forms of the public booking flow (one question per page) and of the call-back request.

They only parse and validate what the client typed; the booking rules live in ``services.py``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

import phonenumbers
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kotopolku.appointments.models import InterpreterMode, MeetingMode
from kotopolku.organizations.models import Service

# The UI languages, plus "another language" (written in a text field).
OTHER_LANGUAGE = "other"
PHONE_REGION = "FI"  # numbers written without a country code are Finnish
TOPIC_MAX_LENGTH = 1000


def language_choices() -> list[tuple[str, Any]]:
    return [*settings.LANGUAGES, (OTHER_LANGUAGE, _("Another language"))]


class TelInput(forms.TextInput):
    input_type = "tel"


def normalise_phone(raw: str) -> str:
    """A phone number in E.164 (``+358401234567``); Finnish when written without a country code."""
    try:
        number = phonenumbers.parse(raw, PHONE_REGION)
    except phonenumbers.NumberParseException as error:
        raise forms.ValidationError(
            _("Write the phone number with numbers, for example 040 123 4567 or +46 70 123 4567."),
            code="invalid",
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(
            _("This phone number does not look right. Check it, for example 040 123 4567."), code="invalid"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class ServiceChoiceForm(forms.Form):
    """Step 1: which service (only the municipality's bookable ones are valid)."""

    service: forms.ModelChoiceField[Service] = forms.ModelChoiceField(
        label=_("What do you need help with?"),
        queryset=Service.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose a service."),
            "invalid_choice": _("Choose one of the services in the list."),
        },
    )

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = services


class LanguageMixin(forms.Form):
    """The client's language: one of the UI languages, or another one written out."""

    language = forms.ChoiceField(
        label=_("Which language do you want to use?"),
        choices=language_choices,
        error_messages={
            "required": _("Choose a language."),
            "invalid_choice": _("Choose one of the languages in the list."),
        },
    )
    language_other = forms.CharField(
        label=_("If another language, which one?"),
        help_text=_("Only if you chose “Another language” above."),
        required=False,
        max_length=60,
    )

    def clean_language_other(self) -> str:
        return " ".join(self.cleaned_data.get("language_other", "").split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("language") == OTHER_LANGUAGE and not cleaned.get("language_other"):
            self.add_error("language_other", _("Write which language you want to use."))
        if cleaned.get("language") != OTHER_LANGUAGE:
            cleaned["language_other"] = ""
        return cleaned


class DetailsForm(LanguageMixin):
    """Step 2: what it is about, the language, and whether an interpreter is needed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].label = _("Which language do you want to use in the meeting?")

    topic = forms.CharField(
        label=_("What is the meeting about? (optional)"),
        help_text=_(
            "A few words help us prepare, for example “residence permit” or “a letter from Kela”. "
            "Do not write anything you do not want to tell us, such as details of your health."
        ),
        required=False,
        max_length=TOPIC_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    interpreter = forms.ChoiceField(
        label=_("Do you need an interpreter?"),
        help_text=_("Interpreting is free for you."),
        choices=[("yes", _("Yes, I need an interpreter")), ("no", _("No"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you need an interpreter."),
            "invalid_choice": _("Choose yes or no."),
        },
    )
    interpreter_language = forms.CharField(
        label=_("Interpreter's language"),
        help_text=_("Only if you need an interpreter. For example Arabic, Dari or Tigrinya."),
        required=False,
        max_length=60,
    )
    interpreter_mode = forms.ChoiceField(
        label=_("How should the interpreter take part?"),
        help_text=_("Only if you need an interpreter."),
        choices=InterpreterMode.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the options.")},
    )

    def clean_interpreter_language(self) -> str:
        return " ".join(self.cleaned_data.get("interpreter_language", "").split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("interpreter") == "yes":
            if not cleaned.get("interpreter_language") and "interpreter_language" not in self.errors:
                self.add_error("interpreter_language", _("Write the language the interpreter should speak."))
            if not cleaned.get("interpreter_mode") and "interpreter_mode" not in self.errors:
                self.add_error("interpreter_mode", _("Choose whether the interpreter is present or remote."))
        else:
            cleaned["interpreter_language"] = ""
            cleaned["interpreter_mode"] = ""
        return cleaned


class ContactMixin(forms.Form):
    """Name, and a phone number and/or an email address (at least one)."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={"required": _("Write your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        help_text=_("For example 040 123 4567. Add the country code if it is not a Finnish number."),
        required=False,
        max_length=40,
        widget=TelInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Write the email address in the form name@example.com.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data.get("name", "").split())
        if not name:
            raise forms.ValidationError(_("Write your name."), code="required")
        return name

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        return normalise_phone(phone) if phone else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not cleaned.get("phone")
            and not cleaned.get("email")
            and "phone" not in self.errors
            and "email" not in self.errors
        ):
            self.add_error("phone", _("Give a phone number or an email address, or both."))
        return cleaned


class ContactForm(ContactMixin):
    """Step 4: how we reach the client."""


class ConfirmForm(forms.Form):
    """Step 5: the privacy notice has been read."""

    privacy = forms.BooleanField(
        label=_("I have read the privacy notice"),
        error_messages={"required": _("Tick the box to show you have read the privacy notice.")},
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you cancelling? (optional)"),
        help_text=_("This helps us plan. You do not have to tell."),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModeFilterForm(forms.Form):
    """The GET filter of the time list: all times, or only one meeting mode."""

    mode = forms.ChoiceField(
        label=_("Show times"),
        choices=[("", _("All times")), *MeetingMode.choices],
        required=False,
    )

    @property
    def mode_value(self) -> str:
        return self.cleaned_data.get("mode", "") if self.is_valid() else ""


@dataclass(frozen=True)
class SlotChoice:
    start: datetime.datetime
    staff_id: int
    mode: str

    @property
    def value(self) -> str:
        return slot_value(self.start, self.staff_id, self.mode)


def slot_value(start: datetime.datetime, staff_id: int, mode: str) -> str:
    """What a time button posts: the UTC start, the staff member and the mode (no personal data)."""
    return f"{start.astimezone(datetime.UTC):%Y%m%dT%H%MZ}.{staff_id}.{mode}"


_SLOT_VALUE = re.compile(r"(?P<start>\d{8}T\d{4}Z)\.(?P<staff>[1-9]\d{0,17})\.(?P<mode>[a-z_]{1,20})")


def parse_slot_value(value: str) -> SlotChoice | None:
    match = _SLOT_VALUE.fullmatch(value or "")
    if match is None or match["mode"] not in MeetingMode.values:
        return None
    try:
        start = datetime.datetime.strptime(match["start"], "%Y%m%dT%H%MZ").replace(tzinfo=datetime.UTC)
    except ValueError:
        return None
    return SlotChoice(start=start, staff_id=int(match["staff"]), mode=match["mode"])


class CallbackForm(LanguageMixin, ContactMixin):
    """No time fits: the client asks us to call or write back."""

    interpreter_language = forms.CharField(
        label=_("Do you need an interpreter? In which language? (optional)"),
        required=False,
        max_length=60,
    )
    preferred_times = forms.CharField(
        label=_("When is a good time to contact you? (optional)"),
        help_text=_("For example “weekday mornings” or “after 2 pm”."),
        required=False,
        max_length=300,
    )
    topic = forms.CharField(
        label=_("What is it about? (optional)"),
        help_text=_("Do not write anything you do not want to tell us, such as details of your health."),
        required=False,
        max_length=TOPIC_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    field_order = [
        "name",
        "phone",
        "email",
        "language",
        "language_other",
        "interpreter_language",
        "preferred_times",
        "topic",
    ]

    def clean_interpreter_language(self) -> str:
        return " ".join(self.cleaned_data.get("interpreter_language", "").split())
