"""A year of invented history for the Heinola demo, so the statistics dashboard has something to show.

Idempotent: the history's drop-in visits carry the session key prefix ``history``; when they exist,
nothing is added. Appointments go on the demo staff's free hours of the past year only (an hour that
collides with a demo appointment is skipped, so the no-double-booking rule holds).
"""

from __future__ import annotations

import datetime
import random

from django.db.models import Q
from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.appointments.models import Appointment
from kotopolku.clients.models import Client, GuidanceContact
from kotopolku.dropin.models import DropinVisit
from kotopolku.organizations.models import Organization, Place, Service
from kotopolku.statistics import generate

HISTORY_PREFIX = "history"
DEMO_SLUG = "heinola"


def load_demo_statistics(organization: Organization) -> bool:
    if organization.slug != DEMO_SLUG:
        return False
    if DropinVisit.objects.filter(organization=organization, session_key__startswith=HISTORY_PREFIX).exists():
        return False
    staff = list(User.objects.filter(organization=organization, role__in=["coordinator", "counselor"]))
    places = list(Place.objects.filter(organization=organization))
    services = list(Service.objects.filter(organization=organization))
    if not staff or not places or not services:
        return False
    rng = random.Random(681)  # noqa: S311 (invented data, not secrets)
    end = timezone.localdate() - datetime.timedelta(days=8)
    start = end - datetime.timedelta(days=364)
    world = generate.World(organization=organization, staff=staff, places=places, services=services)
    taken = list(
        Appointment.objects.filter(
            organization=organization, blocked_end__gte=timezone.now() - datetime.timedelta(days=400)
        )
        .filter(~Q(status=Appointment.Status.CANCELLED))
        .values_list("staff_id", "blocked_start", "blocked_end")
    )
    used_references = set(
        Appointment.objects.filter(organization=organization).values_list("reference", flat=True)
    )
    appointments = [
        appointment
        for appointment in generate.appointments(
            world, start=start, end=end, count=700, rng=rng, first_number=900_000
        )
        if appointment.reference not in used_references
        and not any(
            staff_id == appointment.staff_id
            and begins < appointment.blocked_end
            and appointment.blocked_start < ends
            for staff_id, begins, ends in taken
        )
    ]
    with generate.keep_given_timestamps(Appointment):
        Appointment.objects.bulk_create(appointments)
    DropinVisit.objects.bulk_create(
        generate.dropin_visits(world, start=start, end=end, per_session=8, rng=rng, key_prefix=HISTORY_PREFIX)
    )
    clients = list(Client.objects.filter(organization=organization, anonymized_at__isnull=True))
    if clients:
        GuidanceContact.objects.bulk_create(
            generate.guidance_contacts(
                organization,
                [(client.pk, client.preferred_language) for client in clients],
                staff,
                start=start,
                end=end,
                count=900,
                rng=rng,
            )
        )
    return True
