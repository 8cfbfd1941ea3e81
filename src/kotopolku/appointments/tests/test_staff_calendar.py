"""The personal calendar subscription (``/staff/calendar/<token>.ics``) and its renewal."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kotopolku.accounts.models import Role, User
from kotopolku.appointments.models import Appointment, BookingPolicy, InterpreterMode, StaffSchedule
from kotopolku.appointments.selectors import TZ
from kotopolku.appointments.tests import staff_objects as make
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.organizations.models import Organization, Place
from kotopolku.organizations.services import organization_create
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def town() -> Organization:
    return organization_create(data={"slug": "heinola", "name_fi": "Heinola"}, actor=None)


@pytest.fixture
def counselor(town: Organization) -> User:
    return make.staff_member(town)


def feed_url(user: User) -> str:
    token = StaffSchedule.objects.get(staff=user).calendar_token
    return reverse("staff:calendar_feed", kwargs={"token": token})


def today() -> datetime.date:
    return timezone.localdate(timezone.now(), TZ)


def test_feed_lists_my_booked_appointments_without_client_data(town, counselor, client):
    place = Place.objects.create(
        organization=town, name_fi="HeiMo", street_address="Kaivokatu 14", city="Heinola"
    )
    service = make.service(town, name="Arjen neuvonta")
    in_person = make.appointment(
        town,
        start=make.local(today() + datetime.timedelta(days=2), 9),
        staff=counselor,
        of_service=service,
        mode="in_person",
        place=place,
        interpreter_language="arabia",
        interpreter_mode=InterpreterMode.REMOTE,
    )
    by_video = make.appointment(
        town, start=make.local(today() - datetime.timedelta(days=5), 12), staff=counselor, of_service=service
    )
    make.appointment(  # cancelled
        town,
        start=make.local(today() + datetime.timedelta(days=3), 9),
        staff=counselor,
        of_service=service,
        status=Appointment.Status.CANCELLED,
        cancelled_at=timezone.now(),
    )
    make.appointment(
        town, start=make.local(today() - datetime.timedelta(days=40), 9), staff=counselor
    )  # too old
    make.appointment(
        town, start=make.local(today() + datetime.timedelta(days=61), 9), staff=counselor
    )  # too far
    make.appointment(town, start=make.local(today() + datetime.timedelta(days=2), 9))  # a colleague's

    response = client.get(feed_url(counselor))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content.decode()
    assert "X-PUBLISHED-TTL:PT1H" in response.content.decode()
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {f"staff-{in_person.pk}@kotopolku", f"staff-{by_video.pk}@kotopolku"}
    event = events[f"staff-{in_person.pk}@kotopolku"]
    assert str(event["SUMMARY"]) == f"Arjen neuvonta · {in_person.reference}"
    assert str(event["LOCATION"]) == "HeiMo, Kaivokatu 14, Heinola"
    assert event.decoded("DTSTART") == in_person.start
    assert event.decoded("DTEND") == in_person.end
    assert str(event["URL"]).endswith(
        reverse("staff:appointment_detail", kwargs={"org": "heinola", "pk": in_person.pk})
    )
    text = response.content.decode()
    for personal in (
        "Amina",
        "Yusuf",
        "amina.yusuf@example.com",
        "+358401234567",
        "358401234567",
        "Kela",
        "arabia",
    ):
        assert personal not in text


def test_feed_follows_the_booking_horizon(town, counselor, client):
    BookingPolicy.objects.create(organization=town, horizon_days=90)
    far = make.appointment(town, start=make.local(today() + datetime.timedelta(days=80), 9), staff=counselor)

    calendar = Calendar.from_ical(client.get(feed_url(counselor)).content)

    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [f"staff-{far.pk}@kotopolku"]


def test_unknown_token_or_inactive_staff_is_404(town, counselor, client):
    url = feed_url(counselor)
    assert client.get(reverse("staff:calendar_feed", kwargs={"token": "no-such-token"})).status_code == 404

    User.objects.filter(pk=counselor.pk).update(is_active=False)

    assert client.get(url).status_code == 404


def test_feed_query_count_does_not_grow(town, counselor, client, django_assert_max_num_queries):
    service = make.service(town)
    for days in range(1, 25):
        make.appointment(
            town,
            start=make.local(today() + datetime.timedelta(days=days), 9),
            staff=counselor,
            of_service=service,
        )

    url = feed_url(counselor)
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200


def test_subscription_page_shows_my_address_and_renewal_invalidates_the_old_one(town, counselor):
    browser = factories.login_staff(Client(), counselor)
    old = feed_url(counselor)

    page = browser.get(reverse("staff:calendar_subscription", kwargs={"org": town.slug})).content.decode()
    assert f"http://testserver{old}" in page
    assert f"webcal://testserver{old}" in page

    response = browser.post(reverse("staff:calendar_renew", kwargs={"org": town.slug}))

    assert response.status_code == 302
    new = feed_url(counselor)
    assert new != old
    anonymous = Client()
    assert anonymous.get(old).status_code == 404
    assert anonymous.get(new).status_code == 200
    [event] = AuditEvent.objects.filter(action=AuditAction.CALENDAR_LINK_RENEWED)
    assert event.actor == counselor


def test_staff_without_a_schedule_can_make_a_link(town):
    coordinator = User.objects.create_user(
        username="koordinaattori", organization=town, role=Role.COORDINATOR
    )
    browser = factories.login_staff(Client(), coordinator)

    page = browser.get(reverse("staff:calendar_subscription", kwargs={"org": town.slug}))
    assert page.context["feed_url"] == ""
    browser.post(reverse("staff:calendar_renew", kwargs={"org": town.slug}))

    assert Client().get(feed_url(coordinator)).status_code == 200


def test_system_admin_has_no_calendar_here(town):
    admin = User.objects.create_user(username="yllapito", is_superuser=True, is_staff=True)
    browser = factories.login_staff(Client(), admin)

    response = browser.post(reverse("staff:calendar_renew", kwargs={"org": town.slug}))

    assert response.status_code == 302
    assert not StaffSchedule.objects.filter(staff=admin).exists()
