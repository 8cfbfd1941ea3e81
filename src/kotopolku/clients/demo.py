"""Load the invented demo clients of ``core.demo_content.DEMO_CLIENTS`` through the services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.appointments.selectors import TZ
from kotopolku.clients import services
from kotopolku.clients.models import Client, Household
from kotopolku.core.demo_content import DEMO_CLIENTS
from kotopolku.organizations.models import Organization


def load_demo_clients(organization: Organization) -> int:
    """Idempotent: a municipality that already has client records is left as it is."""
    rows = DEMO_CLIENTS.get(organization.slug, [])
    if not rows or Client.objects.for_organization(organization).exists():
        return 0
    today = timezone.localdate(timezone.now(), TZ)
    households: dict[str, Household] = {}

    def days_ago(key: str, row: dict) -> datetime.date | None:
        return today - datetime.timedelta(days=row[key]) if key in row else None

    for row in rows:
        household = None
        if row["household"]:
            if row["household"] not in households:
                households[row["household"]] = services.household_create(
                    organization=organization, data={"name": row["household"], "note": ""}, actor=None
                )
            household = households[row["household"]]
        worker = User.objects.filter(organization=organization, username=row["responsible"]).first()
        client = services.client_create(
            organization=organization,
            data={
                "first_name": row["first_name"],
                "last_name": row["last_name"],
                "personal_identity_code": row["personal_identity_code"],
                "languages": row["languages"],
                "preferred_language": row["preferred_language"],
                "interpreter_needed": bool(row["interpreter_language"]),
                "interpreter_language": row["interpreter_language"],
                "phone": row["phone"],
                "household": household,
                "target_group": row["target_group"],
                "permit_type": row["permit_type"],
                "first_residence_permit_date": days_ago("first_permit_days_ago", row),
                "permit_expires_on": today + datetime.timedelta(days=row["permit_valid_days"]),
                "assessment_date": days_ago("assessment_days_ago", row),
                "integration_plan_date": days_ago("plan_days_ago", row),
                "responsible_worker": worker,
                "legal_basis_note": "Laki kotoutumisen edistämisestä 681/2023.",
            },
            actor=None,
        )
        for ago, channel, service_type, topics, minutes, language, mode, note in row["contacts"]:
            services.guidance_contact_create(
                client=client,
                data={
                    "contact_date": today - datetime.timedelta(days=ago),
                    "channel": channel,
                    "service_type": service_type,
                    "topics": topics,
                    "duration_minutes": minutes,
                    "interpreter_language": language,
                    "interpreter_mode": mode,
                    "interpreter_minutes": minutes if language else None,
                    "note": note,
                },
                actor=worker,
            )
    return len(rows)
