"""The public events page, its ICS feed, the events API and the staff's event pages."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from kotopolku.appointments.selectors import TZ
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.network.models import Event
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


def public(name: str, organization, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse(f"public:{name}", kwargs={"org": organization.slug})


def api_url(organization) -> str:
    return reverse("api-organization-events", kwargs={"org": organization.slug})


def at(days: int, hour: int = 17) -> datetime.datetime:
    day = timezone.localdate(timezone.now(), TZ) + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TZ)


@pytest.fixture
def events(organization):
    return {
        "past": factories.EventFactory.create(organization=organization, title_fi="Mennyt", start=at(-3)),
        "soon": factories.EventFactory.create(
            organization=organization, title_fi="Kielikahvila", title_en="Language café", start=at(2)
        ),
        "later": factories.EventFactory.create(
            organization=organization, title_fi="Kevätjuhla", start=at(40)
        ),
        "hidden": factories.EventFactory.create(
            organization=organization, title_fi="Luonnos", start=at(5), is_published=False
        ),
    }


def test_events_page_lists_coming_published_events_by_date(client, organization, other_organization, events):
    factories.EventFactory.create(organization=other_organization, title_fi="Naapurin juhla", start=at(3))

    html = client.get(public("events", organization)).content.decode()

    assert html.index("Language café") < html.index("Kevätjuhla")
    for absent in ("Mennyt", "Luonnos", "Naapurin juhla"):
        assert absent not in html
    assert public("events_feed", organization) in html


def test_ics_feed_is_a_calendar_of_published_events(client, organization, events):
    response = client.get(public("events_feed", organization, "en"))

    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert set(summaries) == {"Mennyt", "Language café", "Kevätjuhla"}
    soon = summaries["Language café"]
    assert str(soon["uid"]) == f"event-{events['soon'].pk}@kotopolku"
    assert soon.decoded("dtstart") == events["soon"].start
    assert "HeiMo" in str(soon["location"])


def test_api_lists_events_in_a_range(client, organization, events):
    data = client.get(api_url(organization)).json()
    assert [item["title"] for item in data] == ["Kielikahvila", "Kevätjuhla"]

    first = at(1).date().isoformat()
    last = at(10).date().isoformat()
    data = client.get(api_url(organization), {"from": first, "to": last, "lang": "en"}).json()
    assert [item["title"] for item in data] == ["Language café"]
    assert data[0]["start"].endswith(("+02:00", "+03:00"))


@pytest.mark.parametrize(
    "query",
    [
        {"from": "yesterday"},
        {"to": "2026-13-01"},
        {"from": "2026-05-10", "to": "2026-05-01"},
        {"from": "2026-01-01", "to": "2028-01-01"},
    ],
)
def test_api_bad_dates_are_400(client, organization, query):
    response = client.get(api_url(organization), query)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and response.json()["message"]


def test_staff_add_an_event_and_it_shows_publicly(client, organization, counselor_client, counselor):
    day = at(7).date()

    response = counselor_client.post(
        reverse("staff:event_new", kwargs={"org": organization.slug}),
        {
            "kind": "heimo_cafe",
            "date": day.isoformat(),
            "start_time": "17:00",
            "end_time": "19:00",
            "title_fi": "HeiMo-ilta",
            "title_ar": "أمسية هايمو",
            "place_name_fi": "HeiMo-kahvila",
            "street_address": "Kaivokatu 14",
            "city": "Heinola",
            "is_free": "on",
            "is_published": "on",
        },
    )

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.start == datetime.datetime.combine(day, datetime.time(17), tzinfo=TZ)
    assert AuditEvent.objects.filter(action=AuditAction.EVENT_CREATED, actor=counselor).exists()
    assert "أمسية هايمو" in client.get(public("events", organization, "ar")).content.decode()


def test_staff_event_end_before_start_is_refused(organization, coordinator_client):
    response = coordinator_client.post(
        reverse("staff:event_new", kwargs={"org": organization.slug}),
        {"kind": "own", "date": "2031-01-02", "start_time": "18:00", "end_time": "17:00", "title_fi": "X"},
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 400
    assert not Event.objects.exists()


def test_events_page_query_count_is_constant(client, organization, django_assert_max_num_queries):
    partner = factories.PartnerFactory.create(organization=organization)
    for day in range(1, 16):
        factories.EventFactory.create(organization=organization, organizer=partner, start=at(day))

    with django_assert_max_num_queries(4):
        response = client.get(public("events", organization))
    assert response.content.decode().count('class="card"') == 15


def test_feed_texts_follow_the_address_language(client, organization, events):
    calendar = Calendar.from_ical(client.get(public("events_feed", organization, "fi")).content)
    assert "Kielikahvila" in {str(event["summary"]) for event in calendar.walk("VEVENT")}
