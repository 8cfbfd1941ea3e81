"""outbox_send_due: sending, retries with backoff, giving up, and never touching the appointment."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.utils import timezone
from icalendar import Calendar

from kotopolku.notifications import sms
from kotopolku.notifications.models import OutboxMessage
from kotopolku.notifications.services import (
    BACKOFF,
    SendReport,
    appointment_messages_enqueue,
    outbox_send_due,
)
from kotopolku.notifications.sms import BaseSmsBackend

from .conftest import helsinki

Kind = OutboxMessage.Kind
Status = OutboxMessage.Status


def in_days(days: int, hour: int = 9) -> datetime.datetime:
    """A start time ``days`` from today (the outbox rows are due from their creation, i.e. now)."""
    today = timezone.localtime().date() + datetime.timedelta(days=days)
    return helsinki(today.year, today.month, today.day, hour)


class BrokenSmsGateway(ConnectionError):
    pass


class FailingSmsBackend(BaseSmsBackend):
    def send(self, recipient: str, body: str) -> None:
        # The error text carries the number: the outbox must keep the class name only.
        raise BrokenSmsGateway(f"gateway refused {recipient}")


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise OSError(f"SMTP refused {email_messages[0].to[0]}")


FAILING_SMS = f"{__name__}.FailingSmsBackend"
FAILING_EMAIL = f"{__name__}.FailingEmailBackend"


@pytest.mark.django_db
def test_due_messages_are_sent_by_email_and_sms(make_appointment):
    appointment = make_appointment(language="en", start=in_days(7))
    email_row, sms_row = appointment_messages_enqueue(appointment=appointment, kind=Kind.BOOKING_CONFIRMATION)

    report = outbox_send_due(now=timezone.now())

    assert report == SendReport(sent=2, failed=0, retried=0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    assert message.subject == email_row.subject
    assert message.body == email_row.body
    assert message.reply_to == ["kotoutuminen@viestikunta.example"]
    assert message.extra_headers["Content-Language"] == "en"
    (attachment,) = message.attachments
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    assert attachment.get_filename() == "appointment.ics"
    event = Calendar.from_ical(attachment.get_payload(decode=True)).walk("VEVENT")[0]
    assert str(event["UID"]) == f"{appointment.reference}@kotopolku"
    assert 'Content-Type: text/calendar; charset="utf-8"; method="REQUEST"' in message.message().as_string()
    assert sms.outbox == [sms.SmsMessage(recipient="+358401234567", body=sms_row.body)]
    for row in (email_row, sms_row):
        row.refresh_from_db()
        assert row.status == Status.SENT
        assert row.sent_at is not None
        assert row.attempts == 0


@pytest.mark.django_db
def test_a_cancellation_carries_method_cancel(make_appointment):
    appointment = make_appointment(phone="", start=in_days(7))
    appointment_messages_enqueue(appointment=appointment, kind=Kind.BOOKING_CANCELLED)

    outbox_send_due(now=timezone.now())

    (attachment,) = mail.outbox[0].attachments
    assert attachment.get_param("method") == "CANCEL"


@pytest.mark.django_db
def test_sent_messages_and_messages_not_yet_due_are_left_alone(make_appointment):
    appointment_messages_enqueue(
        appointment=make_appointment(start=in_days(7)), kind=Kind.BOOKING_CONFIRMATION
    )
    now = timezone.now()
    OutboxMessage.objects.update(next_attempt_at=now + datetime.timedelta(minutes=1))

    assert outbox_send_due(now=now) == SendReport()
    assert outbox_send_due(now=now + datetime.timedelta(minutes=1)).sent == 2
    assert outbox_send_due(now=now + datetime.timedelta(minutes=2)) == SendReport()
    assert len(mail.outbox) == 1
    assert len(sms.outbox) == 1


@pytest.mark.django_db
def test_limit_caps_one_round(make_appointment):
    appointment_messages_enqueue(
        appointment=make_appointment(start=in_days(7)), kind=Kind.BOOKING_CONFIRMATION
    )
    appointment_messages_enqueue(
        appointment=make_appointment(start=in_days(8)), kind=Kind.BOOKING_CONFIRMATION
    )

    assert outbox_send_due(now=timezone.now(), limit=3).sent == 3
    assert outbox_send_due(now=timezone.now(), limit=3).sent == 1


@pytest.mark.django_db
def test_failures_are_retried_with_backoff_then_marked_failed(make_appointment, settings, caplog):
    settings.KOTOPOLKU_SMS_BACKEND = FAILING_SMS
    settings.KOTOPOLKU_OUTBOX_MAX_ATTEMPTS = 8
    appointment = make_appointment(email="", start=in_days(30))
    (row,) = appointment_messages_enqueue(appointment=appointment, kind=Kind.BOOKING_CONFIRMATION)
    appointment.refresh_from_db()
    appointment_before = {
        field.attname: getattr(appointment, field.attname) for field in appointment._meta.fields
    }

    now = timezone.now()
    waits = []
    for attempt in range(1, 8):
        assert outbox_send_due(now=now) == SendReport(retried=1)
        row.refresh_from_db()
        assert row.status == Status.PENDING
        assert row.attempts == attempt
        assert row.last_error == "BrokenSmsGateway"
        waits.append(row.next_attempt_at - now)
        # Not due again before the wait is over.
        assert outbox_send_due(now=row.next_attempt_at - datetime.timedelta(seconds=1)) == SendReport()
        now = row.next_attempt_at

    assert waits == list(BACKOFF[:7])
    assert waits[:4] == [
        datetime.timedelta(minutes=1),
        datetime.timedelta(minutes=5),
        datetime.timedelta(minutes=30),
        datetime.timedelta(hours=2),
    ]
    assert outbox_send_due(now=now) == SendReport(failed=1)
    row.refresh_from_db()
    assert row.status == Status.FAILED
    assert row.attempts == 8
    assert row.sent_at is None
    assert outbox_send_due(now=now + datetime.timedelta(days=1)) == SendReport()
    assert sms.outbox == []

    appointment.refresh_from_db()
    assert {field.attname: getattr(appointment, field.attname) for field in appointment._meta.fields} == (
        appointment_before
    )
    assert "+358401234567" not in caplog.text
    assert "358" not in "".join(record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_email_failure_records_the_class_only_and_sms_still_goes(make_appointment, settings):
    settings.EMAIL_BACKEND = FAILING_EMAIL
    email_row, sms_row = appointment_messages_enqueue(
        appointment=make_appointment(start=in_days(7)), kind=Kind.BOOKING_CONFIRMATION
    )

    now = timezone.now()
    assert outbox_send_due(now=now) == SendReport(sent=1, retried=1)

    email_row.refresh_from_db()
    sms_row.refresh_from_db()
    assert (email_row.status, email_row.attempts, email_row.last_error) == (Status.PENDING, 1, "OSError")
    assert email_row.next_attempt_at == now + datetime.timedelta(minutes=1)
    assert sms_row.status == Status.SENT


@pytest.mark.django_db
def test_a_retry_that_succeeds_is_sent(make_appointment, settings):
    settings.KOTOPOLKU_SMS_BACKEND = FAILING_SMS
    (row,) = appointment_messages_enqueue(
        appointment=make_appointment(email="", start=in_days(7)), kind=Kind.BOOKING_REMINDER
    )
    now = timezone.now()
    outbox_send_due(now=now)
    settings.KOTOPOLKU_SMS_BACKEND = "kotopolku.notifications.sms.LocmemSmsBackend"

    assert outbox_send_due(now=now + datetime.timedelta(minutes=1)) == SendReport(sent=1)

    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (Status.SENT, 1, "")


@pytest.mark.django_db
def test_messages_about_a_finished_appointment_are_not_sent(make_appointment):
    appointment = make_appointment(start=in_days(1))
    appointment_messages_enqueue(appointment=appointment, kind=Kind.BOOKING_REMINDER)

    report = outbox_send_due(now=appointment.end)

    assert report == SendReport(failed=2)
    assert set(OutboxMessage.objects.values_list("status", "last_error")) == {(Status.FAILED, "Expired")}
    assert mail.outbox == []
    assert sms.outbox == []


class SlowLocmemSmsBackend(sms.LocmemSmsBackend):
    lock = threading.Lock()

    def send(self, recipient: str, body: str) -> None:
        threading.Event().wait(0.02)
        with self.lock:
            super().send(recipient, body)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks (SKIP LOCKED) need PostgreSQL")
def test_two_workers_never_send_the_same_message(make_appointment, settings):
    settings.KOTOPOLKU_SMS_BACKEND = f"{__name__}.SlowLocmemSmsBackend"
    for day in range(1, 13):
        appointment_messages_enqueue(
            appointment=make_appointment(email="", start=in_days(day)),
            kind=Kind.BOOKING_CONFIRMATION,
        )
    now = timezone.now()
    reports: list[SendReport] = []

    def worker() -> None:
        try:
            reports.append(outbox_send_due(now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(report.sent for report in reports) == 12
    assert len(sms.outbox) == 12
    assert len({message.body for message in sms.outbox}) == 12
    assert OutboxMessage.objects.filter(status=Status.SENT).count() == 12
