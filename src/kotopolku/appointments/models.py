"""Appointments with the integration workers: availability, bookings and call-back requests.

No double booking is a database rule, written in the migration ``0002_no_double_booking`` because it
differs per database: on PostgreSQL an exclusion constraint (btree_gist) over the staff member's
blocked range (the meeting plus buffers); on SQLite triggers with the same rule. Booking transactions
on SQLite are also serialised (``BEGIN IMMEDIATE``, see settings).
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kotopolku.organizations.models import (
    Organization,
    OrganizationScopedQuerySet,
    Place,
    Service,
    TimestampedModel,
    Weekday,
)

# Short reference codes: no 0/O, 1/I/L, so they can be read out on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 6


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def new_manage_token() -> str:
    return secrets.token_urlsafe(32)


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    VIDEO = "video", _("Video call")


class InterpreterMode(models.TextChoices):
    IN_PERSON = "in_person", _("Interpreter present in person")
    REMOTE = "remote", _("Interpreter by phone or video")


class BookingPolicy(TimestampedModel):
    """The municipality's booking rules; one row per municipality (created with defaults when missing)."""

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="booking_policy")
    min_notice_hours = models.PositiveSmallIntegerField(_("minimum notice (hours)"), default=24)
    horizon_days = models.PositiveSmallIntegerField(_("how far ahead can be booked (days)"), default=60)
    cancel_cutoff_hours = models.PositiveSmallIntegerField(
        _("self-service changes end (hours before)"), default=2
    )
    reminder_hours_before = models.PositiveSmallIntegerField(_("reminder (hours before)"), default=24)
    slot_interval_minutes = models.PositiveSmallIntegerField(_("start times every (minutes)"), default=15)

    class Meta:
        verbose_name = _("booking rules")
        verbose_name_plural = _("booking rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_interval_minutes__gte=5) & Q(slot_interval_minutes__lte=120),
                name="booking_policy_interval_5_to_120",
            ),
            models.CheckConstraint(
                condition=Q(horizon_days__gte=1) & Q(horizon_days__lte=366),
                name="booking_policy_horizon_1_to_366",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization)


class StaffSchedule(TimestampedModel):
    """A staff member's booking settings: whether they take bookings, their buffers and services."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="staff_schedules")
    staff = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="schedule")
    accepts_bookings = models.BooleanField(_("takes online bookings"), default=True)
    buffer_before_minutes = models.PositiveSmallIntegerField(_("buffer before (minutes)"), default=0)
    buffer_after_minutes = models.PositiveSmallIntegerField(_("buffer after (minutes)"), default=10)
    services = models.ManyToManyField(
        Service,
        blank=True,
        related_name="+",
        verbose_name=_("services"),
        help_text=_("Leave empty when the staff member provides every service."),
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_manage_token, editable=False)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff schedule")
        verbose_name_plural = _("staff schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(buffer_before_minutes__lte=240) & Q(buffer_after_minutes__lte=240),
                name="staff_schedule_buffers_at_most_4h",
            ),
        ]

    def __str__(self) -> str:
        return str(self.staff)


class WorkingHours(TimestampedModel):
    """Weekly hours when a staff member can be booked, per place and meeting mode."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="working_hours")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="working_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    mode = models.CharField(_("meeting mode"), max_length=20, choices=MeetingMode.choices)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["staff", "weekday", "start_time"]
        verbose_name = _("working hours")
        verbose_name_plural = _("working hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="working_hours_end_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(mode="in_person") | Q(place__isnull=False),
                name="working_hours_in_person_has_place",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="working_hours_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def applies_on(self, day: datetime.date) -> bool:
        return (
            day.weekday() == self.weekday
            and (self.valid_from is None or day >= self.valid_from)
            and (self.valid_until is None or day <= self.valid_until)
        )


class AvailabilityException(TimestampedModel):
    """An absence (holiday, sick leave, blocked time) or extra hours outside the weekly hours."""

    class Kind(models.TextChoices):
        ABSENCE = "absence", _("Absence or blocked time")
        EXTRA = "extra", _("Extra hours")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="availability_exceptions"
    )
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exceptions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    mode = models.CharField(_("meeting mode"), max_length=20, choices=MeetingMode.choices, blank=True)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("absence or extra hours")
        verbose_name_plural = _("absences and extra hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="availability_exception_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind="absence") | ~Q(mode=""), name="availability_extra_hours_have_mode"
            ),
            models.CheckConstraint(
                condition=~Q(mode="in_person") | Q(place__isnull=False),
                name="availability_in_person_has_place",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%Y-%m-%d %H:%M}"


class ClosedDay(models.Model):
    """A day the municipality's services are closed, besides Finnish public holidays."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="closed_days")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        constraints = [
            models.UniqueConstraint(fields=["organization", "date"], name="closed_day_unique_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.reason}"


class Appointment(TimestampedModel):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Booked online")
        STAFF = "staff", _("Booked by staff")
        DROP_IN = "drop_in", _("Booked at the drop-in hour")

    ACTIVE_STATUSES = (Status.BOOKED, Status.ATTENDED, Status.NO_SHOW)

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="appointments")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="appointments")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments")
    mode = models.CharField(_("meeting mode"), max_length=20, choices=MeetingMode.choices)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"))
    # The time the staff member is taken: the meeting plus the buffers before and after.
    blocked_start = models.DateTimeField()
    blocked_end = models.DateTimeField()
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.BOOKED)
    channel = models.CharField(_("booked"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    reference = models.CharField(_("reference"), max_length=12, default=new_reference)
    manage_token = models.CharField(max_length=64, unique=True, default=new_manage_token, editable=False)

    client_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, help_text=_("In international format."))
    language = models.CharField(_("language"), max_length=10, help_text=_("Language of the messages."))
    language_other = models.CharField(
        _("client's own language"),
        max_length=60,
        blank=True,
        help_text=_("When not one of the site's languages."),
    )
    interpreter_language = models.CharField(_("interpreter language"), max_length=60, blank=True)
    interpreter_mode = models.CharField(
        _("interpreting"), max_length=20, choices=InterpreterMode.choices, blank=True
    )
    topic = models.TextField(_("what it is about"), max_length=1000, blank=True)
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted"), null=True, blank=True)

    # The client record (``clients`` app) the appointment belongs to, when staff linked one.
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("client"),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by_client = models.BooleanField(default=False)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    reminder_queued_at = models.DateTimeField(null=True, blank=True)
    anonymized_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Personal details removed by the retention rule.")
    )

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [models.Index(fields=["staff", "blocked_start"], name="appointment_staff_time_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "reference"], name="appointment_reference_unique"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="appointment_end_after_start"),
            models.CheckConstraint(
                condition=Q(blocked_start__lte=F("start")) & Q(blocked_end__gte=F("end")),
                name="appointment_blocked_covers_meeting",
            ),
            models.CheckConstraint(
                condition=Q(status="cancelled", cancelled_at__isnull=False)
                | (~Q(status="cancelled") & Q(cancelled_at__isnull=True)),
                name="appointment_cancelled_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone="") | ~Q(channel="online") | Q(anonymized_at__isnull=False),
                name="appointment_online_has_contact",
            ),
            models.CheckConstraint(
                condition=Q(interpreter_language="") | ~Q(interpreter_mode=""),
                name="appointment_interpreter_has_mode",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def interpreter_needed(self) -> bool:
        return bool(self.interpreter_language)


class CallbackRequest(TimestampedModel):
    """ "No time fits": the client asks the staff to call or write back."""

    class Status(models.TextChoices):
        NEW = "new", _("Waiting")
        HANDLED = "handled", _("Handled")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="callback_requests")
    service = models.ForeignKey(Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    name = models.CharField(_("name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    language_other = models.CharField(_("client's own language"), max_length=60, blank=True)
    interpreter_language = models.CharField(_("interpreter language"), max_length=60, blank=True)
    preferred_times = models.CharField(_("when is a good time"), max_length=300, blank=True)
    topic = models.TextField(_("what it is about"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_note = models.CharField(_("note"), max_length=300, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["status", "created_at"]
        verbose_name = _("call-back request")
        verbose_name_plural = _("call-back requests")
        constraints = [
            models.CheckConstraint(condition=~Q(phone="") | ~Q(email=""), name="callback_has_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.get_status_display()}"
