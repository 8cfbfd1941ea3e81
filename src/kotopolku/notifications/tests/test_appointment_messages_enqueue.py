"""appointment_messages_enqueue: what the client receives, in their language, and nothing more."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext
from icalendar import Calendar

from kotopolku.appointments.models import MeetingMode
from kotopolku.notifications.models import OutboxMessage
from kotopolku.notifications.services import appointment_messages_enqueue
from kotopolku.notifications.sms import sms_segments

from .conftest import CLIENT_NAME, HELSINKI, TOPIC, helsinki

pytestmark = pytest.mark.django_db

Kind = OutboxMessage.Kind
SERVICE_NAME = {"fi": "Oleskelulupa-asiat", "en": "Residence permit matters", "ar": "شؤون تصريح الإقامة"}


def by_channel(messages: list[OutboxMessage]) -> dict[str, OutboxMessage]:
    return {message.channel: message for message in messages}


def every_text(message: OutboxMessage) -> str:
    return "\n".join([message.subject, message.body, message.ics])


def sms_fee_notice(language: str) -> str:
    with translation.override(language):
        return " ".join(render_to_string("notifications/includes/interpreter_fee_sms.txt").split())


@pytest.mark.parametrize("language", ["fi", "en", "ar"])
def test_confirmation_is_rendered_in_the_clients_language(make_appointment, language):
    appointment = make_appointment(language=language)

    messages = by_channel(
        appointment_messages_enqueue(appointment=appointment, kind=Kind.BOOKING_CONFIRMATION)
    )

    assert set(messages) == {"email", "sms"}
    email, sms = messages["email"], messages["sms"]
    assert (email.recipient, sms.recipient) == ("amina@example.org", "+358401234567")
    assert email.language == sms.language == language
    assert email.status == sms.status == OutboxMessage.Status.PENDING
    assert OutboxMessage.objects.filter(appointment=appointment).count() == 2
    local_start = appointment.start.astimezone(HELSINKI)
    with translation.override(language):
        weekday = formats.date_format(local_start, "l")
        date = formats.date_format(local_start, "DATE_FORMAT")
        time = formats.time_format(local_start, "TIME_FORMAT")
    manage_url = f"http://127.0.0.1:8000/{language}/viestikunta/booking/{appointment.manage_token}/"
    for text in (email.body, sms.body):
        assert weekday in text
        assert date in text
        assert time in text
        assert manage_url in text
        assert appointment.reference in text
    assert date in email.subject
    assert SERVICE_NAME[language] in email.body
    assert "Kaivokatu 14, 18100 Heinola" in email.body
    assert "+358 3 849 3000" in email.body  # how to cancel after the online cut-off


def test_dates_and_names_use_the_languages_own_words(make_appointment):
    finnish = appointment_messages_enqueue(
        appointment=make_appointment(language="fi"), kind=Kind.BOOKING_CONFIRMATION
    )
    arabic = appointment_messages_enqueue(
        appointment=make_appointment(language="ar", start=helsinki(2026, 10, 26, 11, 0)),
        kind=Kind.BOOKING_CONFIRMATION,
    )

    finnish_email, arabic_email = by_channel(finnish)["email"], by_channel(arabic)["email"]
    assert "maanantai 26. lokakuuta 2026" in finnish_email.body
    assert "9.00–9.45" in finnish_email.body
    assert "Kahvila & neuvonta" in finnish_email.body  # plain text: nothing HTML-escaped
    assert "&amp;" not in finnish_email.body
    assert "أكتوبر" in arabic_email.body  # the month in Arabic
    assert "بلدية الرسائل" in arabic_email.body  # the municipality's own Arabic name
    assert "Message Town" not in arabic_email.body


def test_untranslated_texts_fall_back_to_finnish(make_appointment):
    """The place has no Arabic name: the Finnish one is used (django-modeltranslation fallback)."""
    appointment = make_appointment(language="ar")

    email = by_channel(appointment_messages_enqueue(appointment=appointment, kind=Kind.BOOKING_CONFIRMATION))[
        "email"
    ]

    assert "Kahvila & neuvonta" in email.body


def test_an_unknown_language_gets_finnish(make_appointment):
    appointment = make_appointment(language="xx")

    messages = appointment_messages_enqueue(appointment=appointment, kind=Kind.BOOKING_CONFIRMATION)

    assert {message.language for message in messages} == {"fi"}
    assert f"/fi/viestikunta/booking/{appointment.manage_token}/" in messages[0].body


@pytest.mark.parametrize("kind", sorted(OutboxMessage.BOOKING_KINDS))
@pytest.mark.parametrize("interpreter", [False, True])
def test_no_topic_name_or_other_details_leak(make_appointment, kind, interpreter):
    appointment = make_appointment(interpreter=interpreter, language="en")

    messages = appointment_messages_enqueue(appointment=appointment, kind=kind)

    assert len(messages) == 2
    for message in messages:
        text = every_text(message)
        assert TOPIC not in text
        assert "velat" not in text
        assert CLIENT_NAME not in text
        assert "Amina" not in text
        assert appointment.email not in text
        assert appointment.phone not in text
        assert "arabia" not in text  # the interpreter's language is not repeated either


@pytest.mark.parametrize("language", ["fi", "en", "ar"])
@pytest.mark.parametrize("kind", [Kind.BOOKING_CONFIRMATION, Kind.BOOKING_REMINDER, Kind.BOOKING_MOVED])
def test_interpreter_fee_notice_only_when_an_interpreter_is_booked(make_appointment, language, kind):
    with_interpreter = make_appointment(interpreter=True, language=language)
    without = make_appointment(language=language, start=helsinki(2026, 10, 27, 9, 0))

    with_messages = by_channel(appointment_messages_enqueue(appointment=with_interpreter, kind=kind))
    without_messages = by_channel(appointment_messages_enqueue(appointment=without, kind=kind))

    assert "681/2023" in with_messages["email"].body
    assert sms_fee_notice(language) in with_messages["sms"].body
    assert "681/2023" not in without_messages["email"].body
    assert sms_fee_notice(language) not in without_messages["sms"].body


def test_cancellation_has_no_fee_notice_and_links_to_booking_again(make_appointment):
    appointment = make_appointment(interpreter=True, language="en")

    messages = by_channel(appointment_messages_enqueue(appointment=appointment, kind=Kind.BOOKING_CANCELLED))

    assert "681/2023" not in messages["email"].body
    assert "http://127.0.0.1:8000/en/viestikunta/" in messages["email"].body
    assert appointment.manage_token not in messages["email"].body
    assert appointment.reference in messages["sms"].body


@pytest.mark.parametrize(
    ("mode", "label"), [(MeetingMode.PHONE, "By phone"), (MeetingMode.VIDEO, "Video call")]
)
def test_remote_meetings_say_how_instead_of_a_place(make_appointment, mode, label):
    appointment = make_appointment(mode=mode, place=None, language="fi")

    messages = by_channel(
        appointment_messages_enqueue(appointment=appointment, kind=Kind.BOOKING_CONFIRMATION)
    )

    with translation.override("fi"):
        expected = gettext(label)
    assert expected in messages["email"].body
    assert expected in messages["sms"].body
    assert "Kaivokatu" not in messages["email"].body
    assert f"LOCATION:{expected}" in messages["email"].ics


def test_only_the_channels_the_client_gave(make_appointment):
    email_only = make_appointment(phone="")
    sms_only = make_appointment(email="", start=helsinki(2026, 10, 27, 9, 0))

    assert [
        m.channel for m in appointment_messages_enqueue(appointment=email_only, kind=Kind.BOOKING_REMINDER)
    ] == ["email"]
    assert [
        m.channel for m in appointment_messages_enqueue(appointment=sms_only, kind=Kind.BOOKING_REMINDER)
    ] == ["sms"]


@pytest.mark.parametrize("language", ["fi", "en", "sv"])
@pytest.mark.parametrize("kind", sorted(OutboxMessage.BOOKING_KINDS))
def test_sms_fits_in_two_segments_in_latin_script_languages(make_appointment, language, kind):
    appointment = make_appointment(language=language)

    sms = by_channel(appointment_messages_enqueue(appointment=appointment, kind=kind))["sms"]

    assert sms_segments(sms.body) <= 2, sms.body
    assert "\n" not in sms.body


def test_calendar_attachments_per_kind(make_appointment):
    appointment = make_appointment()

    def calendar(kind):
        email = by_channel(appointment_messages_enqueue(appointment=appointment, kind=kind))["email"]
        return Calendar.from_ical(email.ics) if email.ics else None

    confirmation = calendar(Kind.BOOKING_CONFIRMATION)
    reminder = calendar(Kind.BOOKING_REMINDER)
    first_move = calendar(Kind.BOOKING_MOVED)
    second_move = calendar(Kind.BOOKING_MOVED)
    cancellation = calendar(Kind.BOOKING_CANCELLED)

    assert reminder is None
    uid = f"{appointment.reference}@kotopolku"
    expected = [("REQUEST", 0, "CONFIRMED"), ("REQUEST", 1, "CONFIRMED"), ("REQUEST", 2, "CONFIRMED")]
    expected.append(("CANCEL", 3, "CANCELLED"))
    for document, (method, sequence, status) in zip(
        [confirmation, first_move, second_move, cancellation], expected, strict=True
    ):
        assert document is not None
        event = document.walk("VEVENT")[0]
        assert str(document["METHOD"]) == method
        assert str(event["UID"]) == uid
        assert int(event["SEQUENCE"]) == sequence
        assert str(event["STATUS"]) == status
