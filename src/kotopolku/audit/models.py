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
    LETTER_SHARED = "letter.shared", _("Letter shared with the counselor")
    LETTER_VIEWED = "letter.viewed", _("Shared letter opened")
    LETTER_DELETED = "letter.deleted", _("Shared letter deleted")
    DROPIN_TICKET_ADDED = "dropin.ticket_added", _("Drop-in visitor added to the queue by staff")
    DROPIN_TICKET_CALLED = "dropin.ticket_called", _("Drop-in number called")
    DROPIN_TICKET_RETURNED = "dropin.ticket_returned", _("Drop-in number put back in the queue")
    DROPIN_TICKET_NO_SHOW = "dropin.ticket_no_show", _("Drop-in visitor did not come when called")
    DROPIN_TICKET_SERVED = "dropin.ticket_served", _("Drop-in visitor being served")
    DROPIN_TICKET_FINISHED = "dropin.ticket_finished", _("Drop-in visit finished")
    DROPIN_TICKET_VIEWED = "dropin.ticket_viewed", _("Drop-in visitor's details opened")
    DROPIN_FOLLOW_UP_LINKED = "dropin.follow_up_linked", _("Follow-up appointment booked from drop-in")
    DROPIN_VISIT_LINKED = "dropin.visit_linked", _("Drop-in visit linked to a client record")
    DROPIN_QUEUE_CLOSED = "dropin.queue_closed", _("Drop-in queue closed")
    DROPIN_KIOSK_STARTED = "dropin.kiosk_started", _("Drop-in kiosk started on a device")
    PARTNER_CREATED = "network.partner_created", _("Partner added")
    PARTNER_UPDATED = "network.partner_updated", _("Partner changed")
    COOPERATION_RECORDED = "network.cooperation_recorded", _("Cooperation recorded")
    COOPERATION_UPDATED = "network.cooperation_updated", _("Cooperation entry changed")
    COOPERATION_DELETED = "network.cooperation_deleted", _("Cooperation entry removed")
    ACTIVITY_CREATED = "network.activity_created", _("Activity added")
    ACTIVITY_UPDATED = "network.activity_updated", _("Activity changed")
    SUGGESTION_RECEIVED = "network.suggestion_received", _("Activity suggestion received")
    SUGGESTION_APPROVED = "network.suggestion_approved", _("Activity suggestion approved")
    SUGGESTION_REJECTED = "network.suggestion_rejected", _("Activity suggestion rejected")
    EVENT_CREATED = "network.event_created", _("Event added")
    EVENT_UPDATED = "network.event_updated", _("Event changed")
    EVENT_DELETED = "network.event_deleted", _("Event removed")
    JOIN_REQUEST_RECEIVED = "network.join_request_received", _("Request for help to join received")
    JOIN_REQUEST_VIEWED = "network.join_request_viewed", _("Request for help to join opened")
    JOIN_REQUEST_HANDLED = "network.join_request_handled", _("Request for help to join handled")
    REFERRAL_CREATED = "network.referral_created", _("Client referred to an activity or partner")
    REFERRAL_OUTCOME_RECORDED = "network.referral_outcome", _("Referral outcome recorded")
    REFERRAL_VIEWED = "network.referral_viewed", _("Referral opened")
    CLIENT_CREATED = "client.created", _("Client record created")
    CLIENT_VIEWED = "client.viewed", _("Client record opened")
    CLIENT_UPDATED = "client.updated", _("Client record corrected")
    CLIENT_SEARCHED = "client.searched", _("Client records searched")
    CLIENT_IDENTITY_CODE_SHOWN = "client.identity_code_shown", _("Client's personal identity code shown")
    CLIENT_EXPORTED = "client.exported", _("Client's data exported (GDPR art. 15)")
    CLIENT_KOTO_AJ_EXPORTED = "client.koto_aj_exported", _("Client's data exported for Koto-AJ")
    CLIENT_ANONYMIZED = "client.anonymized", _("Client record anonymized")
    CLIENT_APPOINTMENT_LINKED = "client.appointment_linked", _("Appointment linked to a client")
    CLIENT_APPOINTMENT_UNLINKED = "client.appointment_unlinked", _("Appointment unlinked from a client")
    TASK_CREATED = "task.created", _("Follow-up task added")
    TASK_COMPLETED = "task.completed", _("Follow-up task done")
    TASK_REOPENED = "task.reopened", _("Follow-up task reopened")
    REMINDER_CONSENT_GIVEN = "reminder_consent.given", _("Consent to permit reminders recorded")
    REMINDER_CONSENT_WITHDRAWN = "reminder_consent.withdrawn", _("Consent to permit reminders withdrawn")
    PERMIT_REMINDER_QUEUED = "permit_reminder.queued", _("Permit renewal reminder queued")
    PLACEMENT_PROPOSED = "placement.proposed", _("Placement proposal recorded")
    PLACEMENT_UPDATED = "placement.updated", _("Placement proposal changed")
    PLACEMENT_DECIDED = "placement.decided", _("Placement decision recorded")
    PLACEMENT_ARRIVAL_SET = "placement.arrival_set", _("Arrival date set")
    PLACEMENT_ARRIVED = "placement.arrived", _("Arrival recorded")
    PLACEMENT_HOUSEHOLD_LINKED = "placement.household_linked", _("Household linked to a placement")
    CHECKLIST_ITEM_UPDATED = "checklist.item_updated", _("Reception checklist item changed")
    CHECKLIST_TEMPLATE_CHANGED = "checklist.template_changed", _("Reception checklist template changed")
    HOUSEHOLD_CREATED = "household.created", _("Household created")
    HOUSEHOLD_UPDATED = "household.updated", _("Household changed")
    GUIDANCE_CONTACT_CREATED = "guidance_contact.created", _("Guidance contact logged")
    GUIDANCE_CONTACT_UPDATED = "guidance_contact.updated", _("Guidance contact corrected")


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
