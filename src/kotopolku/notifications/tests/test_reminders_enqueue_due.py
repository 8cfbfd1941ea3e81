"""reminders_enqueue_due: one reminder per appointment, within the municipality's reminder window."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from kotopolku.appointments.models import Appointment, BookingPolicy
from kotopolku.notifications.models import OutboxMessage
from kotopolku.notifications.services import reminders_enqueue_due

from .conftest import helsinki

START = helsinki(2026, 10, 26, 9, 0)
HOUR = datetime.timedelta(hours=1)


def reminders() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kind=OutboxMessage.Kind.BOOKING_REMINDER))


@pytest.mark.django_db
def test_a_reminder_is_queued_once_within_the_default_24_hours(make_appointment):
    appointment = make_appointment(start=START)

    assert reminders_enqueue_due(now=START - 25 * HOUR) == 0
    assert reminders() == []

    now = START - 23 * HOUR
    assert reminders_enqueue_due(now=now) == 1
    assert reminders_enqueue_due(now=now) == 0
    assert reminders_enqueue_due(now=now + HOUR) == 0

    queued = reminders()
    assert sorted(message.channel for message in queued) == ["email", "sms"]
    assert {message.appointment_id for message in queued} == {appointment.pk}
    appointment.refresh_from_db()
    assert appointment.reminder_queued_at == now
    assert appointment.status == Appointment.Status.BOOKED


@pytest.mark.django_db
def test_the_municipalitys_reminder_window_is_used(make_appointment, msg_organization):
    BookingPolicy.objects.create(organization=msg_organization, reminder_hours_before=48)
    make_appointment(start=START)

    assert reminders_enqueue_due(now=START - 49 * HOUR) == 0
    assert reminders_enqueue_due(now=START - 47 * HOUR) == 1


@pytest.mark.django_db
def test_a_shorter_window_waits(make_appointment, msg_organization):
    BookingPolicy.objects.create(organization=msg_organization, reminder_hours_before=3)
    make_appointment(start=START)

    assert reminders_enqueue_due(now=START - 23 * HOUR) == 0
    assert reminders_enqueue_due(now=START - 2 * HOUR) == 1


@pytest.mark.django_db
def test_cancelled_past_and_already_reminded_appointments_get_none(make_appointment):
    now = START - 2 * HOUR
    make_appointment(start=START, status=Appointment.Status.CANCELLED, cancelled_at=now - HOUR)
    make_appointment(start=now - HOUR)  # already started
    make_appointment(start=START + HOUR, reminder_queued_at=now - HOUR)

    assert reminders_enqueue_due(now=now) == 0
    assert reminders() == []


@pytest.mark.django_db
def test_the_reminder_is_in_the_clients_language(make_appointment):
    appointment = make_appointment(start=START, language="ar")

    reminders_enqueue_due(now=START - 2 * HOUR)

    assert {message.language for message in reminders()} == {"ar"}
    assert all(appointment.manage_token in message.body for message in reminders())


@pytest.mark.django_db
def test_a_booking_without_contact_details_is_marked_without_messages(make_appointment):
    appointment = make_appointment(start=START, email="", phone="", channel=Appointment.Channel.STAFF)

    assert reminders_enqueue_due(now=START - HOUR) == 1
    assert reminders() == []
    appointment.refresh_from_db()
    assert appointment.reminder_queued_at is not None


@pytest.mark.django_db
def test_defaults_to_now(make_appointment):
    start = timezone.now().replace(second=0, microsecond=0) + 2 * HOUR
    make_appointment(start=start)

    assert reminders_enqueue_due() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent workers need PostgreSQL")
def test_concurrent_workers_queue_each_reminder_once(make_appointment):
    for hour in range(8, 16):
        make_appointment(start=helsinki(2026, 10, 26, hour, 0))
    now = START - 2 * HOUR
    counts: list[int] = []

    def worker() -> None:
        try:
            counts.append(reminders_enqueue_due(now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(counts) == 8
    assert len(reminders()) == 16
