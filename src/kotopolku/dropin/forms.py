"""Staff forms of the drop-in page."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.models import User
from kotopolku.appointments.forms import LanguageMixin, TelInput, language_choices, normalise_phone
from kotopolku.appointments.selectors import TZ
from kotopolku.appointments.slots import local_datetime
from kotopolku.dropin.models import DropinOutcome, DropinSchedule, DropinTopic
from kotopolku.organizations.models import Organization, Place, Weekday

LETTER_CODE_LENGTH = 8
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SessionCancelForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Shown on the public page, e.g. “The counselor is ill.”"),
    )


class ExtraSessionForm(forms.Form):
    place: forms.ModelChoiceField[Place] = forms.ModelChoiceField(
        label=_("Place"), queryset=Place.objects.none()
    )
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    start_time = forms.TimeField(label=_("Starts"), widget=TIME_INPUT)
    end_time = forms.TimeField(label=_("Ends"), widget=TIME_INPUT)
    staff_on_duty = forms.ModelMultipleChoiceField(
        label=_("Staff on duty"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.for_organization(organization).filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["staff_on_duty"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organization=organization, is_active=True
        ).order_by("first_name", "last_name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if isinstance(day, datetime.date) and start and end:
            if end <= start:
                self.add_error("end_time", _("The end time must be after the start time."))
            else:
                data["start"] = local_datetime(day, start, TZ)
                data["end"] = local_datetime(day, end, TZ)
        return data


class CheckInForm(LanguageMixin):
    """Check-in at the drop-in hour: language and topic; a name and a phone number are optional."""

    session = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    # From the letter helper's "share and come to the drop-in hour": the shared letter's code.
    letter = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    topic = forms.ChoiceField(
        label=_("What are you coming about?"),
        choices=DropinTopic.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you are coming about."),
            "invalid_choice": _("Choose one of the topics in the list."),
        },
    )
    needs_interpreter = forms.ChoiceField(
        label=_("Do you need an interpreter?"),
        help_text=_("Interpreting is free for you. We may also use a phone interpreter."),
        choices=[("no", _("No")), ("yes", _("Yes, I need an interpreter"))],
        widget=forms.RadioSelect,
        initial="no",
        required=False,
    )
    name = forms.CharField(
        label=_("Your first name or a nickname (optional)"),
        help_text=_("Only so that we can greet you. You can leave it empty."),
        required=False,
        max_length=60,
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        help_text=_("We send you a text message when your turn is near, so you can wait elsewhere."),
        required=False,
        max_length=32,
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].label = _("Which language do you speak?")
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.widget = forms.RadioSelect()
        language.choices = language_choices()  # also gives the new widget its choices

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        return normalise_phone(phone) if phone else ""

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data.get("name", "").split())

    def clean_letter(self) -> str:
        """A letter code as the letter helper writes it (XXXX-XXXX); anything else is dropped."""
        code = "".join(ch for ch in self.cleaned_data.get("letter", "").upper() if ch.isalnum())
        return code if len(code) == LETTER_CODE_LENGTH else ""


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did the visit end?"),
        choices=DropinOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the visit ended.")},
    )


class StaffAddTicketForm(forms.Form):
    """Staff add someone who came without a phone (no name needed)."""

    language = forms.ChoiceField(label=_("Language"), choices=language_choices)
    topic = forms.ChoiceField(label=_("Topic"), choices=DropinTopic.choices)
    needs_interpreter = forms.BooleanField(label=_("Needs an interpreter"), required=False)


class ScheduleForm(forms.Form):
    """A weekly drop-in hour: where, when, who is on duty, when check-in opens."""

    place: forms.ModelChoiceField[Place] = forms.ModelChoiceField(
        label=_("Place"), queryset=Place.objects.none()
    )
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=Weekday.choices, coerce=int)
    start_time = forms.TimeField(label=_("Starts"), widget=TIME_INPUT)
    end_time = forms.TimeField(label=_("Ends"), widget=TIME_INPUT)
    checkin_opens_minutes_before = forms.IntegerField(
        label=_("Check-in opens (minutes before the start)"),
        min_value=0,
        max_value=240,
        initial=15,
        help_text=_(
            "Visitors can take a queue number from this many minutes before the start until the end."
        ),
    )
    valid_from = forms.DateField(label=_("First day"), widget=DATE_INPUT)
    valid_until = forms.DateField(
        label=_("Last day"), widget=DATE_INPUT, required=False, help_text=_("Empty: no end.")
    )
    staff_on_duty = forms.ModelMultipleChoiceField(
        label=_("Staff on duty"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.for_organization(organization).filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["staff_on_duty"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organization=organization, is_active=True
        ).order_by("first_name", "last_name")

    @staticmethod
    def initial_for(schedule: DropinSchedule) -> dict[str, Any]:
        return {
            "place": schedule.place_id,
            "weekday": schedule.weekday,
            "start_time": schedule.start_time,
            "end_time": schedule.end_time,
            "checkin_opens_minutes_before": schedule.checkin_opens_minutes_before,
            "valid_from": schedule.valid_from,
            "valid_until": schedule.valid_until,
            "staff_on_duty": list(schedule.staff_on_duty.values_list("pk", flat=True)),
            "note": schedule.note_fi,  # type: ignore[attr-defined]
            "is_active": schedule.is_active,
        }

    def schedule_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = ("place", "weekday", "start_time", "end_time", "checkin_opens_minutes_before")
        return {
            **{name: data[name] for name in fields},
            "valid_from": data["valid_from"],
            "valid_until": data.get("valid_until"),
            "note_fi": data.get("note", ""),
            "is_active": data.get("is_active", False),
        }
