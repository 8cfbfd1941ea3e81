"""Small builders of reception and deadlines objects for tests (and the tenant isolation test)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kotopolku.deadlines.models import FollowUpTask
from kotopolku.organizations.models import Organization
from kotopolku.reception import services
from kotopolku.reception.models import ChecklistItem, ChecklistTemplateItem, Placement
from kotopolku.testing import factories


def placement(organization: Organization) -> Placement:
    return factories.PlacementFactory.create(organization=organization)


def arrived_placement(organization: Organization, *, days_ago: int = 10) -> Placement:
    """An accepted family that arrived ``days_ago`` days ago, with its checklist from the template."""
    proposal = factories.PlacementFactory.create(
        organization=organization, received_on=timezone.localdate() - datetime.timedelta(days=days_ago + 60)
    )
    today = timezone.localdate()
    accepted = services.placement_decide(
        placement=proposal,
        accept=True,
        decided_on=today - datetime.timedelta(days=days_ago + 30),
        reason="",
        actor=None,
    )
    return services.placement_set_arrival(
        placement=accepted, arrival_date=today - datetime.timedelta(days=days_ago), arrived=True, actor=None
    )


def checklist_item(organization: Organization) -> ChecklistItem:
    item = arrived_placement(organization).checklist.order_by("offset_days", "id").first()
    assert item is not None
    return item


def template_item(organization: Organization) -> ChecklistTemplateItem:
    return factories.ChecklistTemplateItemFactory.create(organization=organization)


def task(organization: Organization) -> FollowUpTask:
    return factories.FollowUpTaskFactory.create(organization=organization)
