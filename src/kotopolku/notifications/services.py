"""Writes of the messaging: queue booking messages in the outbox, send what is due, queue reminders.

Booking services call :func:`appointment_messages_enqueue` inside their own transaction, so a message
exists exactly when the change it tells about was committed. The worker (``run_outbox_worker``) calls
:func:`reminders_enqueue_due` and :func:`outbox_send_due`. Sending never touches the appointment.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from kotopolku.appointments.models import Appointment
from kotopolku.notifications import selectors
from kotopolku.notifications.content import booking_texts
from kotopolku.notifications.ics import calendar_method, calendar_text
from kotopolku.notifications.models import OutboxMessage
from kotopolku.notifications.sms import BaseSmsBackend, get_sms_backend

logger = logging.getLogger(__name__)

# Wait before attempt n+1 after n failed attempts; the last step repeats.
BACKOFF = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=6),
    datetime.timedelta(hours=12),
    datetime.timedelta(hours=24),
)
# A message being sent is claimed for this long: another worker picks it up only if this one died.
CLAIM_LEASE = datetime.timedelta(minutes=10)

_CALENDAR_METHOD = {
    OutboxMessage.Kind.BOOKING_CONFIRMATION: "REQUEST",
    OutboxMessage.Kind.BOOKING_MOVED: "REQUEST",
    OutboxMessage.Kind.BOOKING_CANCELLED: "CANCEL",
}


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    failed: int = 0
    retried: int = 0


def backoff_delay(attempts: int) -> datetime.timedelta:
    """How long to wait after ``attempts`` (≥ 1) failed attempts."""
    return BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1]


@transaction.atomic
def appointment_messages_enqueue(
    *, appointment: Appointment, kind: OutboxMessage.Kind
) -> list[OutboxMessage]:
    """Queue the booking message ``kind`` for the client: one email (if the appointment has an email
    address) and one SMS (if it has a phone number), in the client's language.

    Call it inside the booking transaction, after the appointment has its new state (new times for
    ``BOOKING_MOVED``, status cancelled for ``BOOKING_CANCELLED``).
    """
    kind = OutboxMessage.Kind(kind)
    texts = booking_texts(
        appointment=appointment,
        kind=kind.value,
        cancel_cutoff_hours=selectors.cancel_cutoff_hours(organization_id=appointment.organization_id),
    )
    messages: list[OutboxMessage] = []
    if appointment.email:
        ics = ""
        method = _CALENDAR_METHOD.get(kind)
        if method is not None:
            sequence = 0
            if kind != OutboxMessage.Kind.BOOKING_CONFIRMATION:
                sequence = selectors.appointment_moved_email_count(appointment=appointment) + 1
            ics = calendar_text(
                event=texts.calendar_event, method=method, sequence=sequence, now=timezone.now()
            )
        messages.append(
            OutboxMessage(
                organization_id=appointment.organization_id,
                appointment=appointment,
                channel=OutboxMessage.Channel.EMAIL,
                kind=kind,
                recipient=appointment.email,
                language=texts.language,
                subject=texts.subject,
                body=texts.email_body,
                ics=ics,
            )
        )
    if appointment.phone:
        messages.append(
            OutboxMessage(
                organization_id=appointment.organization_id,
                appointment=appointment,
                channel=OutboxMessage.Channel.SMS,
                kind=kind,
                recipient=appointment.phone,
                language=texts.language,
                body=texts.sms_body,
            )
        )
    for message in messages:
        message.save()
    return messages


@transaction.atomic
def message_enqueue(
    *,
    organization_id: int,
    kind: OutboxMessage.Kind,
    channel: OutboxMessage.Channel,
    recipient: str,
    language: str,
    body: str,
    subject: str = "",
    expires_at: datetime.datetime | None = None,
) -> OutboxMessage:
    """Queue one message that is not about an appointment (drop-in, reminders about a client's own
    dates). Call it inside the transaction of the change it tells about; the worker sends it."""
    return OutboxMessage.objects.create(
        organization_id=organization_id,
        channel=channel,
        kind=OutboxMessage.Kind(kind),
        recipient=recipient,
        language=language,
        subject=subject,
        body=body,
        expires_at=expires_at,
    )


def _claim_next(*, now: datetime.datetime) -> OutboxMessage | None:
    """Take the oldest due message for this worker (row lock, skip rows other workers hold) and move
    its next attempt past the lease, so no other worker sends it meanwhile."""
    with transaction.atomic():
        message = (
            selectors.outbox_due(now=now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("organization", "appointment")
            .first()
        )
        if message is None:
            return None
        message.next_attempt_at = max(now, timezone.now()) + CLAIM_LEASE
        message.save(update_fields=["next_attempt_at"])
        return message


def _is_expired(message: OutboxMessage, *, now: datetime.datetime) -> bool:
    """A message about an appointment that is already over is never sent (e.g. a reminder still
    retrying after the appointment): it would only confuse the client."""
    if message.expires_at is not None and message.expires_at <= now:
        return True
    appointment = message.appointment
    return appointment is not None and appointment.end <= now


def _send_email(message: OutboxMessage) -> None:
    reply_to = [message.organization.contact_email] if message.organization.contact_email else []
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        reply_to=reply_to,
        headers={"Auto-Submitted": "auto-generated", "Content-Language": message.language},
    )
    if message.ics:
        attachment = MIMEText(message.ics, "calendar", "utf-8")
        method = calendar_method(message.ics)
        if method:
            attachment.set_param("method", method)
        attachment.add_header("Content-Disposition", "attachment", filename="appointment.ics")
        email.attach(attachment)
    email.send(fail_silently=False)


def _send(message: OutboxMessage, *, sms_backend: BaseSmsBackend) -> None:
    if message.channel == OutboxMessage.Channel.EMAIL:
        _send_email(message)
    else:
        sms_backend.send(message.recipient, message.body)


def _record_failure(message: OutboxMessage, error: Exception, *, now: datetime.datetime) -> bool:
    """Count the failed attempt; True when the message will be retried, False when it has failed."""
    message.attempts += 1
    message.last_error = type(error).__name__[:200]
    retry = message.attempts < settings.KOTOPOLKU_OUTBOX_MAX_ATTEMPTS
    if retry:
        message.next_attempt_at = now + backoff_delay(message.attempts)
    else:
        message.status = OutboxMessage.Status.FAILED
    message.save(update_fields=["attempts", "last_error", "next_attempt_at", "status"])
    logger.warning(
        "Outbox message %s (%s, %s) attempt %s failed: %s%s",
        message.pk,
        message.channel,
        message.kind,
        message.attempts,
        message.last_error,
        "" if retry else "; giving up",
    )
    return retry


def outbox_send_due(*, now: datetime.datetime | None = None, limit: int = 50) -> SendReport:
    """Send up to ``limit`` due messages, one at a time: each is claimed in its own short transaction
    (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL), sent outside it, then marked sent or failed.
    A failure is retried with backoff until ``KOTOPOLKU_OUTBOX_MAX_ATTEMPTS``, then marked failed."""
    now = now or timezone.now()
    sms_backend = get_sms_backend()
    sent = failed = retried = 0
    for _ in range(limit):
        message = _claim_next(now=now)
        if message is None:
            break
        if _is_expired(message, now=now):
            message.status = OutboxMessage.Status.FAILED
            message.last_error = "Expired"
            message.save(update_fields=["status", "last_error"])
            logger.info(
                "Outbox message %s (%s, %s) dropped: too late to be useful",
                message.pk,
                message.channel,
                message.kind,
            )
            failed += 1
            continue
        try:
            _send(message, sms_backend=sms_backend)
        except Exception as error:  # any failure of a backend is recorded and retried
            if _record_failure(message, error, now=now):
                retried += 1
            else:
                failed += 1
            continue
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["status", "sent_at", "last_error"])
        sent += 1
    return SendReport(sent=sent, failed=failed, retried=retried)


def reminders_enqueue_due(*, now: datetime.datetime | None = None) -> int:
    """Queue a reminder for every booked appointment entering its municipality's reminder window
    (``BookingPolicy.reminder_hours_before``, default 24 h). Returns the number of appointments.

    Each appointment is claimed with ``UPDATE … WHERE reminder_queued_at IS NULL``: only the worker
    whose update changed the row queues the messages, so two workers never remind twice.
    """
    now = now or timezone.now()
    count = 0
    for appointment in selectors.appointments_due_for_reminder(now=now):
        with transaction.atomic():
            # The same start as when selected: a booking moved meanwhile is looked at again next round.
            claimed = Appointment.objects.filter(
                pk=appointment.pk,
                status=Appointment.Status.BOOKED,
                start=appointment.start,
                reminder_queued_at__isnull=True,
            ).update(reminder_queued_at=now)
            if claimed != 1:
                continue
            appointment.refresh_from_db()
            appointment_messages_enqueue(appointment=appointment, kind=OutboxMessage.Kind.BOOKING_REMINDER)
        count += 1
    return count


@transaction.atomic
def outbox_apply_retention(*, now: datetime.datetime | None = None) -> int:
    """Delete sent and failed messages (they hold a recipient and a text) after the retention period."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.KOTOPOLKU_OUTBOX_RETENTION_DAYS)
    deleted, _by_model = (
        OutboxMessage.objects.exclude(status=OutboxMessage.Status.PENDING)
        .filter(created_at__lt=cutoff)
        .delete()
    )
    return deleted
