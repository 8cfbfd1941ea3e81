"""Generate realistic volume for the statistics benchmark: municipalities with staff, places and
services, clients and guidance contacts, appointments (with interpreters, cancellations, no-shows)
and drop-in visits, with bulk inserts.

    python manage.py seed_scale                      # 2 municipalities, a small year of data
    python manage.py seed_scale --municipalities 10 --clients 100000 --contacts 1000000 \\
        --appointments 1000000

Never on a production database: it refuses unless ``KOTOPOLKU_ENV`` is ``dev``, ``demo`` or ``test``
or ``--i-know-this-is-not-production`` is given. Municipalities are called ``seed-1`` … and are
replaced on each run.
"""

from __future__ import annotations

import datetime
import math
import random
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from kotopolku.accounts.models import Role, User
from kotopolku.appointments.models import Appointment
from kotopolku.clients.models import Client, GuidanceContact
from kotopolku.dropin.models import DropinVisit
from kotopolku.organizations.models import Organization, Place, Service, ServiceType
from kotopolku.statistics import generate

BATCH = 5000
SLOTS_PER_STAFF_DAY = 8


class Command(BaseCommand):
    help = "Bulk-generate invented activity for the statistics benchmark."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipalities", type=int, default=2)
        parser.add_argument("--clients", type=int, default=2000, help="in all municipalities together")
        parser.add_argument("--contacts", type=int, default=20000, help="guidance contacts, in all")
        parser.add_argument("--appointments", type=int, default=20000, help="in all")
        parser.add_argument("--visits-per-session", type=int, default=10, help="drop-in visits a week")
        parser.add_argument("--days", type=int, default=730, help="how many days back from today")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--i-know-this-is-not-production", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.IS_PRODUCTION and not options["i_know_this_is_not_production"]:
            raise CommandError("seed_scale refuses to run in production.")
        count = options["municipalities"]
        if count < 1:
            raise CommandError("--municipalities must be at least 1.")
        rng = random.Random(options["seed"])  # noqa: S311 (invented data, not secrets)
        end = timezone.localdate()
        start = end - datetime.timedelta(days=options["days"] - 1)
        working_days = sum(1 for _ in generate.working_days(start, end))
        per_org = {key: math.ceil(options[key] / count) for key in ("clients", "contacts", "appointments")}
        staff_needed = max(3, math.ceil(per_org["appointments"] / (working_days * SLOTS_PER_STAFF_DAY * 0.9)))
        began = time.monotonic()
        self._delete_previous()
        for number in range(1, count + 1):
            self._municipality(number, rng, start, end, per_org, staff_needed, options["visits_per_session"])
            self.stdout.write(f"seed-{number}: done ({time.monotonic() - began:.0f} s)")
        self.stdout.write(
            self.style.SUCCESS(f"Seeded {count} municipalities in {time.monotonic() - began:.0f} s.")
        )

    @transaction.atomic
    def _delete_previous(self) -> None:
        """Remove the municipalities of an earlier run (appointments first: they protect staff and places)."""
        previous = Organization.objects.filter(slug__startswith="seed-")
        Appointment.objects.filter(organization__in=previous).delete()
        User.objects.filter(organization__in=previous).delete()
        previous.delete()

    @transaction.atomic
    def _municipality(
        self,
        number: int,
        rng: random.Random,
        start: datetime.date,
        end: datetime.date,
        per_org: dict[str, int],
        staff_needed: int,
        visits_per_session: int,
    ) -> None:
        organization = Organization.objects.create(
            slug=f"seed-{number}",
            name_fi=f"Testikunta {number}",
            unit_name_fi="Kotoutumispalvelut",
            contact_email=f"neuvonta@seed-{number}.example",
        )
        staff = User.objects.bulk_create(
            [
                User(
                    username=f"seed-{number}-{index}",
                    first_name="Ohjaaja",
                    last_name=str(index),
                    organization=organization,
                    role=Role.COORDINATOR if index == 0 else Role.COUNSELOR,
                )
                for index in range(staff_needed)
            ]
        )
        places = [
            Place.objects.create(
                organization=organization, name_fi=name, street_address="Kauppakatu 1", city="Testilä"
            )
            for name in ("HeiMo-kahvila", "Virastotalo")
        ]
        services = [
            Service.objects.create(
                organization=organization,
                service_type=service_type,
                name_fi=str(label),
                duration_minutes=45,
                position=position,
            )
            for position, (service_type, label) in enumerate(ServiceType.choices)
        ]
        world = generate.World(organization=organization, staff=staff, places=places, services=services)
        with generate.keep_given_timestamps(Appointment):
            Appointment.objects.bulk_create(
                generate.appointments(world, start=start, end=end, count=per_org["appointments"], rng=rng),
                batch_size=BATCH,
            )
        DropinVisit.objects.bulk_create(
            generate.dropin_visits(world, start=start, end=end, per_session=visits_per_session, rng=rng),
            batch_size=BATCH,
        )
        clients = Client.objects.bulk_create(
            generate.clients(world, count=per_org["clients"], rng=rng), batch_size=BATCH
        )
        client_rows = [(client.pk, client.preferred_language) for client in clients]
        remaining = per_org["contacts"]
        while remaining > 0 and client_rows:
            chunk = min(remaining, 50_000)
            GuidanceContact.objects.bulk_create(
                generate.guidance_contacts(
                    organization, client_rows, staff, start=start, end=end, count=chunk, rng=rng
                ),
                batch_size=BATCH,
            )
            remaining -= chunk
