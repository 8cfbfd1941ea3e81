"""Reads for the messaging: what is due in the outbox, which appointments need a reminder."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from kotopolku.appointments.models import Appointment, BookingPolicy
from kotopolku.notifications.models import OutboxMessage

DEFAULT_REMINDER_HOURS: int = BookingPolicy._meta.get_field("reminder_hours_before").default
DEFAULT_CANCEL_CUTOFF_HOURS: int = BookingPolicy._meta.get_field("cancel_cutoff_hours").default


def outbox_due(*, now: datetime.datetime) -> QuerySet[OutboxMessage]:
    """Pending messages whose (next) attempt is due, oldest first."""
    return OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "id")


def appointment_moved_email_count(*, appointment: Appointment) -> int:
    """How many "new time" emails this appointment has had: the calendar SEQUENCE is derived from it."""
    return OutboxMessage.objects.filter(
        appointment=appointment,
        kind=OutboxMessage.Kind.BOOKING_MOVED,
        channel=OutboxMessage.Channel.EMAIL,
    ).count()


def cancel_cutoff_hours(*, organization_id: int) -> int:
    hours = (
        BookingPolicy.objects.filter(organization_id=organization_id)
        .values_list("cancel_cutoff_hours", flat=True)
        .first()
    )
    return DEFAULT_CANCEL_CUTOFF_HOURS if hours is None else hours


def appointments_due_for_reminder(*, now: datetime.datetime) -> list[Appointment]:
    """Booked, future appointments without a reminder whose start is within their municipality's
    reminder window (``BookingPolicy.reminder_hours_before``, 24 h when the municipality has no rules)."""
    hours_by_organization: dict[int, int] = dict(
        BookingPolicy.objects.values_list("organization_id", "reminder_hours_before")
    )
    widest = max([DEFAULT_REMINDER_HOURS, *hours_by_organization.values()])
    candidates = Appointment.objects.filter(
        status=Appointment.Status.BOOKED,
        reminder_queued_at__isnull=True,
        start__gt=now,
        start__lte=now + datetime.timedelta(hours=widest),
    ).select_related("organization", "service", "place")
    return [
        appointment
        for appointment in candidates
        if appointment.start
        <= now
        + datetime.timedelta(
            hours=hours_by_organization.get(appointment.organization_id, DEFAULT_REMINDER_HOURS)
        )
    ]
