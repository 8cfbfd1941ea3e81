"""The .ics attachment: parsed back with icalendar, times in UTC on both sides of a DST change."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from kotopolku.notifications.ics import CalendarEvent, booking_uid, calendar_method, calendar_text
from kotopolku.notifications.models import OutboxMessage
from kotopolku.notifications.services import appointment_messages_enqueue

from .conftest import helsinki

UTC = datetime.UTC


def confirmation_calendar(appointment) -> Calendar:
    (email,) = [
        message
        for message in appointment_messages_enqueue(
            appointment=appointment, kind=OutboxMessage.Kind.BOOKING_CONFIRMATION
        )
        if message.channel == OutboxMessage.Channel.EMAIL
    ]
    return Calendar.from_ical(email.ics)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("local_start", "utc_start", "raw"),
    [
        # Summer time ended on Sunday 25 October 2026: Helsinki is UTC+2 again.
        (helsinki(2026, 10, 26, 9, 0), datetime.datetime(2026, 10, 26, 7, 0, tzinfo=UTC), "20261026T070000Z"),
        # The day before the change Helsinki was still UTC+3.
        (helsinki(2026, 10, 24, 9, 0), datetime.datetime(2026, 10, 24, 6, 0, tzinfo=UTC), "20261024T060000Z"),
        # Summer time began on Sunday 29 March 2026: UTC+3.
        (helsinki(2026, 3, 30, 9, 0), datetime.datetime(2026, 3, 30, 6, 0, tzinfo=UTC), "20260330T060000Z"),
        (helsinki(2026, 3, 27, 9, 0), datetime.datetime(2026, 3, 27, 7, 0, tzinfo=UTC), "20260327T070000Z"),
    ],
)
def test_event_times_are_utc_across_daylight_saving_changes(make_appointment, local_start, utc_start, raw):
    appointment = make_appointment(start=local_start)

    calendar = confirmation_calendar(appointment)

    event = calendar.walk("VEVENT")[0]
    assert str(calendar["METHOD"]) == "REQUEST"
    assert event.decoded("DTSTART") == utc_start
    assert event.decoded("DTSTART").utcoffset() == datetime.timedelta(0)
    assert event.decoded("DTEND") == utc_start + datetime.timedelta(minutes=45)
    assert f"DTSTART:{raw}" in calendar.to_ical().decode()
    assert str(event["UID"]) == f"{appointment.reference}@kotopolku"
    assert str(event["SUMMARY"]) == "Oleskelulupa-asiat – Viestikunta"
    assert str(event["LOCATION"]) == "Kahvila & neuvonta, Kaivokatu 14, 18100 Heinola"


@pytest.mark.django_db
def test_the_email_shows_helsinki_time_on_both_sides_of_the_change(make_appointment):
    before = make_appointment(start=helsinki(2026, 10, 24, 9, 0))
    after = make_appointment(start=helsinki(2026, 10, 26, 9, 0))

    for appointment in (before, after):
        (email, _sms) = appointment_messages_enqueue(
            appointment=appointment, kind=OutboxMessage.Kind.BOOKING_CONFIRMATION
        )
        assert "9.00–9.45" in email.body


@given(
    start=st.datetimes(
        min_value=datetime.datetime(2025, 1, 1),
        max_value=datetime.datetime(2035, 12, 31),
        timezones=st.just(zoneinfo.ZoneInfo("Europe/Helsinki")),
        allow_imaginary=False,
    ).map(lambda value: value.replace(second=0, microsecond=0)),  # appointments start on whole minutes
    minutes=st.integers(min_value=5, max_value=480),
)
def test_any_helsinki_time_round_trips_as_the_same_instant_in_utc(start, minutes):
    # Compare instants in UTC: an ambiguous Helsinki time (the autumn fold) never compares equal to
    # another zone's datetime (PEP 495), even when it is the same instant.
    start_utc = start.astimezone(UTC)
    end = start_utc + datetime.timedelta(minutes=minutes)
    event = CalendarEvent(
        uid=booking_uid("ABC234"),
        start=start,
        end=end,
        summary="Palvelu – Kunta",
        location="Kaivokatu 14",
        description="Viite: ABC234",
        url="http://127.0.0.1:8000/fi/kunta/booking/token/",
        organizer_name="Kunta",
    )

    text = calendar_text(event=event, method="REQUEST", sequence=0, now=start)

    parsed = Calendar.from_ical(text).walk("VEVENT")[0]
    assert parsed.decoded("DTSTART") == start_utc
    assert parsed.decoded("DTSTART").utcoffset() == datetime.timedelta(0)
    assert f"DTSTART:{start_utc:%Y%m%dT%H%M%SZ}" in text
    assert parsed.decoded("DTEND") == end
    assert calendar_method(text) == "REQUEST"
