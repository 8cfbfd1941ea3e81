"""Forms of the staff's appointment pages: the agenda filter, booking for a client, moving a booking,
call-back requests and availability (hours, absences, closed days, booking rules)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.models import User
from kotopolku.appointments.forms import normalise_phone
from kotopolku.appointments.models import (
    Appointment,
    AvailabilityException,
    BookingPolicy,
    ClosedDay,
    InterpreterMode,
    MeetingMode,
    StaffSchedule,
    WorkingHours,
)
from kotopolku.appointments.selectors import TZ
from kotopolku.appointments.slots import Slot
from kotopolku.organizations.models import Organization, Place, Service

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class HelsinkiDateTimeField(forms.DateTimeField):
    """A ``datetime-local`` input read and shown as Europe/Helsinki wall-clock time, whatever the
    active time zone (a time skipped by the spring change is refused, as Django does)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]

    def to_python(self, value: Any) -> datetime.datetime | None:
        with timezone.override(TZ):
            return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        with timezone.override(TZ):
            return super().prepare_value(value)


def language_choices() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)


# --- Agenda ------------------------------------------------------------------------------------


class AgendaForm(forms.Form):
    date = forms.DateField(label=_("Date"), required=False, widget=DATE_INPUT)
    view = forms.ChoiceField(
        label=_("Show"), required=False, choices=[("day", _("One day")), ("week", _("Whole week"))]
    )
    staff = forms.TypedChoiceField(label=_("Staff member"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, team: Iterable[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["staff"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Whole team")), *((person.pk, str(person)) for person in team)]


# --- Free times: booking for a client and moving a booking -------------------------------------


def slot_value(slot: Slot) -> str:
    return f"{slot.start.astimezone(datetime.UTC):%Y-%m-%dT%H:%M}|{slot.staff_id}|{slot.mode}"


class SlotSearchForm(forms.Form):
    """Which free times to list: read from the query string (GET), so the page works without JS."""

    service: forms.ModelChoiceField[Service] = forms.ModelChoiceField(
        label=_("Service"), queryset=Service.objects.none(), required=False
    )
    staff = forms.ModelChoiceField(
        label=_("Staff member"), queryset=User.objects.none(), required=False, empty_label=_("Anyone free")
    )
    date = forms.DateField(label=_("Date"), required=False, widget=DATE_INPUT)

    def __init__(
        self, *args: Any, organization: Organization, with_service: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        service = self.fields["service"]
        staff = self.fields["staff"]
        assert isinstance(service, forms.ModelChoiceField) and isinstance(staff, forms.ModelChoiceField)
        if with_service:
            service.queryset = Service.objects.for_organization(organization).filter(is_active=True)
            service.empty_label = _("Choose a service")
        else:
            del self.fields["service"]
        staff.queryset = User.objects.filter(
            organization=organization, is_active=True, schedule__accepts_bookings=True
        )


class SlotChoiceMixin(forms.Form):
    slot = forms.ChoiceField(
        label=_("Time"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a time."),
            "invalid_choice": _("This time is no longer free. Choose another one."),
        },
    )

    def set_slots(self, slots: Sequence[Slot], label: Any) -> None:
        self.slots_by_value = {slot_value(slot): slot for slot in slots}
        field = self.fields["slot"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(value, label(slot)) for value, slot in self.slots_by_value.items()]

    def chosen_slot(self) -> Slot:
        return self.slots_by_value[self.cleaned_data["slot"]]


class SlotChoiceForm(SlotChoiceMixin):
    def __init__(self, *args: Any, slots: Sequence[Slot], label: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_slots(slots, label)


class StaffBookingForm(SlotChoiceMixin):
    """The client's details, taken on the phone. Contact details are optional for staff bookings."""

    name = forms.CharField(label=_("Client's name"), max_length=150)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        help_text=_("For the confirmation and the reminder by text message."),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    language = forms.ChoiceField(label=_("Language of the messages"), choices=language_choices)
    interpreter_language = forms.CharField(
        label=_("Interpreter language"),
        max_length=60,
        required=False,
        help_text=_("Leave empty when no interpreter is needed."),
    )
    interpreter_mode = forms.ChoiceField(
        label=_("Interpreting"), required=False, choices=[("", "–"), *InterpreterMode.choices]
    )
    topic = forms.CharField(
        label=_("What it is about"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    from_dropin = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args: Any, slots: Sequence[Slot], label: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_slots(slots, label)

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        return normalise_phone(phone) if phone else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("interpreter_language") and not data.get("interpreter_mode"):
            self.add_error("interpreter_mode", _("Choose whether the interpreter is present or remote."))
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Kept with the booking for the staff; the client's message tells only that it was cancelled."
        ),
    )


class OutcomeForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Appointment.Status.ATTENDED, _("Attended")),
            (Appointment.Status.NO_SHOW, _("Did not come")),
        ]
    )


class CallbackHandleForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was agreed, e.g. “Booked a time for 3 March.” No sensitive details."),
    )


# --- Availability ---------------------------------------------------------------------------------


def _limit(field: forms.Field, low: int, high: int) -> None:
    """The database's check constraint, told in the form (and in the input's min/max)."""
    field.validators = [*field.validators, MinValueValidator(low), MaxValueValidator(high)]
    field.widget.attrs.update({"min": low, "max": high})
    field.help_text = _("From %(low)s to %(high)s.") % {"low": low, "high": high}


def _place_field(form: forms.ModelForm, organization: Organization) -> None:
    field = form.fields["place"]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = Place.objects.for_organization(organization).filter(is_active=True)
    field.label = _("Place")
    field.help_text = _("Needed for meetings in person.")


def _check_mode_and_place(form: forms.ModelForm, data: dict[str, Any]) -> None:
    if data.get("mode") == MeetingMode.IN_PERSON and not data.get("place") and "place" not in form.errors:
        form.add_error("place", _("Choose the place for meetings in person."))


class WorkingHoursForm(forms.ModelForm):
    class Meta:
        model = WorkingHours
        fields = ["weekday", "start_time", "end_time", "mode", "place", "valid_from", "valid_until"]
        widgets = {
            "start_time": TIME_INPUT,
            "end_time": TIME_INPUT,
            "valid_from": DATE_INPUT,
            "valid_until": DATE_INPUT,
        }

    def __init__(self, *args: Any, organization: Organization, staff: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.instance.staff = staff
        _place_field(self, organization)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        first, last = data.get("valid_from"), data.get("valid_until")
        if first and last and last < first:
            self.add_error("valid_until", _("The last day must not be before the first day."))
        _check_mode_and_place(self, data)
        return data


class AvailabilityExceptionForm(forms.ModelForm):
    start = HelsinkiDateTimeField(label=_("Starts"), help_text=_("Finnish time."))
    end = HelsinkiDateTimeField(label=_("Ends"))

    class Meta:
        model = AvailabilityException
        fields = ["kind", "start", "end", "mode", "place", "note"]

    def __init__(self, *args: Any, organization: Organization, staff: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.instance.staff = staff
        _place_field(self, organization)
        self.fields["mode"].help_text = _("Needed for extra hours.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        if data.get("kind") == AvailabilityException.Kind.EXTRA and not data.get("mode"):
            self.add_error("mode", _("Choose how the extra hours can be booked."))
        _check_mode_and_place(self, data)
        return data


class StaffScheduleForm(forms.ModelForm):
    class Meta:
        model = StaffSchedule
        fields = ["accepts_bookings", "buffer_before_minutes", "buffer_after_minutes", "services"]
        widgets = {"services": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        services = self.fields["services"]
        assert isinstance(services, forms.ModelMultipleChoiceField)
        services.queryset = Service.objects.for_organization(organization).filter(is_active=True)
        for name in ("buffer_before_minutes", "buffer_after_minutes"):
            _limit(self.fields[name], 0, 240)


class ClosedDayForm(forms.ModelForm):
    class Meta:
        model = ClosedDay
        fields = ["date", "reason"]
        widgets = {"date": DATE_INPUT}

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.instance.organization = organization

    def clean_date(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["date"]
        if ClosedDay.objects.for_organization(self.organization).filter(date=day).exists():
            raise ValidationError(
                _("%(date)s is already a closed day."),
                params={"date": formats.date_format(day, "SHORT_DATE_FORMAT")},
            )
        return day


class BookingPolicyForm(forms.ModelForm):
    class Meta:
        model = BookingPolicy
        fields = [
            "min_notice_hours",
            "horizon_days",
            "cancel_cutoff_hours",
            "reminder_hours_before",
            "slot_interval_minutes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["horizon_days"], 1, 366)
        _limit(self.fields["slot_interval_minutes"], 5, 120)
