"""The public booking API over HTTP: every contract, its error shapes, languages, limits and junk input."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kotopolku.appointments import selectors, services
from kotopolku.appointments.models import Appointment, BookingPolicy, InterpreterMode, MeetingMode
from kotopolku.appointments.tests.booking_world import World, add_weekly_hours, build_world
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.organizations.models import Service

pytestmark = pytest.mark.django_db

ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
SLOT_KEYS = {"start", "end", "staff", "mode"}
APPOINTMENT_KEYS = {
    "reference",
    "status",
    "start",
    "end",
    "organization",
    "service",
    "staff",
    "mode",
    "place",
    "can_change",
}


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def api() -> Client:
    return Client()


def slots_url(world: World) -> str:
    return reverse("api-organization-slots", kwargs={"org": world.organization.slug})


def booking_url(world: World) -> str:
    return reverse("api-organization-appointments", kwargs={"org": world.organization.slug})


def token_url(token: str, action: str = "") -> str:
    name = {
        "": "api-appointment",
        "cancel": "api-appointment-cancel",
        "reschedule": "api-appointment-reschedule",
    }
    return reverse(name[action], kwargs={"token": token})


def post(client: Client, url: str, data: Any = None, **extra: Any) -> Any:
    return client.post(
        url, data=json.dumps(data) if data is not None else "", content_type="application/json", **extra
    )


def get_slots(client: Client, world: World, **params: Any) -> Any:
    return client.get(slots_url(world), params)


def body(world: World, start: datetime.datetime | str, **changes: Any) -> dict[str, Any]:
    data = {
        "service": world.service.pk,
        "start": start if isinstance(start, str) else start.isoformat(),
        "name": "Amina Yusuf",
        "email": "amina@example.com",
        "phone": "040 123 4567",
        "language": "ar",
        "privacy_accepted": True,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not ...}


def book(client: Client, world: World, start: datetime.datetime | str, **changes: Any) -> Any:
    return post(client, booking_url(world), body(world, start, **changes))


def local_iso(value: datetime.datetime) -> str:
    return timezone.localtime(value, selectors.TZ).isoformat()


def assert_invalid(response: Any, *fields: str) -> dict[str, list[str]]:
    assert response.status_code == 400, response.content
    data = response.json()
    assert data["code"] == "invalid"
    assert isinstance(data["message"], str)
    assert set(fields) <= set(data["errors"]), data["errors"]
    for messages in data["errors"].values():
        assert messages and all(isinstance(message, str) for message in messages)
    return data["errors"]


# --- Slots ---------------------------------------------------------------------------------------


def test_slots_lists_free_times_in_helsinki_time(api, world):
    day = World.day()

    response = get_slots(
        api, world, service=world.service.pk, **{"from": day.isoformat(), "to": day.isoformat()}
    )

    assert response.status_code == 200
    slots = response.json()
    assert len(slots) == 30  # 08:00 … 15:15, every 15 minutes, 45 minutes each
    assert all(set(slot) == SLOT_KEYS for slot in slots)
    assert all(ISO_WITH_OFFSET.match(slot["start"]) and ISO_WITH_OFFSET.match(slot["end"]) for slot in slots)
    assert slots[0] == {
        "start": World.at(day, 8).isoformat(),
        "end": World.at(day, 8, 45).isoformat(),
        "staff": world.counselor.pk,
        "mode": "video",
    }
    assert slots[-1]["start"] == World.at(day, 15, 15).isoformat()
    assert [slot["start"] for slot in slots] == sorted(slot["start"] for slot in slots)


def test_slots_offset_follows_summer_and_winter_time(api, world):
    BookingPolicy.objects.create(organization=world.organization, horizon_days=366)
    days_by_offset = {
        World.at(World.day(3 + n), 8).strftime("%z"): World.day(3 + n) for n in range(0, 360, 30)
    }
    assert set(days_by_offset) == {"+0200", "+0300"}

    for offset, day in days_by_offset.items():
        response = get_slots(api, world, service=world.service.pk, **{"from": day, "to": day})
        assert response.json()[0]["start"] == f"{day.isoformat()}T08:00:00{offset[:3]}:{offset[3:]}"


def test_slots_filters_by_staff_and_mode(api, world):
    phone_counselor = world.add_counselor(
        mode=MeetingMode.PHONE, start=datetime.time(12), end=datetime.time(13)
    )
    day = World.day()
    params = {"service": world.service.pk, "from": day, "to": day}

    both = api.get(slots_url(world), params).json()
    only_phone = api.get(slots_url(world), {**params, "mode": "phone"}).json()
    only_first = api.get(slots_url(world), {**params, "staff": world.counselor.pk}).json()

    assert {slot["staff"] for slot in both} == {world.counselor.pk, phone_counselor.pk}
    assert {(slot["staff"], slot["mode"]) for slot in only_phone} == {(phone_counselor.pk, "phone")}
    assert [slot["start"] for slot in only_phone] == [
        World.at(day, 12).isoformat(),
        World.at(day, 12, 15).isoformat(),
    ]
    assert {slot["staff"] for slot in only_first} == {world.counselor.pk}


def test_slots_treats_empty_optional_filters_as_none(api, world):
    day = World.day()
    params = {"service": world.service.pk, "from": day, "to": day}

    response = api.get(slots_url(world), {**params, "staff": "", "mode": ""})

    assert response.status_code == 200
    assert response.json() == api.get(slots_url(world), params).json()


def test_slots_query_count_does_not_grow_with_the_range(api, world, django_assert_max_num_queries):
    day = World.day()
    with CaptureQueriesContext(connection) as one_day:
        get_slots(api, world, service=world.service.pk, **{"from": day, "to": day})
    with django_assert_max_num_queries(len(one_day)):
        get_slots(
            api, world, service=world.service.pk, **{"from": day, "to": day + datetime.timedelta(days=61)}
        )


def in_days(n: int) -> str:
    return (timezone.localdate(timezone.now(), selectors.TZ) + datetime.timedelta(days=n)).isoformat()


BAD_SLOT_QUERIES = [
    ("nothing", lambda c: {}, ["service", "from", "to"]),
    ("service as text", lambda c: {"service": "abc"}, ["service"]),
    ("huge service id", lambda c: {"service": "9" * 30}, ["service"]),
    ("unknown service", lambda c: {"service": 999_999}, ["service"]),
    ("other municipality's service", lambda c: {"service": c["other"].service.pk}, ["service"]),
    ("service not bookable online", lambda c: {"service": c["not_bookable"].pk}, ["service"]),
    ("impossible date", lambda c: {"from": "2026-13-01"}, ["from"]),
    ("Finnish date format", lambda c: {"from": "1.12.2026"}, ["from"]),
    ("to before from", lambda c: {"from": in_days(5), "to": in_days(4)}, ["to"]),
    ("63 days", lambda c: {"from": in_days(1), "to": in_days(63)}, ["to"]),
    ("unknown mode", lambda c: {"mode": "teleport"}, ["mode"]),
    ("other municipality's staff", lambda c: {"staff": c["other"].counselor.pk}, ["staff"]),
    ("staff zero", lambda c: {"staff": 0}, ["staff"]),
]


@pytest.mark.parametrize(
    ("make", "fields"), [case[1:] for case in BAD_SLOT_QUERIES], ids=[case[0] for case in BAD_SLOT_QUERIES]
)
def test_slots_refuses_bad_queries(api, world, make, fields):
    context = {
        "other": build_world(slug="jarvela"),
        "not_bookable": Service.objects.create(
            organization=world.organization, service_type="permits", name_fi="Luvat", bookable=False
        ),
    }
    changes = make(context)
    query = {"service": world.service.pk, "from": in_days(1), "to": in_days(2), **changes} if changes else {}

    assert_invalid(api.get(slots_url(world), query), *fields)


def test_slots_accepts_exactly_62_days(api, world):
    day = World.day(1)
    response = get_slots(
        api, world, service=world.service.pk, **{"from": day, "to": day + datetime.timedelta(days=61)}
    )
    assert response.status_code == 200


def test_unknown_municipality_is_404_json(api, world):
    for response in (
        api.get(reverse("api-organization-slots", kwargs={"org": "nowhere"}), {"service": 1}),
        post(api, reverse("api-organization-appointments", kwargs={"org": "nowhere"}), {}),
    ):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["code"] == "not_found"


# --- Booking -------------------------------------------------------------------------------------


def test_booking_returns_201_with_reference_and_token(api, world):
    start = World.at(World.day(), 10)

    response = book(api, world, start, interpreter_language="arabia", topic="Kela-asia")

    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == {"reference", "manage_token", "start", "end", "staff"}
    assert data["start"] == start.isoformat() and data["end"] == World.at(start.date(), 10, 45).isoformat()
    assert data["staff"] == world.counselor.pk
    appointment = Appointment.objects.get()
    assert (appointment.reference, appointment.manage_token) == (data["reference"], data["manage_token"])
    assert appointment.phone == "+358401234567"
    assert appointment.email == "amina@example.com"
    assert appointment.language == "ar"
    assert appointment.interpreter_mode == InterpreterMode.REMOTE  # the documented default
    assert appointment.topic == "Kela-asia"
    assert appointment.booked_by is None
    assert appointment.channel == Appointment.Channel.ONLINE
    assert AuditEvent.objects.filter(
        action=AuditAction.APPOINTMENT_BOOKED, target_id=str(appointment.pk)
    ).exists()


def test_booking_accepts_an_offset_other_than_helsinkis(api, world):
    start = World.at(World.day(), 10)

    response = book(api, world, start.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"))

    assert response.status_code == 201
    assert response.json()["start"] == start.isoformat()


def test_optional_fields_may_be_null_or_empty(api, world):
    nothing = {"staff": None, "mode": None, "email": None, "interpreter_language": None, "topic": None}

    response = book(api, world, World.at(World.day(), 10), interpreter_mode="", **nothing)

    assert response.status_code == 201, response.content
    appointment = Appointment.objects.get()
    assert (appointment.email, appointment.topic, appointment.interpreter_mode) == ("", "", "")


def test_booking_a_chosen_staff_member_and_mode(api, world):
    place = world.add_place()
    other = world.add_counselor(mode=MeetingMode.IN_PERSON, place=place)
    start = World.at(World.day(), 10)

    response = book(api, world, start, staff=other.pk, mode="in_person", interpreter_mode="in_person")

    assert response.status_code == 201
    appointment = Appointment.objects.get()
    assert (appointment.staff, appointment.mode, appointment.place) == (other, "in_person", place)
    assert appointment.interpreter_mode == ""  # no interpreter language: no interpreter


def test_a_taken_time_is_409_with_the_next_free_times(api, world):
    day = World.day()
    start = World.at(day, 10)
    assert book(api, world, start).status_code == 201

    response = book(api, world, start, name="Toinen")

    assert response.status_code == 409
    data = response.json()
    assert data["code"] == "slot_taken"
    assert data["message"]
    assert len(data["next_slots"]) == 5
    assert all(set(slot) == SLOT_KEYS for slot in data["next_slots"])
    assert data["next_slots"][0]["start"] == World.at(day, 8).isoformat()
    assert start.isoformat() not in {slot["start"] for slot in data["next_slots"]}
    free = get_slots(api, world, service=world.service.pk, **{"from": day, "to": day}).json()
    assert data["next_slots"] == free[:5]
    assert Appointment.objects.count() == 1


def past() -> str:
    yesterday = timezone.localdate(timezone.now(), selectors.TZ) - datetime.timedelta(days=1)
    return World.at(yesterday, 10).isoformat()


INVALID_BOOKINGS = [
    ("past time", {"start": past}, "start"),
    ("outside hours", {"start": lambda: World.at(World.day(), 20).isoformat()}, "start"),
    ("not on the interval", {"start": lambda: World.at(World.day(), 10, 7).isoformat()}, "start"),
    ("beyond the horizon", {"start": lambda: World.at(World.day(70), 10).isoformat()}, "start"),
    ("no offset", {"start": lambda: f"{World.day().isoformat()}T10:00:00"}, "start"),
    ("malformed date", {"start": "tomorrow at ten"}, "start"),
    ("impossible date", {"start": "2026-02-30T10:00:00+02:00"}, "start"),
    ("year 9999", {"start": "9999-12-31T23:59:59-12:00"}, "start"),
    ("missing start", {"start": ...}, "start"),
    ("unknown service", {"service": 999_999}, "service"),
    ("huge service id", {"service": 10**30}, "service"),
    ("service as text", {"service": "palvelu"}, "service"),
    ("other municipality's service", {"service": "other"}, "service"),
    ("not bookable online", {"service": "not_bookable"}, "service"),
    ("other municipality's staff", {"staff": "other"}, "staff"),
    ("unknown staff", {"staff": 999_999}, "staff"),
    ("missing privacy", {"privacy_accepted": ...}, "privacy_accepted"),
    ("privacy refused", {"privacy_accepted": False}, "privacy_accepted"),
    ("bad phone", {"phone": "123"}, "phone"),
    ("phone letters", {"phone": "call me maybe"}, "phone"),
    ("bad email", {"email": "not-an-email"}, "email"),
    ("no contact", {"email": "", "phone": ""}, "phone"),
    ("unsupported language", {"language": "de"}, "language"),
    ("missing language", {"language": ...}, "language"),
    ("missing name", {"name": ...}, "name"),
    ("blank name", {"name": "   "}, "name"),
    ("long topic", {"topic": "x" * 1001}, "topic"),
    (
        "bad interpreter mode",
        {"interpreter_language": "arabia", "interpreter_mode": "telepathy"},
        "interpreter_mode",
    ),
    ("bad mode", {"mode": "teleport"}, "mode"),
    ("NUL in name", {"name": "A\x00B"}, "name"),
    ("list as name", {"name": ["A"]}, "name"),
]


@pytest.mark.parametrize(
    ("changes", "field"), [case[1:] for case in INVALID_BOOKINGS], ids=[c[0] for c in INVALID_BOOKINGS]
)
def test_invalid_bookings_are_400_and_write_nothing(api, world, changes, field):
    other = build_world(slug="jarvela")
    not_bookable = Service.objects.create(
        organization=world.organization, service_type="permits", name_fi="Luvat", bookable=False
    )
    special = {
        ("service", "other"): other.service.pk,
        ("service", "not_bookable"): not_bookable.pk,
        ("staff", "other"): other.counselor.pk,
    }
    resolved = {}
    for key, value in changes.items():
        value = value() if callable(value) else value
        resolved[key] = special.get((key, value), value) if isinstance(value, str) else value
    before = AuditEvent.objects.count()

    data = {**body(world, World.at(World.day(), 10)), **resolved}
    data = {key: value for key, value in data.items() if value is not ...}

    response = post(api, booking_url(world), data)

    assert_invalid(response, field)
    assert not Appointment.objects.exists()
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("phone", ["+358 40 123 4567", "0401234567", "040-123 4567", "+46 70 123 45 67"])
def test_phone_numbers_are_stored_in_international_format(api, world, phone):
    assert book(api, world, World.at(World.day(), 10), phone=phone).status_code == 201
    stored = Appointment.objects.get().phone
    assert stored == ("+46701234567" if phone.startswith("+46") else "+358401234567")


def test_phone_or_email_alone_is_enough(api, world):
    day = World.day()
    assert book(api, world, World.at(day, 10), email="").status_code == 201
    assert book(api, world, World.at(day, 12), phone="").status_code == 201


def test_huge_body_is_400_json(api, world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = post(api, booking_url(world), body(world, World.at(World.day(), 10), topic="x" * 20_000))

    assert response.status_code == 400
    assert response.json()["code"] == "too_large"
    assert not Appointment.objects.exists()


def test_malformed_and_non_object_bodies_are_400_json(api, world):
    malformed = api.post(booking_url(world), data="{not json", content_type="application/json")
    as_list = post(api, booking_url(world), [1, 2])
    as_null = api.post(booking_url(world), data="null", content_type="application/json")
    form = api.post(booking_url(world), data={"name": "A"})

    assert malformed.status_code == 400 and malformed.json()["code"] == "parse_error"
    assert_invalid(as_list, "non_field_errors")
    assert_invalid(as_null, "non_field_errors")
    assert form.status_code == 415 and form.json()["code"] == "unsupported_media_type"


def test_a_staff_session_is_not_used_so_no_csrf_attack_through_it(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.counselor, backend="django.contrib.auth.backends.ModelBackend")

    response = book(browser, world, World.at(World.day(), 10))

    assert response.status_code == 201
    appointment = Appointment.objects.get()
    assert appointment.booked_by is None  # booked as an anonymous client, not as the staff member
    assert AuditEvent.objects.get(action=AuditAction.APPOINTMENT_BOOKED).actor is None
    cancel = post(browser, token_url(appointment.manage_token, "cancel"))
    assert cancel.status_code == 200
    assert AuditEvent.objects.get(action=AuditAction.APPOINTMENT_CANCELLED).actor is None


# --- The booking behind its token ------------------------------------------------------------------


def booked(api: Client, world: World, start: datetime.datetime, **changes: Any) -> str:
    response = book(api, world, start, **changes)
    assert response.status_code == 201, response.content
    return response.json()["manage_token"]


def test_manage_shows_the_booking_without_personal_data(api, world):
    start = World.at(World.day(), 10)
    token = booked(api, world, start, topic="Oleskelulupa", interpreter_language="somali")

    response = api.get(token_url(token), {"lang": "en"})

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    data = response.json()
    assert set(data) == APPOINTMENT_KEYS
    assert data == {
        "reference": Appointment.objects.get().reference,
        "status": "booked",
        "start": start.isoformat(),
        "end": World.at(start.date(), 10, 45).isoformat(),
        "organization": "heinola",
        "service": {"id": world.service.pk, "name": "Everyday guidance"},
        "staff": world.counselor.pk,
        "mode": "video",
        "place": None,
        "can_change": True,
    }
    text = response.content.decode()
    for private in ("Amina", "amina@example.com", "358401234567", "Oleskelulupa", "somali"):
        assert private not in text


def test_manage_shows_the_place_of_an_in_person_meeting(api, world):
    place = world.add_place()
    add_weekly_hours(world.organization, world.add_counselor(), mode=MeetingMode.IN_PERSON, place=place)
    token = booked(api, world, World.at(World.day(), 10), mode="in_person")

    data = api.get(token_url(token)).json()

    assert data["mode"] == "in_person"
    assert data["place"] == {"name": "HeiMo", "address": "Kaivokatu 14, Heinola"}


@pytest.mark.parametrize("action", ["", "cancel", "reschedule"])
def test_unknown_token_is_404_json(api, world, action):
    url = token_url("x" * 43, action)
    response = (
        api.get(url) if not action else post(api, url, {"start": World.at(World.day(), 10).isoformat()})
    )

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_cancel_returns_the_booking_and_frees_the_time(api, world):
    day = World.day()
    start = World.at(day, 10)
    token = booked(api, world, start)
    params = {"service": world.service.pk, "from": day, "to": day}
    assert start.isoformat() not in {slot["start"] for slot in api.get(slots_url(world), params).json()}

    response = post(api, token_url(token, "cancel"))

    assert response.status_code == 200
    data = response.json()
    assert set(data) == APPOINTMENT_KEYS
    assert (data["status"], data["can_change"]) == ("cancelled", False)
    assert start.isoformat() in {slot["start"] for slot in api.get(slots_url(world), params).json()}
    again = post(api, token_url(token, "cancel"))
    assert again.status_code == 409
    assert again.json()["code"] == "not_booked"
    assert AuditEvent.objects.filter(action=AuditAction.APPOINTMENT_CANCELLED).count() == 1


def test_changes_after_the_cut_off_are_409_too_late(api, world):
    token = booked(api, world, World.at(World.day(3), 10))
    BookingPolicy.objects.update_or_create(
        organization=world.organization, defaults={"cancel_cutoff_hours": 24 * 10}
    )

    assert api.get(token_url(token)).json()["can_change"] is False
    for action, data in (("cancel", None), ("reschedule", {"start": World.at(World.day(4), 10).isoformat()})):
        response = post(api, token_url(token, action), data)
        assert response.status_code == 409
        assert response.json()["code"] == "too_late"
        assert response.json()["message"]
    assert Appointment.objects.get().status == Appointment.Status.BOOKED


def test_reschedule_moves_the_booking(api, world):
    day = World.day()
    token = booked(api, world, World.at(day, 10))
    new_start = World.at(day + datetime.timedelta(days=1), 13, 30)

    response = post(api, token_url(token, "reschedule"), {"start": new_start.isoformat()})

    assert response.status_code == 200, response.content
    data = response.json()
    assert set(data) == APPOINTMENT_KEYS
    assert data["start"] == new_start.isoformat()
    assert Appointment.objects.get().start == new_start
    assert AuditEvent.objects.filter(action=AuditAction.APPOINTMENT_MOVED).count() == 1


def test_reschedule_to_a_taken_time_is_409_with_next_slots(api, world):
    day = World.day()
    token = booked(api, world, World.at(day, 10))
    booked(api, world, World.at(day, 13), name="Toinen")

    response = post(api, token_url(token, "reschedule"), {"start": World.at(day, 13).isoformat()})

    assert response.status_code == 409
    data = response.json()
    assert data["code"] == "slot_taken"
    starts = [slot["start"] for slot in data["next_slots"]]
    assert len(starts) == 5 and starts[0] == World.at(day, 8).isoformat()
    assert Appointment.objects.get(manage_token=token).start == World.at(day, 10)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"start": "soon"},
        {"start": "2026-12-01T10:00:00"},
        {"start": "past"},
        {"start": "outside"},
        [],
    ],
)
def test_reschedule_refuses_bad_times(api, world, data):
    day = World.day()
    token = booked(api, world, World.at(day, 10))
    if isinstance(data, dict) and data.get("start") == "past":
        data = {"start": past()}
    if isinstance(data, dict) and data.get("start") == "outside":
        data = {"start": World.at(day, 22).isoformat()}

    response = post(api, token_url(token, "reschedule"), data)

    assert_invalid(response)
    assert Appointment.objects.get().start == World.at(day, 10)


def test_a_cancelled_booking_cannot_be_moved(api, world):
    token = booked(api, world, World.at(World.day(), 10))
    post(api, token_url(token, "cancel"))

    response = post(api, token_url(token, "reschedule"), {"start": World.at(World.day(), 12).isoformat()})

    assert response.status_code == 409
    assert response.json()["code"] == "not_booked"


def test_a_change_that_loses_a_race_is_still_a_clear_409(api, world, monkeypatch):
    token = booked(api, world, World.at(World.day(), 10))
    real_cancel = services.appointment_cancel

    def cancelled_meanwhile(**kwargs: Any) -> Any:
        real_cancel(**kwargs)  # another request of the same client got there first
        return real_cancel(**kwargs)

    monkeypatch.setattr(services, "appointment_cancel", cancelled_meanwhile)
    response = post(api, token_url(token, "cancel"))

    assert response.status_code == 409
    assert response.json()["code"] == "not_booked"


def test_a_reschedule_that_loses_a_race_is_still_a_clear_409(api, world, monkeypatch):
    token = booked(api, world, World.at(World.day(), 10))
    real_reschedule = services.appointment_reschedule

    def cancelled_meanwhile(**kwargs: Any) -> Any:
        services.appointment_cancel(appointment=kwargs["appointment"], actor=None, by_client=True)
        return real_reschedule(**kwargs)

    monkeypatch.setattr(services, "appointment_reschedule", cancelled_meanwhile)
    response = post(api, token_url(token, "reschedule"), {"start": World.at(World.day(), 12).isoformat()})

    assert response.status_code == 409
    assert response.json()["code"] == "not_booked"


# --- Rate limits ---------------------------------------------------------------------------------


def test_every_public_endpoint_is_rate_limited_per_address(api, world, settings):
    settings.KOTOPOLKU_RATE_PUBLIC_API = "3/m"
    token = booked(api, world, World.at(World.day(), 10))
    day = World.day()
    requests = {
        "slots": lambda client: client.get(
            slots_url(world), {"service": world.service.pk, "from": day, "to": day}
        ),
        "detail": lambda client: client.get(token_url(token)),
        "cancel": lambda client: post(client, token_url("unknown", "cancel")),
        "reschedule": lambda client: post(client, token_url("unknown", "reschedule"), {}),
    }
    for name, request in requests.items():
        for _ in range(3):
            assert request(api).status_code != 429, name
        limited = request(api)
        assert limited.status_code == 429, name
        assert limited.json() == {"code": "rate_limited", "message": limited.json()["message"]}
        assert limited.json()["message"]
        assert limited["Retry-After"] == "60"
        other_address = Client(REMOTE_ADDR="10.0.0.2")
        assert request(other_address).status_code != 429, name


def test_booking_has_the_public_form_limit_too(api, world, settings):
    settings.KOTOPOLKU_RATE_PUBLIC_FORM = "2/h"
    day = World.day()

    assert book(api, world, World.at(day, 8)).status_code == 201
    assert book(api, world, World.at(day, 10)).status_code == 201
    limited = book(api, world, World.at(day, 12))

    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
    assert Appointment.objects.count() == 2


def test_rate_limits_can_be_switched_off(api, world, settings):
    settings.RATELIMIT_ENABLE = False
    settings.KOTOPOLKU_RATE_PUBLIC_API = "1/m"
    day = World.day()
    for _ in range(5):
        response = api.get(slots_url(world), {"service": world.service.pk, "from": day, "to": day})
        assert response.status_code == 200


# --- Languages -----------------------------------------------------------------------------------


def translated(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def test_errors_come_in_the_language_of_the_request(api, world):
    invalid = body(world, World.at(World.day(), 10), name=..., language=...)
    required_en, required_ar, required_fi = (
        translated(language, "This field is required.")  # Django REST framework's own catalogue
        for language in ("en", "ar", "fi")
    )
    assert len({required_en, required_ar, required_fi}) == 3

    arabic = post(api, booking_url(world) + "?lang=ar", invalid).json()
    finnish = post(api, booking_url(world), invalid, HTTP_ACCEPT_LANGUAGE="fi").json()
    english = post(api, booking_url(world) + "?lang=en", invalid).json()

    assert arabic["message"] == translated("ar", "Check the data you sent.") != "Check the data you sent."
    assert arabic["errors"]["language"] == [required_ar]
    assert finnish["message"] == translated("fi", "Check the data you sent.") != "Check the data you sent."
    assert finnish["errors"]["language"] == [required_fi]
    assert english["message"] == "Check the data you sent."
    assert english["errors"]["name"] == ["Write your name."]
    assert english["errors"]["language"] == [required_en]


def test_service_messages_follow_the_request_language(api, world):
    other = build_world(slug="jarvela")
    for language in ("en", "fi", "ar"):
        response = post(
            api,
            booking_url(world) + f"?lang={language}",
            body(world, World.at(World.day(), 10), staff=other.counselor.pk),
        )
        assert response.json()["errors"]["staff"] == [
            translated(language, "Choose one of the staff of this municipality.")
        ]


def test_other_errors_are_translated_too(api, world):
    response = api.get(
        reverse("api-organization-slots", kwargs={"org": "nowhere"}), HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert response.json()["message"] == translated("fi", "Not found.")


# --- Junk input never gives a 500 ----------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)
FIELDS = [
    "service",
    "start",
    "staff",
    "mode",
    "name",
    "email",
    "phone",
    "language",
    "interpreter_language",
    "interpreter_mode",
    "topic",
    "privacy_accepted",
]
booking_like = st.fixed_dictionaries({}, optional={field: json_values for field in FIELDS})
plausible = st.sampled_from(
    ["", "1", "-1", "0", "2026-12-01", "2026-12-01T10:00:00+02:00", "9999-12-31", "0001-01-01", "video", "fi"]
)


def assert_handled(response: Any) -> None:
    assert response.status_code < 500
    assert response["Content-Type"] == "application/json"
    assert "code" in response.json() or response.status_code in (200, 201)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=json_values | booking_like, field=st.sampled_from(FIELDS), value=json_values | plausible)
def test_junk_booking_bodies_never_give_a_500(world, settings, data, field, value):
    settings.RATELIMIT_ENABLE = False
    assert_handled(post(Client(), booking_url(world), data))
    # A good booking with one bad field reaches the booking service.
    almost = {**body(world, World.at(World.day(), 10)), field: value}
    assert_handled(post(Client(), booking_url(world), almost))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=st.text(min_size=1, max_size=80))
def test_junk_tokens_never_give_a_500(world, settings, token):
    settings.RATELIMIT_ENABLE = False
    url = f"/api/v1/appointments/{quote(token, safe='')}/"
    for response in (
        Client().get(url),
        post(Client(), url + "cancel/"),
        post(Client(), url + "reschedule/", {}),
    ):
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=json_values | st.fixed_dictionaries({}, optional={"start": json_values | plausible}))
def test_junk_reschedule_bodies_never_give_a_500(world, settings, data):
    settings.RATELIMIT_ENABLE = False
    response = post(Client(), token_url("no-such-token", "reschedule"), data)
    assert response.status_code == 404
    token = Appointment.objects.filter(status="booked").values_list("manage_token", flat=True).first()
    if token is None:
        token = booked(Client(), world, World.at(World.day(), 10))
    assert_handled(post(Client(), token_url(token, "reschedule"), data))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.dictionaries(
        st.sampled_from(["service", "from", "to", "staff", "mode", "lang"]) | st.text(max_size=5),
        plausible | st.text(max_size=30),
        max_size=6,
    )
)
def test_junk_slot_queries_never_give_a_500(world, settings, query):
    settings.RATELIMIT_ENABLE = False
    query = {
        key: value.replace("1", str(world.service.pk)) if key == "service" else value
        for key, value in query.items()
    }
    assert_handled(Client().get(slots_url(world), query))


# --- OpenAPI -------------------------------------------------------------------------------------


def test_openapi_schema_documents_the_booking_api(api):
    response = api.get(reverse("api-schema"), {"format": "json"})

    assert response.status_code == 200
    schema = json.loads(response.content)
    paths = schema["paths"]
    slots = paths["/api/v1/organizations/{org}/slots/"]["get"]
    assert {p["name"] for p in slots["parameters"]} >= {"service", "from", "to", "staff", "mode", "lang"}
    assert set(slots["responses"]) >= {"200", "400", "404", "429"}
    create = paths["/api/v1/organizations/{org}/appointments/"]["post"]
    assert set(create["responses"]) >= {"201", "400", "404", "409", "429"}
    assert "/api/v1/appointments/{token}/" in paths
    assert set(paths["/api/v1/appointments/{token}/cancel/"]["post"]["responses"]) >= {"200", "404", "409"}
    assert set(paths["/api/v1/appointments/{token}/reschedule/"]["post"]["responses"]) >= {
        "200",
        "400",
        "409",
    }
    request_schema = schema["components"]["schemas"]["BookingInputRequest"]
    assert set(request_schema["required"]) == {"service", "start", "name", "language", "privacy_accepted"}
