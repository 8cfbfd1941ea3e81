"""Reads for appointments: free times (a constant number of queries for any date range), agendas."""

from __future__ import annotations

import datetime
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.appointments.models import (
    Appointment,
    AvailabilityException,
    BookingPolicy,
    CallbackRequest,
    ClosedDay,
    StaffSchedule,
    WorkingHours,
)
from kotopolku.appointments.slots import Slot, StaffAvailability, WeeklyHours, Window, compute_slots
from kotopolku.organizations.models import Organization, Service

TZ = ZoneInfo(settings.TIME_ZONE)


def booking_policy_get(*, organization: Organization) -> BookingPolicy:
    """The municipality's rules; the defaults when none have been saved yet (no write on read)."""
    policy = BookingPolicy.objects.filter(organization=organization).first()
    return policy or BookingPolicy(organization=organization)


def bookable_services(*, organization: Organization) -> QuerySet[Service]:
    return Service.objects.for_organization(organization).filter(is_active=True, bookable=True)


def bookable_staff(*, organization: Organization, service: Service) -> QuerySet[StaffSchedule]:
    return (
        StaffSchedule.objects.for_organization(organization)
        .filter(accepts_bookings=True, staff__is_active=True, staff__organization=organization)
        .filter(Q(services=service) | Q(services__isnull=True))
        .select_related("staff")
        .distinct()
    )


def slots_for_service(
    *,
    organization: Organization,
    service: Service,
    date_from: datetime.date,
    date_to: datetime.date,
    staff_id: int | None = None,
    mode: str | None = None,
    now: datetime.datetime | None = None,
    enforce_notice: bool = True,
    ignore_appointment_id: int | None = None,
    ignore_appointments: bool = False,
) -> list[Slot]:
    """Free times for a service between two local dates (inclusive). Six queries, whatever the range.

    ``enforce_notice=False`` is for staff booking on a client's behalf (they may book tomorrow
    morning); ``ignore_appointment_id`` frees the appointment being moved; ``ignore_appointments``
    answers "would this time exist at all" (to tell a taken time from an impossible one).
    """
    now = now or timezone.now()
    policy = booking_policy_get(organization=organization)
    earliest = now + datetime.timedelta(hours=policy.min_notice_hours if enforce_notice else 0)
    latest = now + datetime.timedelta(days=policy.horizon_days)
    first_day = max(date_from, timezone.localtime(now, TZ).date())
    last_day = min(date_to, timezone.localtime(latest, TZ).date())
    if first_day > last_day:
        return []
    range_start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=TZ)
    range_end = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=TZ)

    schedules = bookable_staff(organization=organization, service=service)
    if staff_id is not None:
        schedules = schedules.filter(staff_id=staff_id)
    people = {
        schedule.staff_id: StaffAvailability(
            staff_id=schedule.staff_id,
            buffer_before=datetime.timedelta(minutes=schedule.buffer_before_minutes),
            buffer_after=datetime.timedelta(minutes=schedule.buffer_after_minutes),
        )
        for schedule in schedules
    }
    if not people:
        return []
    staff_ids = list(people)
    for hours in WorkingHours.objects.filter(organization=organization, staff_id__in=staff_ids).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=first_day),
        Q(valid_from__isnull=True) | Q(valid_from__lte=last_day),
    ):
        people[hours.staff_id].weekly.append(
            WeeklyHours(
                hours.weekday,
                hours.start_time,
                hours.end_time,
                hours.mode,
                hours.place_id,
                hours.valid_from,
                hours.valid_until,
            )
        )
    for exception in AvailabilityException.objects.filter(
        organization=organization, staff_id__in=staff_ids, start__lt=range_end, end__gt=range_start
    ):
        person = people[exception.staff_id]
        if exception.kind == AvailabilityException.Kind.ABSENCE:
            person.absences.append((exception.start, exception.end))
        else:
            person.extra.append(Window(exception.start, exception.end, exception.mode, exception.place_id))
    if not ignore_appointments:
        # Buffers are at most 4 h (a database check), so a 5 h margin catches every neighbour.
        busy = Appointment.objects.filter(
            staff_id__in=staff_ids,
            status__in=Appointment.ACTIVE_STATUSES,
            blocked_start__lt=range_end + datetime.timedelta(hours=5),
            blocked_end__gt=range_start - datetime.timedelta(hours=5),
        )
        if ignore_appointment_id is not None:
            busy = busy.exclude(pk=ignore_appointment_id)
        rows = busy.order_by().values_list("staff_id", "blocked_start", "blocked_end")
        for staff, blocked_start, blocked_end in rows:
            people[staff].busy.append((blocked_start, blocked_end))
    closed = set(
        ClosedDay.objects.filter(organization=organization, date__range=(first_day, last_day)).values_list(
            "date", flat=True
        )
    )
    return compute_slots(
        staff=people.values(),
        duration=datetime.timedelta(minutes=service.duration_minutes),
        interval=datetime.timedelta(minutes=policy.slot_interval_minutes),
        first_day=first_day,
        last_day=last_day,
        earliest=earliest,
        latest=latest,
        closed_days=closed,
        tz=TZ,
        mode=mode,
    )


def appointment_get_by_token(*, token: str) -> Appointment:
    if not token or "\x00" in token or len(token) > 64:
        raise Http404
    return get_object_or_404(
        Appointment.objects.select_related("organization", "service", "staff", "place"), manage_token=token
    )


def appointment_get_for_staff(*, organization: Organization, pk: int) -> Appointment:
    return get_object_or_404(
        Appointment.objects.for_organization(organization).select_related("service", "staff", "place"), pk=pk
    )


def agenda(
    *,
    organization: Organization,
    date_from: datetime.date,
    date_to: datetime.date,
    staff_id: int | None = None,
    include_cancelled: bool = False,
) -> dict[datetime.date, list[Appointment]]:
    """Appointments per local day, in time order (one query)."""
    start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=TZ)
    end = datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=TZ)
    appointments = (
        Appointment.objects.for_organization(organization)
        .filter(start__gte=start, start__lt=end)
        .select_related("service", "staff", "place")
        .order_by("start", "staff_id")
    )
    if staff_id is not None:
        appointments = appointments.filter(staff_id=staff_id)
    if not include_cancelled:
        appointments = appointments.exclude(status=Appointment.Status.CANCELLED)
    days: dict[datetime.date, list[Appointment]] = defaultdict(list)
    for appointment in appointments:
        days[timezone.localtime(appointment.start, TZ).date()].append(appointment)
    return dict(days)


def callback_requests(*, organization: Organization, status: str = "") -> QuerySet[CallbackRequest]:
    requests = CallbackRequest.objects.for_organization(organization).select_related("service")
    return requests.filter(status=status) if status else requests


def staff_with_schedules(*, organization: Organization) -> QuerySet[User]:
    return User.objects.filter(organization=organization, is_active=True).select_related("schedule")
