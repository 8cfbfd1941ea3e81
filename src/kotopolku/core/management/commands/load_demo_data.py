"""Load the Heinola demo data (and one invented municipality). Refused in production."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.accounts.services import staff_create
from kotopolku.appointments.selectors import TZ
from kotopolku.appointments.services import working_hours_create
from kotopolku.clients.demo import load_demo_clients
from kotopolku.core import demo_content
from kotopolku.deadlines.demo import load_demo_deadlines
from kotopolku.dropin import selectors as dropin_selectors
from kotopolku.dropin import services as dropin_services
from kotopolku.letters.demo import load_demo_letters
from kotopolku.network.demo import load_demo_network
from kotopolku.organizations import services
from kotopolku.organizations.models import Organization
from kotopolku.reception.demo import load_demo_reception
from kotopolku.statistics.demo import load_demo_statistics


def per_language(field: str, texts: dict[str, str]) -> dict[str, str]:
    """{"fi": "x", "en": "y"} → {"field_fi": "x", "field_en": "y"}; missing languages fall back to Finnish."""
    return {f"{field}_{code}": text for code, text in texts.items()}


class Command(BaseCommand):
    help = "Load the Heinola demo data and demo staff logins (demo and test installations only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError("Demo data is never loaded in production (KOTOPOLKU_ENV=production).")
        with transaction.atomic():
            for municipality in demo_content.MUNICIPALITIES:
                if Organization.objects.filter(slug=municipality["slug"]).exists():
                    self.stdout.write(f"{municipality['slug']}: already loaded, left as it is.")
                    continue
                self._load(municipality)
                self.stdout.write(f"{municipality['slug']}: loaded.")
            for organization in Organization.objects.filter(
                slug__in=[m["slug"] for m in demo_content.MUNICIPALITIES]
            ):
                if load_demo_clients(organization):
                    self.stdout.write(f"{organization.slug}: demo clients loaded.")
                if load_demo_network(organization):
                    self.stdout.write(f"{organization.slug}: demo partners, hobbies and events loaded.")
                if load_demo_reception(organization):
                    self.stdout.write(f"{organization.slug}: demo reception placements loaded.")
                if load_demo_deadlines(organization):
                    self.stdout.write(f"{organization.slug}: demo follow-up tasks loaded.")
                if load_demo_letters(organization):
                    self.stdout.write(f"{organization.slug}: demo shared letters loaded.")
                if load_demo_statistics(organization):
                    self.stdout.write(f"{organization.slug}: a year of history for the statistics loaded.")
            if not User.objects.filter(username=demo_content.SYSTEM_ADMIN_USERNAME).exists():
                admin = User(
                    username=demo_content.SYSTEM_ADMIN_USERNAME,
                    first_name="Järjestelmä",
                    last_name="Ylläpito",
                    is_superuser=True,
                    is_staff=True,
                    is_demo_account=True,
                )
                admin.set_password(demo_content.DEMO_PASSWORD)
                admin.save()
        self._print_logins()

    def _load(self, data: dict[str, Any]) -> None:
        organization = services.organization_create(
            data={
                "slug": data["slug"],
                "contact_phone": data["contact_phone"],
                "contact_email": data["contact_email"],
                "accessibility_feedback_email": data["accessibility_feedback_email"],
                **per_language("name", data["name"]),
                **per_language("unit_name", data["unit_name"]),
                **per_language("intro", data["intro"]),
                **per_language("booking_instructions", data["booking_instructions"]),
                **per_language("accessibility_statement", data["accessibility_statement"]),
            },
            actor=None,
        )
        places = {}
        for place in data["places"]:
            places[place["key"]] = services.place_create(
                organization=organization,
                data={
                    "street_address": place["street_address"],
                    "postal_code": place["postal_code"],
                    "city": place["city"],
                    **per_language("name", place["name"]),
                    **per_language("description", place["description"]),
                },
                actor=None,
            )
        for position, service in enumerate(data["services"]):
            services.service_create(
                organization=organization,
                data={
                    "service_type": service["type"],
                    "duration_minutes": service["duration"],
                    "bookable": service.get("bookable", True),
                    "position": position,
                    **per_language("name", service["name"]),
                    **per_language("description", service["description"]),
                },
                actor=None,
            )
        people = {}
        for person in data["staff"]:
            user = staff_create(
                organization=organization,
                data={
                    "username": person["username"],
                    "first_name": person["first_name"],
                    "last_name": person["last_name"],
                    "email": f"{person['username']}@{data['slug']}.example",
                    "role": person["role"],
                    "show_on_public_pages": person["public"],
                    **per_language("job_title", person["job_title"]),
                },
                password=demo_content.DEMO_PASSWORD,
                actor=None,
            )
            User.objects.filter(pk=user.pk).update(is_demo_account=True)
            people[user.username] = user
        for username, weekday, start, end, mode, place in demo_content.WORKING_HOURS.get(data["slug"], []):
            working_hours_create(
                organization=organization,
                data={
                    "staff": people[username],
                    "weekday": weekday,
                    "start_time": start,
                    "end_time": end,
                    "mode": mode,
                    "place": places[place] if place else None,
                },
                actor=None,
            )
        today = timezone.localdate(timezone.now(), TZ)
        for dropin in data["dropin"]:
            dropin_services.dropin_schedule_create(
                organization=organization,
                data={
                    "place": places[dropin["place"]],
                    "weekday": dropin["weekday"],
                    "start_time": dropin["start"],
                    "end_time": dropin["end"],
                    "valid_from": today,
                    **per_language("note", dropin["note"]),
                },
                staff_on_duty=[people[username] for username in dropin["staff"]],
                actor=None,
            )
        if settings.IS_DEMO and data["slug"] == demo_content.DEMO_OPEN_DROPIN_SLUG:
            # So a newcomer can try the drop-in at once: a session that is open right now.
            now = timezone.now().replace(second=0, microsecond=0)
            first = data["dropin"][0]
            dropin_services.dropin_extra_session_create(
                organization=organization,
                data={
                    "place": places[first["place"]],
                    "start": now - datetime.timedelta(minutes=5),
                    "end": now + datetime.timedelta(hours=2),
                    **per_language("note", first["note"]),
                },
                staff_on_duty=[people[username] for username in first["staff"]],
                actor=None,
            )
            # A few people already waiting, so the staff queue and the display have something to show.
            session = next(iter(dropin_selectors.open_sessions(organization=organization)))
            for language, topic, interpreter in demo_content.DEMO_DROPIN_QUEUE:
                dropin_services.ticket_check_in(
                    organization=organization,
                    session=session,
                    language=language,
                    topic=topic,
                    needs_interpreter=interpreter,
                    source="kiosk",
                )

    def _print_logins(self) -> None:
        rows = (
            User.objects.filter(is_demo_account=True)
            .select_related("organization")
            .order_by("organization", "role")
        )
        self.stdout.write("")
        self.stdout.write(f"Demo staff logins (password for all: {demo_content.DEMO_PASSWORD}) at /staff/:")
        for user in rows:
            where = user.organization.slug if user.organization else "all municipalities"
            role = user.get_role_display() if user.role else "system administrator"
            self.stdout.write(f"  {user.username:<24} {role:<22} {where}")
        self.stdout.write("")
