"""Staff forms of the drop-in page."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.models import User
from kotopolku.appointments.selectors import TZ
from kotopolku.appointments.slots import local_datetime
from kotopolku.organizations.models import Organization, Place

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
