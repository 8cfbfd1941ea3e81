"""The public events calendar as an iCalendar feed (RFC 5545), for phones and Outlook to subscribe to.

Times are in UTC; each event keeps its UID (``event-<id>@kotopolku``), so a changed time updates the
subscriber's calendar. Texts are in the language of the feed's address (``/<lang>/<org>/events.ics``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from icalendar import Calendar, vDuration
from icalendar import Event as CalendarEvent

from kotopolku.appointments.selectors import TZ
from kotopolku.network.models import Event
from kotopolku.organizations.models import Organization

PRODID = "-//Kotopolku//Events//EN"
REFRESH = datetime.timedelta(hours=6)


def _location(event: Event) -> str:
    return ", ".join(part for part in [event.place_name, event.address] if part)


def events_calendar(
    *,
    organization: Organization,
    events: Iterable[Event],
    now: datetime.datetime,
    event_url: Callable[[Event], str] | None = None,
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{organization.name} – Kotopolku")
    calendar.add("x-wr-timezone", str(TZ))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    stamp = now.astimezone(datetime.UTC)
    for event in events:
        vevent = CalendarEvent()
        vevent.add("uid", f"event-{event.pk}@kotopolku")
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", event.start.astimezone(datetime.UTC))
        vevent.add("dtend", event.end.astimezone(datetime.UTC))
        vevent.add("last-modified", event.updated_at.astimezone(datetime.UTC))
        vevent.add("summary", event.title)
        if event.description:
            vevent.add("description", event.description)
        location = _location(event)
        if location:
            vevent.add("location", location)
        vevent.add("status", "CONFIRMED")
        vevent.add("transp", "TRANSPARENT")
        if event_url is not None:
            vevent.add("url", event.website or event_url(event))
        calendar.add_component(vevent)
    return calendar.to_ical()
