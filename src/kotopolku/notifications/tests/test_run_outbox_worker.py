"""manage.py run_outbox_worker: one round with --once; the loop stops on SIGTERM."""

from __future__ import annotations

import datetime
import logging
import os
import signal
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from kotopolku.notifications import sms
from kotopolku.notifications.models import OutboxMessage
from kotopolku.notifications.services import appointment_messages_enqueue

from .conftest import CLIENT_NAME


def soon(hours: int) -> datetime.datetime:
    return timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(hours=hours)


@pytest.mark.django_db
def test_once_queues_reminders_and_sends_everything_due(make_appointment, caplog):
    booked_now = make_appointment(start=soon(72), language="en")
    appointment_messages_enqueue(appointment=booked_now, kind=OutboxMessage.Kind.BOOKING_CONFIRMATION)
    tomorrow = make_appointment(start=soon(3), language="en")

    with caplog.at_level(logging.INFO):
        call_command("run_outbox_worker", "--once")

    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 4
    assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).exists()
    assert sorted(message.subject.split(":")[0] for message in mail.outbox) == [
        "Appointment booked",
        "Reminder",
    ]
    assert len(sms.outbox) == 2
    tomorrow.refresh_from_db()
    assert tomorrow.reminder_queued_at is not None
    assert "1 reminder(s) queued, 4 sent, 0 to retry, 0 failed" in caplog.text
    for private in ("amina@example.org", "+358401234567", CLIENT_NAME, booked_now.manage_token):
        assert private not in caplog.text


@pytest.mark.django_db
def test_once_with_nothing_to_do_is_quiet(caplog):
    with caplog.at_level(logging.INFO):
        call_command("run_outbox_worker", "--once")

    assert "Outbox round" not in caplog.text


def test_rejects_a_non_positive_interval():
    with pytest.raises(CommandError):
        call_command("run_outbox_worker", "--interval", "0")


@pytest.mark.django_db(transaction=True)
def test_the_loop_runs_rounds_until_sigterm(make_appointment, caplog):
    appointment_messages_enqueue(
        appointment=make_appointment(start=soon(72)), kind=OutboxMessage.Kind.BOOKING_REMINDER
    )
    default_handler = signal.getsignal(signal.SIGTERM)

    def stop_when_listening() -> None:
        # Only once the command has its own handler: the default one would end the test process.
        for _ in range(500):
            if signal.getsignal(signal.SIGTERM) is not default_handler:
                threading.Event().wait(0.2)  # let a round or two run
                os.kill(os.getpid(), signal.SIGTERM)
                return
            threading.Event().wait(0.01)

    stopper = threading.Thread(target=stop_when_listening)
    stopper.start()
    with caplog.at_level(logging.INFO):
        call_command("run_outbox_worker", "--interval", "0.05")
    stopper.join()

    assert signal.getsignal(signal.SIGTERM) is default_handler
    assert "Outbox worker stopped" in caplog.text
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 2
