"""The staff agenda (day and week) and the workbench's "Today": contents, filters and query counts."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kotopolku.accounts.models import Role, User
from kotopolku.appointments.models import Appointment, InterpreterMode, MeetingMode
from kotopolku.appointments.selectors import TZ
from kotopolku.appointments.tests import staff_objects as make
from kotopolku.organizations.models import Organization, Place
from kotopolku.organizations.services import organization_create
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def town() -> Organization:
    return organization_create(data={"slug": "heinola", "name_fi": "Heinola"}, actor=None)


@pytest.fixture
def counselor(town: Organization) -> User:
    return make.staff_member(town, first_name="Outi")


@pytest.fixture
def browser(counselor: User) -> Client:
    return factories.login_staff(Client(), counselor)


def agenda_url(town: Organization, **params: object) -> str:
    url = reverse("staff:agenda", kwargs={"org": town.slug})
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{url}?{query}" if query else url


def today() -> datetime.date:
    return timezone.localdate(timezone.now(), TZ)


def test_day_view_lists_the_days_appointments_in_helsinki_time(town, counselor, browser):
    day = today() + datetime.timedelta(days=2)
    place = Place.objects.create(
        organization=town, name_fi="HeiMo", street_address="Kaivokatu 14", city="Heinola"
    )
    service = make.service(town, name="Oleskelulupa-asiat")
    make.appointment(
        town,
        start=make.local(day, 9, 30),
        staff=counselor,
        of_service=service,
        client_name="Amina Yusuf Hassan",
        mode=MeetingMode.IN_PERSON,
        place=place,
        interpreter_language="arabia",
        interpreter_mode=InterpreterMode.REMOTE,
    )
    make.appointment(town, start=make.local(day, 13), staff=counselor, client_name="Olena Kovalenko")
    make.appointment(
        town, start=make.local(day + datetime.timedelta(days=1), 10), client_name="Huomisen Asiakas"
    )
    make.appointment(
        town,
        start=make.local(day, 15),
        client_name="Peruttu Asiakas",
        status=Appointment.Status.CANCELLED,
        cancelled_at=timezone.now(),
    )

    response = browser.get(agenda_url(town, date=day.isoformat()))

    assert response.status_code == 200
    html = response.content.decode()
    assert "09:30–10:15" in html  # wall-clock time in Helsinki, whatever the UTC offset
    assert "13:00–13:45" in html
    assert "Oleskelulupa-asiat" in html
    assert "HeiMo" in html
    assert "Amina" in html and "Yusuf" not in html and "Hassan" not in html  # the first name only
    assert "Olena" in html and "Kovalenko" not in html
    assert "arabia" in html  # the interpreter badge
    assert "amina.yusuf@example.com" not in html and "+358401234567" not in html
    assert "Huomisen" not in html  # another day
    assert "Peruttu" not in html  # cancelled ones are not on the agenda
    assert html.index("09:30") < html.index("13:00")
    for later in (day - datetime.timedelta(days=1), day + datetime.timedelta(days=1)):
        assert f"date={later.isoformat()}" in html  # previous and next day


def test_week_view_shows_monday_to_sunday(town, counselor, browser):
    monday = today() - datetime.timedelta(days=today().weekday()) + datetime.timedelta(days=7)
    make.appointment(town, start=make.local(monday, 8), staff=counselor, client_name="Maanantai Asiakas")
    make.appointment(
        town,
        start=make.local(monday + datetime.timedelta(days=6), 11),
        staff=counselor,
        client_name="Sunnuntai A",
    )
    make.appointment(
        town, start=make.local(monday + datetime.timedelta(days=7), 11), client_name="Xenia Nextweek"
    )

    response = browser.get(
        agenda_url(town, date=(monday + datetime.timedelta(days=3)).isoformat(), view="week")
    )

    html = response.content.decode()
    assert "Maanantai" in html and "Sunnuntai" in html
    assert "Nextweek" not in html
    assert html.count("<h3") == 7  # a heading per day, empty days included
    assert f"date={(monday - datetime.timedelta(days=7)).isoformat()}&amp;view=week" in html
    assert f"date={(monday + datetime.timedelta(days=7)).isoformat()}&amp;view=week" in html


def test_default_is_today_for_the_whole_team(town, counselor, browser):
    colleague = make.staff_member(town, first_name="Kalle")
    now = timezone.localtime(timezone.now(), TZ)
    make.appointment(town, start=make.local(now.date(), 0, 15), staff=colleague, client_name="Tänään Asiakas")

    html = browser.get(agenda_url(town)).content.decode()

    assert "Tänään" in html
    assert str(colleague) in html  # the staff column when the whole team is shown


def test_staff_filter_shows_one_workers_appointments(town, counselor, browser):
    colleague = make.staff_member(town)
    day = today() + datetime.timedelta(days=1)
    make.appointment(town, start=make.local(day, 9), staff=counselor, client_name="Oma Asiakas")
    make.appointment(town, start=make.local(day, 9), staff=colleague, client_name="Toisen Asiakas")

    html = browser.get(agenda_url(town, date=day.isoformat(), staff=counselor.pk)).content.decode()

    assert "Oma" in html and "Toisen" not in html
    assert f"staff={counselor.pk}" in html  # kept in the previous/next links


def test_a_bad_query_falls_back_to_today(town, browser):
    response = browser.get(agenda_url(town, date="not-a-date", view="year", staff="x"))

    assert response.status_code == 200
    assert today().strftime("%-d.%-m.%Y") in response.content.decode()


def test_reporting_staff_cannot_open_the_agenda(town):
    reporter = User.objects.create_user(username="raportoija", organization=town, role=Role.REPORTING)

    assert factories.login_staff(Client(), reporter).get(agenda_url(town)).status_code == 403


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("view", ["day", "week"])
def test_agenda_query_count_does_not_grow_with_appointments(
    town, browser, django_assert_max_num_queries, view
):
    day = today() + datetime.timedelta(days=1)
    service = make.service(town)
    team = [make.staff_member(town) for _ in range(3)]
    url = agenda_url(town, date=day.isoformat(), view=view)
    for person in team:
        make.appointment(town, start=make.local(day, 8), staff=person, of_service=service)
    few = _queries(browser, url)

    for person in team:
        for hour in range(9, 16):
            make.appointment(town, start=make.local(day, hour), staff=person, of_service=service)
    with django_assert_max_num_queries(6):
        assert browser.get(url).status_code == 200
    assert _queries(browser, url) == few


def test_workbench_today_lists_my_appointments_and_waiting_callbacks(town, counselor, browser):
    now = timezone.localtime(timezone.now(), TZ)
    mine = make.appointment(
        town, start=make.local(now.date(), 0, 5), staff=counselor, client_name="Aamu Asiakas"
    )
    theirs = make.appointment(town, start=make.local(now.date(), 0, 5), client_name="Toisen Asiakas")
    make.callback_request(town)
    make.callback_request(town)
    make.callback_request(town, status="handled")

    response = browser.get(reverse("staff:dashboard", kwargs={"org": town.slug}))

    html = response.content.decode()
    detail = reverse("staff:appointment_detail", kwargs={"org": town.slug, "pk": mine.pk})
    assert detail in html
    assert reverse("staff:appointment_detail", kwargs={"org": town.slug, "pk": theirs.pk}) not in html
    assert "Aamu" not in html  # no client names on the workbench
    assert response.context["waiting_callbacks"] == 2
    assert reverse("staff:callbacks", kwargs={"org": town.slug}) in html


def test_workbench_query_count_is_bounded(town, counselor, browser, django_assert_max_num_queries):
    now = timezone.localtime(timezone.now(), TZ)
    service = make.service(town)
    for number in range(20):
        start = make.local(now.date(), 0) + datetime.timedelta(minutes=20 * number)
        Appointment.objects.create(
            organization=town,
            service=service,
            staff=counselor,
            mode=MeetingMode.PHONE,
            start=start,
            end=start + datetime.timedelta(minutes=15),
            blocked_start=start,
            blocked_end=start + datetime.timedelta(minutes=15),
            client_name="Asiakas",
            phone="+358401234567",
            language="fi",
        )
    with django_assert_max_num_queries(10):
        assert browser.get(reverse("staff:dashboard", kwargs={"org": town.slug})).status_code == 200
