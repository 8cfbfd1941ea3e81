"""Availability pages: working hours, absences and extra hours (own or, for a coordinator, anyone's),
booking settings, closed days and booking rules (coordinator only), and the public holidays shown."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kotopolku.accounts.models import Role, User
from kotopolku.accounts.policy import can_manage_availability_of
from kotopolku.appointments.models import (
    AvailabilityException,
    BookingPolicy,
    ClosedDay,
    StaffSchedule,
    WorkingHours,
)
from kotopolku.appointments.selectors import TZ
from kotopolku.appointments.slots import finnish_holidays
from kotopolku.appointments.tests import staff_objects as make
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.organizations.models import Organization, Place
from kotopolku.organizations.services import organization_create
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db

HOURS = {"weekday": "2", "start_time": "09:00", "end_time": "12:00", "mode": "phone"}


@pytest.fixture
def town() -> Organization:
    return organization_create(data={"slug": "heinola", "name_fi": "Heinola"}, actor=None)


@pytest.fixture
def counselor(town: Organization) -> User:
    return make.staff_member(town, weekly=False)


@pytest.fixture
def colleague(town: Organization) -> User:
    return make.staff_member(town, weekly=False)


@pytest.fixture
def coordinator(town: Organization) -> User:
    return make.staff_member(town, role=Role.COORDINATOR, weekly=False)


def url(name: str, town: Organization, **kwargs: object) -> str:
    return reverse(f"staff:{name}", kwargs={"org": town.slug, **kwargs})


def as_(user: User) -> Client:
    return factories.login_staff(Client(), user)


def changes() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.AVAILABILITY_CHANGED))


# --- The policy --------------------------------------------------------------------------------------


def test_policy_own_time_for_counselors_everyones_for_coordinators(town, counselor, colleague, coordinator):
    other_town = organization_create(data={"slug": "jarvela", "name_fi": "Järvelä"}, actor=None)
    stranger = make.staff_member(other_town, weekly=False)
    reporter = User.objects.create_user(username="raportoija", organization=town, role=Role.REPORTING)

    assert can_manage_availability_of(counselor, counselor, town)
    assert not can_manage_availability_of(counselor, colleague, town)
    assert can_manage_availability_of(coordinator, colleague, town)
    assert not can_manage_availability_of(coordinator, stranger, town)
    assert not can_manage_availability_of(reporter, reporter, town)


# --- Working hours -----------------------------------------------------------------------------------


def test_counselor_adds_and_removes_own_working_hours(town, counselor):
    client = as_(counselor)

    response = client.post(url("working_hours_add", town, pk=counselor.pk), HOURS)

    assert response.status_code == 302
    assert response["Location"] == url("availability", town) + f"?staff={counselor.pk}"
    hours = WorkingHours.objects.get(staff=counselor)
    assert (hours.weekday, hours.start_time, hours.mode) == (2, datetime.time(9), "phone")
    page = client.get(response["Location"]).content.decode()
    assert url("working_hours_delete", town, pk=hours.pk) in page

    assert client.post(url("working_hours_delete", town, pk=hours.pk)).status_code == 302
    assert not WorkingHours.objects.exists()
    assert [e.details["operation"] for e in changes()] == ["delete", "create"]
    assert {e.actor for e in changes()} == {counselor}


def test_counselor_cannot_change_another_workers_hours(town, counselor, colleague):
    theirs = WorkingHours.objects.create(
        organization=town,
        staff=colleague,
        weekday=1,
        start_time=datetime.time(9),
        end_time=datetime.time(10),
        mode="video",
    )
    client = as_(counselor)

    assert client.post(url("working_hours_add", town, pk=colleague.pk), HOURS).status_code == 403
    assert client.post(url("working_hours_delete", town, pk=theirs.pk)).status_code == 403
    assert list(WorkingHours.objects.all()) == [theirs]
    assert not changes()
    page = client.get(url("availability", town) + f"?staff={colleague.pk}").content.decode()
    assert url("working_hours_delete", town, pk=theirs.pk) not in page  # shown, but without the buttons
    assert url("working_hours_add", town, pk=colleague.pk) not in page


def test_coordinator_changes_anyones_hours(town, colleague, coordinator):
    client = as_(coordinator)

    assert client.post(url("working_hours_add", town, pk=colleague.pk), HOURS).status_code == 302
    hours = WorkingHours.objects.get(staff=colleague)
    assert client.post(url("working_hours_delete", town, pk=hours.pk)).status_code == 302
    assert not WorkingHours.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end_time": "08:00"}, "end_time"),
        ({"mode": "in_person"}, "place"),
        ({"valid_from": "2030-05-01", "valid_until": "2030-04-01"}, "valid_until"),
    ],
)
def test_bad_working_hours_are_refused_with_the_page_again(town, counselor, change, field):
    response = as_(counselor).post(url("working_hours_add", town, pk=counselor.pk), {**HOURS, **change})

    assert response.status_code == 400
    assert response.context["hours_form"].errors.get(field)
    assert not WorkingHours.objects.exists()


def test_in_person_hours_use_a_place_of_the_own_municipality(town, counselor):
    other_town = organization_create(data={"slug": "jarvela", "name_fi": "Järvelä"}, actor=None)
    theirs = Place.objects.create(
        organization=other_town, name_fi="Muualla", street_address="Tie 1", city="X"
    )
    ours = Place.objects.create(
        organization=town, name_fi="HeiMo", street_address="Kaivokatu 14", city="Heinola"
    )
    client = as_(counselor)

    refused = client.post(
        url("working_hours_add", town, pk=counselor.pk), {**HOURS, "mode": "in_person", "place": theirs.pk}
    )
    accepted = client.post(
        url("working_hours_add", town, pk=counselor.pk), {**HOURS, "mode": "in_person", "place": ours.pk}
    )

    assert refused.status_code == 400
    assert accepted.status_code == 302
    assert WorkingHours.objects.get().place == ours


# --- Absences and extra hours ----------------------------------------------------------------------


def test_absence_times_are_finnish_wall_clock_time(town, counselor):
    day = timezone.localdate(timezone.now(), TZ) + datetime.timedelta(days=10)

    response = as_(counselor).post(
        url("availability_exception_add", town, pk=counselor.pk),
        {"kind": "absence", "start": f"{day}T08:00", "end": f"{day}T16:30", "note": "Koulutus"},
    )

    assert response.status_code == 302
    absence = AvailabilityException.objects.get()
    assert absence.start == datetime.datetime.combine(day, datetime.time(8), tzinfo=TZ)
    assert absence.end == datetime.datetime.combine(day, datetime.time(16, 30), tzinfo=TZ)
    assert (absence.kind, absence.note, absence.staff) == ("absence", "Koulutus", counselor)
    assert changes()[0].details["kind"] == "absence"


def test_extra_hours_need_a_meeting_mode(town, counselor):
    day = timezone.localdate(timezone.now(), TZ) + datetime.timedelta(days=10)
    data = {"kind": "extra", "start": f"{day}T17:00", "end": f"{day}T19:00"}
    client = as_(counselor)

    refused = client.post(url("availability_exception_add", town, pk=counselor.pk), data)
    accepted = client.post(
        url("availability_exception_add", town, pk=counselor.pk), {**data, "mode": "video"}
    )

    assert refused.status_code == 400
    assert refused.context["exception_form"].errors.get("mode")
    assert accepted.status_code == 302
    assert AvailabilityException.objects.get().mode == "video"


def test_an_absence_that_ends_before_it_starts_is_refused(town, counselor):
    response = as_(counselor).post(
        url("availability_exception_add", town, pk=counselor.pk),
        {"kind": "absence", "start": "2031-03-02T12:00", "end": "2031-03-02T10:00"},
    )

    assert response.status_code == 400
    assert not AvailabilityException.objects.exists()


def test_counselor_cannot_add_or_remove_another_workers_absence(town, counselor, colleague, coordinator):
    theirs = AvailabilityException.objects.create(
        organization=town,
        staff=colleague,
        kind="absence",
        start=timezone.now() + datetime.timedelta(days=1),
        end=timezone.now() + datetime.timedelta(days=2),
    )
    data = {"kind": "absence", "start": "2031-03-02T08:00", "end": "2031-03-02T10:00"}

    assert (
        as_(counselor).post(url("availability_exception_add", town, pk=colleague.pk), data).status_code == 403
    )
    assert as_(counselor).post(url("availability_exception_delete", town, pk=theirs.pk)).status_code == 403
    assert AvailabilityException.objects.count() == 1
    assert as_(coordinator).post(url("availability_exception_delete", town, pk=theirs.pk)).status_code == 302
    assert not AvailabilityException.objects.exists()


# --- Booking settings, closed days, booking rules (coordinator) ------------------------------------


def test_coordinator_sets_buffers_services_and_whether_bookings_are_taken(town, colleague, coordinator):
    service = make.service(town)

    response = as_(coordinator).post(
        url("staff_schedule_edit", town, pk=colleague.pk),
        {"buffer_before_minutes": "5", "buffer_after_minutes": "15", "services": [service.pk]},
    )

    assert response.status_code == 302
    schedule = StaffSchedule.objects.get(staff=colleague)
    assert (schedule.accepts_bookings, schedule.buffer_before_minutes, schedule.buffer_after_minutes) == (
        False,
        5,
        15,
    )
    assert list(schedule.services.all()) == [service]


def test_buffers_over_four_hours_are_refused(town, colleague, coordinator):
    response = as_(coordinator).post(
        url("staff_schedule_edit", town, pk=colleague.pk),
        {"accepts_bookings": "on", "buffer_before_minutes": "241", "buffer_after_minutes": "0"},
    )

    assert response.status_code == 400
    assert StaffSchedule.objects.get(staff=colleague).buffer_before_minutes == 0


def test_counselor_cannot_change_settings_closed_days_or_rules(town, counselor):
    client = as_(counselor)
    day = ClosedDay.objects.create(organization=town, date=datetime.date(2031, 1, 2))

    assert (
        client.post(
            url("staff_schedule_edit", town, pk=counselor.pk),
            {"buffer_before_minutes": "0", "buffer_after_minutes": "0"},
        ).status_code
        == 403
    )
    assert client.post(url("closed_day_add", town), {"date": "2031-01-03"}).status_code == 403
    assert client.post(url("closed_day_delete", town, pk=day.pk)).status_code == 403
    assert client.post(url("booking_rules", town), {"min_notice_hours": "0"}).status_code == 403
    assert list(ClosedDay.objects.all()) == [day]
    assert not BookingPolicy.objects.exists()


def test_coordinator_adds_and_removes_closed_days(town, coordinator):
    client = as_(coordinator)

    assert (
        client.post(
            url("closed_day_add", town), {"date": "2031-01-02", "reason": "Virkistyspäivä"}
        ).status_code
        == 302
    )
    twice = client.post(url("closed_day_add", town), {"date": "2031-01-02"})
    day = ClosedDay.objects.get()
    assert (day.date, day.reason) == (datetime.date(2031, 1, 2), "Virkistyspäivä")
    assert twice.status_code == 400
    assert client.post(url("closed_day_delete", town, pk=day.pk)).status_code == 302
    assert not ClosedDay.objects.exists()


def test_coordinator_changes_the_booking_rules(town, coordinator):
    rules = {
        "min_notice_hours": "4",
        "horizon_days": "30",
        "cancel_cutoff_hours": "6",
        "reminder_hours_before": "48",
        "slot_interval_minutes": "30",
    }
    client = as_(coordinator)

    assert client.post(url("booking_rules", town), {**rules, "slot_interval_minutes": "3"}).status_code == 400
    response = client.post(url("booking_rules", town), rules)

    assert response.status_code == 302
    policy = BookingPolicy.objects.get(organization=town)
    assert (policy.min_notice_hours, policy.horizon_days, policy.slot_interval_minutes) == (4, 30, 30)
    [event] = AuditEvent.objects.filter(action=AuditAction.BOOKING_RULES_CHANGED)
    assert event.actor == coordinator


def test_page_shows_the_public_holidays_that_close_booking(town, counselor):
    today = timezone.localdate(timezone.now(), TZ)
    horizon = today + datetime.timedelta(days=366)
    BookingPolicy.objects.create(organization=town, horizon_days=366)
    expected = sorted(
        day
        for year in {today.year, horizon.year}
        for day in finnish_holidays(year)
        if today <= day <= horizon
    )

    response = as_(counselor).get(url("availability", town))

    assert response.status_code == 200
    assert [day for day, _name in response.context["holidays"]] == expected
    assert expected[0].strftime("%-d.%-m.%Y") in response.content.decode()


def test_availability_page_defaults_to_me_and_counselor_sees_rules_read_only(town, counselor, colleague):
    response = as_(counselor).get(url("availability", town))

    assert response.context["chosen"] == counselor
    html = response.content.decode()
    assert url("working_hours_add", town, pk=counselor.pk) in html
    assert url("booking_rules", town) not in html
    assert url("closed_day_add", town) not in html


def test_availability_page_query_count_is_bounded(town, coordinator, django_assert_max_num_queries):
    for _ in range(5):
        person = make.staff_member(town)
        make.appointment(town, staff=person)
    client = as_(coordinator)

    with django_assert_max_num_queries(16):
        assert client.get(url("availability", town) + f"?staff={person.pk}").status_code == 200
