"""Reception writes: proposal → decision → arrival → checklist; template edits. Every write audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.reception import services
from kotopolku.reception.defaults import DEFAULT_STEPS
from kotopolku.reception.models import ChecklistItem, ChecklistTemplateItem, Placement
from kotopolku.reception.tests import objects
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages asserted below are the English source texts."""
    with translation.override("en"):
        yield


TODAY = timezone.localdate


def _proposal_data(**overrides):
    data = {
        "reference": "ELY-2026-014",
        "received_on": TODAY() - datetime.timedelta(days=20),
        "family_size": 3,
        "ages": [40, 12, 2],
        "needs": "Koulu- ja päivähoitopaikka.",
    }
    data.update(overrides)
    return data


def test_proposal_is_recorded_and_audited(organization, coordinator):
    placement = services.placement_create(organization=organization, data=_proposal_data(), actor=coordinator)

    assert placement.status == Placement.Status.PROPOSED
    assert placement.ages == [40, 12, 2]
    event = AuditEvent.objects.get(action=AuditAction.PLACEMENT_PROPOSED)
    assert event.details == {"family_size": 3} and event.organization == organization


@pytest.mark.parametrize(
    "overrides",
    [{"ages": [40, 12]}, {"ages": [40, 12, 200]}, {"family_size": 0, "ages": []}, {"reference": ""}],
)
def test_bad_proposal_is_refused(overrides, organization, coordinator):
    with pytest.raises(ValidationError):
        services.placement_create(
            organization=organization, data=_proposal_data(**overrides), actor=coordinator
        )
    assert not Placement.objects.exists()
    assert not AuditEvent.objects.exists()


def test_duplicate_reference_is_refused_but_another_municipality_may_use_it(
    organization, other_organization, coordinator, other_coordinator
):
    services.placement_create(organization=organization, data=_proposal_data(), actor=coordinator)
    with pytest.raises(ValidationError, match="already exists"):
        services.placement_create(organization=organization, data=_proposal_data(), actor=coordinator)
    services.placement_create(organization=other_organization, data=_proposal_data(), actor=other_coordinator)
    assert Placement.objects.count() == 2


def test_decline_needs_a_reason_and_a_decision_is_final(organization, coordinator):
    placement = objects.placement(organization)
    with pytest.raises(ValidationError):
        services.placement_decide(
            placement=placement, accept=False, decided_on=TODAY(), reason=" ", actor=coordinator
        )

    services.placement_decide(
        placement=placement, accept=False, decided_on=TODAY(), reason="Ei sopivaa asuntoa.", actor=coordinator
    )
    placement.refresh_from_db()
    assert placement.status == Placement.Status.DECLINED and placement.decided_by == coordinator
    with pytest.raises(ValidationError, match="already been decided"):
        services.placement_decide(
            placement=placement, accept=True, decided_on=TODAY(), reason="", actor=coordinator
        )
    assert not placement.checklist.exists()


def test_accepting_with_an_arrival_date_creates_the_default_checklist(organization, coordinator):
    placement = objects.placement(organization)
    arrival = TODAY() + datetime.timedelta(days=21)

    services.placement_decide(
        placement=placement,
        accept=True,
        decided_on=TODAY(),
        reason="",
        arrival_date=arrival,
        actor=coordinator,
    )

    items = list(placement.checklist.order_by("position"))
    assert [item.key for item in items] == [step.key for step in DEFAULT_STEPS]
    housing = items[0]
    assert housing.due_on(arrival) == arrival - datetime.timedelta(days=14)
    assert ChecklistTemplateItem.objects.for_organization(organization).count() == len(DEFAULT_STEPS)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {AuditAction.PLACEMENT_DECIDED, AuditAction.CHECKLIST_TEMPLATE_CHANGED} <= actions


def test_arrival_rules(organization, coordinator):
    placement = objects.placement(organization)
    with pytest.raises(ValidationError, match="accepted"):
        services.placement_set_arrival(
            placement=placement, arrival_date=TODAY(), arrived=True, actor=coordinator
        )
    services.placement_decide(
        placement=placement, accept=True, decided_on=TODAY(), reason="", actor=coordinator
    )
    assert not placement.checklist.exists()  # no date yet
    with pytest.raises(ValidationError, match="future"):
        services.placement_set_arrival(
            placement=placement,
            arrival_date=TODAY() + datetime.timedelta(days=1),
            arrived=True,
            actor=coordinator,
        )

    services.placement_set_arrival(
        placement=placement,
        arrival_date=TODAY() + datetime.timedelta(days=10),
        arrived=False,
        actor=coordinator,
    )
    assert placement.checklist.count() == len(DEFAULT_STEPS)
    services.placement_set_arrival(placement=placement, arrival_date=TODAY(), arrived=True, actor=coordinator)

    placement.refresh_from_db()
    assert placement.status == Placement.Status.ARRIVED and placement.arrival_date == TODAY()
    assert placement.checklist.count() == len(DEFAULT_STEPS)  # not created twice
    assert AuditEvent.objects.filter(action=AuditAction.PLACEMENT_ARRIVED).count() == 1
    # Moving the arrival moves every due date.
    item = placement.checklist.get(key="dvv_registration")
    assert item.due_date == TODAY() + datetime.timedelta(days=7)


def test_checklist_item_done_and_undone(organization, coordinator, counselor):
    item = objects.checklist_item(organization)

    services.checklist_item_update(
        item=item, data={"status": ChecklistItem.Status.DONE, "owner": counselor}, actor=counselor
    )
    item.refresh_from_db()
    assert item.status == "done" and item.done_on == TODAY() and item.owner == counselor

    services.checklist_item_update(
        item=item, data={"status": ChecklistItem.Status.IN_PROGRESS}, actor=counselor
    )
    item.refresh_from_db()
    assert item.done_on is None
    events = AuditEvent.objects.filter(action=AuditAction.CHECKLIST_ITEM_UPDATED)
    assert events.count() == 2 and events.first().organization == organization


@pytest.mark.parametrize("problem", ["future_done", "other_owner", "offset"])
def test_bad_checklist_item_changes_are_refused(problem, organization, other_organization, counselor):
    item = objects.checklist_item(organization)
    data: dict = {"status": ChecklistItem.Status.DONE}
    if problem == "future_done":
        data["done_on"] = TODAY() + datetime.timedelta(days=1)
    elif problem == "other_owner":
        data["owner"] = factories.CounselorFactory.create(organization=other_organization)
    else:
        data = {"offset_days": 999}
    before = AuditEvent.objects.count()

    with pytest.raises(ValidationError):
        services.checklist_item_update(item=item, data=data, actor=counselor)

    item.refresh_from_db()
    assert item.status == "todo" and AuditEvent.objects.count() == before


def test_template_changes_apply_to_households_that_get_their_checklist_later(organization, coordinator):
    first = objects.arrived_placement(organization)
    services.template_item_create(
        organization=organization,
        data={"title": "Kirjastokortti", "offset_days": 20, "is_active": True},
        actor=coordinator,
    )
    dvv = ChecklistTemplateItem.objects.get(organization=organization, key="dvv_registration")
    services.template_item_update(item=dvv, data={"offset_days": 3, "is_active": True}, actor=coordinator)
    electricity = ChecklistTemplateItem.objects.get(organization=organization, key="electricity")
    services.template_item_update(item=electricity, data={"is_active": False}, actor=coordinator)

    second = objects.arrived_placement(organization)

    assert not first.checklist.filter(title="Kirjastokortti").exists()
    assert first.checklist.get(key="dvv_registration").offset_days == 7
    assert second.checklist.filter(title="Kirjastokortti", key="").exists()
    assert second.checklist.get(key="dvv_registration").offset_days == 3
    assert not second.checklist.filter(key="electricity").exists()
    assert AuditEvent.objects.filter(action=AuditAction.CHECKLIST_TEMPLATE_CHANGED).count() == 4  # seed + 3


def test_household_link(organization, other_organization, coordinator):
    placement = objects.arrived_placement(organization)
    household = factories.HouseholdFactory.create(organization=organization)
    with pytest.raises(ValidationError):
        services.placement_link_household(
            placement=placement,
            household=factories.HouseholdFactory.create(organization=other_organization),
            actor=coordinator,
        )
    services.placement_link_household(placement=placement, household=household, actor=coordinator)
    other = objects.arrived_placement(organization)
    with pytest.raises(ValidationError, match="already linked"):
        services.placement_link_household(placement=other, household=household, actor=coordinator)
    placement.refresh_from_db()
    assert placement.household == household
    assert AuditEvent.objects.filter(action=AuditAction.PLACEMENT_HOUSEHOLD_LINKED).count() == 1


def test_arrival_before_the_decision_is_refused(organization, coordinator):
    placement = objects.placement(organization)
    with pytest.raises(ValidationError, match="before the decision"):
        services.placement_decide(
            placement=placement,
            accept=True,
            decided_on=TODAY(),
            reason="",
            arrival_date=TODAY() - datetime.timedelta(days=1),
            actor=coordinator,
        )
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PROPOSED and not placement.checklist.exists()
