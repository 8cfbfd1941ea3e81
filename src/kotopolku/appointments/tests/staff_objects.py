"""Small ORM builders for the staff appointment pages' tests (and the tenant isolation test).

Each takes the municipality and makes one object with its own staff member, so two calls never
clash on the database's no-double-booking rule. Times are relative to ``timezone.now()``.
"""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from kotopolku.accounts.models import Role, User
from kotopolku.appointments.models import (
    Appointment,
    AvailabilityException,
    CallbackRequest,
    ClosedDay,
    MeetingMode,
    StaffSchedule,
    WorkingHours,
)
from kotopolku.appointments.selectors import TZ
from kotopolku.dropin.models import DropinExtraSession, DropinSchedule, DropinSessionException
from kotopolku.organizations.models import Organization, Service, ServiceType

_numbers = itertools.count(1)


def service(organization: Organization, *, name: str = "Arjen neuvonta", duration: int = 45) -> Service:
    return Service.objects.create(
        organization=organization,
        service_type=ServiceType.EVERYDAY_GUIDANCE,
        name_fi=name,
        name_en=name,
        bookable=True,
        duration_minutes=duration,
    )


def staff_member(
    organization: Organization,
    *,
    role: str = Role.COUNSELOR,
    first_name: str = "Outi",
    weekly: bool = True,
    buffer_after: int = 10,
) -> User:
    """A staff member with a schedule and, unless ``weekly=False``, hours every day 08:00–16:00 (video)."""
    number = next(_numbers)
    user = User.objects.create_user(
        username=f"tyontekija{number}",
        first_name=first_name,
        last_name=f"Ohjaaja{number}",
        organization=organization,
        role=role,
    )
    StaffSchedule.objects.create(organization=organization, staff=user, buffer_after_minutes=buffer_after)
    if weekly:
        WorkingHours.objects.bulk_create(
            WorkingHours(
                organization=organization,
                staff=user,
                weekday=weekday,
                start_time=datetime.time(8),
                end_time=datetime.time(16),
                mode=MeetingMode.VIDEO,
            )
            for weekday in range(7)
        )
    return user


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


def appointment(
    organization: Organization,
    *,
    start: datetime.datetime | None = None,
    staff: User | None = None,
    of_service: Service | None = None,
    client_name: str = "Amina Yusuf",
    **fields: object,
) -> Appointment:
    """A booked online appointment (by default three days ahead at 10:00, 45 minutes)."""
    start = start or local(timezone.localdate(timezone.now(), TZ) + datetime.timedelta(days=3), 10)
    of_service = of_service or service(organization)
    staff = staff or staff_member(organization)
    end = start + datetime.timedelta(minutes=of_service.duration_minutes)
    values: dict[str, object] = {
        "organization": organization,
        "service": of_service,
        "staff": staff,
        "mode": MeetingMode.VIDEO,
        "start": start,
        "end": end,
        "blocked_start": start,
        "blocked_end": end + datetime.timedelta(minutes=10),
        "client_name": client_name,
        "email": "amina.yusuf@example.com",
        "phone": "+358401234567",
        "language": "ar",
        "topic": "Kela-hakemus",
        **fields,
    }
    return Appointment.objects.create(**values)


def working_hours(organization: Organization) -> WorkingHours:
    person = staff_member(organization, weekly=False)
    return WorkingHours.objects.create(
        organization=organization,
        staff=person,
        weekday=1,
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        mode=MeetingMode.PHONE,
    )


def absence(organization: Organization) -> AvailabilityException:
    person = staff_member(organization, weekly=False)
    start = timezone.now() + datetime.timedelta(days=2)
    return AvailabilityException.objects.create(
        organization=organization,
        staff=person,
        kind=AvailabilityException.Kind.ABSENCE,
        start=start,
        end=start + datetime.timedelta(hours=3),
    )


def closed_day(organization: Organization) -> ClosedDay:
    return ClosedDay.objects.create(
        organization=organization,
        date=timezone.localdate(timezone.now(), TZ) + datetime.timedelta(days=20),
        reason="Koulutuspäivä",
    )


def callback_request(organization: Organization, **fields: object) -> CallbackRequest:
    values: dict[str, object] = {
        "organization": organization,
        "name": "Hassan Ali",
        "phone": "+358401112233",
        "language": "so",
        "interpreter_language": "somali",
        "preferred_times": "aamupäivisin",
        "topic": "Oleskelulupa",
        **fields,
    }
    return CallbackRequest.objects.create(**values)


def dropin_schedule(organization: Organization) -> DropinSchedule:
    """A Thursday drop-in schedule (the isolation test's attack POST cancels Thursday 2031-01-02)."""
    from kotopolku.organizations.models import Place

    place = Place.objects.create(
        organization=organization, name_fi="Kahvila", street_address="Tie 1", city="Heinola"
    )
    return DropinSchedule.objects.create(
        organization=organization,
        place=place,
        weekday=3,
        start_time=datetime.time(12, 15),
        end_time=datetime.time(13, 0),
        valid_from=datetime.date(2026, 1, 1),
    )


def dropin_cancellation(organization: Organization) -> DropinSessionException:
    schedule = dropin_schedule(organization)
    return DropinSessionException.objects.create(
        schedule=schedule, date=datetime.date(2031, 1, 9), reason_fi="Sairas"
    )


def dropin_extra_session(organization: Organization) -> DropinExtraSession:
    schedule = dropin_schedule(organization)
    start = timezone.now() + datetime.timedelta(days=3)
    return DropinExtraSession.objects.create(
        organization=organization, place=schedule.place, start=start, end=start + datetime.timedelta(hours=1)
    )


def dropin_open_session_key(organization: Organization) -> str:
    """An extra drop-in session open right now; its session id (the queue pages take it)."""
    from kotopolku.organizations.models import Place

    place = Place.objects.create(
        organization=organization, name_fi="Kahvila", street_address="Tie 1", city="Heinola"
    )
    now = timezone.now()
    extra = DropinExtraSession.objects.create(
        organization=organization,
        place=place,
        start=now - datetime.timedelta(minutes=5),
        end=now + datetime.timedelta(minutes=55),
    )
    return f"x{extra.pk}"


def dropin_waiting_ticket(organization: Organization):  # -> DropinTicket
    """One person waiting in an open session's queue (so "call" really calls someone)."""
    from kotopolku.dropin import selectors, services

    session = selectors.session_get(organization=organization, key=dropin_open_session_key(organization))
    assert session is not None
    return services.ticket_check_in(organization=organization, session=session, language="fi", topic="other")


def dropin_visit(organization: Organization):  # -> DropinVisit
    """A finished, anonymous drop-in visit."""
    from kotopolku.dropin.models import DropinVisit

    return DropinVisit.objects.create(
        organization=organization,
        session_key="x0",
        session_date=datetime.date(2026, 12, 1),
        topic="letter",
        language="ar",
        outcome="solved",
        waited_minutes=5,
        service_minutes=10,
    )
