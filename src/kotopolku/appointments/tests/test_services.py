"""Booking, cancelling, moving and outcomes through the services: the rows, the audit log, the rules."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kotopolku.appointments import selectors, services
from kotopolku.appointments.models import (
    Appointment,
    AvailabilityException,
    BookingPolicy,
    ClosedDay,
    MeetingMode,
)
from kotopolku.appointments.slots import is_public_holiday
from kotopolku.appointments.tests.booking_world import World, build_world
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

CLIENT = services.ClientDetails(
    name="Amina Y.", language="ar", email="amina@example.com", phone="+358401234567"
)


@pytest.fixture
def world() -> World:
    return build_world()


def book(world: World, start: datetime.datetime, **kwargs: object) -> Appointment:
    arguments: dict[str, object] = {
        "organization": world.organization,
        "service": world.service,
        "start": start,
        "client": CLIENT,
        "privacy_accepted": True,
        **kwargs,
    }
    return services.appointment_book(**arguments)  # type: ignore[arg-type]


def free_starts(world: World, day: datetime.date, **kwargs: Any) -> list[datetime.datetime]:
    slots = selectors.slots_for_service(
        organization=world.organization, service=world.service, date_from=day, date_to=day, **kwargs
    )
    return [slot.start for slot in slots]


def events(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


def set_policy(world: World, **fields: int) -> None:
    BookingPolicy.objects.update_or_create(organization=world.organization, defaults=fields)


# --- Booking ---------------------------------------------------------------------------------------


def test_book_saves_the_slot_with_buffers_audit_and_messages(world):
    world.schedule.buffer_before_minutes = 5
    world.schedule.save()
    start = World.at(World.day(), 10)

    appointment = book(world, start, mode=MeetingMode.VIDEO)

    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.BOOKED
    assert appointment.channel == Appointment.Channel.ONLINE
    assert appointment.staff == world.counselor
    assert (appointment.start, appointment.end) == (start, start + datetime.timedelta(minutes=45))
    assert appointment.blocked_start == start - datetime.timedelta(minutes=5)
    assert appointment.blocked_end == start + datetime.timedelta(minutes=55)
    assert appointment.privacy_accepted_at is not None
    assert appointment.booked_by is None
    assert len(appointment.reference) == 6
    [event] = events(AuditAction.APPOINTMENT_BOOKED)
    assert event.actor is None
    assert event.organization == world.organization
    assert event.target_id == str(appointment.pk)
    assert event.details == {"channel": "online", "interpreter": False}
    kinds = set(OutboxMessage.objects.filter(appointment=appointment).values_list("kind", "channel"))
    assert kinds == {("booking_confirmation", "email"), ("booking_confirmation", "sms")}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start": "past"}, "start"),
        ({"start": "outside_hours"}, "start"),
        ({"start": "unaligned"}, "start"),
        ({"start": "naive"}, "start"),
        ({"privacy_accepted": False}, "privacy_accepted"),
        ({"client": services.ClientDetails(name="  ", language="fi", email="a@example.com")}, "name"),
        ({"client": services.ClientDetails(name="A", language="fi")}, "phone"),
        (
            {
                "client": services.ClientDetails(
                    name="A", language="fi", phone="+358401234567", interpreter_language="ar"
                )
            },
            "interpreter_mode",
        ),
    ],
)
def test_book_refuses_bad_input_and_writes_nothing(world, change, field):
    day = World.day()
    starts = {
        "past": World.at(timezone.localdate(timezone.now(), selectors.TZ) - datetime.timedelta(days=1), 10),
        "outside_hours": World.at(day, 17),
        "unaligned": World.at(day, 10, 7),
        "naive": datetime.datetime.combine(day, datetime.time(10)),
    }
    if "start" in change:
        change = {"start": starts[change["start"]]}

    with pytest.raises(ValidationError) as raised:
        book(world, change.pop("start", World.at(day, 10)), **change)

    assert field in raised.value.message_dict
    assert not Appointment.objects.exists()
    assert not events(AuditAction.APPOINTMENT_BOOKED)
    assert not OutboxMessage.objects.exists()


def test_book_refuses_another_municipalitys_service_and_staff(world):
    other = build_world(slug="jarvela")
    start = World.at(World.day(), 10)

    with pytest.raises(ValidationError) as raised:
        book(world, start, service=other.service)
    assert "service" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        book(world, start, staff=other.counselor)
    assert "staff" in raised.value.message_dict
    assert not Appointment.objects.exists()


def test_book_refuses_a_service_that_is_not_bookable_online_but_staff_may_book_it(world):
    world.service.bookable = False
    world.service.save()
    start = World.at(World.day(), 10)

    with pytest.raises(ValidationError):
        book(world, start)
    appointment = book(world, start, actor=world.counselor, channel=Appointment.Channel.STAFF)

    assert appointment.booked_by == world.counselor
    assert events(AuditAction.APPOINTMENT_BOOKED)[0].actor == world.counselor


def test_book_a_taken_time_raises_slot_taken_and_keeps_the_first_booking(world):
    start = World.at(World.day(), 10)
    first = book(world, start)

    with pytest.raises(services.SlotTaken):
        book(world, start)

    assert list(Appointment.objects.all()) == [first]
    assert len(events(AuditAction.APPOINTMENT_BOOKED)) == 1


def test_book_a_taken_time_goes_to_another_free_counselor(world):
    second = world.add_counselor()
    start = World.at(World.day(), 10)

    first = book(world, start)
    other = book(world, start)

    assert {first.staff_id, other.staff_id} == {world.counselor.pk, second.pk}
    with pytest.raises(services.SlotTaken):
        book(world, start)


def test_buffers_keep_neighbouring_times_free_of_the_meeting(world):
    world.schedule.buffer_before_minutes = 15
    world.schedule.buffer_after_minutes = 10
    world.schedule.save()
    day = World.day()
    book(world, World.at(day, 10))  # blocks 09:45–10:55

    starts = {timezone.localtime(start, selectors.TZ).time() for start in free_starts(world, day)}

    # A candidate S blocks S−15 … S+55: it is free only when S ≤ 08:50 or S ≥ 11:10.
    assert datetime.time(8, 45) in starts
    assert datetime.time(9) not in starts
    assert datetime.time(10) not in starts
    assert datetime.time(11) not in starts
    assert datetime.time(11, 15) in starts


def test_an_absence_closes_the_times_it_overlaps(world):
    day = World.day()
    AvailabilityException.objects.create(
        organization=world.organization,
        staff=world.counselor,
        kind=AvailabilityException.Kind.ABSENCE,
        start=World.at(day, 10),
        end=World.at(day, 12),
    )

    starts = {timezone.localtime(start, selectors.TZ).time() for start in free_starts(world, day)}

    assert datetime.time(9, 15) in starts  # ends 10:00, when the absence starts
    assert not {datetime.time(9, 30), datetime.time(10), datetime.time(11, 45)} & starts
    assert datetime.time(12) in starts
    with pytest.raises(ValidationError):
        book(world, World.at(day, 10, 30))


def test_a_public_holiday_is_closed_except_for_extra_hours(world):
    set_policy(world, horizon_days=366)
    holiday = timezone.localdate(timezone.now(), selectors.TZ) + datetime.timedelta(days=2)
    while not is_public_holiday(holiday):
        holiday += datetime.timedelta(days=1)

    assert free_starts(world, holiday) == []
    with pytest.raises(ValidationError):
        book(world, World.at(holiday, 10))

    AvailabilityException.objects.create(
        organization=world.organization,
        staff=world.counselor,
        kind=AvailabilityException.Kind.EXTRA,
        mode=MeetingMode.PHONE,
        start=World.at(holiday, 12),
        end=World.at(holiday, 13),
    )
    assert [timezone.localtime(s, selectors.TZ).time() for s in free_starts(world, holiday)] == [
        datetime.time(12),
        datetime.time(12, 15),
    ]
    assert book(world, World.at(holiday, 12)).mode == MeetingMode.PHONE


def test_a_closed_day_of_the_municipality_is_closed(world):
    day = World.day()
    ClosedDay.objects.create(organization=world.organization, date=day, reason="Henkilöstöpäivä")
    other = build_world(slug="jarvela")

    assert free_starts(world, day) == []
    assert free_starts(world, World.day(day.toordinal() - timezone.localdate().toordinal() + 1))
    with pytest.raises(ValidationError):
        book(world, World.at(day, 10))
    # Another municipality's closed day is not this one's.
    assert selectors.slots_for_service(
        organization=other.organization, service=other.service, date_from=day, date_to=day
    )


def test_minimum_notice_hides_times_too_soon(world):
    now = timezone.now().replace(second=0, microsecond=0)
    AvailabilityException.objects.create(
        organization=world.organization,
        staff=world.counselor,
        kind=AvailabilityException.Kind.EXTRA,
        mode=MeetingMode.PHONE,
        start=now + datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=5),
    )
    today = timezone.localdate(now, selectors.TZ)
    window = (today, today + datetime.timedelta(days=2))

    def starts() -> list[datetime.datetime]:
        return [
            slot.start
            for slot in selectors.slots_for_service(
                organization=world.organization, service=world.service, date_from=window[0], date_to=window[1]
            )
        ]

    assert starts()
    assert all(start >= now + datetime.timedelta(hours=24) for start in starts())
    with pytest.raises(ValidationError):
        book(world, now + datetime.timedelta(hours=1))

    set_policy(world, min_notice_hours=0)
    assert now + datetime.timedelta(hours=1) in starts()
    assert book(world, now + datetime.timedelta(hours=1)).mode == MeetingMode.PHONE


def test_staff_may_book_inside_the_notice_period(world):
    now = timezone.now().replace(second=0, microsecond=0)
    AvailabilityException.objects.create(
        organization=world.organization,
        staff=world.counselor,
        kind=AvailabilityException.Kind.EXTRA,
        mode=MeetingMode.PHONE,
        start=now + datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=2),
    )

    appointment = book(world, now + datetime.timedelta(hours=1), actor=world.counselor)

    assert appointment.booked_by == world.counselor


def test_booking_horizon_closes_days_too_far_ahead(world):
    set_policy(world, horizon_days=20)
    inside, outside = World.day(15), World.day(22)

    assert free_starts(world, inside)
    assert free_starts(world, outside) == []
    with pytest.raises(ValidationError):
        book(world, World.at(outside, 10))
    assert book(world, World.at(inside, 10)).pk


# --- Cancelling ----------------------------------------------------------------------------------


def test_client_cancel_frees_the_time_at_once_and_is_audited(world):
    day = World.day()
    start = World.at(day, 10)
    appointment = book(world, start)
    assert start not in free_starts(world, day)

    cancelled = services.appointment_cancel(
        appointment=appointment, actor=None, by_client=True, reason="Sairas"
    )

    cancelled.refresh_from_db()
    assert cancelled.status == Appointment.Status.CANCELLED
    assert cancelled.cancelled_at is not None
    assert cancelled.cancelled_by_client
    assert cancelled.cancel_reason == "Sairas"
    assert start in free_starts(world, day)
    [event] = events(AuditAction.APPOINTMENT_CANCELLED)
    assert event.actor is None
    assert event.details == {"by_client": True}
    assert OutboxMessage.objects.filter(appointment=appointment, kind="booking_cancelled").exists()
    assert book(world, start).pk != appointment.pk  # someone else can book it right away


def test_cancel_twice_is_refused(world):
    appointment = book(world, World.at(World.day(), 10))
    services.appointment_cancel(appointment=appointment, actor=None, by_client=True)

    with pytest.raises(ValidationError):
        services.appointment_cancel(appointment=appointment, actor=None, by_client=True)
    assert len(events(AuditAction.APPOINTMENT_CANCELLED)) == 1


def test_client_changes_stop_at_the_cut_off_but_staff_can_still_cancel(world):
    appointment = book(world, World.at(World.day(3), 10))
    assert services.client_change_allowed(appointment)
    set_policy(world, cancel_cutoff_hours=24 * 10)

    assert not services.client_change_allowed(appointment)
    with pytest.raises(ValidationError):
        services.appointment_cancel(appointment=appointment, actor=None, by_client=True)
    with pytest.raises(ValidationError):
        services.appointment_reschedule(
            appointment=appointment, start=World.at(World.day(4), 10), actor=None, by_client=True
        )
    assert not events(AuditAction.APPOINTMENT_CANCELLED)

    services.appointment_cancel(appointment=appointment, actor=world.counselor)
    assert events(AuditAction.APPOINTMENT_CANCELLED)[0].actor == world.counselor
    assert not services.client_change_allowed(Appointment.objects.get())


def test_cut_off_boundary(world):
    appointment = book(world, World.at(World.day(), 10))
    cutoff = appointment.start - datetime.timedelta(hours=2)

    assert services.client_change_allowed(appointment, now=cutoff - datetime.timedelta(seconds=1))
    assert not services.client_change_allowed(appointment, now=cutoff)


# --- Moving --------------------------------------------------------------------------------------


def test_reschedule_moves_the_time_and_frees_the_old_one(world):
    day = World.day()
    old_start, new_start = World.at(day, 10), World.at(day, 13)
    appointment = book(world, old_start)

    moved = services.appointment_reschedule(
        appointment=appointment, start=new_start, actor=None, by_client=True
    )

    moved.refresh_from_db()
    assert (moved.start, moved.end) == (new_start, new_start + datetime.timedelta(minutes=45))
    assert moved.blocked_end == new_start + datetime.timedelta(minutes=55)
    assert old_start in free_starts(world, day)
    assert new_start not in free_starts(world, day)
    [event] = events(AuditAction.APPOINTMENT_MOVED)
    assert event.details["by_client"] is True
    assert datetime.datetime.fromisoformat(event.details["from"]) == old_start
    assert OutboxMessage.objects.filter(appointment=appointment, kind="booking_moved").exists()


def test_reschedule_by_a_quarter_hour_overlapping_its_own_old_time(world):
    day = World.day()
    appointment = book(world, World.at(day, 10))

    moved = services.appointment_reschedule(
        appointment=appointment, start=World.at(day, 10, 15), actor=None, by_client=True
    )

    assert moved.start == World.at(day, 10, 15)


def test_reschedule_to_a_taken_or_impossible_time_changes_nothing(world):
    day = World.day()
    appointment = book(world, World.at(day, 10))
    book(world, World.at(day, 13))

    with pytest.raises(services.SlotTaken):
        services.appointment_reschedule(
            appointment=appointment, start=World.at(day, 13), actor=None, by_client=True
        )
    with pytest.raises(ValidationError) as raised:
        services.appointment_reschedule(
            appointment=appointment, start=World.at(day, 20), actor=None, by_client=True
        )
    assert "start" in raised.value.message_dict

    appointment.refresh_from_db()
    assert appointment.start == World.at(day, 10)
    assert not events(AuditAction.APPOINTMENT_MOVED)


def test_a_cancelled_appointment_cannot_be_moved(world):
    appointment = book(world, World.at(World.day(), 10))
    services.appointment_cancel(appointment=appointment, actor=None, by_client=True)

    with pytest.raises(ValidationError):
        services.appointment_reschedule(
            appointment=appointment, start=World.at(World.day(), 12), actor=None, by_client=True
        )


# --- Outcome -------------------------------------------------------------------------------------


def _move_to_the_past(appointment: Appointment) -> Appointment:
    """Test set-up only: a booking that has started (the services never book the past)."""
    start = timezone.now() - datetime.timedelta(hours=1)
    Appointment.objects.filter(pk=appointment.pk).update(
        start=start,
        end=start + datetime.timedelta(minutes=45),
        blocked_start=start,
        blocked_end=start + datetime.timedelta(minutes=55),
    )
    return Appointment.objects.get(pk=appointment.pk)


def test_outcome_is_marked_after_the_start_and_audited(world):
    appointment = book(world, World.at(World.day(), 10))
    with pytest.raises(ValidationError):
        services.appointment_set_outcome(
            appointment=appointment, status=Appointment.Status.ATTENDED, actor=world.counselor
        )

    appointment = _move_to_the_past(appointment)
    with pytest.raises(ValidationError):
        services.appointment_set_outcome(
            appointment=appointment, status=Appointment.Status.CANCELLED, actor=world.counselor
        )
    services.appointment_set_outcome(
        appointment=appointment, status=Appointment.Status.NO_SHOW, actor=world.counselor
    )
    services.appointment_set_outcome(
        appointment=appointment, status=Appointment.Status.ATTENDED, actor=world.counselor
    )

    assert Appointment.objects.get().status == Appointment.Status.ATTENDED
    assert [event.action for event in AuditEvent.objects.filter(actor=world.counselor).order_by("id")] == [
        AuditAction.APPOINTMENT_NO_SHOW,
        AuditAction.APPOINTMENT_ATTENDED,
    ]


def test_a_cancelled_appointment_has_no_outcome(world):
    appointment = _move_to_the_past(book(world, World.at(World.day(), 10)))
    services.appointment_cancel(appointment=appointment, actor=world.counselor)

    with pytest.raises(ValidationError):
        services.appointment_set_outcome(
            appointment=appointment, status=Appointment.Status.ATTENDED, actor=world.counselor
        )
