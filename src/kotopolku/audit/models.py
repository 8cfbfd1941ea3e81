"""The audit log: who did what to which object, written in the same transaction as the change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotopolku.core.fields import CodeChoicesCharField
from kotopolku.organizations.models import Organization, OrganizationScopedQuerySet


class AuditAction(models.TextChoices):
    LOGIN = "auth.login", _("Logged in")
    LOGIN_FAILED = "auth.login_failed", _("Failed login")
    LOGOUT = "auth.logout", _("Logged out")
    LOCKED_OUT = "auth.locked_out", _("Login locked after repeated failures")
    OTP_DEVICE_CONFIRMED = "auth.otp_confirmed", _("Authenticator app set up")
    OTP_DEVICE_RESET = "auth.otp_reset", _("Authenticator app removed")
    PASSWORD_CHANGED = "auth.password_changed", _("Password changed")
    ORGANIZATION_CREATED = "organization.created", _("Municipality created")
    ORGANIZATION_UPDATED = "organization.updated", _("Municipality settings changed")
    PLACE_CREATED = "place.created", _("Place added")
    PLACE_UPDATED = "place.updated", _("Place changed")
    SERVICE_CREATED = "service.created", _("Service added")
    SERVICE_UPDATED = "service.updated", _("Service changed")
    HOURS_CREATED = "hours.created", _("Regular hours added")
    HOURS_UPDATED = "hours.updated", _("Regular hours changed")
    HOURS_DELETED = "hours.deleted", _("Regular hours removed")
    STAFF_CREATED = "staff.created", _("Staff member added")
    STAFF_UPDATED = "staff.updated", _("Staff member changed")
    FEEDBACK_RECEIVED = "feedback.received", _("Accessibility feedback received")
    FEEDBACK_VIEWED = "feedback.viewed", _("Accessibility feedback read")
    FEEDBACK_ANSWERED = "feedback.answered", _("Accessibility feedback answered")
    APPOINTMENT_BOOKED = "appointment.booked", _("Appointment booked")
    APPOINTMENT_VIEWED = "appointment.viewed", _("Appointment opened")
    APPOINTMENT_CANCELLED = "appointment.cancelled", _("Appointment cancelled")
    APPOINTMENT_MOVED = "appointment.moved", _("Appointment moved")
    APPOINTMENT_ATTENDED = "appointment.attended", _("Appointment marked attended")
    APPOINTMENT_NO_SHOW = "appointment.no_show", _("Appointment marked no-show")
    AVAILABILITY_CHANGED = "availability.changed", _("Availability changed")
    BOOKING_RULES_CHANGED = "booking_rules.changed", _("Booking rules changed")
    CALLBACK_RECEIVED = "callback.received", _("Call-back request received")
    CALLBACK_VIEWED = "callback.viewed", _("Call-back request opened")
    CALLBACK_HANDLED = "callback.handled", _("Call-back request handled")
    CALENDAR_LINK_RENEWED = "calendar.renewed", _("Calendar subscription link renewed")
    RETENTION_APPLIED = "retention.applied", _("Old personal data removed")
    DROPIN_SCHEDULE_CREATED = "dropin.schedule_created", _("Drop-in schedule added")
    DROPIN_SCHEDULE_UPDATED = "dropin.schedule_updated", _("Drop-in schedule changed")
    DROPIN_SESSION_CANCELLED = "dropin.session_cancelled", _("Drop-in session cancelled")
    DROPIN_SESSION_RESTORED = "dropin.session_restored", _("Drop-in session cancellation undone")
    DROPIN_EXTRA_CREATED = "dropin.extra_created", _("Extra drop-in session added")
    DROPIN_EXTRA_DELETED = "dropin.extra_deleted", _("Extra drop-in session removed")


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="audit_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = CodeChoicesCharField(_("action"), max_length=60, choices=AuditAction.choices, db_index=True)
    target_type = models.CharField(_("target type"), max_length=60, blank=True)
    target_id = models.CharField(_("target"), max_length=64, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["organization", "-created_at"], name="audit_org_time_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
