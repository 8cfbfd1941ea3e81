"""The staff page (cancel, undo, extra session; audited), the public page and the sessions API."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kotopolku.appointments.selectors import TZ
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.dropin import selectors
from kotopolku.dropin.models import DropinExtraSession, DropinSessionException

pytestmark = pytest.mark.django_db


def next_tuesday() -> datetime.date:
    today = timezone.localdate(timezone.now(), TZ)
    day = today + datetime.timedelta(days=(1 - today.weekday()) % 7 or 7)
    while day in selectors.finnish_holidays(day.year):
        day += datetime.timedelta(days=7)
    return day


def staff_url(name: str, organization, **kwargs) -> str:
    return reverse(f"staff:{name}", kwargs={"org": organization.slug, **kwargs})


def public_url(lang: str, organization) -> str:
    with translation.override(lang):
        return reverse("public:dropin", kwargs={"org": organization.slug})


def api_url(organization) -> str:
    return reverse("api-organization-dropin-sessions", kwargs={"org": organization.slug})


def test_staff_cancellation_shows_on_the_public_page_and_the_api(
    client, coordinator_client, organization, tuesday, coordinator
):
    day = next_tuesday()

    response = coordinator_client.post(
        staff_url("dropin_cancel", organization, pk=tuesday.pk),
        {"date": day.isoformat(), "reason": "Ohjaaja on koulutuksessa"},
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.DROPIN_SESSION_CANCELLED)
    assert event.actor == coordinator and event.organization == organization
    assert event.details == {"schedule": tuesday.pk, "date": day.isoformat()}
    html = client.get(public_url("fi", organization)).content.decode()
    assert "Peruttu" in html or "Cancelled" in html
    assert "Ohjaaja on koulutuksessa" in html
    data = client.get(api_url(organization)).json()
    cancelled = [s for s in data if s["id"] == f"s{tuesday.pk}-{day:%Y%m%d}"]
    assert cancelled and cancelled[0]["status"] == "cancelled"
    staff_html = coordinator_client.get(staff_url("dropin_sessions", organization)).content.decode()
    assert "Ohjaaja on koulutuksessa" in staff_html


def test_undo_a_cancellation_is_audited(coordinator_client, organization, tuesday):
    day = next_tuesday()
    exception = DropinSessionException.objects.create(schedule=tuesday, date=day, reason_fi="Sairas")

    coordinator_client.post(staff_url("dropin_restore", organization, pk=exception.pk))

    assert not DropinSessionException.objects.exists()
    event = AuditEvent.objects.get(action=AuditAction.DROPIN_SESSION_RESTORED)
    assert event.target_id == str(exception.pk) and event.organization == organization
    (session,) = selectors.sessions_between(organization=organization, date_from=day, date_to=day)
    assert session.status == selectors.SCHEDULED


def test_cancelling_a_day_without_a_session_is_refused(coordinator_client, organization, tuesday):
    wednesday = next_tuesday() + datetime.timedelta(days=1)

    response = coordinator_client.post(
        staff_url("dropin_cancel", organization, pk=tuesday.pk),
        {"date": wednesday.isoformat(), "reason": "x"},
    )

    assert response.status_code == 400
    assert not DropinSessionException.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.DROPIN_SESSION_CANCELLED).exists()


def test_extra_session_added_and_removed_with_audit(
    client, coordinator_client, organization, heimo, counselor
):
    day = next_tuesday() + datetime.timedelta(days=2)

    coordinator_client.post(
        staff_url("dropin_extra_new", organization),
        {
            "place": heimo.pk,
            "date": day.isoformat(),
            "start_time": "14:00",
            "end_time": "15:30",
            "staff_on_duty": [counselor.pk],
            "note": "Ylimääräinen",
        },
    )

    extra = DropinExtraSession.objects.get()
    assert timezone.localtime(extra.start, TZ) == datetime.datetime.combine(
        day, datetime.time(14, 0), tzinfo=TZ
    )
    assert list(extra.staff_on_duty.all()) == [counselor]
    assert AuditEvent.objects.filter(
        action=AuditAction.DROPIN_EXTRA_CREATED, target_id=str(extra.pk)
    ).exists()
    html = client.get(public_url("fi", organization)).content.decode()
    assert f"{counselor.first_name}" in html and "14:00" in html and "Kaivokatu 14" in html
    assert counselor.last_name not in html

    coordinator_client.post(staff_url("dropin_extra_delete", organization, pk=extra.pk))

    assert not DropinExtraSession.objects.exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.DROPIN_EXTRA_DELETED, target_id=str(extra.pk)
    ).exists()


def test_extra_session_with_another_municipalitys_place_is_refused(
    coordinator_client, organization, other_organization
):
    from kotopolku.testing import factories

    foreign = factories.PlaceFactory.create(organization=other_organization)
    day = next_tuesday()

    response = coordinator_client.post(
        staff_url("dropin_extra_new", organization),
        {"place": foreign.pk, "date": day.isoformat(), "start_time": "14:00", "end_time": "15:00"},
    )

    assert response.status_code == 400
    assert not DropinExtraSession.objects.exists()


def test_schedule_services_are_audited(organization, heimo, counselor, coordinator):
    from kotopolku.dropin import services

    schedule = services.dropin_schedule_create(
        organization=organization,
        data={
            "place": heimo,
            "weekday": 1,
            "start_time": datetime.time(12, 15),
            "end_time": datetime.time(13, 0),
            "valid_from": datetime.date(2026, 1, 1),
        },
        staff_on_duty=[counselor],
        actor=coordinator,
    )
    services.dropin_schedule_update(
        schedule=schedule, data={"end_time": datetime.time(13, 30)}, staff_on_duty=[], actor=coordinator
    )

    created = AuditEvent.objects.get(action=AuditAction.DROPIN_SCHEDULE_CREATED)
    updated = AuditEvent.objects.get(action=AuditAction.DROPIN_SCHEDULE_UPDATED)
    assert created.target_id == updated.target_id == str(schedule.pk)
    assert updated.details == {"fields": ["end_time", "staff_on_duty"]}
    assert not schedule.staff_on_duty.exists()


@pytest.mark.parametrize(("lang", "direction"), [("fi", "ltr"), ("ar", "rtl")])
def test_public_page_in_finnish_and_arabic(client, organization, tuesday, lang, direction):
    response = client.get(public_url(lang, organization))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in html and f'dir="{direction}"' in html
    assert "HeiMo-kahvila" in html and "Kaivokatu 14" in html and "12:15" in html
    with translation.override(lang):
        assert reverse("public:book_service", kwargs={"org": organization.slug}) in html


def test_open_session_is_marked_open_now(client, organization, heimo):
    now = timezone.now()
    DropinExtraSession.objects.create(
        organization=organization,
        place=heimo,
        start=now - datetime.timedelta(minutes=5),
        end=now + datetime.timedelta(hours=2),
    )

    with translation.override("en"):
        html = client.get(public_url("en", organization)).content.decode()
        data = client.get(api_url(organization)).json()

    assert "Open now" in html
    assert data[0]["status"] == "open"


def test_home_page_links_to_the_dropin_page(client, organization, tuesday):
    with translation.override("fi"):
        html = client.get(reverse("public:home", kwargs={"org": organization.slug})).content.decode()

    assert public_url("fi", organization) in html
    assert 'id="dropin-heading"' in html


def test_api_contract(client, organization, tuesday):
    response = client.get(api_url(organization), {"from": "2026-07-01", "to": "2026-07-14"})

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": f"s{tuesday.pk}-20260707",
            "start": "2026-07-07T12:15:00+03:00",
            "end": "2026-07-07T13:00:00+03:00",
            "place": {"name": "HeiMo-kahvila", "address": "Kaivokatu 14, 18100 Heinola"},
            "status": "closed"
            if timezone.now() > datetime.datetime(2026, 7, 7, 13, tzinfo=TZ)
            else "scheduled",
        },
        {
            "id": f"s{tuesday.pk}-20260714",
            "start": "2026-07-14T12:15:00+03:00",
            "end": "2026-07-14T13:00:00+03:00",
            "place": {"name": "HeiMo-kahvila", "address": "Kaivokatu 14, 18100 Heinola"},
            "status": "closed"
            if timezone.now() > datetime.datetime(2026, 7, 14, 13, tzinfo=TZ)
            else "scheduled",
        },
    ]


def test_api_defaults_to_the_next_four_weeks(client, organization, tuesday):
    data = client.get(api_url(organization)).json()

    assert len(data) in {4, 5}
    assert all(s["start"].endswith(("+02:00", "+03:00")) for s in data)


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-07-14", "to": "2026-07-01"},
        {"from": "2026-01-01", "to": "2026-04-03"},
        {"from": "tomorrow"},
    ],
)
def test_api_rejects_bad_ranges(client, organization, params):
    response = client.get(api_url(organization), params)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["errors"]


def test_api_unknown_municipality_is_404(client, organization):
    response = client.get(reverse("api-organization-dropin-sessions", kwargs={"org": "no-such-town"}))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_coordinator_adds_and_changes_a_weekly_drop_in_hour(
    coordinator_client, organization, heimo, counselor
):
    coordinator_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    data = {
        "place": heimo.pk,
        "weekday": "3",
        "start_time": "14:00",
        "end_time": "15:30",
        "checkin_opens_minutes_before": "30",
        "valid_from": "2026-12-01",
        "staff_on_duty": [counselor.pk],
        "note": "Tulkki paikalla",
        "is_active": "on",
    }
    response = coordinator_client.post(staff_url("dropin_schedule_new", organization), data)
    assert response.status_code == 302
    from kotopolku.dropin.models import DropinSchedule

    schedule = DropinSchedule.objects.get(weekday=3)
    assert (schedule.start_time, schedule.checkin_opens_minutes_before) == (datetime.time(14), 30)
    assert list(schedule.staff_on_duty.all()) == [counselor]
    changed = coordinator_client.post(
        staff_url("dropin_schedule_edit", organization, pk=schedule.pk), data | {"end_time": "16:00"}
    )
    assert changed.status_code == 302
    schedule.refresh_from_db()
    assert schedule.end_time == datetime.time(16)
    assert AuditEvent.objects.filter(action=AuditAction.DROPIN_SCHEDULE_UPDATED).count() == 1
    page = coordinator_client.get(staff_url("dropin_sessions", organization)).content.decode()
    assert "check-in opens 30 min before" in page


def test_a_bad_schedule_is_explained_and_not_saved(coordinator_client, organization, heimo):
    coordinator_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = coordinator_client.post(
        staff_url("dropin_schedule_new", organization),
        {"place": heimo.pk, "weekday": "9", "start_time": "15:00", "end_time": "14:00", "valid_from": "x"},
    )
    assert response.status_code == 400
    from kotopolku.dropin.models import DropinSchedule

    assert not DropinSchedule.objects.exists()
