"""What booking messages say, rendered from ``templates/notifications/<kind>/`` in the client's language.

Only what the client needs to find and manage the appointment: the time (Europe/Helsinki), the place
or "by phone"/"video call", the service, the reference code, the manage link, how to cancel and, when
an interpreter is booked, the no-show fee notice. Never the topic, the name or other personal details.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from kotopolku.appointments.models import Appointment, MeetingMode
from kotopolku.notifications.ics import CalendarEvent, booking_uid

_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class BookingTexts:
    language: str
    subject: str
    email_body: str
    sms_body: str
    calendar_event: CalendarEvent


def message_language(appointment: Appointment) -> str:
    """The client's language when the installation has it, otherwise the default (Finnish)."""
    languages = {code for code, _name in settings.LANGUAGES}
    return appointment.language if appointment.language in languages else settings.LANGUAGE_CODE


def public_url(path: str) -> str:
    return settings.KOTOPOLKU_PUBLIC_BASE_URL + path


def booking_manage_url(appointment: Appointment, *, language: str) -> str:
    """``<base>/<lang>/<org-slug>/booking/<manage_token>/``: the client's page to see, move or cancel."""
    return public_url(f"/{language}/{appointment.organization.slug}/booking/{appointment.manage_token}/")


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value, zoneinfo.ZoneInfo(settings.TIME_ZONE))


def _when(appointment: Appointment) -> tuple[str, str]:
    """(long form with the end time, short form) in the active language's date and time formats."""
    start, end = _local(appointment.start), _local(appointment.end)
    weekday = formats.date_format(start, "l")
    date = formats.date_format(start, "DATE_FORMAT")
    start_time = formats.time_format(start, "TIME_FORMAT")
    end_time = formats.time_format(end, "TIME_FORMAT")
    long_form = gettext("%(weekday)s %(date)s at %(start)s–%(end)s") % {
        "weekday": weekday,
        "date": date,
        "start": start_time,
        "end": end_time,
    }
    short_form = gettext("%(weekday)s %(date)s at %(time)s") % {
        "weekday": weekday,
        "date": date,
        "time": start_time,
    }
    return long_form, short_form


def _where(appointment: Appointment) -> tuple[str, str]:
    """(place name and full address, place name and street address) or the meeting mode."""
    place = appointment.place
    if appointment.mode == MeetingMode.IN_PERSON and place is not None:
        return f"{place.name}, {place.address}", f"{place.name}, {place.street_address}"
    label = gettext("Video call") if appointment.mode == MeetingMode.VIDEO else gettext("By phone")
    return label, label


def _clean_text(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def booking_texts(*, appointment: Appointment, kind: str, cancel_cutoff_hours: int) -> BookingTexts:
    """Subject, email body, SMS body and calendar event of one booking message, in the client's language."""
    language = message_language(appointment)
    with translation.override(language):
        organization = appointment.organization
        when, when_short = _when(appointment)
        where, where_short = _where(appointment)
        manage_url = booking_manage_url(appointment, language=language)
        context: dict[str, Any] = {
            "kind": kind,
            "sender": organization.name,
            "unit": organization.unit_name,
            "contact_phone": organization.contact_phone,
            "when": when,
            "when_short": when_short,
            "where": where,
            "where_short": where_short,
            "service": appointment.service.name,
            "reference": appointment.reference,
            "manage_url": manage_url,
            "home_url": public_url(reverse("public:home", kwargs={"org": organization.slug})),
            "cutoff_hours": cancel_cutoff_hours,
            "interpreter": appointment.interpreter_needed,
        }
        subject = _one_line(render_to_string(f"notifications/{kind}/subject.txt", context))
        email_body = _clean_text(render_to_string(f"notifications/{kind}/email.txt", context))
        sms_body = _one_line(render_to_string(f"notifications/{kind}/sms.txt", context))
        event = CalendarEvent(
            uid=booking_uid(appointment.reference),
            start=appointment.start,
            end=appointment.end,
            summary=f"{appointment.service.name} – {organization.name}",
            location=where,
            description="\n".join(
                [
                    gettext("Reference: %(reference)s") % {"reference": appointment.reference},
                    gettext("See, change or cancel your booking: %(url)s") % {"url": manage_url},
                ]
            ),
            url=manage_url,
            organizer_name=organization.name,
        )
    return BookingTexts(
        language=language,
        subject=subject[:200],
        email_body=email_body,
        sms_body=sms_body,
        calendar_event=event,
    )
