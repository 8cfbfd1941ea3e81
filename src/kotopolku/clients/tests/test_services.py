"""Every write of the client records, through the services: audit, invariants, anonymization, retention."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from kotopolku.appointments.models import Appointment
from kotopolku.appointments.tests import staff_objects
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.clients import services
from kotopolku.clients.models import Client, GuidanceContact, Household
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {
        "first_name": "Amal",
        "last_name": "Esimerkki",
        "personal_identity_code": "131052-308T",
        "languages": ["ar"],
        "preferred_language": "ar",
        "interpreter_needed": True,
        "interpreter_language": "ar",
        "phone": "+358401234501",
        "target_group": Client.TargetGroup.INTERNATIONAL_PROTECTION,
    }
    data.update(overrides)
    return data


def _contact_data(**overrides):
    data = {
        "contact_date": timezone.localdate() - datetime.timedelta(days=1),
        "channel": GuidanceContact.Channel.PHONE,
        "service_type": "guidance",
        "topics": ["housing", "kela"],
        "duration_minutes": 25,
        "interpreter_language": "ar",
        "interpreter_mode": "remote",
        "interpreter_minutes": 20,
        "note": "Kysyi asumistuesta.",
    }
    data.update(overrides)
    return data


def _events(action):
    return list(AuditEvent.objects.filter(action=action))


def test_create_defaults_the_responsible_worker_to_the_creator_and_is_audited(organization, counselor):
    client = services.client_create(organization=organization, data=_data(), actor=counselor)

    assert client.responsible_worker == counselor
    [event] = _events(AuditAction.CLIENT_CREATED)
    assert (event.actor, event.organization, event.target_id) == (counselor, organization, str(client.pk))
    assert "131052" not in str(event.details)


def test_create_refuses_a_bad_identity_code(organization, counselor):
    with pytest.raises(ValidationError) as raised:
        services.client_create(
            organization=organization, data=_data(personal_identity_code="131052-308A"), actor=counselor
        )
    assert "personal_identity_code" in raised.value.message_dict
    assert not Client.objects.exists()
    assert not _events(AuditAction.CLIENT_CREATED)


def test_identity_code_is_unique_per_municipality_only(organization, other_organization, counselor):
    services.client_create(organization=organization, data=_data(), actor=counselor)

    with pytest.raises(ValidationError):
        services.client_create(organization=organization, data=_data(first_name="Toinen"), actor=counselor)
    services.client_create(organization=other_organization, data=_data(), actor=None)

    assert Client.objects.count() == 2


def test_the_database_refuses_a_duplicate_identity_code_even_past_the_services(organization):
    factories.ClientRecordFactory.create(organization=organization, personal_identity_code="131052-308T")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ClientRecordFactory.create(organization=organization, personal_identity_code="131052-308T")


def test_household_and_workers_must_be_of_the_same_municipality(organization, other_organization, counselor):
    foreign_household = factories.HouseholdFactory.create(organization=other_organization)
    foreign_worker = factories.CounselorFactory.create(organization=other_organization)

    with pytest.raises(ValidationError):
        services.client_create(
            organization=organization, data=_data(household=foreign_household), actor=counselor
        )
    with pytest.raises(ValidationError):
        services.client_create(
            organization=organization, data=_data(responsible_worker=foreign_worker), actor=counselor
        )
    assert not Client.objects.exists()


def test_update_records_the_changed_field_names_only(organization, counselor, coordinator):
    client = services.client_create(organization=organization, data=_data(), actor=counselor)

    services.client_update(
        client=client,
        data=_data(phone="+358401234599", additional_workers=[coordinator]),
        actor=counselor,
    )

    client.refresh_from_db()
    assert client.phone == "+358401234599"
    assert list(client.additional_workers.all()) == [coordinator]
    [event] = _events(AuditAction.CLIENT_UPDATED)
    assert event.details == {"fields": ["phone", "additional_workers"]}


def test_an_unchanged_update_writes_no_audit_event(organization, counselor):
    client = services.client_create(organization=organization, data=_data(), actor=counselor)
    services.client_update(client=client, data=_data(), actor=counselor)
    assert not _events(AuditAction.CLIENT_UPDATED)


def test_revealing_the_identity_code_is_audited(organization, counselor):
    client = services.client_create(organization=organization, data=_data(), actor=counselor)

    assert services.client_identity_code_reveal(client=client, actor=counselor) == "131052-308T"

    [event] = _events(AuditAction.CLIENT_IDENTITY_CODE_SHOWN)
    assert event.actor == counselor and event.target_id == str(client.pk)


def test_a_contact_updates_the_last_contact_and_counts_the_interpreter(organization, counselor):
    client = services.client_create(organization=organization, data=_data(), actor=counselor)

    contact = services.guidance_contact_create(client=client, data=_contact_data(), actor=counselor)

    client.refresh_from_db()
    assert client.last_contact_at is not None
    assert timezone.localdate(client.last_contact_at) == contact.contact_date
    assert contact.worker == counselor and contact.interpreter_minutes == 20
    [event] = _events(AuditAction.GUIDANCE_CONTACT_CREATED)
    assert event.details == {"client": client.pk, "channel": "phone", "interpreter": True}


def test_a_contact_cannot_be_in_the_future(organization, counselor):
    client = factories.ClientRecordFactory.create(organization=organization)
    with pytest.raises(ValidationError) as raised:
        services.guidance_contact_create(
            client=client,
            data=_contact_data(contact_date=timezone.localdate() + datetime.timedelta(days=1)),
            actor=counselor,
        )
    assert "contact_date" in raised.value.message_dict


def test_the_database_requires_complete_interpreter_data(organization):
    client = factories.ClientRecordFactory.create(organization=organization)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.GuidanceContactFactory.create(client=client, interpreter_language="ar", interpreter_mode="")


def test_correcting_a_contact_is_audited_with_field_names(organization, counselor):
    client = factories.ClientRecordFactory.create(organization=organization)
    contact = services.guidance_contact_create(client=client, data=_contact_data(), actor=counselor)

    services.guidance_contact_update(
        contact=contact, data=_contact_data(duration_minutes=40), actor=counselor
    )

    contact.refresh_from_db()
    assert contact.duration_minutes == 40
    [event] = _events(AuditAction.GUIDANCE_CONTACT_UPDATED)
    assert event.details == {"client": client.pk, "fields": ["duration_minutes"]}


def test_linking_an_appointment(organization, other_organization, counselor):
    client = factories.ClientRecordFactory.create(organization=organization)
    other = factories.ClientRecordFactory.create(organization=organization)
    appointment = staff_objects.appointment(organization)
    foreign = staff_objects.appointment(other_organization)

    services.client_link_appointment(client=client, appointment=appointment, actor=counselor)

    assert Appointment.objects.get(pk=appointment.pk).client == client
    with pytest.raises(ValidationError):
        services.client_link_appointment(client=other, appointment=appointment, actor=counselor)
    with pytest.raises(ValidationError):
        services.client_link_appointment(client=client, appointment=foreign, actor=counselor)
    assert len(_events(AuditAction.CLIENT_APPOINTMENT_LINKED)) == 1

    services.client_unlink_appointment(appointment=appointment, actor=counselor)
    assert Appointment.objects.get(pk=appointment.pk).client is None
    assert len(_events(AuditAction.CLIENT_APPOINTMENT_UNLINKED)) == 1


def _client_with_history(organization, counselor):
    household = factories.HouseholdFactory.create(organization=organization, name="Perhe Esimerkki")
    client = services.client_create(
        organization=organization,
        data=_data(household=household, email="amal@example.com", consent_note="Suostumus 1.2.2026"),
        actor=counselor,
    )
    services.guidance_contact_create(client=client, data=_contact_data(), actor=counselor)
    past = staff_objects.local(timezone.localdate() - datetime.timedelta(days=20), 10)
    appointment = staff_objects.appointment(organization, start=past, status=Appointment.Status.ATTENDED)
    services.client_link_appointment(client=client, appointment=appointment, actor=counselor)
    return client, household, appointment


def test_anonymize_removes_personal_data_and_keeps_anonymous_facts(organization, counselor, coordinator):
    client, household, appointment = _client_with_history(organization, counselor)

    services.client_anonymize(client=client, actor=coordinator, reason="erasure_request")

    client.refresh_from_db()
    assert (client.first_name, client.last_name, client.personal_identity_code) == ("", "", "")
    assert (client.phone, client.email, client.consent_note, client.date_of_birth) == ("", "", "", None)
    assert client.household is None and client.anonymized_at is not None
    assert client.target_group == Client.TargetGroup.INTERNATIONAL_PROTECTION
    [contact] = GuidanceContact.objects.filter(client=client)
    assert contact.note == ""
    assert (contact.channel, contact.service_type, contact.interpreter_minutes) == ("phone", "guidance", 20)
    appointment.refresh_from_db()
    assert (appointment.client_name, appointment.phone, appointment.topic) == ("", "", "")
    assert appointment.anonymized_at is not None
    assert Household.objects.get(pk=household.pk).name == ""
    [event] = _events(AuditAction.CLIENT_ANONYMIZED)
    assert event.details == {"reason": "erasure_request", "appointments": 1}
    with translation.override("en"):
        assert str(client) == f"Anonymized client {client.pk}"


def test_anonymize_keeps_the_household_name_while_others_remain(organization, counselor, coordinator):
    client, household, _appointment = _client_with_history(organization, counselor)
    factories.ClientRecordFactory.create(organization=organization, household=household)

    services.client_anonymize(client=client, actor=coordinator, reason="no_longer_needed")

    assert Household.objects.get(pk=household.pk).name == "Perhe Esimerkki"


def test_anonymize_waits_for_coming_appointments(organization, counselor, coordinator):
    client = factories.ClientRecordFactory.create(organization=organization)
    appointment = staff_objects.appointment(organization)
    services.client_link_appointment(client=client, appointment=appointment, actor=counselor)

    with pytest.raises(ValidationError):
        services.client_anonymize(client=client, actor=coordinator, reason="erasure_request")
    client.refresh_from_db()
    assert client.anonymized_at is None


def test_an_anonymized_record_cannot_be_changed(organization, coordinator):
    client = factories.ClientRecordFactory.create(organization=organization)
    services.client_anonymize(client=client, actor=coordinator, reason="other")

    with pytest.raises(ValidationError):
        services.client_update(client=client, data=_data(), actor=coordinator)
    with pytest.raises(ValidationError):
        services.guidance_contact_create(client=client, data=_contact_data(), actor=coordinator)
    with pytest.raises(ValidationError):
        services.client_anonymize(client=client, actor=coordinator, reason="other")


def test_an_unknown_reason_is_refused(organization, coordinator):
    client = factories.ClientRecordFactory.create(organization=organization)
    with pytest.raises(ValidationError):
        services.client_anonymize(client=client, actor=coordinator, reason="because")


def test_the_database_refuses_an_anonymized_record_with_contact_details(organization):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ClientRecordFactory.create(
            organization=organization, phone="+358401234567", anonymized_at=timezone.now()
        )


def test_retention_anonymizes_records_without_recent_contact(organization, settings):
    settings.KOTOPOLKU_CLIENT_RETENTION_DAYS = 365
    now = timezone.now()
    old = factories.ClientRecordFactory.create(organization=organization, phone="+358401234501")
    Client.objects.filter(pk=old.pk).update(last_contact_at=now - datetime.timedelta(days=400))
    recent = factories.ClientRecordFactory.create(
        organization=organization, last_contact_at=now - datetime.timedelta(days=300)
    )
    never_contacted = factories.ClientRecordFactory.create(organization=organization)
    Client.objects.filter(pk=never_contacted.pk).update(updated_at=now - datetime.timedelta(days=366))
    met_lately = factories.ClientRecordFactory.create(organization=organization)
    Client.objects.filter(pk=met_lately.pk).update(last_contact_at=now - datetime.timedelta(days=400))
    staff_objects.appointment(
        organization,
        start=now - datetime.timedelta(days=100),
        status=Appointment.Status.ATTENDED,
        client=met_lately,
    )
    waiting = factories.ClientRecordFactory.create(organization=organization)
    Client.objects.filter(pk=waiting.pk).update(last_contact_at=now - datetime.timedelta(days=400))
    coming = staff_objects.appointment(organization)
    Appointment.objects.filter(pk=coming.pk).update(client=waiting)

    counts = services.clients_apply_retention(now=now)

    assert counts == {"clients_anonymized": 2}
    anonymized = set(Client.objects.filter(anonymized_at__isnull=False).values_list("pk", flat=True))
    assert anonymized == {old.pk, never_contacted.pk}
    assert not anonymized & {recent.pk, waiting.pk, met_lately.pk}
    events = _events(AuditAction.CLIENT_ANONYMIZED)
    assert {event.details["reason"] for event in events} == {"retention"}
    assert all(event.actor is None for event in events)
    assert services.clients_apply_retention(now=now) == {"clients_anonymized": 0}


def test_the_retention_commands_run_the_client_rule(organization, settings, capsys):
    settings.KOTOPOLKU_CLIENT_RETENTION_DAYS = 30
    old = factories.ClientRecordFactory.create(organization=organization)
    Client.objects.filter(pk=old.pk).update(last_contact_at=timezone.now() - datetime.timedelta(days=31))

    call_command("apply_client_retention")
    assert "clients_anonymized: 1" in capsys.readouterr().out

    other = factories.ClientRecordFactory.create(organization=organization)
    Client.objects.filter(pk=other.pk).update(last_contact_at=timezone.now() - datetime.timedelta(days=31))
    call_command("apply_retention")
    assert "clients_anonymized: 1" in capsys.readouterr().out
    assert not Client.objects.filter(anonymized_at__isnull=True).exists()


def test_exports_are_audited_and_complete(organization, counselor):
    client, _household, appointment = _client_with_history(organization, counselor)

    with translation.override("en"):
        data = services.client_export_record(client=client, actor=counselor, export_format="json")
    handoff = services.client_koto_aj_export(client=client, actor=counselor)

    assert data["client"]["personal_identity_code"] == "131052-308T"
    assert data["guidance_contacts"][0]["note"] == "Kysyi asumistuesta."
    assert data["appointments"][0]["reference"] == appointment.reference
    assert data["controller"]["name"] == organization.name
    assert any(event["action"] == "Client record created" for event in data["processing_events"])
    assert handoff["person"]["personal_identity_code"] == "131052-308T"
    assert handoff["guidance_contacts"][0]["interpreter_minutes"] == 20
    assert "note" not in handoff["guidance_contacts"][0]
    assert handoff["attended_appointments"][0]["service_type"] == "guidance"
    assert _events(AuditAction.CLIENT_EXPORTED)[0].details == {"format": "json"}
    assert _events(AuditAction.CLIENT_KOTO_AJ_EXPORTED)[0].details == {"contacts": 1}


def test_households(organization, counselor):
    household = services.household_create(
        organization=organization, data={"name": "Perhe Esimerkki", "note": ""}, actor=counselor
    )
    services.household_update(
        household=household, data={"name": "Perhe Esimerkki-Kuvitelma"}, actor=counselor
    )

    household.refresh_from_db()
    assert household.name == "Perhe Esimerkki-Kuvitelma"
    assert len(_events(AuditAction.HOUSEHOLD_CREATED)) == 1
    assert _events(AuditAction.HOUSEHOLD_UPDATED)[0].details == {"fields": ["name"]}
