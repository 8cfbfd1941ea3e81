"""A staff member's personal calendar subscription: ``/staff/calendar/<token>.ics``.

Calendar apps fetch it without a login, so the unguessable token (``StaffSchedule.calendar_token``)
is the only secret, and the feed carries no client personal data: an event is the service's name,
the booking's reference, the time and the place (or how the meeting is held). Renewing the link
(``services.calendar_link_renew``) makes the old address answer 404.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event, vDuration

from kotopolku.appointments import selectors
from kotopolku.appointments.models import Appointment, StaffSchedule

PRODID = "-//Kotopolku//Staff calendar//EN"
PAST_DAYS = 30
REFRESH = datetime.timedelta(hours=1)


def _location(appointment: Appointment) -> str:
    if appointment.place is not None:
        address = appointment.place.address
        return f"{appointment.place.name}, {address}" if address else appointment.place.name
    return str(appointment.get_mode_display())


def staff_calendar(
    *,
    schedule: StaffSchedule,
    now: datetime.datetime,
    detail_url: Callable[[Appointment], str] | None = None,
) -> bytes:
    """The iCalendar document of ``schedule``'s staff member: active bookings from 30 days back to the
    booking horizon (three queries). ``detail_url`` gives an event's link to the staff page (login needed)."""
    organization = schedule.organization
    policy = selectors.booking_policy_get(organization=organization)
    today = timezone.localtime(now, selectors.TZ).date()
    by_day = selectors.agenda(
        organization=organization,
        date_from=today - datetime.timedelta(days=PAST_DAYS),
        date_to=today + datetime.timedelta(days=policy.horizon_days),
        staff_id=schedule.staff_id,
    )
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Kotopolku – {organization.name}")
    calendar.add("x-wr-timezone", str(selectors.TZ))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))  # Outlook's older name for the same hint
    stamp = now.astimezone(datetime.UTC)
    for appointments in by_day.values():
        for appointment in appointments:
            event = Event()
            event.add("uid", f"staff-{appointment.pk}@kotopolku")
            event.add("dtstamp", stamp)
            event.add("dtstart", appointment.start.astimezone(datetime.UTC))
            event.add("dtend", appointment.end.astimezone(datetime.UTC))
            event.add("last-modified", appointment.updated_at.astimezone(datetime.UTC))
            event.add("summary", f"{appointment.service.name} · {appointment.reference}")
            event.add("location", _location(appointment))
            event.add("status", "CONFIRMED")
            event.add("transp", "OPAQUE")
            if detail_url is not None:
                event.add("url", detail_url(appointment))
            calendar.add_component(event)
    return calendar.to_ical()


@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    schedule = (
        StaffSchedule.objects.select_related("organization")
        .filter(calendar_token=token, staff__is_active=True)
        .first()
    )
    if schedule is None:
        raise Http404

    def detail_url(appointment: Appointment) -> str:
        return request.build_absolute_uri(
            reverse(
                "staff:appointment_detail", kwargs={"org": schedule.organization.slug, "pk": appointment.pk}
            )
        )

    response = HttpResponse(
        staff_calendar(schedule=schedule, now=timezone.now(), detail_url=detail_url),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="kotopolku.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
