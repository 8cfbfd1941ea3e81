"""Load the demo partner network and hobbies (``core.demo_content.DEMO_NETWORK``) through the services.

Idempotent: a municipality that already has partners is left as it is.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from kotopolku.appointments.selectors import TZ
from kotopolku.core import demo_content
from kotopolku.network import services
from kotopolku.network.models import Partner
from kotopolku.organizations.models import Organization


def _per_language(field: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{field}_{code}": text for code, text in texts.items()}


@transaction.atomic
def load_demo_network(organization: Organization) -> bool:
    data = demo_content.DEMO_NETWORK.get(organization.slug)
    if data is None or Partner.objects.for_organization(organization).exists():
        return False
    partners = {}
    for key, kind, name, offers, languages in data["partners"]:
        partners[key] = services.partner_create(
            organization=organization,
            data={"kind": kind, "name": name, "offers": offers, "languages": languages, "city": "Heinola"},
            actor=None,
        )
    for organizer, category, price, support, languages, ages, name, schedule, place, address, text in data[
        "activities"
    ]:
        services.activity_create(
            organization=organization,
            data={
                "organizer": partners.get(organizer),
                "category": category,
                "price": price,
                "support_available": support,
                "street_address": address,
                "city": "Heinola",
                **_per_language("name", name),
                **_per_language("schedule", schedule),
                **_per_language("description", text),
                "place_name_fi": place,
            },
            languages=languages,
            age_groups=ages,
            actor=None,
        )
    today = timezone.localdate(timezone.now(), TZ)
    for days, start, end, kind, organizer, title, place, address in data["events"]:
        day = today + datetime.timedelta(days=days)
        services.event_create(
            organization=organization,
            data={
                "kind": kind,
                "organizer": partners.get(organizer),
                "start": datetime.datetime.combine(day, start, tzinfo=TZ),
                "end": datetime.datetime.combine(day, end, tzinfo=TZ),
                "street_address": address,
                "city": "Heinola",
                "place_name_fi": place,
                **_per_language("title", title),
            },
            actor=None,
        )
    for days, kind, keys, note in data["cooperation"]:
        services.cooperation_record(
            organization=organization,
            data={"kind": kind, "date": today + datetime.timedelta(days=days), "note": note},
            partners=[partners[key] for key in keys],
            actor=None,
        )
    return True
