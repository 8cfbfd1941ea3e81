"""``seed_scale`` makes the volume it is asked for, keeps the no-double-booking rule, and refuses
production."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from kotopolku.appointments.models import Appointment
from kotopolku.clients.models import Client, GuidanceContact
from kotopolku.dropin.models import DropinVisit
from kotopolku.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_seed_scale_generates_municipalities_and_activity():
    options = {"municipalities": 2, "clients": 40, "contacts": 300, "appointments": 200, "days": 60}
    call_command("seed_scale", **options)
    call_command("seed_scale", **options)  # a second run replaces the first
    assert Organization.objects.filter(slug__startswith="seed-").count() == 2
    assert Appointment.objects.count() == 200
    assert GuidanceContact.objects.count() == 300
    assert Client.objects.count() == 40
    assert DropinVisit.objects.exists()
    # Cancelled appointments carry their time, lead times are real (booked before the meeting).
    for appointment in Appointment.objects.all():
        assert appointment.created_at < appointment.start
        assert (appointment.status == "cancelled") == (appointment.cancelled_at is not None)


def test_seed_scale_refuses_production(settings):
    settings.IS_PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("seed_scale", municipalities=1)
