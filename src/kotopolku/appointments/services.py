"""Every write to appointments, availability and call-back requests. Audited in the same transaction;
messages go to the outbox in the same transaction (a failed send never undoes a booking)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.models import User
from kotopolku.appointments import selectors
from kotopolku.appointments.models import (
    Appointment,
    AvailabilityException,
    BookingPolicy,
    CallbackRequest,
    ClosedDay,
    StaffSchedule,
    WorkingHours,
    new_manage_token,
    new_reference,
)
from kotopolku.appointments.slots import Slot
from kotopolku.audit.models import AuditAction
from kotopolku.audit.services import audit_record
from kotopolku.core.services import model_apply_changes
from kotopolku.notifications.models import OutboxMessage
from kotopolku.notifications.services import appointment_messages_enqueue
from kotopolku.organizations.models import Organization, Service

DOUBLE_BOOKING = "appointment_no_double_booking"


class SlotTaken(Exception):
    """The time was free a moment ago but someone else booked it first."""


@dataclass(frozen=True)
class ClientDetails:
    name: str
    language: str
    language_other: str = ""
    email: str = ""
    phone: str = ""
    interpreter_language: str = ""
    interpreter_mode: str = ""
    topic: str = ""


def _is_double_booking(error: IntegrityError) -> bool:
    return DOUBLE_BOOKING in str(error)


def _is_deadlock(error: OperationalError) -> bool:
    return getattr(error.__cause__, "sqlstate", None) == "40P01"


def _find_slot(
    *,
    organization: Organization,
    service: Service,
    start: datetime.datetime,
    staff_id: int | None,
    mode: str | None,
    enforce_notice: bool,
    ignore_appointment_id: int | None = None,
    prefer_staff_id: int | None = None,
) -> Slot:
    """The free slot starting at ``start``; SlotTaken when it exists but is taken, ValidationError when
    it was never bookable (outside hours, past, on a holiday, beyond the horizon …)."""
    if timezone.is_naive(start):
        raise ValidationError(
            {"start": [_("Give the time with its UTC offset, e.g. 2026-12-01T10:00:00+02:00.")]}
        )
    day = timezone.localtime(start, selectors.TZ).date()
    arguments: dict[str, Any] = {
        "organization": organization,
        "service": service,
        "date_from": day,
        "date_to": day,
        "staff_id": staff_id,
        "mode": mode,
        "enforce_notice": enforce_notice,
        "ignore_appointment_id": ignore_appointment_id,
    }
    matches = [slot for slot in selectors.slots_for_service(**arguments) if slot.start == start]
    if matches:
        preferred = [slot for slot in matches if slot.staff_id == prefer_staff_id]
        return (preferred or matches)[0]
    if any(
        slot.start == start for slot in selectors.slots_for_service(**arguments, ignore_appointments=True)
    ):
        raise SlotTaken
    raise ValidationError({"start": [_("This time cannot be booked. Choose one of the free times.")]})


def _validate_client(client: ClientDetails, *, require_contact: bool) -> None:
    errors: dict[str, list[str]] = {}
    if not client.name.strip():
        errors["name"] = [_("Write your name.")]
    if require_contact and not (client.email or client.phone):
        errors["phone"] = [_("Give a phone number or an email address, so we can confirm the time.")]
    if client.interpreter_language and not client.interpreter_mode:
        errors["interpreter_mode"] = [_("Choose whether the interpreter is present or remote.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def appointment_book(
    *,
    organization: Organization,
    service: Service,
    start: datetime.datetime,
    client: ClientDetails,
    privacy_accepted: bool,
    staff: User | None = None,
    mode: str | None = None,
    actor: User | None = None,
    channel: str = Appointment.Channel.ONLINE,
) -> Appointment:
    """Book a time. ``actor`` is the staff member booking on the client's behalf (None = the client).

    Raises ValidationError for bad input and SlotTaken when someone else was first.
    """
    if service.organization_id != organization.pk or not service.is_active:
        raise ValidationError({"service": [_("Choose one of the services of this municipality.")]})
    if actor is None and not service.bookable:
        raise ValidationError({"service": [_("This service cannot be booked online. Call or send email.")]})
    if staff is not None and staff.organization_id != organization.pk:
        raise ValidationError({"staff": [_("Choose one of the staff of this municipality.")]})
    if actor is None and not privacy_accepted:
        raise ValidationError({"privacy_accepted": [_("Read and accept the privacy notice to book.")]})
    _validate_client(client, require_contact=channel == Appointment.Channel.ONLINE)
    slot = _find_slot(
        organization=organization,
        service=service,
        start=start,
        staff_id=staff.pk if staff else None,
        mode=mode,
        enforce_notice=actor is None,
    )
    # Bookings of one staff member queue on their schedule row: two simultaneous inserts would
    # otherwise wait on each other inside the exclusion constraint, and PostgreSQL would abort
    # one as a deadlock instead of reporting the overlap.
    schedule = StaffSchedule.objects.select_for_update().get(staff_id=slot.staff_id)
    appointment = Appointment(
        organization=organization,
        service=service,
        staff_id=slot.staff_id,
        mode=slot.mode,
        place_id=slot.place_id,
        start=slot.start,
        end=slot.end,
        blocked_start=slot.start - datetime.timedelta(minutes=schedule.buffer_before_minutes),
        blocked_end=slot.end + datetime.timedelta(minutes=schedule.buffer_after_minutes),
        channel=channel,
        client_name=client.name.strip(),
        email=client.email,
        phone=client.phone,
        language=client.language,
        language_other=client.language_other,
        interpreter_language=client.interpreter_language,
        interpreter_mode=client.interpreter_mode if client.interpreter_language else "",
        topic=client.topic,
        privacy_accepted_at=timezone.now() if privacy_accepted else None,
        booked_by=actor,
    )
    for _attempt in range(5):
        try:
            with transaction.atomic():  # a savepoint: the outer transaction survives a clash
                appointment.save(force_insert=True)
            break
        except OperationalError as error:
            if _is_deadlock(error):  # the schedule lock prevents this; if it happens, it was a clash
                raise SlotTaken from error
            raise
        except IntegrityError as error:
            if _is_double_booking(error):
                raise SlotTaken from error
            appointment.pk = None
            appointment.reference = new_reference()  # a reference clash: draw again
            appointment.manage_token = new_manage_token()
    else:  # pragma: no cover - five reference clashes in a row
        raise SlotTaken
    audit_record(
        actor=actor,
        action=AuditAction.APPOINTMENT_BOOKED,
        target=appointment,
        details={"channel": channel, "interpreter": bool(client.interpreter_language)},
    )
    appointment_messages_enqueue(appointment=appointment, kind=OutboxMessage.Kind.BOOKING_CONFIRMATION)
    return appointment


def client_change_allowed(appointment: Appointment, *, now: datetime.datetime | None = None) -> bool:
    """Self-service cancel and reschedule stop at the municipality's cut-off (default 2 h before)."""
    if appointment.status != Appointment.Status.BOOKED:
        return False
    policy = selectors.booking_policy_get(organization=appointment.organization)
    cutoff = appointment.start - datetime.timedelta(hours=policy.cancel_cutoff_hours)
    return (now or timezone.now()) < cutoff


def _lock(appointment: Appointment) -> Appointment:
    return (
        Appointment.objects.select_for_update()
        .select_related("organization", "service")
        .get(pk=appointment.pk)
    )


@transaction.atomic
def appointment_cancel(
    *, appointment: Appointment, actor: User | None, reason: str = "", by_client: bool = False
) -> Appointment:
    appointment = _lock(appointment)
    if appointment.status != Appointment.Status.BOOKED:
        raise ValidationError(_("Only a booked appointment can be cancelled."))
    if by_client and not client_change_allowed(appointment):
        raise ValidationError(_("It is too late to cancel online. Please call us."))
    appointment.status = Appointment.Status.CANCELLED
    appointment.cancelled_at = timezone.now()
    appointment.cancelled_by_client = by_client
    appointment.cancel_reason = reason[:300]
    appointment.save(
        update_fields=["status", "cancelled_at", "cancelled_by_client", "cancel_reason", "updated_at"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.APPOINTMENT_CANCELLED,
        target=appointment,
        details={"by_client": by_client},
    )
    appointment_messages_enqueue(appointment=appointment, kind=OutboxMessage.Kind.BOOKING_CANCELLED)
    return appointment


@transaction.atomic
def appointment_reschedule(
    *,
    appointment: Appointment,
    start: datetime.datetime,
    actor: User | None,
    staff: User | None = None,
    mode: str | None = None,
    by_client: bool = False,
) -> Appointment:
    """Move to a new free time (the same staff member when free, else whoever offers the service)."""
    appointment = _lock(appointment)
    if appointment.status != Appointment.Status.BOOKED:
        raise ValidationError(_("Only a booked appointment can be moved."))
    if by_client and not client_change_allowed(appointment):
        raise ValidationError(_("It is too late to change the time online. Please call us."))
    slot = _find_slot(
        organization=appointment.organization,
        service=appointment.service,
        start=start,
        staff_id=staff.pk if staff else None,
        mode=mode,
        enforce_notice=by_client,
        ignore_appointment_id=appointment.pk,
        prefer_staff_id=appointment.staff_id,
    )
    schedule = StaffSchedule.objects.select_for_update().get(staff_id=slot.staff_id)  # see appointment_book
    old_start = appointment.start
    appointment.staff_id = slot.staff_id
    appointment.mode = slot.mode
    appointment.place_id = slot.place_id
    appointment.start = slot.start
    appointment.end = slot.end
    appointment.blocked_start = slot.start - datetime.timedelta(minutes=schedule.buffer_before_minutes)
    appointment.blocked_end = slot.end + datetime.timedelta(minutes=schedule.buffer_after_minutes)
    appointment.reminder_queued_at = None
    try:
        with transaction.atomic():
            appointment.save(
                update_fields=[
                    "staff",
                    "mode",
                    "place",
                    "start",
                    "end",
                    "blocked_start",
                    "blocked_end",
                    "reminder_queued_at",
                    "updated_at",
                ]
            )
    except IntegrityError as error:
        if _is_double_booking(error):
            raise SlotTaken from error
        raise
    audit_record(
        actor=actor,
        action=AuditAction.APPOINTMENT_MOVED,
        target=appointment,
        details={"by_client": by_client, "from": old_start.isoformat()},
    )
    appointment_messages_enqueue(appointment=appointment, kind=OutboxMessage.Kind.BOOKING_MOVED)
    return appointment


@transaction.atomic
def appointment_set_outcome(*, appointment: Appointment, status: str, actor: User) -> Appointment:
    appointment = _lock(appointment)
    actions = {
        Appointment.Status.ATTENDED: AuditAction.APPOINTMENT_ATTENDED,
        Appointment.Status.NO_SHOW: AuditAction.APPOINTMENT_NO_SHOW,
    }
    if status not in actions:
        raise ValidationError(_("Choose attended or did not come."))
    if appointment.status == Appointment.Status.CANCELLED:
        raise ValidationError(_("A cancelled appointment has no outcome."))
    if appointment.start > timezone.now():
        raise ValidationError(_("The outcome can be marked when the meeting has started."))
    appointment.status = status
    appointment.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=actions[Appointment.Status(status)], target=appointment)
    return appointment


@transaction.atomic
def appointment_record_view(*, appointment: Appointment, actor: User) -> None:
    """Staff opening a booking sees a client's contact details: audited."""
    audit_record(actor=actor, action=AuditAction.APPOINTMENT_VIEWED, target=appointment)


# --- Availability (coordinator, or staff for their own time) ---------------------------------------


def _availability_audit(actor: User | None, target: models.Model, operation: str, **details: Any) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.AVAILABILITY_CHANGED,
        target=target,
        details={"operation": operation, "model": target._meta.model_name, **details},
    )


@transaction.atomic
def staff_schedule_save(
    *, organization: Organization, staff: User, data: dict[str, Any], actor: User | None
) -> StaffSchedule:
    if staff.organization_id != organization.pk:
        raise ValidationError(_("Choose one of the staff of this municipality."))
    services = data.pop("services", None)
    schedule, _created = StaffSchedule.objects.get_or_create(organization=organization, staff=staff)
    changed = model_apply_changes(schedule, data)
    schedule.full_clean()
    schedule.save()
    if services is not None:
        schedule.services.set(services)
        changed.append("services")
    _availability_audit(actor, schedule, "save", fields=changed)
    return schedule


@transaction.atomic
def working_hours_create(
    *, organization: Organization, data: dict[str, Any], actor: User | None
) -> WorkingHours:
    hours = WorkingHours(organization=organization, **data)
    if hours.staff.organization_id != organization.pk:
        raise ValidationError(_("Choose one of the staff of this municipality."))
    if hours.place is not None and hours.place.organization_id != organization.pk:
        raise ValidationError(_("Choose a place of this municipality."))
    hours.full_clean()
    hours.save()
    StaffSchedule.objects.get_or_create(organization=organization, staff=hours.staff)
    _availability_audit(actor, hours, "create")
    return hours


@transaction.atomic
def working_hours_delete(*, hours: WorkingHours, actor: User) -> None:
    _availability_audit(actor, hours, "delete", weekday=hours.weekday)
    hours.delete()


@transaction.atomic
def availability_exception_create(
    *, organization: Organization, data: dict[str, Any], actor: User
) -> AvailabilityException:
    exception = AvailabilityException(organization=organization, **data)
    if exception.staff.organization_id != organization.pk:
        raise ValidationError(_("Choose one of the staff of this municipality."))
    if exception.place is not None and exception.place.organization_id != organization.pk:
        raise ValidationError(_("Choose a place of this municipality."))
    exception.full_clean()
    exception.save()
    _availability_audit(actor, exception, "create", kind=exception.kind)
    return exception


@transaction.atomic
def availability_exception_delete(*, exception: AvailabilityException, actor: User) -> None:
    _availability_audit(actor, exception, "delete", kind=exception.kind)
    exception.delete()


@transaction.atomic
def closed_day_create(*, organization: Organization, data: dict[str, Any], actor: User) -> ClosedDay:
    day = ClosedDay(organization=organization, **data)
    day.full_clean()
    day.save()
    _availability_audit(actor, day, "create")
    return day


@transaction.atomic
def closed_day_delete(*, day: ClosedDay, actor: User) -> None:
    _availability_audit(actor, day, "delete")
    day.delete()


@transaction.atomic
def booking_policy_update(*, organization: Organization, data: dict[str, Any], actor: User) -> BookingPolicy:
    policy, _created = BookingPolicy.objects.select_for_update().get_or_create(organization=organization)
    changed = model_apply_changes(policy, data)
    if changed:
        policy.full_clean()
        policy.save()
        audit_record(
            actor=actor, action=AuditAction.BOOKING_RULES_CHANGED, target=policy, details={"fields": changed}
        )
    return policy


@transaction.atomic
def calendar_link_renew(*, schedule: StaffSchedule, actor: User) -> StaffSchedule:
    schedule.calendar_token = new_manage_token()
    schedule.save(update_fields=["calendar_token", "updated_at"])
    audit_record(actor=actor, action=AuditAction.CALENDAR_LINK_RENEWED, target=schedule)
    return schedule


# --- Call-back requests --------------------------------------------------------------------------


@transaction.atomic
def callback_request_create(*, organization: Organization, data: dict[str, Any]) -> CallbackRequest:
    request = CallbackRequest(organization=organization, **data)
    if request.service is not None and request.service.organization_id != organization.pk:
        raise ValidationError({"service": [_("Choose one of the services of this municipality.")]})
    request.full_clean()
    request.save()
    audit_record(actor=None, action=AuditAction.CALLBACK_RECEIVED, target=request)
    return request


@transaction.atomic
def callback_request_record_view(*, request: CallbackRequest, actor: User) -> None:
    audit_record(actor=actor, action=AuditAction.CALLBACK_VIEWED, target=request)


@transaction.atomic
def callback_request_handle(*, request: CallbackRequest, note: str, actor: User) -> CallbackRequest:
    request = CallbackRequest.objects.select_for_update().get(pk=request.pk)
    request.status = CallbackRequest.Status.HANDLED
    request.handled_at = timezone.now()
    request.handled_by = actor
    request.handled_note = note[:300]
    request.save(update_fields=["status", "handled_at", "handled_by", "handled_note", "updated_at"])
    audit_record(actor=actor, action=AuditAction.CALLBACK_HANDLED, target=request)
    return request


# --- Retention -----------------------------------------------------------------------------------


@transaction.atomic
def appointments_apply_retention(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Remove the personal details of old appointments and delete old handled call-back requests.

    What stays of an appointment is anonymous: time, service, staff member, mode, place, status,
    channel, the message language and the interpreter use (counted for state reimbursement).
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.KOTOPOLKU_APPOINTMENT_RETENTION_DAYS)
    anonymized = Appointment.objects.filter(end__lt=cutoff, anonymized_at__isnull=True).update(
        client_name="",
        email="",
        phone="",
        topic="",
        language_other="",
        cancel_reason="",
        anonymized_at=now,
    )
    callback_cutoff = now - datetime.timedelta(days=settings.KOTOPOLKU_CALLBACK_RETENTION_DAYS)
    deleted, _by_model = CallbackRequest.objects.filter(
        status=CallbackRequest.Status.HANDLED, handled_at__lt=callback_cutoff
    ).delete()
    if anonymized or deleted:
        audit_record(
            actor=None,
            action=AuditAction.RETENTION_APPLIED,
            details={"appointments_anonymized": anonymized, "callback_requests_deleted": deleted},
        )
    return {"appointments_anonymized": anonymized, "callback_requests_deleted": deleted}
