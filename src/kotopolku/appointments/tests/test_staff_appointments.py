"""One appointment through the staff pages: the audited details page, cancel, move, outcome, and
booking on a client's behalf (a phone call), all over HTTP."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kotopolku.accounts.models import Role, User
from kotopolku.appointments import selectors
from kotopolku.appointments.models import Appointment, AvailabilityException, MeetingMode
from kotopolku.appointments.slots import Slot
from kotopolku.appointments.staff_forms import slot_value
from kotopolku.appointments.tests import staff_objects as make
from kotopolku.appointments.tests.booking_world import World, build_world
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.notifications.models import OutboxMessage
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def browser(world: World) -> Client:
    # English pages, so the messages asserted below read as in the source.
    return factories.login_staff(Client(headers={"Accept-Language": "en"}), world.counselor)


def url(name: str, world: World, **kwargs: object) -> str:
    return reverse(f"staff:{name}", kwargs={"org": world.organization.slug, **kwargs})


def booked(world: World, start: datetime.datetime, **fields: Any) -> Appointment:
    return make.appointment(
        world.organization, start=start, staff=world.counselor, of_service=world.service, **fields
    )


def events(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


def flash(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Details ---------------------------------------------------------------------------------------


def test_details_show_contact_and_topic_and_the_read_is_audited(world, browser):
    appointment = booked(world, World.at(World.day(), 10))

    response = browser.get(url("appointment_detail", world, pk=appointment.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Amina Yusuf" in html and "+358401234567" in html and "amina.yusuf@example.com" in html
    assert "Kela-hakemus" in html
    [event] = events(AuditAction.APPOINTMENT_VIEWED)
    assert (event.actor, event.target_id, event.organization) == (
        world.counselor,
        str(appointment.pk),
        world.organization,
    )
    assert response["Cache-Control"].startswith("max-age=0")


def test_another_municipalitys_appointment_is_404_and_not_audited(world, browser):
    other = build_world(slug="jarvela")
    theirs = make.appointment(other.organization, staff=other.counselor, of_service=other.service)

    for name in ("appointment_detail", "appointment_move"):
        assert browser.get(url(name, world, pk=theirs.pk)).status_code == 404
    for name in ("appointment_cancel", "appointment_outcome"):
        assert (
            browser.post(url(name, world, pk=theirs.pk), {"reason": "x", "status": "attended"}).status_code
            == 404
        )
    assert Appointment.objects.get(pk=theirs.pk).status == Appointment.Status.BOOKED
    assert not events(AuditAction.APPOINTMENT_VIEWED)


# --- Cancel ----------------------------------------------------------------------------------------


def test_cancel_with_a_reason_tells_the_client(world, browser):
    appointment = booked(world, World.at(World.day(), 10))

    response = browser.post(
        url("appointment_cancel", world, pk=appointment.pk), {"reason": "Työntekijä sairastui"}
    )

    assert response.status_code == 302
    assert response["Location"] == url("appointment_detail", world, pk=appointment.pk)
    stored = Appointment.objects.get(pk=appointment.pk)
    assert (stored.status, stored.cancel_reason, stored.cancelled_by_client) == (
        Appointment.Status.CANCELLED,
        "Työntekijä sairastui",
        False,
    )
    [event] = events(AuditAction.APPOINTMENT_CANCELLED)
    assert event.actor == world.counselor
    kinds = set(OutboxMessage.objects.filter(appointment=appointment).values_list("kind", "channel"))
    assert kinds == {("booking_cancelled", "email"), ("booking_cancelled", "sms")}
    assert any("email/SMS" in text for text in flash(response))


def test_cancel_needs_a_reason(world, browser):
    appointment = booked(world, World.at(World.day(), 10))

    response = browser.post(url("appointment_cancel", world, pk=appointment.pk), {"reason": ""})

    assert response.status_code == 400
    assert Appointment.objects.get(pk=appointment.pk).status == Appointment.Status.BOOKED
    assert not events(AuditAction.APPOINTMENT_CANCELLED)


def test_cancel_twice_is_refused_with_a_message(world, browser):
    appointment = booked(world, World.at(World.day(), 10))
    browser.post(url("appointment_cancel", world, pk=appointment.pk), {"reason": "Ensimmäinen"})

    response = browser.post(url("appointment_cancel", world, pk=appointment.pk), {"reason": "Toinen"})

    assert response.status_code == 302
    assert Appointment.objects.get(pk=appointment.pk).cancel_reason == "Ensimmäinen"
    assert len(events(AuditAction.APPOINTMENT_CANCELLED)) == 1


# --- Outcome ---------------------------------------------------------------------------------------


def test_outcome_only_after_the_start(world, browser):
    future = booked(world, World.at(World.day(), 10))
    past_start = (timezone.now() - datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    past = booked(world, past_start)

    page = browser.get(url("appointment_detail", world, pk=future.pk)).content.decode()
    assert url("appointment_outcome", world, pk=future.pk) not in page
    response = browser.post(url("appointment_outcome", world, pk=future.pk), {"status": "attended"})
    assert response.status_code == 302
    assert Appointment.objects.get(pk=future.pk).status == Appointment.Status.BOOKED

    page = browser.get(url("appointment_detail", world, pk=past.pk)).content.decode()
    assert url("appointment_outcome", world, pk=past.pk) in page
    browser.post(url("appointment_outcome", world, pk=past.pk), {"status": "no_show"})
    assert Appointment.objects.get(pk=past.pk).status == Appointment.Status.NO_SHOW
    browser.post(url("appointment_outcome", world, pk=past.pk), {"status": "attended"})
    assert Appointment.objects.get(pk=past.pk).status == Appointment.Status.ATTENDED
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="appointment.").order_by("id")][
        -2:
    ] == [
        AuditAction.APPOINTMENT_NO_SHOW,
        AuditAction.APPOINTMENT_ATTENDED,
    ]


def test_outcome_needs_a_known_status(world, browser):
    past = booked(world, (timezone.now() - datetime.timedelta(hours=2)).replace(second=0, microsecond=0))

    browser.post(url("appointment_outcome", world, pk=past.pk), {"status": "cancelled"})

    assert Appointment.objects.get(pk=past.pk).status == Appointment.Status.BOOKED


# --- Move ------------------------------------------------------------------------------------------


def test_move_lists_free_times_of_every_worker_and_moves_to_another_one(world, browser):
    day = World.day()
    colleague = world.add_counselor()
    appointment = booked(world, World.at(day, 10))
    other_day = World.day(5)

    page = browser.get(url("appointment_move", world, pk=appointment.pk) + f"?date={other_day.isoformat()}")

    assert page.status_code == 200
    html = page.content.decode()
    target = Slot(World.at(other_day, 9), World.at(other_day, 9, 45), colleague.pk, MeetingMode.VIDEO, None)
    assert slot_value(target) in html
    assert "amina.yusuf@example.com" not in html  # the move page shows no contact details
    response = browser.post(
        url("appointment_move", world, pk=appointment.pk) + f"?date={other_day.isoformat()}",
        {"slot": slot_value(target)},
    )

    assert response.status_code == 302
    stored = Appointment.objects.get(pk=appointment.pk)
    assert (stored.start, stored.staff) == (World.at(other_day, 9), colleague)
    [event] = events(AuditAction.APPOINTMENT_MOVED)
    assert event.actor == world.counselor
    assert OutboxMessage.objects.filter(appointment=appointment, kind="booking_moved").count() == 2


def test_move_may_use_a_time_inside_the_notice_period(world, browser):
    appointment = booked(world, World.at(World.day(), 10))
    start = (timezone.now() + datetime.timedelta(hours=1)).replace(second=0, microsecond=0)
    AvailabilityException.objects.create(
        organization=world.organization,
        staff=world.counselor,
        kind=AvailabilityException.Kind.EXTRA,
        start=start,
        end=start + datetime.timedelta(hours=2),
        mode=MeetingMode.PHONE,
    )
    soon = Slot(start, start + datetime.timedelta(minutes=45), world.counselor.pk, MeetingMode.PHONE, None)
    day = timezone.localdate(start, selectors.TZ)

    response = browser.post(
        url("appointment_move", world, pk=appointment.pk) + f"?date={day.isoformat()}",
        {"slot": slot_value(soon)},
    )

    assert response.status_code == 302
    assert Appointment.objects.get(pk=appointment.pk).start == start


def test_move_to_a_time_that_is_not_free_is_refused(world, browser):
    day = World.day()
    appointment = booked(world, World.at(day, 10))
    booked(world, World.at(day, 13), client_name="Toinen Asiakas")
    taken = Slot(World.at(day, 13), World.at(day, 13, 45), world.counselor.pk, MeetingMode.VIDEO, None)

    response = browser.post(
        url("appointment_move", world, pk=appointment.pk) + f"?date={day.isoformat()}",
        {"slot": slot_value(taken)},
    )

    assert response.status_code == 400
    assert Appointment.objects.get(pk=appointment.pk).start == World.at(day, 10)
    assert not events(AuditAction.APPOINTMENT_MOVED)


def test_a_cancelled_appointment_cannot_be_moved(world, browser):
    appointment = booked(world, World.at(World.day(), 10), status="cancelled", cancelled_at=timezone.now())

    response = browser.get(url("appointment_move", world, pk=appointment.pk))

    assert response.status_code == 302


# --- Booking on a client's behalf ------------------------------------------------------------------


def test_booking_page_lists_free_times_for_the_chosen_service_and_day(world, browser):
    day = World.day()
    booked(world, World.at(day, 10))

    response = browser.get(
        url("appointment_new", world) + f"?service={world.service.pk}&date={day.isoformat()}"
    )

    html = response.content.decode()
    assert response.status_code == 200
    free = Slot(World.at(day, 8), World.at(day, 8, 45), world.counselor.pk, MeetingMode.VIDEO, None)
    taken = Slot(World.at(day, 10), World.at(day, 10, 45), world.counselor.pk, MeetingMode.VIDEO, None)
    assert slot_value(free) in html
    assert slot_value(taken) not in html
    assert "08:00–08:45" in html


def test_staff_book_for_a_client_on_the_phone_inside_the_notice_period(world, browser):
    start = (timezone.now() + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    AvailabilityException.objects.create(
        organization=world.organization,
        staff=world.counselor,
        kind=AvailabilityException.Kind.EXTRA,
        start=start,
        end=start + datetime.timedelta(hours=1),
        mode=MeetingMode.PHONE,
    )
    slot = Slot(start, start + datetime.timedelta(minutes=45), world.counselor.pk, MeetingMode.PHONE, None)
    day = timezone.localdate(start, selectors.TZ)
    assert slot not in selectors.slots_for_service(
        organization=world.organization, service=world.service, date_from=day, date_to=day
    )  # a client could not book it online: 24 h notice
    page = url("appointment_new", world) + f"?service={world.service.pk}&date={day.isoformat()}"

    response = browser.post(
        page,
        {
            "slot": slot_value(slot),
            "name": "Olena Kovalenko",
            "phone": "040 123 4567",
            "email": "",
            "language": "uk",
            "interpreter_language": "ukraina",
            "interpreter_mode": "in_person",
            "topic": "Työnhaku",
        },
    )

    assert response.status_code == 302, response.content.decode()
    appointment = Appointment.objects.get()
    assert response["Location"] == url("appointment_detail", world, pk=appointment.pk)
    assert (appointment.start, appointment.staff, appointment.mode) == (start, world.counselor, "phone")
    assert (appointment.channel, appointment.booked_by, appointment.privacy_accepted_at) == (
        Appointment.Channel.STAFF,
        world.counselor,
        None,
    )
    assert (appointment.phone, appointment.language, appointment.interpreter_mode) == (
        "+358401234567",
        "uk",
        "in_person",
    )
    [event] = events(AuditAction.APPOINTMENT_BOOKED)
    assert (event.actor, event.details["channel"]) == (world.counselor, "staff")
    assert OutboxMessage.objects.filter(appointment=appointment, channel="sms").exists()
    assert any(appointment.reference in text for text in flash(response))


def test_staff_booking_without_contact_details_is_allowed(world, browser):
    day = World.day()
    slot = Slot(World.at(day, 11), World.at(day, 11, 45), world.counselor.pk, MeetingMode.VIDEO, None)

    response = browser.post(
        url("appointment_new", world) + f"?service={world.service.pk}&date={day.isoformat()}",
        {"slot": slot_value(slot), "name": "Ali", "language": "fi"},
    )

    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert (appointment.email, appointment.phone) == ("", "")
    assert not OutboxMessage.objects.exists()
    assert any("tell them yourself" in text for text in flash(response))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"phone": "12"}, "phone"),
        ({"name": ""}, "name"),
        ({"interpreter_language": "dari", "interpreter_mode": ""}, "interpreter_mode"),
        ({"slot": "2030-01-01T08:00|1|video"}, "slot"),
    ],
)
def test_staff_booking_refuses_bad_input(world, browser, change, field):
    day = World.day()
    slot = Slot(World.at(day, 11), World.at(day, 11, 45), world.counselor.pk, MeetingMode.VIDEO, None)
    data = {"slot": slot_value(slot), "name": "Ali", "language": "fi", **change}

    response = browser.post(url("appointment_new", world) + f"?service={world.service.pk}&date={day}", data)

    assert response.status_code == 400
    assert response.context["form"].errors.get(field)
    assert not Appointment.objects.exists()


def test_staff_booking_of_a_time_taken_meanwhile_is_refused(world, browser):
    day = World.day()
    slot = Slot(World.at(day, 11), World.at(day, 11, 45), world.counselor.pk, MeetingMode.VIDEO, None)
    page = url("appointment_new", world) + f"?service={world.service.pk}&date={day}"
    browser.get(page)
    booked(world, World.at(day, 11), client_name="Nopeampi Asiakas")

    response = browser.post(page, {"slot": slot_value(slot), "name": "Ali", "language": "fi"})

    assert response.status_code == 400
    assert Appointment.objects.count() == 1


def test_booking_page_prefills_non_personal_values_from_the_query(world, browser):
    response = browser.get(
        url("appointment_new", world)
        + "?language=ar&topic=Asuntoasia&interpreter=arabia&interpreter_mode=remote&from_dropin=17"
        + f"&service={world.service.pk}"
    )

    form = response.context["form"]
    assert (form["language"].value(), form["topic"].value()) == ("ar", "Asuntoasia")
    assert (form["interpreter_language"].value(), form["interpreter_mode"].value()) == ("arabia", "remote")
    html = response.content.decode()
    assert 'name="from_dropin" value="17"' in html  # kept through "Show free times"


def test_reporting_staff_cannot_book(world):
    reporter = User.objects.create_user(
        username="raportoija", organization=world.organization, role=Role.REPORTING
    )
    client = factories.login_staff(Client(), reporter)

    assert client.get(url("appointment_new", world)).status_code == 403
