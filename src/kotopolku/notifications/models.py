"""The outbox: every email and SMS is first a row here, written in the same transaction as the
change it tells about. A worker (``manage.py run_outbox_worker``) sends them and retries failures
with backoff; a failed send never undoes the booking."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotopolku.core.fields import CodeChoicesCharField
from kotopolku.organizations.models import Organization, OrganizationScopedQuerySet


class OutboxMessage(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("Text message")

    class Kind(models.TextChoices):
        BOOKING_CONFIRMATION = "booking_confirmation", _("Booking confirmation")
        BOOKING_REMINDER = "booking_reminder", _("Reminder")
        BOOKING_CANCELLED = "booking_cancelled", _("Cancellation")
        BOOKING_MOVED = "booking_moved", _("New time")

        # Not about an appointment (``message_enqueue``):
        DROPIN_TURN_NEAR = "dropin_turn_near", _("Drop-in: your turn is near")
        DROPIN_SESSION_CLOSED = "dropin_session_closed", _("Drop-in: the session ended before your turn")
        PERMIT_RENEWAL = "permit_renewal", _("Residence permit renewal reminder")

    BOOKING_KINDS = frozenset(
        {Kind.BOOKING_CONFIRMATION, Kind.BOOKING_REMINDER, Kind.BOOKING_CANCELLED, Kind.BOOKING_MOVED}
    )

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="outbox")
    appointment = models.ForeignKey(
        "appointments.Appointment", on_delete=models.SET_NULL, null=True, blank=True, related_name="messages"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    kind = CodeChoicesCharField(max_length=40, choices=Kind.choices)
    recipient = models.CharField(max_length=254)
    language = models.CharField(max_length=10)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    ics = models.TextField(blank=True, help_text="Calendar attachment (text/calendar), email only.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=200, blank=True, help_text="Error class only: no personal data.")
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Never sent after this time (e.g. a drop-in 'your turn is near')."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="outbox_due_idx", condition=Q(status="pending")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="sent", sent_at__isnull=False)
                | (~Q(status="sent") & Q(sent_at__isnull=True)),
                name="outbox_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.channel} {self.status}"
