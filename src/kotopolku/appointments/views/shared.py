"""What the booking pages and a booking's own pages share: free times as the client sees them
(one week, grouped by day, with the staff member's first name, the mode and the place), checking a
chosen time, the 400 page and the cancel deadline."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.models import User
from kotopolku.appointments import selectors
from kotopolku.appointments.forms import (
    ModeFilterForm,
    SlotChoice,
    slot_value,
)
from kotopolku.appointments.models import Appointment, MeetingMode
from kotopolku.appointments.slots import Slot
from kotopolku.organizations.models import Organization, Place, Service

WEEK = datetime.timedelta(days=7)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def form_status(form: Any) -> int:
    return 400 if form.is_bound and not form.is_valid() else 200


def bad_request(request: HttpRequest, organization: Organization, message: str) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {
            "organization": organization,
            "status": 400,
            "title": _("The request could not be handled"),
            "message": message,
        },
        status=400,
    )


def cancel_deadline(organization: Organization, start: datetime.datetime) -> datetime.datetime:
    policy = selectors.booking_policy_get(organization=organization)
    return start - datetime.timedelta(hours=policy.cancel_cutoff_hours)


def absolute_manage_url(request: HttpRequest, appointment: Appointment) -> str:
    return request.build_absolute_uri(
        reverse(
            "public:booking_manage",
            kwargs={"org": appointment.organization.slug, "token": appointment.manage_token},
        )
    )


# --- Free times as the client sees them --------------------------------------------------------------


@dataclass(frozen=True)
class TimeOption:
    value: str
    start: datetime.datetime
    end: datetime.datetime
    staff_name: str
    mode: str
    place: Place | None

    @property
    def where(self) -> str:
        return where_text(self.mode, self.place)


def where_text(mode: str, place: Place | None) -> str:
    if mode == MeetingMode.IN_PERSON and place is not None:
        return _("in person at %(place)s, %(address)s") % {
            "place": place.name,
            "address": place.street_address,
        }
    if mode == MeetingMode.VIDEO:
        return _("video call")
    return _("by phone")


def local_date(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value, selectors.TZ).date()


def week_start(raw: str, *, today: datetime.date, last_day: datetime.date) -> datetime.date:
    """``?from=YYYY-MM-DD`` between today and the booking horizon; anything else means today."""
    if not _ISO_DATE.fullmatch(raw):
        return today
    try:
        day = datetime.date.fromisoformat(raw)
    except ValueError:
        return today
    return day if today <= day <= last_day else today


def time_options(slots: list[Slot]) -> list[TimeOption]:
    names = dict(
        User.objects.filter(pk__in={slot.staff_id for slot in slots}).values_list("pk", "first_name")
    )
    places = Place.objects.in_bulk({slot.place_id for slot in slots if slot.place_id is not None})
    return [
        TimeOption(
            value=slot_value(slot.start, slot.staff_id, slot.mode),
            start=timezone.localtime(slot.start, selectors.TZ),
            end=timezone.localtime(slot.end, selectors.TZ),
            staff_name=names.get(slot.staff_id, ""),
            mode=slot.mode,
            place=places.get(slot.place_id) if slot.place_id is not None else None,
        )
        for slot in slots
    ]


def time_list(
    request: HttpRequest,
    *,
    organization: Organization,
    service: Service,
    page_url: str,
    appointment: Appointment | None = None,
) -> dict[str, Any]:
    """One week of free times, grouped by day, with the earlier/later links and the mode filter."""
    policy = selectors.booking_policy_get(organization=organization)
    now = timezone.now()
    today = local_date(now)
    last_day = local_date(now + datetime.timedelta(days=policy.horizon_days))
    start = week_start(request.GET.get("from", ""), today=today, last_day=last_day)
    end = min(start + WEEK - datetime.timedelta(days=1), last_day)
    mode_form = ModeFilterForm(request.GET)
    mode = mode_form.mode_value
    arguments: dict[str, Any] = {
        "organization": organization,
        "service": service,
        "mode": mode or None,
        "now": now,
        "ignore_appointment_id": appointment.pk if appointment else None,
    }
    slots = selectors.slots_for_service(date_from=start, date_to=end, **arguments)
    if appointment is not None:  # the client's own time is not a new time
        slots = [
            s for s in slots if not (s.start == appointment.start and s.staff_id == appointment.staff_id)
        ]
    next_free = None
    if not slots and end < last_day:
        later_slots = selectors.slots_for_service(
            date_from=end + datetime.timedelta(days=1), date_to=last_day, **arguments
        )
        if later_slots:
            next_free = local_date(later_slots[0].start)

    days: dict[datetime.date, list[TimeOption]] = {}
    for option in time_options(slots):
        days.setdefault(option.start.date(), []).append(option)

    def week_url(day: datetime.date) -> str:
        query = {"from": day.isoformat()}
        if mode:
            query["mode"] = mode
        return f"{page_url}?{urlencode(query)}"

    earlier = max(today, start - WEEK) if start > today else None
    later = start + WEEK if start + WEEK <= last_day else None
    return {
        "days": sorted(days.items()),
        "week_start": start,
        "week_end": end,
        "earlier_url": week_url(earlier) if earlier else None,
        "later_url": week_url(later) if later else None,
        "next_free": next_free,
        "next_free_url": week_url(next_free) if next_free else None,
        "mode": mode,
        "mode_form": ModeFilterForm(initial={"mode": mode}),
        "week_from": start.isoformat(),
        "page_url": page_url,
    }


def resolve_choice(
    *,
    organization: Organization,
    service: Service,
    choice: SlotChoice,
    ignore_appointment_id: int | None = None,
) -> tuple[Slot | None, bool]:
    """(the free slot chosen, None) or (None, taken): taken when the time exists but someone was first;
    (None, False) when it was never offered (a tampered or stale value)."""
    arguments: dict[str, Any] = {
        "organization": organization,
        "service": service,
        "date_from": local_date(choice.start),
        "date_to": local_date(choice.start),
        "staff_id": choice.staff_id,
        "mode": choice.mode,
        "ignore_appointment_id": ignore_appointment_id,
    }
    for slot in selectors.slots_for_service(**arguments):
        if slot.start == choice.start:
            return slot, False
    taken = any(
        slot.start == choice.start
        for slot in selectors.slots_for_service(**arguments, ignore_appointments=True)
    )
    return None, taken


def slot_taken_message(request: HttpRequest) -> None:
    messages.error(request, _("Someone booked this time just before you. Choose another time."))
