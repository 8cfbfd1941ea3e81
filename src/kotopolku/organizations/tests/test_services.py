"""Writes to municipalities, places, services and hours: the change, and its audit event, or neither."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.organizations import services
from kotopolku.organizations.models import Organization, Place, RegularHours, Service, ServiceType
from kotopolku.testing import factories
from kotopolku.testing.factories import translated

pytestmark = pytest.mark.django_db


def only_event() -> AuditEvent:
    """The one audit event written by the service under test (factories write none)."""
    return AuditEvent.objects.get()


def assert_target(event: AuditEvent, obj: object) -> None:
    assert event.target_type == obj._meta.label_lower  # type: ignore[attr-defined]
    assert event.target_id == str(obj.pk)  # type: ignore[attr-defined]


# --- Organization -------------------------------------------------------------------------------


def test_organization_create_saves_and_audits(system_admin):
    organization = services.organization_create(
        data={"slug": "lahti", "name_fi": "Lahti", "name_sv": "Lahtis"}, actor=system_admin
    )

    stored = Organization.objects.get(slug="lahti")
    assert (translated(stored, "name", "fi"), translated(stored, "name", "sv")) == ("Lahti", "Lahtis")
    event = only_event()
    assert event.action == AuditAction.ORGANIZATION_CREATED
    assert event.actor == system_admin
    assert event.organization == organization
    assert_target(event, organization)


@pytest.mark.parametrize("slug", ["api", "staff", "healthz", "Not a slug"])
def test_organization_create_refuses_reserved_or_invalid_slug_without_audit(slug):
    with pytest.raises(ValidationError):
        services.organization_create(data={"slug": slug, "name_fi": "X"}, actor=None)

    assert not Organization.objects.exists()
    assert not AuditEvent.objects.exists()


def test_organization_update_audits_changed_field_names_only(organization, coordinator):
    services.organization_update(
        organization=organization,
        data={"name_fi": "Heinola", "contact_phone": "+358 40 111 2222", "intro_fi": "Uusi esittely"},
        actor=coordinator,
    )

    organization.refresh_from_db()
    assert organization.contact_phone == "+358 40 111 2222"
    assert organization.intro_fi == "Uusi esittely"
    event = only_event()
    assert event.action == AuditAction.ORGANIZATION_UPDATED
    assert event.actor == coordinator
    assert event.organization == organization
    assert_target(event, organization)
    # Names of the changed fields, never their values (the unchanged name is left out).
    assert event.details == {"fields": ["contact_phone", "intro_fi"]}


def test_organization_update_without_changes_writes_nothing(organization, coordinator):
    before = Organization.objects.get(pk=organization.pk).updated_at
    services.organization_update(organization=organization, data={"name_fi": "Heinola"}, actor=coordinator)

    assert not AuditEvent.objects.exists()
    assert Organization.objects.get(pk=organization.pk).updated_at == before


def test_organization_update_invalid_changes_nothing(organization, coordinator):
    with pytest.raises(ValidationError):
        services.organization_update(
            organization=organization, data={"contact_email": "not-an-email"}, actor=coordinator
        )

    assert Organization.objects.get(pk=organization.pk).contact_email == "neuvonta@heinola.example"
    assert not AuditEvent.objects.exists()


# --- Place -------------------------------------------------------------------------------------


def test_place_create_saves_and_audits(organization, coordinator):
    place = services.place_create(
        organization=organization,
        data={"name_fi": "HeiMo-kahvila", "street_address": "Kaivokatu 14", "city": "Heinola"},
        actor=coordinator,
    )

    assert Place.objects.get(pk=place.pk).organization == organization
    event = only_event()
    assert event.action == AuditAction.PLACE_CREATED
    assert event.actor == coordinator
    assert event.organization == organization
    assert_target(event, place)


def test_place_create_invalid_writes_nothing(organization, coordinator):
    with pytest.raises(ValidationError):
        services.place_create(
            organization=organization, data={"name_fi": "Ilman osoitetta"}, actor=coordinator
        )

    assert not Place.objects.exists()
    assert not AuditEvent.objects.exists()


def test_place_update_audits_changed_fields(organization, coordinator):
    place = factories.PlaceFactory.create(organization=organization)

    services.place_update(
        place=place, data={"city": "Lahti", "street_address": place.street_address}, actor=coordinator
    )

    assert Place.objects.get(pk=place.pk).city == "Lahti"
    event = only_event()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.PLACE_UPDATED,
        coordinator,
        organization,
    )
    assert_target(event, place)
    assert event.details == {"fields": ["city"]}


def test_place_update_invalid_keeps_stored_row(organization, coordinator):
    place = factories.PlaceFactory.create(organization=organization, city="Heinola", name_fi="Kirjasto")

    with pytest.raises(ValidationError):
        services.place_update(place=place, data={"city": "", "name_fi": "Uusi"}, actor=coordinator)

    stored = Place.objects.get(pk=place.pk)
    assert (stored.city, translated(stored, "name", "fi")) == ("Heinola", "Kirjasto")
    assert not AuditEvent.objects.exists()


# --- Service -----------------------------------------------------------------------------------


def test_service_create_saves_and_audits(organization, coordinator):
    service = services.service_create(
        organization=organization,
        data={
            "service_type": ServiceType.PERMITS_CITIZENSHIP,
            "name_fi": "Oleskelulupa-asiat",
            "duration_minutes": 60,
        },
        actor=coordinator,
    )

    stored = Service.objects.get(pk=service.pk)
    assert (stored.organization, stored.duration_minutes) == (organization, 60)
    event = only_event()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.SERVICE_CREATED,
        coordinator,
        organization,
    )
    assert_target(event, service)


@pytest.mark.parametrize("minutes", [0, 4, 481])
def test_service_create_refuses_duration_outside_limits(organization, coordinator, minutes):
    with pytest.raises(ValidationError):
        services.service_create(
            organization=organization,
            data={
                "service_type": ServiceType.HOBBIES,
                "name_fi": "Harrastukset",
                "duration_minutes": minutes,
            },
            actor=coordinator,
        )

    assert not Service.objects.exists()
    assert not AuditEvent.objects.exists()


def test_service_update_audits_changed_fields(organization, coordinator):
    service = factories.ServiceFactory.create(organization=organization, bookable=True)

    services.service_update(
        service=service,
        data={"bookable": False, "name_en": "Guidance", "name_fi": translated(service, "name", "fi")},
        actor=coordinator,
    )

    stored = Service.objects.get(pk=service.pk)
    assert stored.bookable is False
    assert translated(stored, "name", "en") == "Guidance"
    event = only_event()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.SERVICE_UPDATED,
        coordinator,
        organization,
    )
    assert_target(event, service)
    assert event.details == {"fields": ["bookable", "name_en"]}


def test_service_update_invalid_writes_nothing(organization, coordinator):
    service = factories.ServiceFactory.create(organization=organization, duration_minutes=45)

    with pytest.raises(ValidationError):
        services.service_update(service=service, data={"duration_minutes": 1000}, actor=coordinator)

    assert Service.objects.get(pk=service.pk).duration_minutes == 45
    assert not AuditEvent.objects.exists()


def test_change_and_audit_share_one_transaction(organization, coordinator, monkeypatch):
    """If the audit row cannot be written, the change is not kept either."""

    def broken_audit(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(services, "audit_record", broken_audit)
    service = factories.ServiceFactory.create(organization=organization, bookable=True)

    with pytest.raises(RuntimeError):
        services.service_create(
            organization=organization,
            data={"service_type": ServiceType.HOBBIES, "name_fi": "Harrastukset"},
            actor=coordinator,
        )
    with pytest.raises(RuntimeError):
        services.service_update(service=service, data={"bookable": False}, actor=coordinator)

    assert list(Service.objects.values_list("pk", "bookable")) == [(service.pk, True)]


# --- Regular hours -----------------------------------------------------------------------------


def test_regular_hours_create_saves_and_audits(organization, coordinator):
    place = factories.PlaceFactory.create(organization=organization)

    hours = services.regular_hours_create(
        organization=organization,
        data={
            "kind": RegularHours.Kind.DROP_IN,
            "place": place,
            "weekday": 1,
            "start_time": datetime.time(12, 15),
            "end_time": datetime.time(13),
        },
        actor=coordinator,
    )

    assert RegularHours.objects.get(pk=hours.pk).place == place
    event = only_event()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.HOURS_CREATED,
        coordinator,
        organization,
    )
    assert_target(event, hours)


def test_regular_hours_create_refuses_place_of_another_municipality(
    organization, other_organization, coordinator
):
    foreign_place = factories.PlaceFactory.create(organization=other_organization)

    with pytest.raises(ValidationError) as error:
        services.regular_hours_create(
            organization=organization,
            data={
                "kind": RegularHours.Kind.DROP_IN,
                "place": foreign_place,
                "weekday": 1,
                "start_time": datetime.time(9),
                "end_time": datetime.time(10),
            },
            actor=coordinator,
        )

    assert "place" in error.value.message_dict
    assert not RegularHours.objects.exists()
    assert not AuditEvent.objects.exists()


def test_regular_hours_create_refuses_end_before_start(organization, coordinator):
    with pytest.raises(ValidationError) as error:
        services.regular_hours_create(
            organization=organization,
            data={
                "kind": "phone",
                "weekday": 2,
                "start_time": datetime.time(10),
                "end_time": datetime.time(9),
            },
            actor=coordinator,
        )

    assert "end_time" in error.value.message_dict
    assert not RegularHours.objects.exists()
    assert not AuditEvent.objects.exists()


def test_regular_hours_update_audits_changed_fields(organization, coordinator):
    hours = factories.RegularHoursFactory.create(organization=organization)

    services.regular_hours_update(
        hours=hours, data={"weekday": 3, "end_time": datetime.time(14), "kind": hours.kind}, actor=coordinator
    )

    stored = RegularHours.objects.get(pk=hours.pk)
    assert (stored.weekday, stored.end_time) == (3, datetime.time(14))
    event = only_event()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.HOURS_UPDATED,
        coordinator,
        organization,
    )
    assert_target(event, hours)
    assert event.details == {"fields": ["end_time", "weekday"]}


def test_regular_hours_update_invalid_writes_nothing(organization, coordinator):
    hours = factories.RegularHoursFactory.create(organization=organization)

    with pytest.raises(ValidationError):
        services.regular_hours_update(hours=hours, data={"end_time": datetime.time(8)}, actor=coordinator)

    assert RegularHours.objects.get(pk=hours.pk).end_time == datetime.time(13)
    assert not AuditEvent.objects.exists()


def test_regular_hours_delete_removes_and_audits(organization, coordinator):
    hours = factories.RegularHoursFactory.create(organization=organization, weekday=4)
    hours_pk = hours.pk

    services.regular_hours_delete(hours=hours, actor=coordinator)

    assert not RegularHours.objects.filter(pk=hours_pk).exists()
    event = only_event()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.HOURS_DELETED,
        coordinator,
        organization,
    )
    assert (event.target_type, event.target_id) == ("organizations.regularhours", str(hours_pk))
    assert event.details == {"weekday": 4, "kind": "drop_in"}
