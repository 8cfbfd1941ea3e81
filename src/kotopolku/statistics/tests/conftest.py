from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

import pytest

from kotopolku.appointments.models import Appointment, CallbackRequest
from kotopolku.clients.models import Client, GuidanceContact
from kotopolku.dropin.models import DropinVisit
from kotopolku.organizations.models import Organization
from kotopolku.statistics import generate
from kotopolku.testing import factories

YEAR_START = datetime.date(2025, 7, 1)
YEAR_END = datetime.date(2026, 6, 30)


@dataclass
class Activity:
    organization: Organization
    world: generate.World
    appointments: list[Appointment]
    visits: list[DropinVisit]
    contacts: list[GuidanceContact]
    callbacks: list[CallbackRequest]


def make_activity(
    organization: Organization, *, seed: int, appointments: int = 400, first_number: int = 0
) -> Activity:
    rng = random.Random(seed)
    staff = [factories.CounselorFactory.create(organization=organization) for _ in range(3)]
    world = generate.World(
        organization=organization,
        staff=staff,
        places=[factories.PlaceFactory.create(organization=organization) for _ in range(2)],
        services=[factories.ServiceFactory.create(organization=organization) for _ in range(2)],
    )
    with generate.keep_given_timestamps(Appointment):
        booked = Appointment.objects.bulk_create(
            generate.appointments(
                world, start=YEAR_START, end=YEAR_END, count=appointments, rng=rng, first_number=first_number
            )
        )
    visits = DropinVisit.objects.bulk_create(
        generate.dropin_visits(world, start=YEAR_START, end=YEAR_END, per_session=6, rng=rng)
    )
    clients = Client.objects.bulk_create(generate.clients(world, count=40, rng=rng))
    contacts = GuidanceContact.objects.bulk_create(
        generate.guidance_contacts(
            organization,
            [(client.pk, client.preferred_language) for client in clients],
            staff,
            start=YEAR_START,
            end=YEAR_END,
            count=300,
            rng=rng,
        )
    )
    callbacks = [
        CallbackRequest.objects.create(
            organization=organization, name="Keksitty", phone="+358401234567", language="fi"
        )
        for _ in range(7)
    ]
    CallbackRequest.objects.filter(pk__in=[c.pk for c in callbacks[:3]]).update(
        status=CallbackRequest.Status.HANDLED
    )
    return Activity(organization, world, booked, visits, contacts, callbacks)


@pytest.fixture
def activity(organization) -> Activity:
    return make_activity(organization, seed=8)


@pytest.fixture
def other_activity(other_organization) -> Activity:
    return make_activity(other_organization, seed=9, appointments=100)
