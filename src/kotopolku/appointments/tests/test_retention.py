"""Retention: old personal details go, anonymous facts stay (and the command runs it all)."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kotopolku.appointments.models import Appointment, CallbackRequest
from kotopolku.appointments.services import appointments_apply_retention
from kotopolku.appointments.tests.booking_world import World, build_world
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _appointment(world: World, start: datetime.datetime, reference: str) -> Appointment:
    return Appointment.objects.create(
        organization=world.organization,
        service=world.service,
        staff=world.counselor,
        mode="video",
        start=start,
        end=start + datetime.timedelta(minutes=45),
        blocked_start=start,
        blocked_end=start + datetime.timedelta(minutes=55),
        reference=reference,
        client_name="Amina Example",
        email="amina@example.com",
        phone="+358401234567",
        language="ar",
        language_other="Tigrinya",
        interpreter_language="Tigrinya",
        interpreter_mode="remote",
        topic="A letter from Kela",
        status=Appointment.Status.ATTENDED,
    )


def test_old_appointments_lose_their_personal_details_and_keep_the_facts(settings):
    settings.KOTOPOLKU_APPOINTMENT_RETENTION_DAYS = 365
    world = build_world()
    now = timezone.now()
    old = _appointment(world, now - datetime.timedelta(days=400), "OLD111")
    recent = _appointment(world, now - datetime.timedelta(days=100), "NEW222")

    counts = appointments_apply_retention(now=now)

    assert counts["appointments_anonymized"] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.client_name, old.email, old.phone, old.topic, old.language_other) == ("", "", "", "", "")
    assert old.anonymized_at == now
    # The anonymous facts stay for statistics and interpreter reimbursement.
    assert (old.status, old.language, old.interpreter_language, old.service_id) == (
        Appointment.Status.ATTENDED,
        "ar",
        "Tigrinya",
        world.service.pk,
    )
    assert recent.client_name == "Amina Example" and recent.anonymized_at is None
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_APPLIED)
    assert event.details["appointments_anonymized"] == 1
    # Running again changes nothing and writes no new event.
    assert appointments_apply_retention(now=now)["appointments_anonymized"] == 0
    assert AuditEvent.objects.filter(action=AuditAction.RETENTION_APPLIED).count() == 1


def test_the_command_deletes_old_handled_callbacks_and_old_messages(settings):
    settings.KOTOPOLKU_CALLBACK_RETENTION_DAYS = 90
    settings.KOTOPOLKU_OUTBOX_RETENTION_DAYS = 30
    world = build_world()
    now = timezone.now()
    base = {"organization": world.organization, "name": "Ali", "phone": "+358401234567", "language": "fi"}
    old_handled = CallbackRequest.objects.create(
        **base, status=CallbackRequest.Status.HANDLED, handled_at=now - datetime.timedelta(days=100)
    )
    waiting = CallbackRequest.objects.create(**base)
    recent_handled = CallbackRequest.objects.create(
        **base, status=CallbackRequest.Status.HANDLED, handled_at=now - datetime.timedelta(days=10)
    )
    message = {
        "organization": world.organization,
        "channel": "sms",
        "kind": "booking_reminder",
        "language": "fi",
    }
    old_sent = OutboxMessage.objects.create(
        **message, recipient="+358401234567", body="x", status="sent", sent_at=now
    )
    pending = OutboxMessage.objects.create(**message, recipient="+358401234567", body="y")
    OutboxMessage.objects.filter(pk__in=[old_sent.pk, pending.pk]).update(
        created_at=now - datetime.timedelta(days=40)
    )

    out = StringIO()
    call_command("apply_retention", stdout=out)

    assert set(CallbackRequest.objects.values_list("pk", flat=True)) == {waiting.pk, recent_handled.pk}
    assert not CallbackRequest.objects.filter(pk=old_handled.pk).exists()
    # A message still waiting to be sent is never deleted.
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [pending.pk]
    assert "callback_requests_deleted: 1" in out.getvalue()
    assert "messages_deleted: 1" in out.getvalue()
