"""Coordinator pages for the municipality's settings, services, places and hours, through HTTP."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.organizations import forms
from kotopolku.organizations.models import Organization, Place, RegularHours, Service
from kotopolku.testing import factories, form_post_data
from kotopolku.testing.factories import translated

pytestmark = pytest.mark.django_db


def url(name: str, organization, **kwargs) -> str:
    return reverse(f"staff:{name}", kwargs={"org": organization.slug, **kwargs})


def changes() -> list[AuditEvent]:
    return list(AuditEvent.objects.exclude(action=AuditAction.LOGIN))


def test_settings_save_changes_and_audit(organization, coordinator, coordinator_client):
    data = form_post_data(
        forms.OrganizationSettingsForm(instance=Organization.objects.get(pk=organization.pk)),
        intro_sv="Rådgivning för invandrare.",
        website="heinola.fi/kotoutuminen",
    )

    response = coordinator_client.post(url("settings", organization), data)

    assert response.status_code == 302
    stored = Organization.objects.get(pk=organization.pk)
    assert translated(stored, "intro", "sv") == "Rådgivning för invandrare."
    assert stored.website == "https://heinola.fi/kotoutuminen"
    [event] = changes()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.ORGANIZATION_UPDATED,
        coordinator,
        organization,
    )
    assert event.details == {"fields": ["intro_sv", "website"]}


def test_settings_unchanged_form_writes_nothing(organization, coordinator_client):
    data = form_post_data(
        forms.OrganizationSettingsForm(instance=Organization.objects.get(pk=organization.pk))
    )

    assert coordinator_client.post(url("settings", organization), data).status_code == 302
    assert changes() == []


def test_settings_need_the_finnish_name(organization, coordinator_client):
    data = form_post_data(
        forms.OrganizationSettingsForm(instance=Organization.objects.get(pk=organization.pk)), name_fi=""
    )

    response = coordinator_client.post(url("settings", organization), data)

    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert translated(Organization.objects.get(pk=organization.pk), "name", "fi") == "Heinola"
    assert changes() == []


def test_setup_overview_lists_everything_of_the_municipality(
    organization, other_organization, coordinator_client
):
    service = factories.ServiceFactory.create(organization=organization, name_fi="Oma palvelu")
    place = factories.PlaceFactory.create(organization=organization, name_fi="Oma paikka")
    hours = factories.RegularHoursFactory.create(organization=organization, place=place)
    factories.ServiceFactory.create(organization=other_organization, name_fi="Vieras palvelu")

    html = coordinator_client.get(url("setup", organization)).content.decode()

    assert "Oma palvelu" in html and "Oma paikka" in html
    assert url("service_edit", organization, pk=service.pk) in html
    assert url("hours_delete", organization, pk=hours.pk) in html
    assert "Vieras palvelu" not in html


def test_add_a_service(organization, coordinator, coordinator_client):
    response = coordinator_client.post(
        url("service_new", organization),
        {
            "service_type": "permits",
            "duration_minutes": "60",
            "position": "1",
            "is_active": "on",
            "name_fi": "Luvat",
        },
    )

    assert response["Location"] == url("setup", organization)
    service = Service.objects.get()
    assert (
        service.organization,
        translated(service, "name", "fi"),
        service.bookable,
        service.duration_minutes,
    ) == (
        organization,
        "Luvat",
        False,
        60,
    )
    [event] = changes()
    assert (event.action, event.actor, event.target_id) == (
        AuditAction.SERVICE_CREATED,
        coordinator,
        str(service.pk),
    )


def test_invalid_service_is_400_and_not_saved(organization, coordinator_client):
    response = coordinator_client.post(
        url("service_new", organization), {"service_type": "nonsense", "duration_minutes": "1", "name_fi": ""}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'aria-invalid="true"' in html
    assert not Service.objects.exists()
    assert changes() == []


def test_edit_a_service(organization, coordinator_client):
    service = factories.ServiceFactory.create(organization=organization, duration_minutes=45)
    data = form_post_data(
        forms.ServiceForm(instance=Service.objects.get(pk=service.pk)), duration_minutes="30"
    )

    response = coordinator_client.post(url("service_edit", organization, pk=service.pk), data)

    assert response.status_code == 302
    assert Service.objects.get(pk=service.pk).duration_minutes == 30
    [event] = changes()
    assert event.details == {"fields": ["duration_minutes"]}


def test_service_of_another_municipality_is_404_under_own_address(
    organization, other_organization, coordinator_client
):
    foreign = factories.ServiceFactory.create(organization=other_organization, duration_minutes=45)

    response = coordinator_client.post(
        url("service_edit", organization, pk=foreign.pk),
        {"service_type": "guidance", "duration_minutes": "30", "name_fi": "Kaapattu"},
    )

    assert response.status_code == 404
    assert Service.objects.get(pk=foreign.pk).duration_minutes == 45


def test_add_and_edit_a_place(organization, coordinator_client):
    response = coordinator_client.post(
        url("place_new", organization),
        {"name_fi": "Kirjasto", "street_address": "Kirjastokatu 1", "city": "Heinola", "is_active": "on"},
    )
    assert response.status_code == 302
    place = Place.objects.get()
    assert place.address == "Kirjastokatu 1, Heinola"

    data = form_post_data(forms.PlaceForm(instance=Place.objects.get(pk=place.pk)), postal_code="18100")
    coordinator_client.post(url("place_edit", organization, pk=place.pk), data)

    assert Place.objects.get(pk=place.pk).address == "Kirjastokatu 1, 18100 Heinola"
    assert [e.action for e in changes()] == [AuditAction.PLACE_UPDATED, AuditAction.PLACE_CREATED]


def test_hours_can_only_use_own_places(organization, other_organization, coordinator_client):
    factories.PlaceFactory.create(organization=organization, name_fi="Oma kirjasto")
    foreign = factories.PlaceFactory.create(organization=other_organization, name_fi="Vieras kirjasto")
    form_page = coordinator_client.get(url("hours_new", organization)).content.decode()
    place_select = re.search(r'<select name="place".*?</select>', form_page, re.S)
    assert place_select is not None
    assert "Oma kirjasto" in place_select.group(0)
    assert "Vieras kirjasto" not in place_select.group(0)

    response = coordinator_client.post(
        url("hours_new", organization),
        {"kind": "drop_in", "place": foreign.pk, "weekday": "1", "start_time": "12:00", "end_time": "13:00"},
    )

    assert response.status_code == 400
    assert not RegularHours.objects.exists()


def test_add_hours_and_refuse_end_before_start(organization, coordinator_client):
    place = factories.PlaceFactory.create(organization=organization)
    bad = coordinator_client.post(
        url("hours_new", organization),
        {"kind": "drop_in", "place": place.pk, "weekday": "1", "start_time": "13:00", "end_time": "12:00"},
    )
    assert bad.status_code == 400
    assert not RegularHours.objects.exists()

    good = coordinator_client.post(
        url("hours_new", organization),
        {"kind": "drop_in", "place": place.pk, "weekday": "1", "start_time": "12:15", "end_time": "13:00"},
    )

    assert good.status_code == 302
    hours = RegularHours.objects.get()
    assert (hours.organization, hours.place, hours.start_time) == (organization, place, datetime.time(12, 15))


def test_remove_hours(organization, coordinator, coordinator_client):
    hours = factories.RegularHoursFactory.create(organization=organization)

    assert coordinator_client.get(url("hours_delete", organization, pk=hours.pk)).status_code == 405
    response = coordinator_client.post(url("hours_delete", organization, pk=hours.pk))

    assert response["Location"] == url("setup", organization)
    assert not RegularHours.objects.exists()
    [event] = changes()
    assert (event.action, event.actor) == (AuditAction.HOURS_DELETED, coordinator)
