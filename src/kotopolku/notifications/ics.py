"""Calendar attachments (RFC 5545 / iTIP RFC 5546) for booking emails.

One appointment is one calendar event with ``UID: <reference>@kotopolku``: the confirmation invites
(``METHOD:REQUEST``), a new time re-sends it with a higher ``SEQUENCE``, a cancellation sends
``METHOD:CANCEL`` with the same UID so the client's calendar removes the event. Times are in UTC.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress

PRODID = "-//Kotopolku//Bookings//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: datetime.datetime
    end: datetime.datetime
    summary: str
    location: str
    description: str
    url: str
    organizer_name: str


def booking_uid(reference: str) -> str:
    return f"{reference}@kotopolku"


def calendar_text(*, event: CalendarEvent, method: str, sequence: int, now: datetime.datetime) -> str:
    """The ``text/calendar`` document; ``method`` is ``REQUEST`` or ``CANCEL``."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", now.astimezone(datetime.UTC))
    vevent.add("dtstart", event.start.astimezone(datetime.UTC))
    vevent.add("dtend", event.end.astimezone(datetime.UTC))
    vevent.add("sequence", sequence)
    vevent.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    vevent.add("summary", event.summary)
    vevent.add("location", event.location)
    vevent.add("description", event.description)
    if event.url:
        vevent.add("url", event.url)
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = event.organizer_name
    vevent.add("organizer", organizer)
    calendar.add_component(vevent)
    return calendar.to_ical().decode("utf-8")


def calendar_method(ics: str) -> str:
    """The METHOD of a stored calendar document ("" when it has none)."""
    for line in ics.splitlines():
        if line.upper().startswith("METHOD:"):
            return line.split(":", 1)[1].strip().upper()
    return ""
