"""The public booking flow over HTTP: the steps, their validation, tampering, the manage pages,
call-back requests and rate limits. Times are computed relative to now (a week without public
holidays, at least a week ahead), so no clock is frozen."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from kotopolku.accounts.models import Role, User
from kotopolku.appointments import services as booking_services
from kotopolku.appointments.models import (
    Appointment,
    BookingPolicy,
    CallbackRequest,
    MeetingMode,
    StaffSchedule,
    WorkingHours,
)
from kotopolku.appointments.slots import is_public_holiday
from kotopolku.notifications.models import OutboxMessage
from kotopolku.organizations import services as organization_services
from kotopolku.organizations.models import Organization, Place, Service, ServiceType

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
TOPIC = "Kelan kirje, jota en ymmärrä (SECRET-TOPIC-42)"
SLOT_VALUE = re.compile(r'name="slot" value="([^"]+)"')


@dataclass
class Setup:
    organization: Organization
    service: Service
    phone_only_service: Service
    not_bookable: Service
    place: Place
    aino: User
    monday: datetime.date

    def path(self, lang: str, rest: str = "") -> str:
        return f"/{lang}/{self.organization.slug}/{rest}"


def quiet_week_monday() -> datetime.date:
    """A Monday at least a week ahead whose working days are not public holidays."""
    today = timezone.localdate(timezone.now(), HELSINKI)
    monday = today + datetime.timedelta(days=7 - today.weekday() + 7)
    while any(is_public_holiday(monday + datetime.timedelta(days=d)) for d in range(5)):
        monday += datetime.timedelta(days=7)
    return monday


def make_municipality(slug: str, name: str) -> tuple[Organization, Place, Service]:
    organization = organization_services.organization_create(
        data={
            "slug": slug,
            "name_fi": name,
            "unit_name_fi": "Kotoutumispalvelut",
            "contact_phone": "+358 3 849 3000",
            "contact_email": f"neuvonta@{slug}.example",
        },
        actor=None,
    )
    place = organization_services.place_create(
        organization=organization,
        data={"name_fi": "Virasto", "street_address": "Rauhankatu 3", "postal_code": "18100", "city": name},
        actor=None,
    )
    service = organization_services.service_create(
        organization=organization,
        data={
            "service_type": ServiceType.EVERYDAY_GUIDANCE,
            "name_fi": "Arjen ohjaus",
            "name_ar": "الإرشاد اليومي",
            "description_fi": "Neuvomme arjen asioissa.",
            "bookable": True,
            "duration_minutes": 45,
        },
        actor=None,
    )
    return organization, place, service


@pytest.fixture
def setup(db) -> Setup:
    return build_setup()


def build_setup() -> Setup:
    """Heinola with two bookable services and one not bookable; Aino (Monday and Tuesday mornings at
    the office, Wednesday afternoons by phone) and Bertta (Thursday video, another service)."""
    organization, place, service = make_municipality("heinola", "Heinola")
    phone_only = organization_services.service_create(
        organization=organization,
        data={
            "service_type": ServiceType.PERMITS_CITIZENSHIP,
            "name_fi": "Oleskelulupa-asiat",
            "bookable": True,
            "duration_minutes": 30,
        },
        actor=None,
    )
    not_bookable = organization_services.service_create(
        organization=organization,
        data={
            "service_type": ServiceType.QUOTA_REFUGEE_RECEPTION,
            "name_fi": "Kiintiöpakolaisten vastaanotto",
            "bookable": False,
        },
        actor=None,
    )
    aino = User.objects.create_user(
        username="aino",
        first_name="Aino",
        last_name="Virtanen",
        organization=organization,
        role=Role.COUNSELOR,
    )
    schedule = StaffSchedule.objects.create(organization=organization, staff=aino)
    schedule.services.set([service])
    bertta = User.objects.create_user(
        username="bertta",
        first_name="Bertta",
        last_name="Laine",
        organization=organization,
        role=Role.COUNSELOR,
    )
    StaffSchedule.objects.create(organization=organization, staff=bertta).services.set([phone_only])
    for weekday in (0, 1):  # Monday and Tuesday mornings at the office
        WorkingHours.objects.create(
            organization=organization,
            staff=aino,
            weekday=weekday,
            start_time=datetime.time(9),
            end_time=datetime.time(12),
            mode=MeetingMode.IN_PERSON,
            place=place,
        )
    WorkingHours.objects.create(  # Wednesday afternoons by phone
        organization=organization,
        staff=aino,
        weekday=2,
        start_time=datetime.time(13),
        end_time=datetime.time(15),
        mode=MeetingMode.PHONE,
    )
    WorkingHours.objects.create(
        organization=organization,
        staff=bertta,
        weekday=3,
        start_time=datetime.time(9),
        end_time=datetime.time(11),
        mode=MeetingMode.VIDEO,
    )
    return Setup(organization, service, phone_only, not_bookable, place, aino, quiet_week_monday())


def slot_values(html: str) -> list[str]:
    return SLOT_VALUE.findall(html)


def local_start(value: str) -> datetime.datetime:
    start = datetime.datetime.strptime(value.split(".")[0], "%Y%m%dT%H%MZ").replace(tzinfo=datetime.UTC)
    return start.astimezone(HELSINKI)


def text(response) -> str:
    return response.content.decode()


def go_to_time_step(client: Client, setup: Setup, lang: str = "fi", *, interpreter: bool = False) -> None:
    response = client.post(setup.path(lang, "book/"), {"service": setup.service.pk})
    assert response.status_code == 302
    details = {"topic": TOPIC, "language": lang, "interpreter": "no"}
    if interpreter:
        details.update(interpreter="yes", interpreter_language="dari", interpreter_mode="remote")
    response = client.post(setup.path(lang, "book/details/"), details)
    assert response.status_code == 302
    assert response["Location"] == setup.path(lang, "book/time/")


def choose_time(client: Client, setup: Setup, lang: str = "fi", index: int = 0) -> str:
    page = client.get(setup.path(lang, "book/time/"), {"from": setup.monday.isoformat()})
    value = slot_values(text(page))[index]
    response = client.post(setup.path(lang, "book/time/"), {"slot": value})
    assert response.status_code == 302
    return value


def fill_contact(client: Client, setup: Setup, lang: str = "fi", **contact: str) -> None:
    data = {"name": "Amina Testi", "phone": "040 123 4567", "email": "amina@example.com", **contact}
    response = client.post(setup.path(lang, "book/contact/"), data)
    assert response.status_code == 302
    assert response["Location"] == setup.path(lang, "book/confirm/")


def book(
    client: Client, setup: Setup, lang: str = "fi", *, interpreter: bool = False, index: int = 0
) -> Appointment:
    go_to_time_step(client, setup, lang, interpreter=interpreter)
    choose_time(client, setup, lang, index)
    fill_contact(client, setup, lang)
    response = client.post(setup.path(lang, "book/confirm/"), {"privacy": "on"})
    assert response.status_code == 302, text(response)
    assert response["Location"] == setup.path(lang, "book/done/")
    return Appointment.objects.latest("created_at")


# --- The whole flow ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "ar"])
def test_whole_flow_books_and_queues_confirmations_without_the_topic(client, setup, lang):
    home = client.get(setup.path(lang))
    assert f'href="{setup.path(lang, "book/")}"' in text(home)

    step1 = client.get(setup.path(lang, "book/"))
    assert step1.status_code == 200
    html = text(step1)
    assert "<fieldset" in html and "<legend>" in html
    assert 'type="radio"' in html
    assert f'value="{setup.service.pk}"' in html
    assert f'value="{setup.not_bookable.pk}"' not in html  # listed, but not as a choice
    assert "Kiintiöpakolaisten vastaanotto" in html
    assert "+358 3 849 3000" in html
    if lang == "ar":
        assert 'dir="rtl"' in html and 'lang="ar"' in html
        assert "الإرشاد اليومي" in html

    go_to_time_step(client, setup, lang, interpreter=True)
    time_page = client.get(setup.path(lang, "book/time/"), {"from": setup.monday.isoformat()})
    html = text(time_page)
    assert time_page.status_code == 200
    assert f'<time datetime="{setup.monday.isoformat()}">' in html
    values = slot_values(html)
    starts = [local_start(value) for value in values]
    assert starts == sorted(starts), "earliest first"
    assert starts[0] == datetime.datetime.combine(setup.monday, datetime.time(9), tzinfo=HELSINKI)
    assert "Aino" in html and "Rauhankatu 3" in html
    assert "Bertta" not in html  # she does not provide this service

    response = client.post(setup.path(lang, "book/time/"), {"slot": values[2]})
    assert response["Location"] == setup.path(lang, "book/contact/")
    fill_contact(client, setup, lang)

    confirm = client.get(setup.path(lang, "book/confirm/"))
    html = text(confirm)
    assert "Amina Testi" in html and "+358401234567" in html
    assert "SECRET-TOPIC-42" in html  # the client checks their own answers
    assert 'id="fee-heading"' in html and 'id="privacy-heading"' in html
    assert html.index('id="fee-heading"') < html.index('type="submit"'), "the fee notice comes before booking"
    assert html.count('href="' + setup.path(lang, "book/contact/") + '"') >= 1  # change links

    done = client.post(setup.path(lang, "book/confirm/"), {"privacy": "on"}, follow=True)
    assert done.status_code == 200
    appointment = Appointment.objects.get()
    assert appointment.status == Appointment.Status.BOOKED
    assert appointment.channel == Appointment.Channel.ONLINE
    assert appointment.start == starts[2]
    assert appointment.staff == setup.aino
    assert appointment.place == setup.place
    assert appointment.phone == "+358401234567"
    assert appointment.email == "amina@example.com"
    assert appointment.language == lang
    assert appointment.interpreter_language == "dari"
    assert appointment.interpreter_mode == "remote"
    assert appointment.topic == TOPIC
    assert appointment.privacy_accepted_at is not None

    html = text(done)
    assert appointment.reference in html
    assert f'href="http://testserver{setup.path(lang, "booking/" + appointment.manage_token + "/")}"' in html
    assert setup.path(lang, f"booking/{appointment.manage_token}/calendar.ics") in html
    assert "amina@example.com" in html

    outbox = OutboxMessage.objects.filter(appointment=appointment)
    assert {(m.channel, m.kind) for m in outbox} == {
        ("email", OutboxMessage.Kind.BOOKING_CONFIRMATION),
        ("sms", OutboxMessage.Kind.BOOKING_CONFIRMATION),
    }
    for message in outbox:
        assert message.language == lang
        assert "SECRET-TOPIC" not in message.body
        assert "SECRET-TOPIC" not in message.subject
        assert "SECRET-TOPIC" not in message.ics

    # Reloading the done page shows the same booking; the draft is gone.
    again = client.get(setup.path(lang, "book/done/"))
    assert appointment.reference in text(again)
    assert client.get(setup.path(lang, "book/confirm/"))["Location"] == setup.path(lang, "book/")
    assert client.get(setup.path(lang, "book/time/"))["Location"] == setup.path(lang, "book/")


def test_done_page_without_a_booking_goes_to_the_start(client, setup):
    response = client.get(setup.path("fi", "book/done/"))
    assert response.status_code == 302
    assert response["Location"] == setup.path("fi", "book/")


def test_steps_cannot_be_skipped(client, setup):
    for step in ("details/", "time/", "contact/", "confirm/"):
        response = client.get(setup.path("fi", "book/" + step))
        assert response["Location"] == setup.path("fi", "book/"), step
    client.post(setup.path("fi", "book/"), {"service": setup.service.pk})
    assert client.get(setup.path("fi", "book/confirm/"))["Location"] == setup.path("fi", "book/details/")


def test_changing_the_service_from_the_summary_asks_for_a_new_time(client, setup):
    go_to_time_step(client, setup)
    choose_time(client, setup)
    fill_contact(client, setup)
    response = client.post(setup.path("fi", "book/"), {"service": setup.phone_only_service.pk})
    assert response["Location"] == setup.path("fi", "book/time/")
    # Changing the details keeps the time and returns to the summary.
    client.post(setup.path("fi", "book/"), {"service": setup.service.pk})
    choose_time(client, setup)
    response = client.post(setup.path("fi", "book/details/"), {"language": "sv", "interpreter": "no"})
    assert response["Location"] == setup.path("fi", "book/confirm/")


def test_other_language_is_kept_for_the_staff(client, setup):
    client.post(setup.path("en", "book/"), {"service": setup.service.pk})
    client.post(
        setup.path("en", "book/details/"),
        {"topic": "", "language": "other", "language_other": "Tigrinya", "interpreter": "no"},
    )
    choose_time(client, setup, "en")
    fill_contact(client, setup, "en", email="")
    client.post(setup.path("en", "book/confirm/"), {"privacy": "on"})
    appointment = Appointment.objects.get()
    assert appointment.language == "en"  # the messages go in the language of the pages
    assert appointment.language_other == "Tigrinya"
    assert appointment.topic == ""
    assert appointment.email == ""
    assert OutboxMessage.objects.filter(appointment=appointment).get().channel == "sms"


# --- Validation --------------------------------------------------------------------------------------


def test_service_step_requires_a_choice(client, setup):
    response = client.post(setup.path("en", "book/"), {})
    assert response.status_code == 400
    html = text(response)
    assert 'id="error-summary"' in html
    assert "Choose a service." in html
    assert "<title>Error:" in html


def test_details_step_messages(client, setup):
    client.post(setup.path("en", "book/"), {"service": setup.service.pk})
    response = client.post(setup.path("en", "book/details/"), {"language": "en"})
    assert response.status_code == 400
    assert "Choose whether you need an interpreter." in text(response)

    response = client.post(setup.path("en", "book/details/"), {"language": "en", "interpreter": "yes"})
    html = text(response)
    assert response.status_code == 400
    assert "Write the language the interpreter should speak." in html
    assert "Choose whether the interpreter is present or remote." in html
    assert 'href="#id_interpreter_mode"' in html and 'id="id_interpreter_mode"' in html

    response = client.post(setup.path("en", "book/details/"), {"language": "other", "interpreter": "no"})
    assert "Write which language you want to use." in text(response)

    # Interpreter fields are ignored when no interpreter is needed.
    response = client.post(
        setup.path("en", "book/details/"),
        {"language": "en", "interpreter": "no", "interpreter_language": "farsi", "interpreter_mode": "bogus"},
    )
    assert response.status_code == 400  # an unknown option is still an error
    response = client.post(
        setup.path("en", "book/details/"),
        {
            "language": "en",
            "interpreter": "no",
            "interpreter_language": "farsi",
            "interpreter_mode": "remote",
        },
    )
    assert response.status_code == 302
    assert client.session[f"booking_draft:{setup.organization.pk}"]["details"]["interpreter_language"] == ""


def test_contact_step_messages(client, setup):
    go_to_time_step(client, setup, "en")
    choose_time(client, setup, "en")
    response = client.post(setup.path("en", "book/contact/"), {"name": "  ", "phone": "", "email": ""})
    html = text(response)
    assert response.status_code == 400
    assert "Write your name." in html
    assert "Give a phone number or an email address, or both." in html

    response = client.post(setup.path("en", "book/contact/"), {"name": "A", "phone": "12", "email": "x@"})
    html = text(response)
    assert "This phone number does not look right" in html or "Write the phone number with numbers" in html
    assert "Write the email address in the form name@example.com." in html

    page = client.get(setup.path("en", "book/contact/"))
    html = text(page)
    assert 'type="tel"' in html and 'inputmode="tel"' in html and 'autocomplete="tel"' in html
    assert 'type="email"' in html and 'autocomplete="email"' in html and 'autocomplete="name"' in html

    response = client.post(setup.path("en", "book/contact/"), {"name": "A", "phone": "+46 70 123 45 67"})
    assert response.status_code == 302
    assert client.session[f"booking_draft:{setup.organization.pk}"]["contact"]["phone"] == "+46701234567"


def test_privacy_notice_must_be_accepted(client, setup):
    go_to_time_step(client, setup, "en")
    choose_time(client, setup, "en")
    fill_contact(client, setup, "en")
    response = client.post(setup.path("en", "book/confirm/"), {})
    assert response.status_code == 400
    assert "Tick the box to show you have read the privacy notice." in text(response)
    assert not Appointment.objects.exists()


def test_interpreter_fee_notice_only_when_an_interpreter_is_requested(client, setup):
    go_to_time_step(client, setup, "en", interpreter=False)
    choose_time(client, setup, "en")
    fill_contact(client, setup, "en")
    html = text(client.get(setup.path("en", "book/confirm/")))
    assert "you may have to pay a fee" not in html
    assert 'id="privacy-heading"' in html

    client.post(
        setup.path("en", "book/details/"),
        {
            "language": "en",
            "interpreter": "yes",
            "interpreter_language": "Dari",
            "interpreter_mode": "in_person",
        },
    )
    html = text(client.get(setup.path("en", "book/confirm/")))
    assert "you may have to pay a fee (at most 56.70 €)" in html
    assert "There is no fee for under-18s" in html
    assert "Cancel at the latest on" in html and "+358 3 849 3000" in html


# --- The time list ---------------------------------------------------------------------------------


def test_time_page_weeks_and_mode_filter(client, setup):
    go_to_time_step(client, setup, "en")
    page = client.get(setup.path("en", "book/time/"), {"from": setup.monday.isoformat()})
    html = text(page)
    assert "in person at Virasto, Rauhankatu 3" in html
    assert "by phone" in html
    assert "Earlier times" in html and "Later times" in html
    later = (setup.monday + datetime.timedelta(days=7)).isoformat()
    assert f"?from={later}" in html

    phone_only = client.get(
        setup.path("en", "book/time/"), {"from": setup.monday.isoformat(), "mode": "phone"}
    )
    html = text(phone_only)
    assert "by phone" in html
    assert "in person at" not in html
    assert f"from={later}&amp;mode=phone" in html

    for bad in ("yesterday", "2026-13-45", "1999-01-01", "9999-12-31", "<script>"):
        response = client.get(setup.path("en", "book/time/"), {"from": bad, "mode": "teleport"})
        assert response.status_code == 200, bad
        assert "Earlier times" not in text(response)  # fell back to this week


def test_time_page_without_free_times_offers_a_call_back(client, setup):
    WorkingHours.objects.all().delete()
    go_to_time_step(client, setup, "en")
    html = text(client.get(setup.path("en", "book/time/")))
    assert "There are no free times in this week." in html
    assert "No free time can be booked online at the moment." in html
    assert f'href="{setup.path("en", "book/callback/")}"' in html


def test_empty_week_links_to_the_next_free_time(client, setup):
    WorkingHours.objects.update(valid_from=setup.monday)  # nothing before the quiet week
    go_to_time_step(client, setup, "en")
    html = text(client.get(setup.path("en", "book/time/")))
    assert not slot_values(html)
    assert "There are no free times in this week." in html
    assert "Show the next free times, from Monday" in html
    assert f"?from={setup.monday.isoformat()}" in html

    html = text(
        client.get(setup.path("en", "book/time/"), {"from": setup.monday.isoformat(), "mode": "video"})
    )
    assert "There are no free times of this kind in this week." in html  # nobody offers it by video


def test_time_page_query_count_is_bounded(client, setup, django_assert_max_num_queries):
    go_to_time_step(client, setup)
    with django_assert_max_num_queries(13):
        response = client.get(setup.path("fi", "book/time/"), {"from": setup.monday.isoformat()})
    assert len(slot_values(text(response))) > 20


# --- Slot taken -----------------------------------------------------------------------------------------


def test_slot_taken_by_someone_else_returns_to_the_time_list_with_the_draft_kept(client, setup):
    go_to_time_step(client, setup, "en", interpreter=True)
    value = choose_time(client, setup, "en")
    fill_contact(client, setup, "en", name="First Client")

    other = Client()
    book(other, setup, "fi")  # the same (first) time, from another session
    assert Appointment.objects.count() == 1

    response = client.post(setup.path("en", "book/confirm/"), {"privacy": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith(setup.path("en", "book/time/"))
    page = client.get(response["Location"])
    html = text(page)
    assert "Someone booked this time just before you. Choose another time." in html
    assert value not in slot_values(html)
    assert Appointment.objects.count() == 1
    draft = client.session[f"booking_draft:{setup.organization.pk}"]
    assert "slot" not in draft
    assert draft["contact"]["name"] == "First Client"
    assert draft["details"]["interpreter_language"] == "dari"

    # Choosing another time brings the client straight back to the summary.
    response = client.post(setup.path("en", "book/time/"), {"slot": slot_values(html)[0]})
    assert response["Location"] == setup.path("en", "book/confirm/")


def test_choosing_a_time_taken_meanwhile_says_so(client, setup):
    go_to_time_step(client, setup, "en")
    page = client.get(setup.path("en", "book/time/"), {"from": setup.monday.isoformat()})
    value = slot_values(text(page))[0]
    book(Client(), setup, "fi")
    response = client.post(setup.path("en", "book/time/"), {"slot": value}, follow=True)
    assert "Someone booked this time just before you." in text(response)


# --- Tampering: 400, nothing written ----------------------------------------------------------------


def test_tampered_service_is_rejected(client, setup):
    _other_org, _place, other_service = make_municipality("jarvela", "Järvelä")
    for value in ("999999", "abc", "-1", "1e5", str(other_service.pk), str(setup.not_bookable.pk), "9" * 30):
        response = client.post(setup.path("en", "book/"), {"service": value})
        assert response.status_code == 400, value
        assert "Choose one of the services in the list." in text(response)
    assert f"booking_draft:{setup.organization.pk}" not in client.session


def test_tampered_time_is_rejected(client, setup):
    go_to_time_step(client, setup, "en")
    page = client.get(setup.path("en", "book/time/"), {"from": setup.monday.isoformat()})
    good = slot_values(text(page))[0]
    start, staff_id, _mode = good.split(".")
    other_org, _place, _service = make_municipality("jarvela", "Järvelä")
    stranger = User.objects.create_user(
        username="s", first_name="S", organization=other_org, role=Role.COUNSELOR
    )
    StaffSchedule.objects.create(organization=other_org, staff=stranger)
    tampered = [
        "",
        "garbage",
        f"{start}.{staff_id}.teleport",
        f"{start}.{staff_id}.phone",  # Monday is at the office
        f"{start[:9]}0300Z.{staff_id}.in_person",  # the middle of the night
        f"20261301T0700Z.{staff_id}.in_person",  # no such month
        f"{start}.{stranger.pk}.in_person",  # another municipality's staff
        f"{start}.99999999999999999.in_person",
        f"{start}.{staff_id}.in_person.extra",
        "20000103T0700Z." + staff_id + ".in_person",  # the past
    ]
    for value in tampered:
        response = client.post(setup.path("en", "book/time/"), {"slot": value})
        assert response.status_code == 400, value
        assert "The time was not one of the free times." in text(response)
    assert "slot" not in client.session[f"booking_draft:{setup.organization.pk}"]
    assert not Appointment.objects.exists()


def test_tampered_details_are_rejected(client, setup):
    client.post(setup.path("en", "book/"), {"service": setup.service.pk})
    response = client.post(setup.path("en", "book/details/"), {"language": "xx", "interpreter": "maybe"})
    assert response.status_code == 400
    assert "Choose one of the languages in the list." in text(response)
    assert "Choose yes or no." in text(response)


def test_nul_bytes_and_odd_tokens_never_fail(client, setup):
    for rest in ("booking/abc%00def/", "booking/abc%00def/cancel/", "booking/" + "a" * 500 + "/"):
        assert client.get(setup.path("fi", rest)).status_code == 404, rest
    go_to_time_step(client, setup)
    assert (
        client.post(setup.path("fi", "book/time/"), {"slot": "20261207T0700Z.1.in_person\x00"}).status_code
        == 400
    )
    response = client.post(
        setup.path("fi", "book/details/"), {"language": "fi", "interpreter": "no", "topic": "a\x00"}
    )
    assert response.status_code == 400
    assert (
        client.get(setup.path("fi", "book/time/"), {"from": "2026-01-01\x00", "mode": "\x00"}).status_code
        == 200
    )
    assert client.post(setup.path("fi", "book/"), {"service": "1\x00"}).status_code == 400
    response = client.post(
        setup.path("fi", "book/callback/"), {"name": "a\x00", "email": "a\x00@b.fi", "language": "fi"}
    )
    assert response.status_code == 400
    assert not CallbackRequest.objects.exists()


def test_no_booking_pages_for_unknown_or_unpublished_municipality(client, setup):
    assert client.get("/fi/no-such-town/book/").status_code == 404
    organization_services.organization_update(
        organization=setup.organization, data={"is_active": False}, actor=setup.aino
    )
    assert client.get(setup.path("fi", "book/")).status_code == 404


# --- Manage: see, cancel, move ------------------------------------------------------------------------


def test_manage_page_shows_the_booking_but_not_the_topic(client, setup):
    appointment = book(client, setup, "en")
    other = Client()  # the link works in any browser
    html = text(other.get(setup.path("en", f"booking/{appointment.manage_token}/")))
    assert appointment.reference in html
    assert "Arjen ohjaus" in html and "Rauhankatu 3" in html
    assert "SECRET-TOPIC" not in html
    assert "Amina" not in html
    assert 'name="robots" content="noindex"' in html
    assert "Cancel the appointment" in html and "Choose another time" in html


def test_unknown_token_or_wrong_municipality_is_404(client, setup):
    appointment = book(client, setup)
    make_municipality("jarvela", "Järvelä")
    assert client.get(setup.path("fi", "booking/nope/")).status_code == 404
    assert client.get(f"/fi/jarvela/booking/{appointment.manage_token}/").status_code == 404
    assert client.post(f"/fi/jarvela/booking/{appointment.manage_token}/cancel/").status_code == 404


def test_cancel_by_the_client(client, setup):
    appointment = book(client, setup, "en", interpreter=True)
    manage = setup.path("en", f"booking/{appointment.manage_token}/")
    confirm_page = client.get(manage + "cancel/")
    assert confirm_page.status_code == 200
    assert "Yes, cancel the appointment" in text(confirm_page)
    assert Appointment.objects.get().status == Appointment.Status.BOOKED  # GET changes nothing

    response = client.post(manage + "cancel/", {"reason": "I got a job interview"}, follow=True)
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED
    assert appointment.cancelled_by_client
    assert appointment.cancel_reason == "I got a job interview"
    html = text(response)
    assert "This booking has been cancelled." in html
    assert "Choose another time" not in html
    assert OutboxMessage.objects.filter(
        appointment=appointment, kind=OutboxMessage.Kind.BOOKING_CANCELLED
    ).exists()
    assert client.get(manage + "calendar.ics").status_code == 404
    # A second cancel changes nothing.
    assert client.post(manage + "cancel/")["Location"] == manage


def test_reschedule_by_the_client(client, setup):
    appointment = book(client, setup, "en")
    manage = setup.path("en", f"booking/{appointment.manage_token}/")
    page = client.get(manage + "reschedule/", {"from": setup.monday.isoformat()})
    assert page.status_code == 200
    values = slot_values(text(page))
    assert all(local_start(v) != appointment.start for v in values), "the current time is not offered"
    new_value = values[-1]

    response = client.post(manage + "reschedule/", {"slot": new_value}, follow=True)
    assert "Your appointment has been moved" in text(response)
    moved = Appointment.objects.get()
    assert moved.start == local_start(new_value)
    assert moved.reference == appointment.reference
    assert OutboxMessage.objects.filter(appointment=moved, kind=OutboxMessage.Kind.BOOKING_MOVED).exists()

    assert client.post(manage + "reschedule/", {"slot": "bogus"}).status_code == 400
    assert Appointment.objects.get().start == moved.start


def test_reschedule_to_a_time_taken_meanwhile(client, setup):
    appointment = book(client, setup, "en", index=0)
    manage = setup.path("en", f"booking/{appointment.manage_token}/")
    values = slot_values(text(client.get(manage + "reschedule/", {"from": setup.monday.isoformat()})))
    target = values[-1]
    other = Client()
    go_to_time_step(other, setup)
    other.post(setup.path("fi", "book/time/"), {"slot": target})
    fill_contact(other, setup)
    assert other.post(setup.path("fi", "book/confirm/"), {"privacy": "on"}).status_code == 302

    response = client.post(manage + "reschedule/", {"slot": target}, follow=True)
    assert "Someone booked this time just before you." in text(response)
    appointment.refresh_from_db()
    assert appointment.start != local_start(target)


def test_after_the_cutoff_the_client_is_asked_to_call(client, setup):
    appointment = book(client, setup, "en")
    BookingPolicy.objects.update_or_create(
        organization=setup.organization, defaults={"cancel_cutoff_hours": 9000}
    )
    manage = setup.path("en", f"booking/{appointment.manage_token}/")
    html = text(client.get(manage))
    assert "It is too late to change or cancel the booking online. Please call us." in html
    assert "+358 3 849 3000" in html
    assert "Cancel the appointment" not in html

    assert client.post(manage + "cancel/", {"reason": "x"})["Location"] == manage
    assert client.post(manage + "reschedule/", {"slot": "x"})["Location"] == manage
    assert Appointment.objects.get().status == Appointment.Status.BOOKED


def test_calendar_download(client, setup):
    appointment = book(client, setup, "en")
    response = client.get(setup.path("en", f"booking/{appointment.manage_token}/calendar.ics"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body
    assert f"UID:{appointment.reference}@kotopolku" in body
    assert appointment.start.astimezone(datetime.UTC).strftime("DTSTART:%Y%m%dT%H%M%SZ") in body
    assert "SECRET-TOPIC" not in body


# --- Call-back request --------------------------------------------------------------------------------


def test_callback_request(client, setup):
    go_to_time_step(client, setup, "en", interpreter=True)
    page = client.get(setup.path("en", "book/callback/"))
    assert page.status_code == 200
    response = client.post(setup.path("en", "book/callback/"), {"name": "Amina", "language": "en"})
    assert response.status_code == 400
    assert "Give a phone number or an email address, or both." in text(response)
    assert not CallbackRequest.objects.exists()

    response = client.post(
        setup.path("en", "book/callback/"),
        {
            "name": "Amina",
            "phone": "0401234567",
            "language": "ar",
            "interpreter_language": "Arabic",
            "preferred_times": "mornings",
            "topic": "Kela",
        },
    )
    assert response["Location"] == setup.path("en", "book/callback/thanks/")
    request = CallbackRequest.objects.get()
    assert request.organization == setup.organization
    assert request.service == setup.service  # from the draft
    assert request.phone == "+358401234567"
    assert request.language == "ar"
    assert request.preferred_times == "mornings"
    assert "we will contact you" in text(client.get(response["Location"]))


# --- Rate limits ------------------------------------------------------------------------------------


def test_public_posts_are_rate_limited(client, setup, settings):
    settings.KOTOPOLKU_RATE_PUBLIC_FORM = "2/h"
    for _ in range(2):
        assert client.post(setup.path("en", "book/callback/"), {"name": ""}).status_code == 400
    response = client.post(setup.path("en", "book/callback/"), {"name": ""})
    assert response.status_code == 429
    go_to_time_step(client, setup, "en")
    choose_time(client, setup, "en")
    fill_contact(client, setup, "en")
    assert client.post(setup.path("en", "book/confirm/"), {}).status_code == 400
    assert client.post(setup.path("en", "book/confirm/"), {}).status_code == 400
    assert client.post(setup.path("en", "book/confirm/"), {"privacy": "on"}).status_code == 429
    assert not Appointment.objects.exists()
    # Reading is not limited.
    assert client.get(setup.path("en", "book/confirm/")).status_code == 200


def test_manage_posts_are_rate_limited(client, setup, settings):
    appointment = book(client, setup, "en")
    settings.KOTOPOLKU_RATE_PUBLIC_FORM = "1/h"
    manage = setup.path("en", f"booking/{appointment.manage_token}/")
    assert client.post(manage + "reschedule/", {"slot": "bogus"}).status_code == 400
    assert client.post(manage + "reschedule/", {"slot": "bogus"}).status_code == 429
    assert client.post(manage + "cancel/").status_code == 302
    assert client.post(manage + "cancel/").status_code == 429


def test_service_booking_rule_errors_are_shown(client, setup, monkeypatch):
    go_to_time_step(client, setup, "en")
    choose_time(client, setup, "en")
    fill_contact(client, setup, "en")

    def refuse(**kwargs):
        from django.core.exceptions import ValidationError

        raise ValidationError({"service": ["This service cannot be booked online. Call or send email."]})

    monkeypatch.setattr(booking_services, "appointment_book", refuse)
    response = client.post(setup.path("en", "book/confirm/"), {"privacy": "on"})
    assert response.status_code == 400
    assert "This service cannot be booked online." in text(response)
