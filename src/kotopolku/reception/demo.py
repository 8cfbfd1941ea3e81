"""Load the reception demo data of ``core.demo_content.DEMO_RECEPTION`` through the services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kotopolku.appointments.selectors import TZ
from kotopolku.clients.models import Household
from kotopolku.core.demo_content import DEMO_RECEPTION
from kotopolku.organizations.models import Organization
from kotopolku.reception import services
from kotopolku.reception.models import ChecklistItem, Placement


def load_demo_reception(organization: Organization) -> int:
    """Idempotent: a municipality that already has placements is left as it is."""
    rows = DEMO_RECEPTION.get(organization.slug, [])
    if not rows or Placement.objects.for_organization(organization).exists():
        return 0
    today = timezone.localdate(timezone.now(), TZ)

    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    for row in rows:
        placement = services.placement_create(
            organization=organization,
            data={
                "reference": row["reference"],
                "received_on": ago(row["received_days_ago"]),
                "family_size": len(row["ages"]),
                "ages": row["ages"],
                "needs": row["needs"],
            },
            actor=None,
        )
        if "decided_days_ago" not in row:
            continue
        services.placement_decide(
            placement=placement, accept=True, decided_on=ago(row["decided_days_ago"]), reason="", actor=None
        )
        arrival = ago(row["arrived_days_ago"])
        placement = services.placement_set_arrival(
            placement=placement, arrival_date=arrival, arrived=True, actor=None
        )
        household = (
            Household.objects.for_organization(organization).filter(name=row.get("household", "")).first()
        )
        if household is not None:
            services.placement_link_household(placement=placement, household=household, actor=None)
        for key, done in row["done"].items():
            item = placement.checklist.get(key=key)
            if done == "-":
                data: dict = {"status": ChecklistItem.Status.IN_PROGRESS}
            else:
                data = {
                    "status": ChecklistItem.Status.DONE,
                    "done_on": arrival + datetime.timedelta(days=done),
                }
            services.checklist_item_update(item=item, data=data, actor=None)
    return len(rows)
